package analysistest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// Workspace writes files (slash paths relative to a temporary root) and
// returns their index, with the clock pinned to Today: a workspace a test
// builds in code rather than keeps in testdata.
func Workspace(t testing.TB, files map[string]string, analyzers ...*analysis.Analyzer) *analysis.Index {
	t.Helper()
	root := t.TempDir()
	for rel, content := range files {
		path := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := analysis.DefaultConfig()
	cfg.Now = func() time.Time { return Today }
	ix := analysis.NewIndex(root, cfg, analyzers...)
	if err := ix.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ix
}

// WorkspaceFile returns the File of a workspace file as it is on disk.
func WorkspaceFile(t testing.TB, ix *analysis.Index, rel string) *analysis.File {
	t.Helper()
	path := filepath.Join(ix.Root, filepath.FromSlash(rel))
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return analysis.NewFile(ix.Root, path, syntax.Detect(path), content, nil)
}

// ApplyFix applies a fix's edits to the one file they name and returns its
// path and new content (the disk is left alone).
func ApplyFix(t testing.TB, fix analysis.SuggestedFix) (string, []byte) {
	t.Helper()
	path := fix.Edits[0].Path
	for _, e := range fix.Edits {
		if e.Path != path {
			t.Fatalf("fix %q edits two files", fix.Title)
		}
	}
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out, err := analysis.ApplyEdits(content, fix.Edits)
	if err != nil {
		t.Fatal(err)
	}
	return path, out
}

// FixTitles returns the titles of fixes.
func FixTitles(fixes []analysis.SuggestedFix) []string {
	var out []string
	for _, f := range fixes {
		out = append(out, f.Title)
	}
	return out
}
