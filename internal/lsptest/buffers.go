package lsptest

import (
	"fmt"
	"os"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/expertise-ls/expertise-ls/internal/span"
)

// Edit replaces the bytes [Start, End) of a buffer with Text. Offsets are in
// the buffer as it is when the edit applies (after the edits before it).
type Edit struct {
	Start, End int
	Text       string
}

// OpenFile opens the workspace file at rel (read from disk) at version 1.
func (e *Editor) OpenFile(rel string) {
	e.t.Helper()
	content, err := os.ReadFile(e.Path(rel))
	if err != nil {
		e.t.Fatalf("open %s: %v", rel, err)
	}
	e.mu.Lock()
	e.buffers[rel] = &buffer{text: string(content), version: 1}
	e.mu.Unlock()
	e.notify(func() error {
		return e.server.DidOpen(e.t.Context(), &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
			URI: e.URI(rel), LanguageID: languageID(rel), Version: 1, Text: string(content),
		}})
	})
}

// EditFile applies edits to the open buffer at rel and sends them, as
// incremental changes in the negotiated position encoding, in one didChange.
// It returns the new version.
func (e *Editor) EditFile(rel string, edits ...Edit) int32 {
	e.t.Helper()
	version, err := e.editBuffer(rel, nil, edits)
	if err != nil {
		e.t.Fatal(err)
	}
	return version
}

// editBuffer is EditFile without failing the test: it may run on the
// connection's goroutine. With a non-nil want, the buffer must be at that
// version.
func (e *Editor) editBuffer(rel string, want *int32, edits []Edit) (int32, error) {
	e.editMu.Lock()
	defer e.editMu.Unlock()
	e.mu.Lock()
	b := e.buffers[rel]
	switch {
	case b == nil:
		e.mu.Unlock()
		return 0, fmt.Errorf("%s is not open", rel)
	case want != nil && *want != b.version:
		e.mu.Unlock()
		return 0, fmt.Errorf("%s is at version %d, the edit is for version %d", rel, b.version, *want)
	}
	text := b.text
	changes := make([]protocol.TextDocumentContentChangeEvent, 0, len(edits))
	for _, ed := range edits {
		lines := span.NewLines([]byte(text))
		if ed.Start < 0 || ed.End < ed.Start || ed.End > len(text) {
			e.mu.Unlock()
			return 0, fmt.Errorf("edit [%d,%d) outside the %d-byte buffer %s", ed.Start, ed.End, len(text), rel)
		}
		changes = append(changes, &protocol.TextDocumentContentChangePartial{
			Range: protocol.Range{Start: e.position(lines, ed.Start), End: e.position(lines, ed.End)},
			Text:  ed.Text,
		})
		text = text[:ed.Start] + ed.Text + text[ed.End:]
	}
	if e.opts.FullText {
		changes = []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: text}}
	}
	b.text = text
	b.version++
	version := b.version
	e.mu.Unlock()
	err := e.server.DidChange(e.t.Context(), &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: e.URI(rel)}, Version: version},
		ContentChanges: changes,
	})
	if err != nil {
		return 0, fmt.Errorf("didChange %s: %w", rel, err)
	}
	return version, nil
}

// ReplaceText replaces the first occurrence of old in the open buffer at rel
// with new, as one incremental edit, and returns the new version.
func (e *Editor) ReplaceText(rel, old, new string) int32 {
	e.t.Helper()
	i := strings.Index(e.Text(rel), old)
	if i < 0 {
		e.t.Fatalf("%q not found in %s", old, rel)
	}
	return e.EditFile(rel, Edit{Start: i, End: i + len(old), Text: new})
}

// SaveFile writes the open buffer at rel to disk and sends didSave.
func (e *Editor) SaveFile(rel string) {
	e.t.Helper()
	e.WriteFile(rel, e.Text(rel))
	e.notify(func() error {
		return e.server.DidSave(e.t.Context(), &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: e.URI(rel)}})
	})
}

// CloseFile closes the open buffer at rel.
func (e *Editor) CloseFile(rel string) {
	e.t.Helper()
	e.mu.Lock()
	delete(e.buffers, rel)
	e.mu.Unlock()
	e.notify(func() error {
		return e.server.DidClose(e.t.Context(), &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: e.URI(rel)}})
	})
}

// Text returns the open buffer at rel.
func (e *Editor) Text(rel string) string {
	e.t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.buffer(rel).text
}

// Version returns the version of the open buffer at rel.
func (e *Editor) Version(rel string) int32 {
	e.t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.buffer(rel).version
}

// Offset converts a position the server sent for the open buffer at rel to a
// byte offset, in the negotiated encoding.
func (e *Editor) Offset(rel string, p protocol.Position) int {
	e.t.Helper()
	lines := span.NewLines([]byte(e.Text(rel)))
	if e.utf8 {
		return lines.OffsetUTF8(int(p.Line), int(p.Character))
	}
	return lines.OffsetUTF16(int(p.Line), int(p.Character))
}

// PullDiagnostics asks for the diagnostics of the file at rel
// (textDocument/diagnostic), passing previousResultID unless it is empty.
func (e *Editor) PullDiagnostics(rel, previousResultID string) protocol.DocumentDiagnosticReport {
	e.t.Helper()
	params := &protocol.DocumentDiagnosticParams{TextDocument: protocol.TextDocumentIdentifier{URI: e.URI(rel)}}
	if previousResultID != "" {
		params.PreviousResultID = &previousResultID
	}
	ctx, cancel := e.context()
	defer cancel()
	report, err := e.server.Diagnostic(ctx, params)
	if err != nil {
		e.t.Fatalf("textDocument/diagnostic %s: %v", rel, err)
	}
	return report
}

// ChangeWatchedFiles tells the server that workspace files changed on disk.
func (e *Editor) ChangeWatchedFiles(kind protocol.FileChangeType, rels ...string) {
	e.t.Helper()
	var events []protocol.FileEvent
	for _, rel := range rels {
		events = append(events, protocol.FileEvent{URI: e.URI(rel), Type: kind})
	}
	e.notify(func() error {
		return e.server.DidChangeWatchedFiles(e.t.Context(), &protocol.DidChangeWatchedFilesParams{Changes: events})
	})
}

// ChangeSettings replaces the answer to workspace/configuration and sends
// didChangeConfiguration (with the settings, as VS Code does).
func (e *Editor) ChangeSettings(settings any) {
	e.t.Helper()
	raw := mustJSON(e.t, settings)
	e.update(func(e *Editor) { e.settings = raw })
	e.notify(func() error {
		return e.server.DidChangeConfiguration(e.t.Context(), &protocol.DidChangeConfigurationParams{Settings: protocol.LSPAny(raw)})
	})
}

// buffer returns the open buffer at rel; e.mu is held, and released (by the
// caller's defer) when the test fails here.
func (e *Editor) buffer(rel string) *buffer {
	b := e.buffers[rel]
	if b == nil {
		e.t.Fatalf("%s is not open", rel)
	}
	return b
}

// position converts a byte offset of a buffer to an LSP position.
func (e *Editor) position(lines *span.Lines, offset int) protocol.Position {
	p := lines.Position(offset)
	col := p.Col16
	if e.utf8 {
		col = p.Col
	}
	return protocol.Position{Line: uint32(p.Line), Character: uint32(col)}
}

func (e *Editor) notify(send func() error) {
	e.t.Helper()
	if err := send(); err != nil {
		e.t.Fatalf("notification: %v", err)
	}
}
