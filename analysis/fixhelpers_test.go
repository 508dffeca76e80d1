package analysis

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// fixToday is the date the fix tests run on.
var fixToday = time.Date(2026, 1, 15, 10, 0, 0, 0, time.Local)

// fixWorkspace writes files (slash paths relative to a temporary root),
// indexes them with the clock pinned to fixToday, and returns the index.
func fixWorkspace(t *testing.T, files map[string]string) *Index {
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
	cfg := DefaultConfig()
	cfg.Now = func() time.Time { return fixToday }
	ix := NewIndex(root, cfg)
	if err := ix.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ix
}

// workspaceFile returns the File of a workspace file as it is on disk.
func workspaceFile(t *testing.T, ix *Index, rel string) *File {
	t.Helper()
	path := filepath.Join(ix.Root, filepath.FromSlash(rel))
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return NewFile(ix.Root, path, syntax.Detect(path), content, nil)
}

// applyFix applies a fix's edits to the file they name (all edits of a fix
// touch one file here) and returns the path and new content.
func applyFix(t *testing.T, fix SuggestedFix) (string, []byte) {
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
	out, err := ApplyEdits(content, fix.Edits)
	if err != nil {
		t.Fatal(err)
	}
	return path, out
}

func fixTitles(fixes []SuggestedFix) []string {
	var out []string
	for _, f := range fixes {
		out = append(out, f.Title)
	}
	return out
}
