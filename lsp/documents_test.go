package lsp

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	sitter "github.com/tree-sitter/go-tree-sitter"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

func partial(l1, c1, l2, c2 uint32, text string) protocol.TextDocumentContentChangeEvent {
	return &protocol.TextDocumentContentChangePartial{
		Range: protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}},
		Text:  text,
	}
}

func TestDocumentChanges(t *testing.T) {
	tests := []struct {
		name    string
		enc     positionEncoding
		start   string
		changes []protocol.TextDocumentContentChangeEvent
		want    string
	}{
		{"insert after an emoji (utf-16)", encUTF16, "é😀x\n", []protocol.TextDocumentContentChangeEvent{partial(0, 3, 0, 3, "!")}, "é😀!x\n"},
		{"insert after an emoji (utf-8)", encUTF8, "é😀x\n", []protocol.TextDocumentContentChangeEvent{partial(0, 6, 0, 6, "!")}, "é😀!x\n"},
		{"delete across lines", encUTF16, "ab\ncd\nef", []protocol.TextDocumentContentChangeEvent{partial(0, 1, 2, 1, "")}, "af"},
		{"changes apply in order", encUTF16, "abc", []protocol.TextDocumentContentChangeEvent{partial(0, 0, 0, 1, "xy"), partial(0, 2, 0, 3, "")}, "xyc"},
		{"reversed range", encUTF16, "abcd", []protocol.TextDocumentContentChangeEvent{partial(0, 3, 0, 1, "-")}, "a-d"},
		{"range past the end clamps", encUTF16, "ab\n", []protocol.TextDocumentContentChangeEvent{partial(0, 1, 7, 9, "Z")}, "aZ"},
		{"CRLF kept", encUTF16, "a\r\nb", []protocol.TextDocumentContentChangeEvent{partial(1, 0, 1, 1, "c")}, "a\r\nc"},
		{"whole document", encUTF16, "old", []protocol.TextDocumentContentChangeEvent{partial(0, 0, 0, 1, "x"), &protocol.TextDocumentContentChangeWholeDocument{Text: "new"}}, "new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := newDocuments()
			u := uri.File("/w/a.ts")
			ds.open(u, "/w/a.ts", syntax.TypeScript, 1, []byte(tt.start))
			if err := ds.change(u, 2, tt.changes, tt.enc); err != nil {
				t.Fatal(err)
			}
			snap, _ := ds.snapshot(u)
			defer snap.release()
			if string(snap.lines.Content()) != tt.want || snap.version != 2 {
				t.Errorf("content %q version %d, want %q version 2", snap.lines.Content(), snap.version, tt.want)
			}
		})
	}
	if err := newDocuments().change(uri.File("/w/none.ts"), 2, nil, encUTF16); err == nil {
		t.Error("a change to a document that is not open must fail")
	}
}

// TestIncrementalReparse applies random edits (multi-byte characters, line
// breaks, deletions) and checks, every few edits, that the lazily reparsed
// tree equals a fresh parse of the same text, node for node and byte for byte:
// with ranged changes, and with clients that send the whole text (the edit
// is then derived from the old and new text).
func TestIncrementalReparse(t *testing.T) {
	for _, full := range []bool{false, true} {
		t.Run(map[bool]string{false: "ranged", true: "whole-text"}[full], func(t *testing.T) { testIncrementalReparse(t, full) })
	}
}

