package analysis

import (
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis/envdoc"
)

// treeBytesPerByte is what a tree-sitter tree costs per byte of source,
// measured on the generated workspace (1,648 trees of 3.1 MB of source held
// 170 MB). Content, line index and lexed spans cost about 8 bytes per byte.
const (
	treeBytesPerByte = 55
	fileBytesPerByte = 8
)

// keeper holds Files the index built while indexing, so that a caller that
// judges the same files next (check) does not read, lex and parse them again.
type keeper struct {
	mu    sync.Mutex
	left  int64 // budget left, in estimated bytes
	want  func(path string) bool
	files map[string]*File
}

// KeepFiles makes Build keep the Files it reads for paths that want accepts,
// up to about budget bytes of memory (contents, lexed spans and parse trees),
// for TakeFile. Files beyond the budget are released as usual.
func (ix *Index) KeepFiles(budget int64, want func(path string) bool) {
	ix.mu.Lock()
	ix.keep = &keeper{left: budget, want: want, files: map[string]*File{}}
	ix.mu.Unlock()
}

// TakeFile returns the File Build kept for path and forgets it, or nil. The
// caller owns it: it calls Release when done.
func (ix *Index) TakeFile(path string) *File {
	ix.mu.RLock()
	k := ix.keep
	ix.mu.RUnlock()
	if k == nil {
		return nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	f := k.files[path]
	delete(k.files, path)
	return f
}

// DropKept releases every File still kept and stops keeping.
func (ix *Index) DropKept() {
	ix.mu.Lock()
	k := ix.keep
	ix.keep = nil
	ix.mu.Unlock()
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, f := range k.files {
		f.Release()
	}
	k.files = nil
}

// kept keeps f if its owner wants it and it fits the budget, and reports
// whether it did; if not, the caller releases f.
func (ix *Index) kept(f *File) bool {
	ix.mu.RLock()
	k := ix.keep
	ix.mu.RUnlock()
	if k == nil || envdoc.IsEnvNamesOnly(f.Path) || !k.want(f.Path) {
		return false
	}
	cost := int64(len(f.Content)) * fileBytesPerByte
	if f.HasTree() {
		cost += int64(len(f.Content)) * treeBytesPerByte
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.files == nil || cost > k.left {
		return false
	}
	k.left -= cost
	k.files[f.Path] = f
	return true
}
