package syntax

import (
	"strings"
	"testing"
)

// TestLibcAllocatorSharesTheBindingsHeap exercises the places where the Go
// binding frees, with libc's free, memory that the tree-sitter core
// allocated: node strings and changed ranges. They must work unchanged now
// that the core allocates with libc directly (alloc.go) rather than through
// the binding's callbacks.
func TestLibcAllocatorSharesTheBindingsHeap(t *testing.T) {
	src := benchSource(200)
	for range 50 {
		tree := Parse(TypeScript, src)
		at := len(src) / 2
		edited := append(append(append([]byte{}, src[:at]...), 'x'), src[at:]...)
		row := strings.Count(string(src[:at]), "\n")
		col := at - strings.LastIndexByte(string(src[:at]), '\n') - 1
		next := tree.Reparse(edited, []Edit{{StartByte: at, OldEndByte: at, NewEndByte: at + 1,
			StartPoint: Point{row, col}, OldEndPoint: Point{row, col}, NewEndPoint: Point{row, col + 1}}})
		if changed := tree.ts.ChangedRanges(next.ts); len(changed) == 0 {
			t.Fatal("an edit inside an identifier changed no range")
		}
		if sexp := next.Root().ToSexp(); !strings.HasPrefix(sexp, "(program") {
			t.Fatalf("root s-expression %.40q…", sexp)
		}
		clone := next.Clone()
		next.Close()
		if clone.Root().ChildCount() == 0 {
			t.Fatal("a clone lost its nodes when the original closed")
		}
		clone.Close()
		tree.Close()
	}
}
