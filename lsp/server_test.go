package lsp

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// startSession runs a server in process over a pipe and connects an editor.
// The server's logs are printed if the test fails.
func startSession(t testing.TB, opts lsptest.Options) (*Server, *lsptest.Editor) {
	t.Helper()
	logs := &syncBuffer{}
	log := zap.New(zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewDevelopmentEncoderConfig()), zapcore.AddSync(logs), zapcore.InfoLevel))
	s := newServer(Options{Logger: log, Version: "test"})
	serverEnd, editorEnd := net.Pipe()
	done := make(chan int, 1)
	go func() { done <- s.serve(context.Background(), serverEnd) }()
	t.Cleanup(func() {
		_ = editorEnd.Close()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("the server did not stop after its input closed")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	return s, lsptest.Connect(t, editorEnd, opts)
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestChangeStormKeepsTheText sends thousands of incremental changes (with
// multi-byte characters and line breaks, each its own didChange) and a save,
// then compares the server's buffer and tree with the editor's text.
func TestChangeStormKeepsTheText(t *testing.T) {
	s, e := startSession(t, lsptest.Options{})
	const rel = "src/app.ts"
	e.WriteFile(rel, "import Stripe from \"stripe\";\n\nexport const s = new Stripe(process.env.STRIPE_KEY ?? \"\");\n")
	e.OpenFile(rel)
	pieces := []string{"a", "é", "😀", "\n", "{", "}", "(", ")", "\"", " ", "const z = 1;\n", "\r\n", ""}
	rng := rand.New(rand.NewPCG(7, 11))
	for range 3000 {
		text := e.Text(rel)
		start, end := runeOffset(text, rng), runeOffset(text, rng)
		if end < start {
			start, end = end, start
		}
		if end-start > 8 {
			end = start
		}
		e.EditFile(rel, lsptest.Edit{Start: start, End: end, Text: pieces[rng.IntN(len(pieces))]})
	}
	e.SaveFile(rel)
	v := e.Version(rel)
	e.AwaitDiagnostics(rel, "the publication of the last version", func(p lsptest.Publication) bool { return p.Version == v })

	snap, ok := s.docs.snapshot(e.URI(rel))
	if !ok {
		t.Fatal("the document is not open on the server")
	}
	defer snap.release()
	if want := e.Text(rel); string(snap.lines.Content()) != want || snap.version != v {
		t.Fatalf("server holds version %d:\n%q\neditor holds version %d:\n%q", snap.version, snap.lines.Content(), v, want)
	}
	fresh := syntax.Parse(syntax.TypeScript, snap.lines.Content())
	defer fresh.Close()
	if shape(snapTree(snap).Root()) != shape(fresh.Root()) {
		t.Fatal("the incrementally reparsed tree differs from a fresh parse of the same text")
	}
}

func TestNonFileDocumentsAreIgnored(t *testing.T) {
	s, e := startSession(t, lsptest.Options{PullDiagnostics: true})
	ctx := t.Context()
	untitled := uri.MustParse("untitled:Untitled-1")
	id := protocol.TextDocumentIdentifier{URI: untitled}
	if err := e.Server().DidOpen(ctx, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: untitled, LanguageID: "typescript", Version: 1, Text: "const k = 1;\n"}}); err != nil {
		t.Fatal(err)
	}
	change := &protocol.DidChangeTextDocumentParams{TextDocument: protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: id, Version: 2}, ContentChanges: []protocol.TextDocumentContentChangeEvent{partial(0, 0, 0, 0, "x")}}
	if err := e.Server().DidChange(ctx, change); err != nil {
		t.Fatal(err)
	}
	report, err := e.Server().Diagnostic(ctx, &protocol.DocumentDiagnosticParams{TextDocument: id})
	if err != nil {
		t.Fatal(err)
	}
	full, ok := report.(*protocol.RelatedFullDocumentDiagnosticReport)
	if !ok || len(full.Items) != 0 {
		t.Fatalf("pull of an untitled document = %#v, want an empty full report", report)
	}
	if open := s.docs.uris(); len(open) != 0 {
		t.Fatalf("the server tracks %v", open)
	}
}

