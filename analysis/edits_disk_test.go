package analysis_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// TestWriteEditsAllOrNothing: edits of two files land together, and when
// one file changed since it was read neither is written.
func TestWriteEditsAllOrNothing(t *testing.T) {
	root := t.TempDir()
	code, env := filepath.Join(root, "a.ts"), filepath.Join(root, ".env.example")
	codeText, envText := "const k = 1;\n", "A=\n"
	for p, c := range map[string]string{code: codeText, env: envText} {
		if err := os.WriteFile(p, []byte(c), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ix := analysis.NewIndex(root, nil)
	if err := ix.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	lines := span.NewLines([]byte(codeText))
	edits := []analysis.TextEdit{
		{Path: code, Range: lines.Range(10, 11), NewText: "process.env.K"},
		{Path: env, Range: span.NewLines([]byte(envText)).Range(3, 3), NewText: "K=\n"},
		{Path: filepath.Join(root, "docs", "new.md"), NewText: "K\n", Create: true},
	}
	if err := os.Mkdir(filepath.Join(root, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}

	// .env.example changed after the index read it: nothing is written.
	if err := os.WriteFile(env, []byte("A=\nB=\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.WriteEdits(context.Background(), edits, map[string][]byte{code: []byte(codeText)}); err == nil || !strings.Contains(err.Error(), "changed on disk") {
		t.Fatalf("err = %v, want the changed file named", err)
	}
	if got, _ := os.ReadFile(code); string(got) != codeText {
		t.Errorf("a.ts written although .env.example had changed: %q", got)
	}
	if _, err := os.Stat(filepath.Join(root, "docs", "new.md")); err == nil {
		t.Error("docs/new.md created although .env.example had changed")
	}

	if err := os.WriteFile(env, []byte(envText), 0o600); err != nil {
		t.Fatal(err)
	}
	changes, err := ix.WriteEdits(context.Background(), edits, map[string][]byte{code: []byte(codeText)})
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{code: "const k = process.env.K;\n", env: "A=\nK=\n", filepath.Join(root, "docs", "new.md"): "K\n"} {
		if got, _ := os.ReadFile(p); string(got) != want {
			t.Errorf("%s = %q, want %q", p, got, want)
		}
	}
	if info, _ := os.Stat(code); info.Mode().Perm() != 0o600 {
		t.Errorf("a.ts mode %v, want its own 0600 kept", info.Mode().Perm())
	}
	created := 0
	for _, ch := range changes {
		if ch.Created {
			created++
		}
	}
	if len(changes) != 3 || created != 1 {
		t.Errorf("changes %+v, want 3 of which 1 created", changes)
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".lock") || strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left behind %s", e.Name())
		}
	}

	if _, err := ix.WriteEdits(context.Background(), []analysis.TextEdit{{Path: filepath.Join(filepath.Dir(root), "x"), NewText: "x", Create: true}}, nil); err == nil {
		t.Error("wrote outside the workspace")
	}
}
