package lsp

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/envdoc"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// The server's view of the files every judgement depends on (expertise
// files and the places env vars are documented: env example and env files,
// compose files, docs, Dockerfiles, deploy and CI configuration) must be
// current whatever the client does. Clients without file watching (Neovim
// before 0.9, many others) never say that such a file changed, and even
// watching clients report a change after the save that made it, possibly
// after the judgement it should have changed. So before each judgement and
// each fix the server revalidates them itself, cheaply:
//
//   - an open document of the file wins over the disk: its buffer, unsaved
//     or not, is what the index holds, updated when its version changes,
//     and the disk's again once it is closed;
//   - a file that is not open but that a command of the server had the
//     client change (workspace/applyEdit answered "applied") holds what the
//     edit made of it until the disk changes: a client may keep the result
//     in an unsaved buffer the server is not told about (Neovim 0.7 does);
//   - a file that is not open is compared by size and modification time
//     with the stat of the content the index holds, and read again only when
//     they differ (or it is gone);
//   - a directory holding such files, and the workspace root, is compared
//     the same way, and listed again when an entry was created, removed or
//     renamed in it, so that a new .env.example or expertise file is seen.
//
// One stat per dependency and per directory of them, several at a time:
// BenchmarkRevalidate, 5,000 indexed files of which 755 are dependencies. Source files, whose facts matter less across
// files, still follow watched-file notifications and saves.

// stamp is what a stat says of a file's version.
type stamp = walk.Stamp

var stampOf = walk.StampOf

// diskView records which version of each dependency the index holds.
type diskView struct {
	mu    sync.Mutex
	files map[string]stamp  // dependencies read from disk: the stat of that read
	dirs  map[string]stamp  // directories of dependencies, and the root
	bufs  map[string]uint64 // open dependencies: the buffer version the index holds

	applied map[string]*appliedEdit // files the client changed for a command, not open
}

// appliedEdit is what a command's edit made of a file that is not open: its
// content in the client as long as the disk is what it was then.
type appliedEdit struct {
	content []byte
	disk    stamp // the file on disk when the edit was applied
	exists  bool  // whether it existed on disk then
	indexed bool  // the index holds content
}

// holds reports whether the disk (the result of a stat) is still what it
// was when the edit was applied.
func (a *appliedEdit) holds(info fs.FileInfo, err error) bool {
	if err != nil {
		return !a.exists
	}
	return a.exists && stampOf(info) == a.disk
}

func newDiskView() *diskView {
	return &diskView{files: map[string]stamp{}, dirs: map[string]stamp{}, bufs: map[string]uint64{}, applied: map[string]*appliedEdit{}}
}

// isDependency reports whether the file at path is one that other files'
// judgements depend on, for a server whose expertise globs are globs.
func isDependency(rel string, globs []string) bool {
	return envdoc.DocumentsEnv(rel) || expertise.IsExpertisePath(filepath.ToSlash(rel), globs)
}

// dependencies returns the dependency files the index holds.
func dependencies(ix *analysis.Index) []string {
	var out []string
	for _, e := range ix.Experts() {
		out = append(out, e.Path)
	}
	for _, e := range ix.EnvExamples() {
		out = append(out, e.Path)
	}
	for _, n := range ix.EnvNames() {
		out = append(out, n.Path)
	}
	return out
}

// newDiskViewOf records the stat of every dependency of a freshly built
// index and of their directories, as the versions the index holds.
func newDiskViewOf(ix *analysis.Index) *diskView {
	v := newDiskView()
	for _, p := range dependencies(ix) {
		if info, err := os.Stat(p); err == nil {
			v.files[p] = stampOf(info)
		}
		v.dirs[filepath.Dir(p)] = stamp{}
	}
	if ix.Root != "" {
		v.dirs[ix.Root] = stamp{}
	}
	for d := range v.dirs {
		if info, err := os.Stat(d); err == nil {
			v.dirs[d] = stampOf(info)
		}
	}
	return v
}

// syncDependencies brings the dependencies of the index u is judged
// against (of every folder, when u is "") up to date with what the client
// has (see revalidate) and, when that changed any, has every open document
// but u judged again. It is safe to call from any goroutine.
func (s *Server) syncDependencies(u uri.URI) {
	folders := s.allFolders()
	if p, ok := documentPath(u); ok && u != "" {
		folders = []*folder{s.folderOf(p)}
	}
	changed := false
	for _, f := range folders {
		changed = s.revalidate(f) || changed
	}
	changed = s.baselinesChanged(folders) || changed
	if changed {
		s.dependenciesChanged(u)
	}
}