func testIncrementalReparse(t *testing.T, full bool) {
	const src = "import { x } from \"y\";\n\nexport function f(a: string): number {\n  const s = \"é😀\";\n  return a.length + s.length;\n}\n"
	pieces := []string{"a", "é", "😀", "\n", "{", "}", "(", ")", "\"", " ", "const z = 1;\n", "\r\n", ""}
	ds := newDocuments()
	u := uri.File("/w/a.ts")
	ds.open(u, "/w/a.ts", syntax.TypeScript, 1, []byte(src))
	want := src
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 600 {
		// Pick rune-aligned offsets in the expected text, convert to UTF-16 positions.
		start, end := runeOffset(want, rng), runeOffset(want, rng)
		if end < start {
			start, end = end, start
		}
		if end-start > 12 {
			end = start
		}
		ins := pieces[rng.IntN(len(pieces))]
		lines := span.NewLines([]byte(want))
		sp, ep := lines.Position(start), lines.Position(end)
		var change protocol.TextDocumentContentChangeEvent = partial(uint32(sp.Line), uint32(sp.Col16), uint32(ep.Line), uint32(ep.Col16), ins)
		if full {
			change = &protocol.TextDocumentContentChangeWholeDocument{Text: want[:start] + ins + want[end:]}
		}
		if err := ds.change(u, int32(i+2), []protocol.TextDocumentContentChangeEvent{change}, encUTF16); err != nil {
			t.Fatal(err)
		}
		want = want[:start] + ins + want[end:]
		if i >= 50 && ds.byURI[u].tree == nil {
			t.Fatalf("after %d edits the document dropped its tree: the next parse is not incremental", i+1)
		}
		if i%50 != 49 {
			continue
		}
		snap, _ := ds.snapshot(u)
		if string(snap.lines.Content()) != want {
			t.Fatalf("after %d edits the document diverged:\n got %q\nwant %q", i+1, snap.lines.Content(), want)
		}
		freshLines := span.NewLines(snap.lines.Content())
		for off := range len(want) + 1 {
			if got, exp := snap.lines.Position(off), freshLines.Position(off); got != exp {
				t.Fatalf("after %d edits the document's line index puts offset %d at %+v; a fresh index at %+v", i+1, off, got, exp)
			}
		}
		fresh := syntax.Parse(syntax.TypeScript, snap.lines.Content())
		if got, exp := shape(snapTree(snap).Root()), shape(fresh.Root()); got != exp {
			t.Fatalf("after %d edits the reparsed tree differs from a fresh parse:\n got %s\nwant %s", i+1, got, exp)
		}
		fresh.Close()
		snap.release()
	}
}

// runeOffset returns a random offset at a character boundary of s that is
// not inside a CRLF pair.
func runeOffset(s string, rng *rand.Rand) int {
	for {
		i := rng.IntN(len(s) + 1)
		if (i == len(s) || !(s[i]&0xC0 == 0x80)) && !(i > 0 && i < len(s) && s[i-1] == '\r' && s[i] == '\n') {
			return i
		}
	}
}

// shape renders a tree's nodes with their byte ranges.
func shape(n *sitter.Node) string {
	var b strings.Builder
	var walk func(n *sitter.Node)
	walk = func(n *sitter.Node) {
		fmt.Fprintf(&b, "(%s %d-%d", n.Kind(), n.StartByte(), n.EndByte())
		for i := range n.ChildCount() {
			walk(n.Child(i))
		}
		b.WriteString(")")
	}
	walk(n)
	return b.String()
}

// TestJudgementSharesTheDocumentIndex: the File a judgement reads indexes
// the document's lines once, with the document: no second index per judgement.
func TestJudgementSharesTheDocumentIndex(t *testing.T) {
	ds := newDocuments()
	u := uri.File("/w/a.ts")
	ds.open(u, "/w/a.ts", syntax.TypeScript, 1, []byte("const a = 1;\n"))
	if err := ds.change(u, 2, []protocol.TextDocumentContentChangeEvent{partial(0, 6, 0, 7, "é")}, encUTF16); err != nil {
		t.Fatal(err)
	}
	snap, _ := ds.snapshot(u)
	defer snap.release()
	s := newServer(Options{})
	s.setFolders([]string{"/w"})
	f := s.file(snap)
	defer f.Release()
	if f.Lines != snap.lines || string(f.Content) != "const é = 1;\n" || f.Rel != "a.ts" {
		t.Fatalf("file of the snapshot: shares the index %v, content %q, rel %q", f.Lines == snap.lines, f.Content, f.Rel)
	}
	if p := f.Lines.Position(len("const é")); p.Line != 0 || p.Col != 8 || p.Col16 != 7 {
		t.Fatalf("position after é = %+v, want line 0, col 8, col16 7", p)
	}
}

func TestSnapshotOutlivesDocumentTree(t *testing.T) {
	ds := newDocuments()
	u := uri.File("/w/a.ts")
	ds.open(u, "/w/a.ts", syntax.TypeScript, 1, []byte("const a = 1;\n"))
	snap, _ := ds.snapshot(u)
	defer snap.release()
	snapTree(snap) // a clone of the document's tree
	// The document replaces its tree and is closed; the snapshot's clone stays usable.
	if err := ds.change(u, 2, []protocol.TextDocumentContentChangeEvent{partial(0, 6, 0, 7, "b")}, encUTF16); err != nil {
		t.Fatal(err)
	}
	next, _ := ds.snapshot(u)
	next.release()
	ds.close(u)
	if got := snapTree(snap).Root().Kind(); got != "program" {
		t.Fatalf("snapshot tree root = %q, want program", got)
	}
	if string(snap.lines.Content()) != "const a = 1;\n" {
		t.Fatalf("snapshot content changed: %q", snap.lines.Content())
	}
}

