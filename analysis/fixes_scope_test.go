package analysis

import (
	"path/filepath"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// TestFixesScope checks that a run builds fixes for the findings the driver
// asks about and no others.
func TestFixesScope(t *testing.T) {
	root := t.TempDir()
	src := []byte("export const a = process.env.FIRST_UNDOCUMENTED;\n" +
		"export const b = process.env.SECOND_UNDOCUMENTED;\n")
	f := NewFile(root, filepath.Join(root, "src", "config.ts"), syntax.TypeScript, src, nil)
	ix := NewIndex(root, nil, testAnalyzers...)
	ix.Update(filepath.Join(root, ".env.example"), []byte("DOCUMENTED=\n")) // judged read by read
	ix.UpdateFile(f)
	withFixes := func(fixes Fixes) (n []int) {
		diags, err := runAll(ix, f, fixes)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diags {
			n = append(n, len(d.Fixes))
		}
		return n
	}
	if got := withFixes(NoFixes); len(got) != 2 || got[0] != 0 || got[1] != 0 {
		t.Errorf("NoFixes: fixes per finding %v, want [0 0]", got)
	}
	if got := withFixes(AllFixes); len(got) != 2 || got[0] == 0 || got[1] == 0 {
		t.Errorf("AllFixes: fixes per finding %v, want both > 0", got)
	}
	second := f.Lines.LineStart(1)
	if got := withFixes(FixesAt(f.Range(second, f.Lines.LineEnd(1)))); len(got) != 2 || got[0] != 0 || got[1] == 0 {
		t.Errorf("FixesAt(line 2): fixes per finding %v, want [0 >0]", got)
	}
}
