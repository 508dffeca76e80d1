package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// TestFixesWhileTyping runs in process (so that the race detector sees the
// server): the user types in a file while asking for code actions, resolving
// them and running commands, which release requests from the read loop while
// document notifications keep coming. Every answer must describe the
// document as it was asked about, and the files must end up right.
func TestFixesWhileTyping(t *testing.T) {
	root := t.TempDir()
	const rel, expert = "src/notify.ts", ".agileflow/experts/integrations/expertise.yaml"
	writeTestFile(t, filepath.Join(root, expert), "domain: integrations\nversion: 1.0\nlearnings: []\n")
	writeTestFile(t, filepath.Join(root, rel), "export const hook = process.env.SLACK_WEBHOOK_URL;\n")
	_, e := startSession(t, lsptest.Options{Root: root, DocumentChanges: true, ResolveEdits: true, ShowDocument: true})
	e.OpenFile(rel)
	pub := e.AwaitDiagnostics(rel, "missing-env-var", func(p lsptest.Publication) bool { return p.Has("missing-env-var") })
	d := pub.Diagnostics[0]

	for i := range 20 {
		// A line above the finding moves it: the fixes must follow the buffer.
		e.EditFile(rel, lsptest.Edit{Start: 0, End: 0, Text: "// é😀\n"})
		d.Range.Start.Line++
		d.Range.End.Line++
		var ignore *protocol.CodeAction
		for _, a := range e.CodeActions(rel, d.Range, []protocol.Diagnostic{d}) {
			if a.Title == "Ignore missing-env-var here" {
				ignore = a
			}
		}
		if ignore == nil {
			t.Fatalf("round %d: no ignore fix for the moved finding", i)
		}
		edits := ignore.Edit.DocumentChanges[0].(*protocol.TextDocumentEdit)
		if *edits.TextDocument.Version != e.Version(rel) || edits.Edits[0].(*protocol.TextEdit).Range.Start.Line != d.Range.Start.Line {
			t.Fatalf("round %d: the ignore fix is for version %d, line %d; the buffer is at version %d, the finding on line %d",
				i, *edits.TextDocument.Version, edits.Edits[0].(*protocol.TextEdit).Range.Start.Line, e.Version(rel), d.Range.Start.Line)
		}
	}
	e.ApplyCodeAction(e.QuickFix(rel, d, "Record a learning about this"))
	if _, err := e.ExecuteCommand("expertise.addLearning", map[string]any{"insight": "second"}); err != nil {
		t.Fatal(err)
	}
	content, err := os.ReadFile(filepath.Join(root, expert))
	if err != nil {
		t.Fatal(err)
	}
	ls := expertise.Parse(expert, content).Learnings
	if len(ls) != 2 || !strings.Contains(ls[0].Insight.Value, "SLACK_WEBHOOK_URL") || ls[1].Insight.Value != "second" || len(e.Shown()) != 2 {
		t.Errorf("expert after a fix and a command (%d documents shown):\n%s", len(e.Shown()), content)
	}
}
