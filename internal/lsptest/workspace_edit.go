package lsptest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/expertise-ls/expertise-ls/internal/span"
)

// The editor applies workspace edits (from workspace/applyEdit or a code
// action) the way editors do: an edit of an open buffer changes the buffer,
// which the editor sends as didChange and leaves unsaved; an edit of any
// other file changes it on disk, which the editor reports with
// didChangeWatchedFiles when the server registered file watchers. Versions
// are checked and every edit is computed before anything changes, so a
// refused edit changes nothing.

// editingCapabilities adds what the options say the editor does with code
// actions and workspace edits.
func (e *Editor) editingCapabilities(caps *protocol.ClientCapabilities) {
	yes := true
	caps.TextDocument.CodeAction = &protocol.CodeActionClientCapabilities{
		CodeActionLiteralSupport: protocol.ClientCodeActionLiteralOptions{CodeActionKind: protocol.ClientCodeActionKindOptions{
			ValueSet: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, protocol.CodeActionKindSource, protocol.CodeActionKindSourceFixAll},
		}},
		IsPreferredSupport: &yes,
		DataSupport:        &yes,
	}
	if e.opts.ResolveEdits {
		caps.TextDocument.CodeAction.ResolveSupport = protocol.ClientCodeActionResolveOptions{Properties: []string{"edit"}}
	}
	if e.opts.DocumentChanges {
		caps.Workspace.WorkspaceEdit = &protocol.WorkspaceEditClientCapabilities{
			DocumentChanges:    &yes,
			ResourceOperations: []protocol.ResourceOperationKind{protocol.ResourceOperationKindCreate},
		}
	}
	if e.opts.ShowDocument {
		caps.Window.ShowDocument = &protocol.ShowDocumentClientCapabilities{Support: true}
	}
}

func (c *client) ApplyEdit(_ context.Context, p *protocol.ApplyWorkspaceEditParams) (*protocol.ApplyWorkspaceEditResult, error) {
	c.e.update(func(e *Editor) { e.applyRequests++ })
	if c.e.opts.RefuseEdits {
		return &protocol.ApplyWorkspaceEditResult{FailureReason: ptr("the user cancelled the edit")}, nil
	}
	if err := c.e.applyWorkspaceEdit(p.Edit); err != nil {
		return &protocol.ApplyWorkspaceEditResult{FailureReason: ptr(err.Error())}, nil
	}
	return &protocol.ApplyWorkspaceEditResult{Applied: true}, nil
}

func (c *client) ShowDocument(_ context.Context, p *protocol.ShowDocumentParams) (*protocol.ShowDocumentResult, error) {
	c.e.update(func(e *Editor) { e.shown = append(e.shown, *p) })
	return &protocol.ShowDocumentResult{Success: true}, nil
}

// Shown returns the window/showDocument requests received.
func (e *Editor) Shown() []protocol.ShowDocumentParams {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.shown)
}

// ApplyEditRequests returns how many workspace/applyEdit requests came.
func (e *Editor) ApplyEditRequests() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.applyRequests
}

// fileEdit is one planned change of a file: new content for the disk, or
// edits of an open buffer.
type fileEdit struct {
	rel     string
	buffer  bool
	version *int32 // of the buffer, when the edit named one
	edits   []Edit // buffer edits, in the buffer as each applies
	created bool   // a file on disk that did not exist
}

// plan holds a workspace edit's changes, computed before any is made.
type plan struct {
	e       *Editor
	order   []*fileEdit
	files   map[string]*fileEdit
	content map[string]string // each file's content after the changes so far
}

