package analysis

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// treeType parses every file it sees, as the webhook facts do for handlers.
var treeType = &FactType{Name: "parsed", Of: func(f *File, _ *Config) Fact {
	if f.Tree() == nil {
		return nil
	}
	return countFact(1)
}}

var treeAnalyzer = &Analyzer{Name: "tree", FactTypes: []*FactType{treeType}, Run: func(*Pass) {}}

func TestKeepFiles(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"a.ts":      "export function handler(req) { return req.body; }\n",
		"b.py":      "import os\nos.getenv('OTHER')\n",
		"skip.ts":   "const x = 1;\n",
		"README.md": "Set `DOCUMENTED_VAR` first.\n",
	}
	for rel, content := range files {
		if err := os.WriteFile(filepath.Join(root, rel), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := func(rel string) string { return filepath.Join(root, rel) }
	wantAll := func(p string) bool { return p != path("skip.ts") }

	ix := NewIndex(root, nil, treeAnalyzer)
	ix.KeepFiles(1<<20, wantAll)
	if err := ix.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"a.ts", "b.py"} {
		f := ix.TakeFile(path(rel))
		if f == nil {
			t.Fatalf("%s was not kept", rel)
		}
		if !bytes.Equal(f.Content, []byte(files[rel])) || f.Rel != rel {
			t.Errorf("%s kept as %q (rel %q)", rel, f.Content, f.Rel)
		}
		if !f.HasTree() {
			t.Errorf("%s kept without the tree indexing parsed", rel)
		}
		f.Release()
		if ix.TakeFile(path(rel)) != nil {
			t.Errorf("%s taken twice", rel)
		}
	}
	for _, rel := range []string{"skip.ts", "README.md"} {
		if ix.TakeFile(path(rel)) != nil {
			t.Errorf("%s kept, though not wanted or not analysed", rel)
		}
	}
	ix.DropKept()
	if ix.TakeFile(path("a.ts")) != nil {
		t.Error("a file taken after DropKept")
	}

	// A budget smaller than one file keeps none; the index is as complete.
	small := NewIndex(root, nil, treeAnalyzer)
	small.KeepFiles(10, wantAll)
	if err := small.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	if small.TakeFile(path("a.ts")) != nil || small.TakeFile(path("b.py")) != nil {
		t.Error("files kept beyond the budget")
	}
	if len(small.Paths()) != len(ix.Paths()) {
		t.Errorf("index with a small budget has %d paths, want %d", len(small.Paths()), len(ix.Paths()))
	}
}
