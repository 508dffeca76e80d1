//go:build unix

package main

import (
	"io/fs"
	"syscall"
)

// statOf returns what the cache compares of a file's metadata: size,
// modification and change times and inode. The change time cannot be set
// back by tools that preserve modification times (cp -p, rsync -t).
func statOf(info fs.FileInfo) (statEntry, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return statEntry{}, false
	}
	return statEntry{
		Size:  info.Size(),
		Mtime: info.ModTime().UnixNano(),
		Ctime: st.Ctim.Sec*1e9 + st.Ctim.Nsec,
		Ino:   uint64(st.Ino),
	}, true
}