// applyWorkspaceEdit applies a workspace edit, or nothing when any part of
// it cannot be applied.
func (e *Editor) applyWorkspaceEdit(we protocol.WorkspaceEdit) error {
	p := &plan{e: e, files: map[string]*fileEdit{}, content: map[string]string{}}
	if len(we.DocumentChanges) > 0 {
		for i, dc := range we.DocumentChanges {
			if err := p.add(dc); err != nil {
				return fmt.Errorf("documentChanges[%d]: %w", i, err)
			}
		}
	} else {
		uris := make([]string, 0, len(we.Changes))
		for u := range we.Changes {
			uris = append(uris, string(u))
		}
		sort.Strings(uris)
		for _, u := range uris {
			if err := p.edit(uri.URI(u), nil, we.Changes[uri.URI(u)]); err != nil {
				return err
			}
		}
	}
	return p.apply()
}

func (p *plan) add(dc protocol.DocumentChange) error {
	switch c := dc.(type) {
	case *protocol.CreateFile:
		return p.create(c)
	case *protocol.TextDocumentEdit:
		edits := make([]protocol.TextEdit, 0, len(c.Edits))
		for _, el := range c.Edits {
			te, ok := el.(*protocol.TextEdit)
			if !ok {
				return fmt.Errorf("the editor only applies plain text edits, not %T", el)
			}
			edits = append(edits, *te)
		}
		return p.edit(c.TextDocument.URI, c.TextDocument.Version, edits)
	}
	return fmt.Errorf("the editor does not apply %T", dc)
}

// rel returns the workspace-relative path of a file: URI.
func (p *plan) rel(u uri.URI) (string, error) {
	path := u.FsPath()
	rel, err := filepath.Rel(p.e.root, path)
	if err != nil || !u.IsFile() || !filepath.IsAbs(path) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside the workspace %s", u, p.e.root)
	}
	return filepath.ToSlash(rel), nil
}

func (p *plan) create(c *protocol.CreateFile) error {
	rel, err := p.rel(c.URI)
	if err != nil {
		return err
	}
	overwrite := c.Options != nil && c.Options.Overwrite != nil && *c.Options.Overwrite
	ignore := c.Options != nil && c.Options.IgnoreIfExists != nil && *c.Options.IgnoreIfExists
	exists := p.exists(rel)
	switch {
	case exists && ignore && !overwrite:
		return nil
	case exists && !overwrite:
		return fmt.Errorf("cannot create %s: it exists", rel)
	case p.buffer(rel):
		return fmt.Errorf("cannot overwrite %s: it is open", rel)
	}
	p.content[rel] = ""
	p.file(rel, false).created = !exists
	return nil
}

// exists reports whether rel exists in the plan, as a buffer or on disk.
func (p *plan) exists(rel string) bool {
	if _, ok := p.content[rel]; ok || p.buffer(rel) {
		return true
	}
	if _, ok := p.hiddenText(rel); ok {
		return true
	}
	_, err := os.Stat(p.e.Path(rel))
	return err == nil
}

func (p *plan) buffer(rel string) bool {
	p.e.mu.Lock()
	defer p.e.mu.Unlock()
	return p.e.buffers[rel] != nil
}

func (p *plan) file(rel string, buffer bool) *fileEdit {
	f := p.files[rel]
	if f == nil {
		f = &fileEdit{rel: rel, buffer: buffer}
		p.files[rel] = f
		p.order = append(p.order, f)
	}
	return f
}

// edit plans text edits of one file, checking the buffer's version.
func (p *plan) edit(u uri.URI, version *int32, edits []protocol.TextEdit) error {
	rel, err := p.rel(u)
	if err != nil {
		return err
	}
	text, seen := p.content[rel]
	buffer := p.buffer(rel)
	switch {
	case buffer && !seen:
		p.e.mu.Lock()
		b := p.e.buffers[rel]
		text = b.text
		if version != nil && *version != b.version {
			p.e.mu.Unlock()
			return fmt.Errorf("%s is at version %d, the edit is for version %d", rel, b.version, *version)
		}
		p.e.mu.Unlock()
	case !buffer && version != nil:
		return fmt.Errorf("%s is not open, but the edit names version %d", rel, *version)
	case !seen:
		if hidden, ok := p.hiddenText(rel); ok {
			text = hidden
			break
		}
		content, err := os.ReadFile(p.e.Path(rel))
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s does not exist", rel)
		}
		if err != nil {
			return err
		}
		text = string(content)
	}
	seq, err := p.e.sequence(text, edits)
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	f := p.file(rel, buffer)
	if buffer && f.version == nil {
		f.version = version
	}
	for _, ed := range seq {
		text = text[:ed.Start] + ed.Text + text[ed.End:]
	}
	f.edits = append(f.edits, seq...)
	p.content[rel] = text
	return nil
}

