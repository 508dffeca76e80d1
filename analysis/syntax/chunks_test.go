package syntax

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
)

// TestChunkedTreeAnswersAsTheWholeTree parses every source file of the
// analyzers' fixtures and the examples both whole and a statement at a time
// (chunks of any size, the most cuts a file can get), and asks both the
// same questions at every word: the node there, the enclosing function and
// class, the call, whether it is prose. The answers must be the same.
func TestChunkedTreeAnswersAsTheWholeTree(t *testing.T) {
	files, chunked := 0, 0
	for _, dir := range []string{"..", "../../examples"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			l := Detect(path)
			if !l.Parsed() {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if !strings.Contains(filepath.ToSlash(path), "/testdata/") && !strings.Contains(path, "examples") {
				return nil
			}
			files++
			starts := codelex.Lex(src, l.Family()).TopLevelStarts(l.Family())
			whole := Parse(l, src)
			defer whole.Close()
			parts := parseChunked(l, src, starts, 1)
			defer parts.Close()
			if parts.lazy != nil && len(parts.lazy.spans) > 1 {
				chunked++
			}
			for i := 0; i < len(src); i++ {
				if !IsIdentByte(src[i]) || i > 0 && IsIdentByte(src[i-1]) {
					continue
				}
				if diff := compareAt(whole, parts, i); diff != "" {
					t.Errorf("%s at offset %d (%q): %s", path, i, line(src, i), diff)
					return nil
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d source files, %d cut in chunks", files, chunked)
	// The fixtures hold files of every language with several top-level
	// statements; a reading that never cut one would pass vacuously.
	if files < 50 || chunked < files/2 {
		t.Fatalf("%d source files, %d of them cut in chunks: the test did not exercise chunking", files, chunked)
	}
}

func compareAt(whole, parts *Tree, i int) string {
	nodeOf := func(t *Tree) string {
		n := t.NodeAt(i, i+1)
		if n == nil {
			return "nil"
		}
		return fmt.Sprintf("%s %v", n.Kind(), SpanOf(n))
	}
	type answer struct {
		node        string
		fn, named   Func
		fnOK, nOK   bool
		class       Class
		classOK     bool
		call        Call
		callOK      bool
		prose       bool
		decorators  []Span
		decoratedOK bool
	}
	ask := func(t *Tree) answer {
		var a answer
		a.node = nodeOf(t)
		a.fn, a.fnOK = t.EnclosingFunction(i)
		a.named, a.nOK = t.EnclosingNamedFunction(i)
		a.class, a.classOK = t.EnclosingClass(i)
		a.call, a.callOK = t.CallAt(i)
		a.prose = t.InCommentOrString(i, i+1)
		var fn Func
		fn, a.decoratedOK = t.DecoratedFunction(i)
		a.decorators = t.Decorators(fn.Span)
		return a
	}
	w, p := ask(whole), ask(parts)
	if !reflect.DeepEqual(w, p) {
		return fmt.Sprintf("whole tree %+v\nchunked %+v", w, p)
	}
	return ""
}

func line(src []byte, i int) string {
	s := strings.LastIndexByte(string(src[:i]), '\n') + 1
	e := strings.IndexByte(string(src[i:]), '\n')
	if e < 0 {
		e = len(src) - i
	}
	return string(src[s : i+e])
}

// TestChunkedTreeParsesOnlyWhatIsAsked: a query in the last function of a
// long file parses that function's chunk, not the file; a query across two
// chunks, and a chunk that does not parse, fall back to the whole file.
func TestChunkedTreeParsesOnlyWhatIsAsked(t *testing.T) {
	var b strings.Builder
	for i := range 400 {
		fmt.Fprintf(&b, "export function f%d(a: number): number {\n  return a + %d;\n}\n\n", i, i)
	}
	b.WriteString("app.post('/webhooks/stripe', (req, res) => { verify(req); });\n")
	src := []byte(b.String())
	starts := codelex.Lex(src, "js").TopLevelStarts("js")
	if len(starts) != 400 {
		t.Fatalf("%d top-level starts, want 400 (one per function and the route)", len(starts))
	}

	tree := ParseChunked(TypeScript, src, starts)
	defer tree.Close()
	at := strings.Index(b.String(), "verify(")
	call, ok := tree.CallAt(at)
	if !ok || call.Callee != "verify" {
		t.Fatalf("CallAt(verify) = %+v, %v", call, ok)
	}
	if got := tree.ParsedBytes(); got > 2*MinChunk {
		t.Fatalf("one query parsed %d of %d bytes; want at most a chunk (%d)", got, len(src), 2*MinChunk)
	}
	if fn, ok := tree.EnclosingFunction(strings.Index(b.String(), "a + 7;")); !ok || tree.Text(fn.Name) != "f7" {
		t.Fatalf("EnclosingFunction in f7 = %+v, %v", fn, ok)
	}
	if got := tree.ParsedBytes(); got > 4*MinChunk {
		t.Fatalf("two queries parsed %d bytes; want at most two chunks", got)
	}
	if n := tree.NodeAt(0, len(src)); n == nil || n.Kind() != "program" {
		t.Fatalf("NodeAt(whole file) = %v; want the whole file's program", n)
	}
	if got := tree.ParsedBytes(); got < len(src) {
		t.Fatalf("a query across chunks parsed %d bytes; want the whole file (%d)", got, len(src))
	}

	// A start that cuts a statement: the chunk does not parse cleanly, and the
	// whole file answers.
	cut := []byte(strings.Repeat("const x = [\n", 1) + strings.Repeat("  1,\n", 1000) + "];\nfoo();\n")
	broken := parseChunked(TypeScript, cut, []int{len("const x = [\n") + 5*500}, 1)
	defer broken.Close()
	if call, ok := broken.CallAt(len(cut) - len("foo();\n")); !ok || call.Callee != "foo" {
		t.Fatalf("CallAt(foo) after a bad cut = %+v, %v", call, ok)
	}
	if n := broken.NodeAt(len(cut)-len("];\nfoo();\n")-3, len(cut)-len("];\nfoo();\n")-2); n == nil || n.Parent().Kind() != "array" {
		t.Fatalf("a node in the array after a bad cut: %v; want one in the whole file's array", n)
	}
}
