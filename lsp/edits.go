package lsp

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// Edits reach the client as a protocol.WorkspaceEdit: in a code action's
// edit property (quick fixes, fix-all) or through workspace/applyEdit
// (commands). They are made against the content the client has: an open
// document's buffer, named with its version so that the client refuses an
// edit of a newer version, or the file on disk (version null). No edit ever
// leaves the workspace root.

// editCaps is what the client does with workspace edits.
type editCaps struct {
	applyEdit       bool // workspace/applyEdit
	documentChanges bool // versioned documentChanges in a WorkspaceEdit
	createFiles     bool // the create resource operation in documentChanges
	resolveEdit     bool // codeAction/resolve may fill in the edit property
	showDocument    bool // window/showDocument
}

func readEditCaps(c protocol.ClientCapabilities) editCaps {
	var caps editCaps
	if ws := c.Workspace; ws != nil {
		caps.applyEdit = isTrue(ws.ApplyEdit)
		if we := ws.WorkspaceEdit; we != nil {
			caps.documentChanges = isTrue(we.DocumentChanges)
			caps.createFiles = caps.documentChanges && slices.Contains(we.ResourceOperations, protocol.ResourceOperationKindCreate)
		}
	}
	if td := c.TextDocument; td != nil && td.CodeAction != nil {
		caps.resolveEdit = slices.Contains(td.CodeAction.ResolveSupport.Properties, "edit")
	}
	if w := c.Window; w != nil && w.ShowDocument != nil {
		caps.showDocument = w.ShowDocument.Support
	}
	return caps
}

// fileChange is the edits of one file, against its content as the client has it.
type fileChange struct {
	path    string
	uri     uri.URI
	version *int32 // the open document's version; nil for the file on disk
	create  bool   // the file does not exist: create it, then insert
	edits   []protocol.TextEdit
}

// workspaceEdit assembles changes in the form the client supports:
// documentChanges (versioned, with a create operation before the edits of a
// new file), else plain changes, which cannot create files.
func (c editCaps) workspaceEdit(changes []fileChange) (*protocol.WorkspaceEdit, error) {
	if !c.documentChanges {
		out := map[uri.URI][]protocol.TextEdit{}
		for _, ch := range changes {
			if ch.create {
				return nil, fmt.Errorf("%s does not exist and the client cannot create files (it lacks workspaceEdit.documentChanges)", ch.path)
			}
			out[ch.uri] = append(out[ch.uri], ch.edits...)
		}
		return &protocol.WorkspaceEdit{Changes: out}, nil
	}
	var out []protocol.DocumentChange
	for _, ch := range changes {
		if ch.create {
			if !c.createFiles {
				return nil, fmt.Errorf("%s does not exist and the client cannot create files (it lacks the create resource operation)", ch.path)
			}
			// Neither overwrite nor ignoreIfExists: a file that appeared
			// meanwhile makes the client refuse the whole edit.
			out = append(out, &protocol.CreateFile{ResourceOperation: protocol.ResourceOperation{Kind: "create"}, Kind: "create", URI: ch.uri})
		}
		edits := make([]protocol.TextDocumentEditElement, len(ch.edits))
		for i := range ch.edits {
			edits[i] = &ch.edits[i]
		}
		out = append(out, &protocol.TextDocumentEdit{
			TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: ch.uri}, Version: ch.version},
			Edits:        edits,
		})
	}
	return &protocol.WorkspaceEdit{DocumentChanges: out}, nil
}

// target returns the change an edit of the file at path belongs to (without
// edits yet), or why the file must not be edited.
type target func(path string, create bool) (fileChange, error)

