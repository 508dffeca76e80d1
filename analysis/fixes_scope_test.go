package analysis

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// lineAnalyzer reports missing-env-var on every line holding "process.env",
// with a fix of its own when the pass wants fixes there.
var lineAnalyzer = &Analyzer{
	Name:  "lines",
	Rules: ruleAnalyzer.Rules,
	Run: func(pass *Pass) {
		f := pass.File
		for line := range f.Lines.Count() {
			text := f.Lines.LineText(line)
			i := bytes.Index(text, []byte("process.env"))
			if i < 0 {
				continue
			}
			start := f.Lines.LineStart(line) + i
			d := Diagnostic{Range: f.Range(start, start+len("process.env")), Code: "missing-env-var", Message: "read here"}
			if pass.WantFixes(d.Range) {
				d.Fixes = []SuggestedFix{{Title: "Document it"}}
			}
			pass.Report(d)
		}
	},
}

// TestFixesScope checks that a run builds fixes for the findings the driver
// asks about and no others: the analyzer's own (WantFixes) and the generic
// ones the framework adds.
func TestFixesScope(t *testing.T) {
	root := t.TempDir()
	src := []byte("export const a = process.env.FIRST_UNDOCUMENTED;\n" +
		"export const b = process.env.SECOND_UNDOCUMENTED;\n")
	f := NewFile(root, filepath.Join(root, "src", "config.ts"), syntax.TypeScript, src, nil)
	ix := NewIndex(root, nil, lineAnalyzer)
	ix.UpdateFile(f)
	withFixes := func(fixes Fixes) (n []int) {
		diags, err := RunAnalyzers(ix, f, []*Analyzer{lineAnalyzer}, fixes)
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
	if got := withFixes(AllFixes); len(got) != 2 || got[0] < 2 || got[1] < 2 {
		t.Errorf("AllFixes: fixes per finding %v, want the analyzer's and the ignore fix on both", got)
	}
	second := f.Lines.LineStart(1)
	if got := withFixes(FixesAt(f.Range(second, f.Lines.LineEnd(1)))); len(got) != 2 || got[0] != 0 || got[1] < 2 {
		t.Errorf("FixesAt(line 2): fixes per finding %v, want [0 >=2]", got)
	}
}