// revalidate updates the dependencies of a folder's index that changed
// since it read them and reports whether any did.
func (s *Server) revalidate(f *folder) bool {
	ix, v := s.state(f)
	if ix == nil || v == nil || ix.Root == "" {
		return false
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	var files []string
	known := map[string]bool{}
	for _, p := range dependencies(ix) {
		if !known[p] {
			known[p] = true
			files = append(files, p)
		}
	}
	dirs := make([]string, 0, len(v.dirs))
	for d := range v.dirs {
		dirs = append(dirs, d)
	}
	stats := statAll(append(files, dirs...))
	changed := false
	for i, p := range files {
		changed = s.refreshDependency(ix, v, p, stats[i]) || changed
	}
	for i, d := range dirs {
		st := stats[len(files)+i]
		if st.err != nil {
			delete(v.dirs, d)
			continue
		}
		if now := stampOf(st.info); now != v.dirs[d] {
			v.dirs[d] = now
			changed = s.discover(ix, v, d, known) || changed
		}
	}
	return changed
}

// statResult is what os.Stat said of a path.
type statResult struct {
	info fs.FileInfo
	err  error
}

func statOf(path string) statResult {
	info, err := os.Stat(path)
	return statResult{info, err}
}

// statAll stats paths, several at a time when there are many: a stat is a
// system call of a few microseconds, and a workspace may have a thousand
// files and directories to check.
func statAll(paths []string) []statResult {
	out := make([]statResult, len(paths))
	const perWorker = 128
	workers := min(runtime.GOMAXPROCS(0)*2, (len(paths)+perWorker-1)/perWorker)
	if workers <= 1 {
		for i, p := range paths {
			out[i] = statOf(p)
		}
		return out
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(paths); i += workers {
				out[i] = statOf(paths[i])
			}
		})
	}
	wg.Wait()
	return out
}

// refreshDependency brings the index's copy of the dependency at path up to date: the
// open buffer, else the disk. It reports whether the index changed.
func (s *Server) refreshDependency(ix *analysis.Index, v *diskView, path string, disk statResult) bool {
	if content, key, open := s.docs.bufferOf(path); open {
		if v.bufs[path] == key {
			return false
		}
		v.bufs[path] = key
		delete(v.files, path) // read the disk again once it is closed
		return s.updateDependency(ix, path, content)
	}
	delete(v.bufs, path)
	info, err := disk.info, disk.err
	if a, ok := v.applied[path]; ok {
		if a.holds(info, err) {
			if a.indexed {
				return false
			}
			a.indexed = true
			return s.updateDependency(ix, path, a.content)
		}
		delete(v.applied, path) // the disk changed since: it wins
		delete(v.files, path)
	}
	if err != nil || !info.Mode().IsRegular() {
		delete(v.files, path)
		return ix.Remove(path)
	}
	st := stampOf(info)
	if old, ok := v.files[path]; ok && old == st {
		return false
	}
	if dir := filepath.Dir(path); !hasKey(v.dirs, dir) {
		v.dirs[dir] = stamp{} // listed at the next revalidation, then watched
	}
	content, err := readFileUpTo(path, s.settings().Index.MaxFileSize)
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, errTooLarge):
		delete(v.files, path)
		return ix.Remove(path)
	case err != nil:
		s.log.Warn("could not read a file judgements depend on", zap.String("path", path), zap.Error(err))
		return false
	}
	v.files[path] = st
	return s.updateDependency(ix, path, content)
}

// updateDependency records new content of a dependency and reports whether
// the index changed.
func (s *Server) updateDependency(ix *analysis.Index, path string, content []byte) bool {
	if base, known := ix.Content(path); known && bytes.Equal(base, content) {
		return false
	}
	s.log.Debug("a dependency changed", zap.String("path", path))
	return ix.Update(path, content)
}

// discover reads the dependencies of directory dir that the index does not
// know yet (created or renamed into it).
func (s *Server) discover(ix *analysis.Index, v *diskView, dir string, known map[string]bool) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	globs := s.settings().Expertise.Paths
	changed := false
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if known[p] || !e.Type().IsRegular() {
			continue
		}
		rel, err := filepath.Rel(ix.Root, p)
		if err != nil || !isDependency(rel, globs) || !s.tracks(p) {
			continue
		}
		known[p] = true
		changed = s.refreshDependency(ix, v, p, statOf(p)) || changed
	}
	return changed
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// recordApplied records what the client's content of files that are not
// open is after it applied edits computed against states, and brings the
// index up to date with it.
func (s *Server) recordApplied(states map[string]fileState, edits []analysis.TextEdit) {
	byPath := map[string][]analysis.TextEdit{}
	for _, e := range edits {
		byPath[e.Path] = append(byPath[e.Path], e)
	}
	for path, es := range byPath {
		st, ok := states[path]
		_, v := s.state(s.folderOf(path))
		if !ok || st.version != nil || v == nil {
			continue // an open document: its changes come as didChange
		}
		content, err := analysis.ApplyEdits(st.content, es)
		if err != nil {
			s.log.Warn("could not follow an applied edit", zap.String("path", path), zap.Error(err))
			continue
		}
		a := &appliedEdit{content: content}
		if info, err := os.Stat(path); err == nil {
			a.disk, a.exists = stampOf(info), true
		}
		v.mu.Lock()
		v.applied[path] = a
		v.mu.Unlock()
	}
	s.syncDependencies("")
}

// appliedContent returns what a command's edit made of the file at path,
// when the disk is still what it was then.
func (s *Server) appliedContent(path string) ([]byte, bool) {
	_, v := s.state(s.folderOf(path))
	if v == nil {
		return nil, false
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	a, ok := v.applied[path]
	if !ok {
		return nil, false
	}
	info, err := os.Stat(path)
	if !a.holds(info, err) {
		return nil, false
	}
	return a.content, true
}