// toChanges groups edits by file, in the order the files first appear,
// converting ranges to the negotiated encoding. Ranges of edits that create
// a file are ignored: they insert at its start.
func (s *Server) toChanges(edits []analysis.TextEdit, target target) ([]fileChange, error) {
	var out []fileChange
	at := map[string]int{}
	for _, e := range edits {
		i, seen := at[e.Path]
		if !seen {
			ch, err := target(e.Path, e.Create)
			if err != nil {
				return nil, err
			}
			i = len(out)
			at[e.Path] = i
			out = append(out, ch)
		}
		if out[i].create != e.Create {
			return nil, fmt.Errorf("%s: some edits create the file, others change it", e.Path)
		}
		var r protocol.Range
		if !e.Create {
			r = s.enc.rangeOf(e.Range)
		}
		out[i].edits = append(out[i].edits, protocol.TextEdit{Range: r, NewText: e.NewText})
	}
	return out, nil
}

// fileState is a file as the client has it: the open document, else the file on disk.
type fileState struct {
	uri     uri.URI
	content []byte
	version *int32 // the open document's version; nil for the file on disk
	exists  bool
}

// fileState returns the current state of the file at path.
func (s *Server) fileState(path string) (fileState, error) {
	if u, content, version, ok := s.docs.byPath(path); ok {
		return fileState{uri: u, content: content, version: &version, exists: true}, nil
	}
	if content, ok := s.appliedContent(path); ok {
		return fileState{uri: uri.File(path), content: content, exists: true}, nil
	}
	content, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fileState{uri: uri.File(path)}, nil
	case err != nil:
		return fileState{}, fmt.Errorf("%s: %w", path, err)
	}
	return fileState{uri: uri.File(path), content: content, exists: true}, nil
}

// change returns the change of a file in state st, refusing files outside
// the workspace, creating a file that exists and changing one that does not.
func (s *Server) change(path string, st fileState, create bool) (fileChange, error) {
	switch {
	case !s.inWorkspace(path):
		return fileChange{}, fmt.Errorf("%s is outside the workspace %s: expertise-ls edits nothing there", path, s.roots())
	case create && st.exists:
		return fileChange{}, fmt.Errorf("%s exists now (the edit would create it); ask for the fix again", path)
	case !create && !st.exists:
		return fileChange{}, fmt.Errorf("%s does not exist any more; ask for the fix again", path)
	}
	return fileChange{path: path, uri: st.uri, version: st.version, create: create}, nil
}

// errStale is wrapped by the errors about a file that is not the content a
// fix was computed against.
var errStale = errors.New("changed since expertise-ls read it")

// fixChanges converts a fix's edits to changes. The analysis made them
// against doc and, for other files, the index's copies: an edit of another
// file is refused when it lies outside the workspace, or when the client's
// content (its open buffer, else the disk) is not that copy, as after
// unsaved edits. The document itself, which the user is acting on, is
// edited wherever it lies.
func (s *Server) fixChanges(ix *analysis.Index, doc *snapshot, edits []analysis.TextEdit) ([]fileChange, error) {
	return s.toChanges(edits, func(path string, create bool) (fileChange, error) {
		if path == doc.path && !create {
			v := doc.version
			return fileChange{path: path, uri: doc.uri, version: &v}, nil
		}
		st, err := s.fileState(path)
		if err != nil {
			return fileChange{}, err
		}
		ch, err := s.change(path, st, create)
		if err != nil {
			return fileChange{}, err
		}
		if base, known := ix.Content(path); known && !create && !bytes.Equal(base, st.content) {
			return fileChange{}, fmt.Errorf("%s %w (unsaved edits?); save it and ask for the fix again", path, errStale)
		}
		return ch, nil
	})
}

// inWorkspace reports whether path lies inside a workspace folder, with
// symbolic links resolved as far as the path exists: a link inside the
// workspace to a file outside it is outside.
func (s *Server) inWorkspace(path string) bool {
	for _, f := range s.workspaceFolders() {
		if walk.Inside(f.root, path) {
			return true
		}
	}
	return false
}

// byPath returns the open document of the file at path: its URI as the
// client spelled it, its content and version.
func (ds *documents) byPath(path string) (uri.URI, []byte, int32, bool) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	for u, d := range ds.byURI {
		if d.path == path {
			return u, d.lines.Content(), d.version, true
		}
	}
	return "", nil, 0, false
}