func TestChangedBounds(t *testing.T) {
	tests := []struct{ old, new, cut, put string }{
		{"abcdef", "abXdef", "c", "X"},
		{"abc", "abc", "", ""},
		{"aaa", "aaaa", "", "a"},
		{"abcabc", "abc", "abc", ""},
		{"", "x", "", "x"},
		{"x", "", "x", ""},
		{"é", "è", "\xa9", "\xa8"}, // bytes, not runes: tree-sitter edits bytes
	}
	for _, tt := range tests {
		start, oldEnd, newEnd := changedBounds([]byte(tt.old), []byte(tt.new))
		if cut, put := tt.old[start:oldEnd], tt.new[start:newEnd]; cut != tt.cut || put != tt.put ||
			tt.old[:start]+put+tt.old[oldEnd:] != tt.new {
			t.Errorf("%q -> %q: replaces %q with %q, want %q with %q", tt.old, tt.new, cut, put, tt.cut, tt.put)
		}
	}
}

// snapTree is the snapshot's tree as a judgement gets it, for a File of the
// snapshot's own.
func snapTree(s *snapshot) *syntax.Tree {
	return s.TreeOf(analysis.NewFileOfLines("/", s.path, s.lang, s.lines, nil))
}

// TestLargeDocumentFirstJudgementParsesInChunks: the first judgement of a
// large document parses only the chunks it asks about; once it is released
// the whole file is parsed in the background and becomes the document's
// tree, with the edits made meanwhile applied incrementally; closing a
// document before that parse ends discards it.
func TestLargeDocumentFirstJudgementParsesInChunks(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 4*analysis.ChunkFrom; i++ {
		fmt.Fprintf(&b, "export function f%d(a: number): number {\n  return a + %d;\n}\n\n", i, i)
	}
	b.WriteString("app.post('/webhooks/stripe', (req, res) => { verify(req); });\n")
	src := b.String()
	ds := newDocuments()
	u := uri.File("/w/big.ts")
	ds.open(u, "/w/big.ts", syntax.TypeScript, 1, []byte(src))

	snap, _ := ds.snapshot(u)
	tree := snapTree(snap)
	if call, ok := tree.CallAt(strings.Index(src, "verify(")); !ok || call.Callee != "verify" {
		t.Fatalf("CallAt(verify) = %+v, %v", call, ok)
	}
	if got := tree.ParsedBytes(); got >= len(src)/2 {
		t.Fatalf("the first judgement parsed %d of %d bytes; want the chunk it asked about", got, len(src))
	}
	// An edit before the whole parse starts counts from the content it parses.
	if err := ds.change(u, 2, []protocol.TextDocumentContentChangeEvent{partial(0, 0, 0, 0, "// hi\n")}, encUTF16); err != nil {
		t.Fatal(err)
	}
	snap.release()
	waitFor(t, "the whole parse to become the document's tree", func() bool {
		ds.mu.Lock()
		defer ds.mu.Unlock()
		return ds.byURI[u].tree != nil
	})
	if err := ds.change(u, 3, []protocol.TextDocumentContentChangeEvent{partial(1, 0, 1, 0, "const z = 1;\n")}, encUTF16); err != nil {
		t.Fatal(err)
	}
	snap, _ = ds.snapshot(u)
	want := "// hi\nconst z = 1;\n" + src
	if got := string(snap.lines.Content()); got != want {
		t.Fatalf("content after the edits: %q...", got[:40])
	}
	fresh := syntax.Parse(syntax.TypeScript, []byte(want))
	defer fresh.Close()
	if got := snapTree(snap); got.ParsedBytes() != len(want) || shape(got.Root()) != shape(fresh.Root()) {
		t.Fatal("the document's tree after the edits differs from a fresh parse of its content")
	}
	snap.release()

	// Closed before its whole parse is done: the parse is not installed.
	v := uri.File("/w/big2.ts")
	ds.open(v, "/w/big2.ts", syntax.TypeScript, 1, []byte(src))
	d := ds.byURI[v]
	snap, _ = ds.snapshot(v)
	snapTree(snap)
	snap.release()
	ds.close(v)
	waitFor(t, "the closed document's whole parse to end", func() bool {
		ds.mu.Lock()
		defer ds.mu.Unlock()
		return !d.parsing
	})
	if d.tree != nil {
		t.Fatal("a closed document got a tree from its background parse")
	}
}

// waitFor polls cond until it holds, failing after ten seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
