// Package atomicfile replaces files so that a reader sees the old content
// or the new, never a mix: the new content goes to a temporary file in the
// same directory (synced, with the mode of the file it replaces), which is
// then renamed over the target. Staging and committing are separate steps,
// so that a change of several files writes every one before any lands.
package atomicfile

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Staged is new content written beside its target, not yet in place.
type Staged struct {
	Path string // the target
	tmp  string
}

// Stage writes content to a temporary file beside path, with path's
// permissions when it exists (0644 for a new file).
func Stage(path string, content []byte) (*Staged, error) {
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	_, err = tmp.Write(content)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Staged{Path: path, tmp: tmp.Name()}, nil
}

// Commit renames the staged content over its target.
func (s *Staged) Commit() error {
	if err := os.Rename(s.tmp, s.Path); err != nil {
		os.Remove(s.tmp)
		return fmt.Errorf("%s: %w", s.Path, err)
	}
	return nil
}

// Discard removes the staged content; the target stays as it was.
func (s *Staged) Discard() { _ = os.Remove(s.tmp) }

// Write replaces the file at path with content, atomically.
func Write(path string, content []byte) error {
	s, err := Stage(path, content)
	if err != nil {
		return err
	}
	return s.Commit()
}
