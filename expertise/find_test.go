package expertise

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestIsExpertisePath(t *testing.T) {
	tests := []struct {
		rel   string
		extra []string
		want  bool
	}{
		{".agileflow/experts/integrations/expertise.yaml", nil, true},
		{"packages/cli/src/core/experts/security/expertise.yaml", nil, true},
		{"tools/experts/db/expertise.yaml", nil, true},
		{"experts/db/expertise.yaml", nil, true},
		{"./experts/db/expertise.yaml", nil, true},
		{"packages/cli/src/core/experts/_core-expertise.yaml", nil, true},
		{".agileflow/experts/_core-expertise.yaml", nil, true},
		{".agileflow/experts/integrations/question.md", nil, false},
		{".agileflow/experts/integrations/deep/expertise.yaml", nil, false},
		{".agileflow/experts/expertise.yaml", nil, false},
		{".agileflow/experts/templates/expertise.yaml", nil, false}, // templates, not an expert
		{"packages/cli/src/core/experts/templates/expertise.yaml", nil, false},
		{"templates/experts/x/expertise.yaml", nil, false},
		{"docs/expertise/payments.yaml", []string{"docs/expertise/*.yaml"}, true},
		{"docs/expertise/templates/payments.yaml", []string{"docs/expertise/**/*.yaml"}, false},
		{"docs/expertise/payments.yaml", []string{"docs/other/*.yaml"}, false},
		{"src/expertise.yaml", nil, false},
		{"docs/expertise/payments.yml", []string{"docs/expertise/*.yml"}, true},
		{"docs/expertise/payments.md", []string{"docs/expertise/*"}, false}, // expertise files are YAML
	}
	for _, tt := range tests {
		if got := IsExpertisePath(tt.rel, tt.extra); got != tt.want {
			t.Errorf("IsExpertisePath(%q, %q) = %v, want %v", tt.rel, tt.extra, got, tt.want)
		}
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	files := []string{
		".agileflow/experts/integrations/expertise.yaml",
		".agileflow/experts/security/expertise.yaml",
		".agileflow/experts/templates/expertise.yaml",
		"packages/cli/src/core/experts/_core-expertise.yaml",
		"node_modules/agileflow/src/core/experts/ui/expertise.yaml",
		"build/experts/ui/expertise.yaml",
		"docs/payments.expertise.yaml",
	}
	for _, p := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("domain: x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, ".gitignore"), []byte("build/\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Find(context.Background(), root, []string{"docs/*.expertise.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range []string{
		".agileflow/experts/integrations/expertise.yaml",
		".agileflow/experts/security/expertise.yaml",
		"docs/payments.expertise.yaml",
		"packages/cli/src/core/experts/_core-expertise.yaml",
	} {
		want = append(want, filepath.Join(root, filepath.FromSlash(p)))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Find =\n  %q\nwant\n  %q", got, want)
	}
}

func TestFindRoot(t *testing.T) {
	base := t.TempDir()
	for _, d := range []string{"repo/.git", "repo/pkg/deep", "flow/.agileflow", "flow/src", "bare/x"} {
		if err := os.MkdirAll(filepath.Join(base, filepath.FromSlash(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct{ dir, want string }{
		{"repo/pkg/deep", "repo"},
		{"repo", "repo"},
		{"flow/src", "flow"},
		{"bare/x", "bare/x"}, // nothing above marks a workspace (the temp dir is not in a repository)
	}
	for _, tt := range tests {
		got := FindRoot(filepath.Join(base, filepath.FromSlash(tt.dir)))
		if want := filepath.Join(base, filepath.FromSlash(tt.want)); got != want {
			t.Errorf("FindRoot(%s) = %s, want %s", tt.dir, got, want)
		}
	}
}
