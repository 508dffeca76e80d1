package walk

import (
	"io/fs"
	"time"
)

// Stamp is what a stat says of a file's version: size, modification time
// and mode. Two equal stamps are taken to mean the same content by the
// readers that cannot rely on change notifications (the server's
// dependencies, the baseline file, the MCP server's fact cache).
type Stamp struct {
	Size  int64
	Mtime time.Time
	Mode  fs.FileMode
}

// StampOf returns the stamp of info.
func StampOf(info fs.FileInfo) Stamp {
	return Stamp{Size: info.Size(), Mtime: info.ModTime(), Mode: info.Mode()}
}

// RacyWindow is how recently a file may have been modified for its stamp
// not to be trusted: a write within the same clock tick as the read that
// recorded it would leave the stamp unchanged (git's "racy" files).
const RacyWindow = 2 * time.Second
