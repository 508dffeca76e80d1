package baseline

import (
	"errors"
	"io/fs"
	"os"
	"sync"

	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// Watched is a baseline file that is read again whenever a stat says it
// changed (size, modification time, mode), for a server whose client may
// never report a change of it.
type Watched struct {
	mu     sync.Mutex
	name   string
	loaded bool
	stamp  stamp
	b      *Baseline
	err    error
}

// stamp is what a stat says of the file, or that there is none.
type stamp struct {
	exists bool
	walk.Stamp
}

// NewWatched watches the baseline file at name (read on the first Get).
func NewWatched(name string) *Watched { return &Watched{name: name} }

// Name is the watched file.
func (w *Watched) Name() string { return w.name }

// Get returns the baseline as the file now is, or why it is not one; changed
// reports whether that differs from what the previous Get read (always true
// on the first). A file that does not exist is an error like any other.
func (w *Watched) Get() (b *Baseline, changed bool, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var st stamp
	if info, err := os.Stat(w.name); err == nil {
		st = stamp{exists: true, Stamp: walk.StampOf(info)}
	} else if !errors.Is(err, fs.ErrNotExist) {
		w.loaded = false // unreadable: try again next time
	}
	if w.loaded && st == w.stamp {
		return w.b, false, w.err
	}
	w.b, w.err = Load(w.name)
	w.stamp, w.loaded = st, true
	return w.b, true, w.err
}
