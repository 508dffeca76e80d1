package analysis_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

func TestMergeEdits(t *testing.T) {
	const content = "A=\nB=\nC=\n"
	lines := span.NewLines([]byte(content))
	at := func(path string, start, end int, text string) analysis.TextEdit {
		return analysis.TextEdit{Path: path, Range: lines.Range(start, end), NewText: text}
	}
	create := func(path, text string) analysis.TextEdit {
		return analysis.TextEdit{Path: path, NewText: text, Create: true}
	}
	tests := []struct {
		name        string
		fixes       [][]analysis.TextEdit
		want        string // /x after applying the merged edits
		wantCreated string // /new's content
		refused     int    // how many fixes are refused
	}{
		{name: "the same edit twice", want: "A=\nB=\nC=\nNAME=\n",
			fixes: [][]analysis.TextEdit{{at("/x", 9, 9, "NAME=\n")}, {at("/x", 9, 9, "NAME=\n")}}},
		{name: "the same line, line breaks placed apart", want: "A=\nB=\nC=\nNAME=\n",
			fixes: [][]analysis.TextEdit{{at("/x", 9, 9, "NAME=\n")}, {at("/x", 9, 9, "\nNAME=\n")}, {at("/x", 9, 9, "NAME=\r\n")}}},
		{name: "different lines at one place apply in order", want: "A=\nB=\nC=\nONE=\nTWO=\n",
			fixes: [][]analysis.TextEdit{{at("/x", 9, 9, "ONE=\n")}, {at("/x", 9, 9, "TWO=\n")}}},
		{name: "the same line at two places is two changes", want: "NAME=\nA=\nB=\nC=\nNAME=\n",
			fixes: [][]analysis.TextEdit{{at("/x", 0, 0, "NAME=\n")}, {at("/x", 9, 9, "NAME=\n")}}},
		{name: "a shared edit is made once, the rest of the fix is kept", want: "A=1\nB=\nC=\nD=\nE=\n",
			fixes: [][]analysis.TextEdit{{at("/x", 0, 2, "A=1"), at("/x", 9, 9, "D=\n")}, {at("/x", 0, 2, "A=1"), at("/x", 9, 9, "E=\n")}}},
		{name: "overlapping replacements: the later fix is refused whole", want: "A=1\nB=\nC=\n", refused: 1,
			fixes: [][]analysis.TextEdit{{at("/x", 0, 2, "A=1")}, {at("/x", 9, 9, "D=\n"), at("/x", 1, 3, "=2\n")}}},
		{name: "an insertion inside a replaced range is refused", want: "X\nC=\n", refused: 1,
			fixes: [][]analysis.TextEdit{{at("/x", 0, 6, "X\n")}, {at("/x", 3, 3, "Y=\n")}}},
		{name: "insertions at a replacement's ends are kept", want: "Y=\nX\nZ=\nC=\n",
			fixes: [][]analysis.TextEdit{{at("/x", 0, 6, "X\n")}, {at("/x", 6, 6, "Z=\n")}, {at("/x", 0, 0, "Y=\n")}}},
		{name: "edits of other files never overlap", want: "A=\nB=\nC=\n",
			fixes: [][]analysis.TextEdit{{at("/y", 0, 2, "A=1")}, {at("/z", 0, 2, "A=2")}}},
		{name: "creating a file twice with the same line", want: content, wantCreated: "NAME=\n",
			fixes: [][]analysis.TextEdit{{create("/new", "NAME=\n")}, {create("/new", "NAME=\n")}}},
		{name: "creating a file with two lines", want: content, wantCreated: "ONE=\nTWO=\n",
			fixes: [][]analysis.TextEdit{{create("/new", "ONE=\n")}, {create("/new", "TWO=\n")}}},
		{name: "creating a file another fix edits is refused", want: content, wantCreated: "ONE=\n", refused: 1,
			fixes: [][]analysis.TextEdit{{create("/new", "ONE=\n")}, {{Path: "/new", NewText: "TWO=\n"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var taken []analysis.TextEdit
			refused := 0
			for _, fix := range tt.fixes {
				before := append([]analysis.TextEdit(nil), taken...)
				merged, err := analysis.MergeEdits(taken, fix)
				if err != nil {
					refused++
					if len(merged) != len(before) {
						t.Errorf("refused fix changed the edits: %v", merged)
					}
					if !strings.Contains(err.Error(), fix[0].Path+":") {
						t.Errorf("error %q does not name the file", err)
					}
				}
				for i := range before {
					if taken[i] != before[i] {
						t.Errorf("MergeEdits modified taken[%d]", i)
					}
				}
				taken = merged
			}
			if refused != tt.refused {
				t.Errorf("%d fixes refused, want %d", refused, tt.refused)
			}
			got, err := analysis.ApplyEdits([]byte(content), editsOf(taken, "/x", false))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("/x became %q, want %q", got, tt.want)
			}
			created, err := analysis.ApplyEdits(nil, editsOf(taken, "/new", true))
			if err != nil {
				t.Fatal(err)
			}
			if string(created) != tt.wantCreated {
				t.Errorf("/new created with %q, want %q", created, tt.wantCreated)
			}
		})
	}
}

// editsOf returns the edits of one file; the ranges of creating edits are
// dropped (they insert at the start of the new file).
func editsOf(edits []analysis.TextEdit, path string, create bool) []analysis.TextEdit {
	var out []analysis.TextEdit
	for _, e := range edits {
		if e.Path == path && e.Create == create {
			if create {
				e.Range = span.Range{}
			}
			out = append(out, e)
		}
	}
	return out
}

// TestMergeEditsOfRealFixes merges the fixes the analyzers make in one
// workspace: two files that read one undocumented variable, and in a third
// a hardcoded key whose "Move to environment variable" documents the same
// name as the missing-env-var fix of its read, into an env example file
// without a final line break. Every name ends up documented once.
func TestMergeEditsOfRealFixes(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		".agileflow/experts/integrations/expertise.yaml": "domain: integrations\nlast_updated: 2026-01-10\nversion: 1.1\nlearnings: []\n",
		".env.example": "# no final line break\nPORT=3000",
		"src/a.ts":     "export const url = process.env.SHARED_URL;\n",
		"src/b.py":     "import os\n\nurl = os.environ[\"SHARED_URL\"]\n",
		"src/pay.ts":   "import Stripe from \"stripe\";\nconst key = process.env.STRIPE_API_KEY;\nexport const stripe = new Stripe(\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\");\n",
	}
	for rel, content := range files {
		path := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix := analysistest.Load(t, root, checks.Analyzers...)
	example := filepath.Join(root, ".env.example")
	var taken []analysis.TextEdit
	for _, rel := range []string{"src/a.ts", "src/b.py", "src/pay.ts"} {
		path := filepath.Join(root, filepath.FromSlash(rel))
		f := analysis.NewFile(root, path, syntax.Detect(path), []byte(files[rel]), nil)
		diags, err := checks.Run(ix, f, analysis.AllFixes)
		f.Release()
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diags {
			for _, fix := range d.Fixes {
				if !strings.HasPrefix(fix.Title, "Document ") && !strings.HasPrefix(fix.Title, "Move to environment variable ") {
					continue
				}
				if taken, err = analysis.MergeEdits(taken, editsOf(fix.Edits, example, false)); err != nil {
					t.Errorf("%s: %q: %v", rel, fix.Title, err)
				}
			}
		}
	}
	got, err := analysis.ApplyEdits([]byte(files[".env.example"]), taken)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"SHARED_URL=", "STRIPE_API_KEY="} {
		if n := strings.Count(string(got), name); n != 1 {
			t.Errorf("%s documented %d times:\n%s", name, n, got)
		}
	}
}