// sequence converts text edits, whose ranges are all in text, to edits that
// apply one after the other: sorted by position (edits at the same position
// keep their order), each offset in the text as the edits before it left it.
func (e *Editor) sequence(text string, edits []protocol.TextEdit) ([]Edit, error) {
	lines := span.NewLines([]byte(text))
	offset := func(p protocol.Position) int {
		if e.utf8 {
			return lines.OffsetUTF8(int(p.Line), int(p.Character))
		}
		return lines.OffsetUTF16(int(p.Line), int(p.Character))
	}
	out := make([]Edit, len(edits))
	for i, te := range edits {
		out[i] = Edit{Start: offset(te.Range.Start), End: offset(te.Range.End), Text: te.NewText}
		if out[i].End < out[i].Start {
			return nil, fmt.Errorf("edit %d ends before it starts: %v", i, te.Range)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	shift, last := 0, 0
	for i := range out {
		if out[i].Start < last {
			return nil, fmt.Errorf("edits overlap at byte %d", out[i].Start)
		}
		last = out[i].End
		out[i].Start += shift
		out[i].End += shift
		shift += len(out[i].Text) - (out[i].End - out[i].Start)
	}
	return out, nil
}

// apply makes the planned changes: buffers change (didChange), files are
// written and reported to the server's watchers.
func (p *plan) apply() error {
	var events []protocol.FileEvent
	for _, f := range p.order {
		if f.buffer {
			if _, err := p.e.editBuffer(f.rel, f.version, f.edits); err != nil {
				return err
			}
			continue
		}
		if p.e.opts.HiddenBuffers {
			p.e.update(func(e *Editor) {
				if e.hidden == nil {
					e.hidden = map[string]string{}
				}
				e.hidden[f.rel] = p.content[f.rel]
			})
			continue
		}
		path := p.e.Path(f.rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(p.content[f.rel]), 0o644); err != nil {
			return err
		}
		kind := protocol.FileChangeTypeChanged
		if f.created {
			kind = protocol.FileChangeTypeCreated
		}
		events = append(events, protocol.FileEvent{URI: p.e.URI(f.rel), Type: kind})
	}
	if len(events) > 0 && p.e.watching() {
		return p.e.server.DidChangeWatchedFiles(p.e.t.Context(), &protocol.DidChangeWatchedFilesParams{Changes: events})
	}
	return nil
}

// hiddenText returns the unsaved buffer of a file that is not open.
func (p *plan) hiddenText(rel string) (string, bool) {
	p.e.mu.Lock()
	defer p.e.mu.Unlock()
	text, ok := p.e.hidden[rel]
	return text, ok
}

// SaveAll writes the unsaved buffers of files that are not open (see
// HiddenBuffers) to disk, as :wall does, without telling the server.
func (e *Editor) SaveAll() {
	e.t.Helper()
	e.mu.Lock()
	hidden := e.hidden
	e.hidden = nil
	e.mu.Unlock()
	for rel, text := range hidden {
		e.WriteFile(rel, text)
	}
}

// watching reports whether the server registered file watchers.
func (e *Editor) watching() bool {
	for _, r := range e.Registrations() {
		if r.Method == protocol.MethodWorkspaceDidChangeWatchedFiles {
			return true
		}
	}
	return false
}