// TestChangesAreJudgedOnlyWithOnChange checks the policy of didChange: a
// judgement is scheduled (debounced) only when diagnostics.onChange is set.
func TestChangesAreJudgedOnlyWithOnChange(t *testing.T) {
	for _, onChange := range []bool{false, true} {
		t.Run(map[bool]string{false: "off", true: "on"}[onChange], func(t *testing.T) {
			s, e := startSession(t, lsptest.Options{InitializationOptions: map[string]any{
				"diagnostics": map[string]any{"onChange": onChange, "debounceMs": 600000},
			}})
			e.WriteFile("a.ts", "const a = 1;\n")
			e.OpenFile("a.ts")
			e.AwaitDiagnostics("a.ts", "the judgement on open", func(p lsptest.Publication) bool { return p.Version == 1 })
			e.ReplaceText("a.ts", "1", "2")
			// A request behind the change: once answered, the change was handled.
			if _, err := e.Server().Request(t.Context(), "expertise-ls/unknown", nil); err == nil {
				t.Fatal("an unknown request must fail")
			}
			s.queue.mu.Lock()
			_, scheduled := s.queue.due[e.URI("a.ts")]
			s.queue.mu.Unlock()
			if scheduled != onChange {
				t.Fatalf("with onChange %v a judgement is scheduled: %v", onChange, scheduled)
			}
		})
	}
}

// TestIndexingReportsCounts: while the walk runs, indexing reports how many
// files it has indexed, between its begin and its end.
func TestIndexingReportsCounts(t *testing.T) {
	every := indexProgressEvery
	indexProgressEvery = 50 * time.Microsecond
	t.Cleanup(func() { indexProgressEvery = every })
	root := t.TempDir()
	for i := range 400 {
		dir := filepath.Join(root, "src", fmt.Sprint(i%20))
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("m%d.ts", i)), []byte(fmt.Sprintf("export const v%d = process.env.V%d;\n", i, i)), 0o644)
	}
	_, e := startSession(t, lsptest.Options{Root: root})
	e.Await("indexing to end", func() bool {
		kinds := e.Progress()
		return len(kinds) > 0 && kinds[len(kinds)-1] == "end"
	})
	kinds := e.Progress()
	if kinds[0] != "begin" || !slices.Contains(kinds, "report") {
		t.Errorf("progress %v, want begin, reports, end", kinds)
	}
	for _, k := range kinds[1 : len(kinds)-1] {
		if k != "report" {
			t.Errorf("progress %v: %q between begin and end", kinds, k)
		}
	}
}

// TestJudgementParsesOnlyWhenAsked: judging a document whose analyzers
// need no tree (no webhook words) leaves it unparsed; one with a route is
// parsed, and the document keeps the tree for incremental reparses.
func TestJudgementParsesOnlyWhenAsked(t *testing.T) {
	s, e := startSession(t, lsptest.Options{})
	files := map[string]bool{ // rel -> parsed
		"src/plain.ts": false,
		"src/hook.ts":  true,
	}
	e.WriteFile("src/plain.ts", "export const total = (a: number[]) => a.reduce((s, x) => s + x, 0);\n")
	e.WriteFile("src/hook.ts", "app.post('/webhooks/stripe', (req, res) => {\n  res.sendStatus(200);\n});\n")
	for rel, parsed := range files {
		e.OpenFile(rel)
		e.AwaitDiagnostics(rel, "the first judgement", func(p lsptest.Publication) bool { return p.Version == 1 })
		s.docs.mu.Lock()
		got := s.docs.byURI[e.URI(rel)].tree != nil
		s.docs.mu.Unlock()
		if got != parsed {
			t.Errorf("%s: parsed %v after its judgement, want %v", rel, got, parsed)
		}
	}
}
