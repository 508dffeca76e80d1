package lsp

import (
	"context"
	"path/filepath"
	"slices"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// Workspace folders. The client names them in initialize (workspaceFolders,
// else rootUri or rootPath) and adds or removes them with
// workspace/didChangeWorkspaceFolders. Each folder has its own index: its
// expertise files, env files and sources, walked from its root. A file is
// judged against the deepest folder that contains it (folders may nest), a
// file outside every folder against an empty index of its own. Settings are
// the session's, the same for every folder.

// folder is one workspace folder and the index of what it holds.
type folder struct {
	root  string          // absolute and clean; "" for files outside every folder
	index *analysis.Index // nil until built
	disk  *diskView       // which versions of its dependencies the index holds
}

// folderOf returns the folder a file belongs to: the deepest containing it,
// else the folder of loose files.
func (s *Server) folderOf(path string) *folder {
	s.mu.Lock()
	defer s.mu.Unlock()
	best := s.loose
	for _, f := range s.folders {
		if walk.Within(f.root, path) && len(f.root) > len(best.root) {
			best = f
		}
	}
	return best
}

// workspaceFolders returns the workspace folders, without the loose one.
func (s *Server) workspaceFolders() []*folder {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.folders)
}

// allFolders returns the workspace folders and the loose one.
func (s *Server) allFolders() []*folder {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append(slices.Clone(s.folders), s.loose)
}

// state returns a folder's index and disk view (nil before its first build).
func (s *Server) state(f *folder) (*analysis.Index, *diskView) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return f.index, f.disk
}

// indexOf returns the index a file is judged against and the dependency
// generation.
func (s *Server) indexOf(path string) (*analysis.Index, uint64) {
	ix, _ := s.state(s.folderOf(path))
	return ix, s.generation()
}

// generation returns the dependency generation: it changes whenever what
// judgements depend on may have changed.
func (s *Server) generation() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.depGen
}

// roots describes the workspace folders for messages.
func (s *Server) roots() string {
	var out []string
	for _, f := range s.workspaceFolders() {
		out = append(out, f.root)
	}
	if len(out) == 0 {
		return "(no folder is open)"
	}
	return strings.Join(out, ", ")
}

// firstRoot returns the first workspace folder's root, "" without one.
func (s *Server) firstRoot() string {
	if fs := s.workspaceFolders(); len(fs) > 0 {
		return fs[0].root
	}
	return ""
}

// initialRoots are the folders of initialize: every workspace folder, else
// rootUri, else rootPath; none when the client opened no folder (single
// files are still judged, against an empty index).
func initialRoots(params *protocol.InitializeParams) []string {
	var roots []string
	if folders, ok := params.WorkspaceFolders.Get(); ok {
		for _, f := range folders {
			if p, ok := documentPath(f.URI); ok && !slices.Contains(roots, p) {
				roots = append(roots, p)
			}
		}
	}
	if len(roots) > 0 {
		return roots
	}
	if params.RootURI != nil {
		if p, ok := documentPath(*params.RootURI); ok {
			return []string{p}
		}
	}
	if p, ok := params.RootPath.Get(); ok && filepath.IsAbs(p) {
		return []string{filepath.Clean(p)}
	}
	return nil
}

// setFolders installs folders for roots (before the first build).
func (s *Server) setFolders(roots []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.folders = nil
	for _, r := range roots {
		s.folders = append(s.folders, &folder{root: r})
	}
}

// workspaceOptions is the server's workspace folders capability.
func workspaceOptions() *protocol.WorkspaceOptions {
	return &protocol.WorkspaceOptions{WorkspaceFolders: &protocol.WorkspaceFoldersServerCapabilities{
		Supported:           ptr(true),
		ChangeNotifications: protocol.Boolean(true),
	}}
}

// DidChangeWorkspaceFolders queues the change of folders.
func (s *Server) DidChangeWorkspaceFolders(_ context.Context, params *protocol.DidChangeWorkspaceFoldersParams) error {
	ev := params.Event
	s.queue.do(func() { s.changeFolders(ev.Added, ev.Removed) })
	return nil
}

// changeFolders drops the removed folders, builds the index of the added
// ones and has every open document judged again. It runs on the queue.
func (s *Server) changeFolders(added, removed []protocol.WorkspaceFolder) {
	gone := map[string]bool{}
	for _, wf := range removed {
		if p, ok := documentPath(wf.URI); ok {
			gone[p] = true
		}
	}
	var fresh []*folder
	s.mu.Lock()
	s.folders = slices.DeleteFunc(s.folders, func(f *folder) bool { return gone[f.root] })
	for _, wf := range added {
		p, ok := documentPath(wf.URI)
		if !ok || slices.ContainsFunc(s.folders, func(f *folder) bool { return f.root == p }) {
			continue
		}
		f := &folder{root: p}
		s.folders = append(s.folders, f)
		fresh = append(fresh, f)
	}
	s.mu.Unlock()
	for _, f := range fresh {
		s.buildFolder(f)
	}
	s.log.Info("workspace folders changed", zap.Int("added", len(fresh)), zap.Int("removed", len(gone)), zap.String("folders", s.roots()))
	s.dependenciesChanged("")
}

// commandFolders returns the folders a command may edit: the one its
// folder argument names (a file URI or an absolute path), else every
// workspace folder.
func (s *Server) commandFolders(command, arg string) ([]*folder, error) {
	fs := s.workspaceFolders()
	if arg == "" {
		return fs, nil
	}
	p := arg
	if strings.HasPrefix(arg, "file:") {
		var ok bool
		if p, ok = documentPath(uri.URI(arg)); !ok {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: folder %q is not a file URI", command, arg)
		}
	}
	p = filepath.Clean(p)
	for _, f := range fs {
		if f.root == p {
			return []*folder{f}, nil
		}
	}
	return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: folder %q is not a workspace folder (they are: %s)", command, arg, s.roots())
}
