package analysis

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/internal/atomicfile"
	"github.com/expertise-ls/expertise-ls/internal/filelock"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// Content returns the content the index holds of the file at path, when it
// holds any: an expertise file or an env example file. Fixes that edit
// those files are computed against it.
func (ix *Index) Content(path string) ([]byte, bool) {
	if e := ix.Expert(path); e != nil {
		return e.Content, true
	}
	for _, e := range ix.EnvExamples() {
		if e.Path == path {
			return e.Content, true
		}
	}
	return nil, false
}

// FileChange is what writing edits did to one file.
type FileChange struct {
	Path          string
	Before, After []byte
	Created       bool
}

// WriteEdits writes edits of one or several files of the workspace to disk,
// all or nothing, as drivers without an editor to apply them do (an agent's
// tool call). The edits were computed against read[path] for the files in
// read (the document a fix was offered in, a file the caller read itself),
// else against the index's copy (see Content); an edit that creates a file
// needs it not to exist. Under each file's lock (internal/filelock, the one
// expertise.EditLocked and the language server's commands take, expertise
// files last as they do), it checks that every file is still that content,
// stages the new content of all of them beside them, then moves each into
// place. Files outside the workspace, files changed since they were read,
// and a failure to stage leave every file as it was.
func (ix *Index) WriteEdits(ctx context.Context, edits []TextEdit, read map[string][]byte) (changes []FileChange, err error) {
	byPath := map[string][]TextEdit{}
	var paths []string
	for _, e := range edits {
		if !walk.Inside(ix.Root, e.Path) {
			return nil, fmt.Errorf("%s is outside the workspace %s: expertise-ls edits nothing there", e.Path, ix.Root)
		}
		if _, seen := byPath[e.Path]; !seen {
			paths = append(paths, e.Path)
		}
		byPath[e.Path] = append(byPath[e.Path], e)
	}
	slices.SortFunc(paths, func(a, b string) int {
		if ea, eb := ix.Expert(a) != nil, ix.Expert(b) != nil; ea != eb {
			if ea {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	var unlocks []func() error
	defer func() {
		for _, unlock := range unlocks {
			err = errors.Join(err, unlock())
		}
	}()
	for _, p := range paths {
		unlock, lockErr := filelock.Lock(ctx, walk.ResolveExisting(p))
		if lockErr != nil {
			return nil, lockErr
		}
		unlocks = append(unlocks, unlock)
	}
	var staged []*atomicfile.Staged
	defer func() {
		for _, s := range staged {
			s.Discard() // after a commit there is nothing left to remove
		}
	}()
	for _, p := range paths {
		ch, err := ix.changeOf(p, byPath[p], read)
		if err != nil {
			return nil, err
		}
		s, err := atomicfile.Stage(walk.ResolveExisting(p), ch.After)
		if err != nil {
			return nil, err
		}
		staged = append(staged, s)
		changes = append(changes, ch)
	}
	for i, s := range staged {
		if err := s.Commit(); err != nil {
			return nil, errors.Join(err, restore(changes[:i]))
		}
	}
	return changes, nil
}

// changeOf checks that the file at path is what its edits were computed
// against and returns what they make of it.
func (ix *Index) changeOf(path string, edits []TextEdit, read map[string][]byte) (FileChange, error) {
	create := edits[0].Create
	for _, e := range edits {
		if e.Create != create {
			return FileChange{}, fmt.Errorf("%s: some edits create the file, others change it", path)
		}
	}
	onDisk, err := os.ReadFile(path)
	exists := !errors.Is(err, fs.ErrNotExist)
	switch {
	case create && exists:
		return FileChange{}, fmt.Errorf("%s exists now (the edit would create it); nothing written, ask for the fix again", path)
	case create:
		var text strings.Builder
		for _, e := range edits {
			text.WriteString(e.NewText)
		}
		return FileChange{Path: path, After: []byte(text.String()), Created: true}, nil
	case err != nil:
		return FileChange{}, fmt.Errorf("%s: %w", path, err)
	}
	base, known := read[path]
	if !known {
		base, known = ix.Content(path)
	}
	if !known || !bytes.Equal(base, onDisk) {
		return FileChange{}, fmt.Errorf("%s changed on disk since expertise-ls read it; nothing written, ask for the fix again", path)
	}
	after, err := ApplyEdits(base, edits)
	if err != nil {
		return FileChange{}, fmt.Errorf("%s: %w", path, err)
	}
	return FileChange{Path: path, Before: base, After: after}, nil
}

// restore puts back what changes replaced, after a later file of the same
// write could not be moved into place.
func restore(changes []FileChange) error {
	var errs []error
	for _, ch := range changes {
		if ch.Created {
			errs = append(errs, os.Remove(ch.Path))
			continue
		}
		errs = append(errs, atomicfile.Write(walk.ResolveExisting(ch.Path), ch.Before))
	}
	return errors.Join(errs...)
}
