package envvars_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/envvars"
)

func TestEnvVars(t *testing.T) {
	tests := []struct {
		dir     string
		goldens []string // files whose fixed content has a .golden twin
		creates map[string]string
	}{
		{dir: "basic", goldens: []string{".env.example", "packages/api/.env.example"}},
		{dir: "create", creates: map[string]string{".env.example": "API_URL=\n"}},
		{dir: "crlf", goldens: []string{".env.sample"}},
		{dir: "sources"},
		{dir: "nodocs", creates: map[string]string{".env.example": "APP_HOME=\nDATABASE_URL=\nCACHE_DIR=\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", "envvars", tt.dir)
			if tt.dir == "crlf" {
				dir = crlfWorkspace(t) // written here: git may rewrite line ends of checked-in files
			}
			results := analysistest.Run(t, dir, envvars.EnvVars)
			if tt.dir == "basic" {
				analysistest.WantConvention(t, results, "missing-env-var", "Document all required environment variables")
			}
			edits, creates := firstFixEdits(t, results)
			root, _ := filepath.Abs(dir)
			for _, rel := range tt.goldens {
				path := filepath.Join(root, rel)
				checkGolden(t, path, edits[path])
			}
			if len(creates) != len(tt.creates) {
				t.Errorf("created files %v, want %v", creates, tt.creates)
			}
			for rel, want := range tt.creates {
				if got := creates[filepath.Join(root, rel)]; got != want {
					t.Errorf("created %s with %q, want %q", rel, got, want)
				}
			}
		})
	}
}

// firstFixEdits gathers the edits of every diagnostic's first fix by file, in
// the order a "fix all" applies them, and the files the fixes create. Each
// fix must also show where it wrote: its Show range covers the name it adds.
func firstFixEdits(t *testing.T, results []analysistest.Result) (map[string][]analysis.TextEdit, map[string]string) {
	t.Helper()
	edits, creates := map[string][]analysis.TextEdit{}, map[string]string{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if len(d.Fixes) == 0 {
				t.Errorf("%s:%d: %s has no fix", r.File.Rel, d.Range.Start.Line+1, d.Code)
				continue
			}
			fix := d.Fixes[0]
			if !fix.Safe || !strings.HasPrefix(fix.Title, "Document ") {
				t.Errorf("%s:%d: fix %q (safe %v)", r.File.Rel, d.Range.Start.Line+1, fix.Title, fix.Safe)
			}
			for _, e := range fix.Edits {
				if e.Create {
					creates[e.Path] = e.NewText
					continue
				}
				edits[e.Path] = append(edits[e.Path], e)
				checkShow(t, fix, e)
			}
		}
	}
	return edits, creates
}

// checkShow applies one fix alone and checks that Show points at the name it added.
func checkShow(t *testing.T, fix analysis.SuggestedFix, e analysis.TextEdit) {
	t.Helper()
	content, err := os.ReadFile(e.Path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := analysis.ApplyEdits(content, []analysis.TextEdit{e})
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(fix.Title, "Document ")
	name = name[:strings.IndexByte(name, ' ')]
	if fix.Show == nil || string(got[fix.Show.Range.Start.Offset:fix.Show.Range.End.Offset]) != name {
		t.Errorf("%s: fix %q shows %+v, not the added name", e.Path, fix.Title, fix.Show)
	}
}

func checkGolden(t *testing.T, path string, edits []analysis.TextEdit) {
	t.Helper()
	if len(edits) == 0 {
		t.Errorf("no fix edits %s", path)
		return
	}
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(path + ".golden")
	if err != nil {
		t.Fatal(err)
	}
	got, err := analysis.ApplyEdits(content, edits)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if string(got) != string(want) {
		t.Errorf("%s: fixed content differs from its .golden twin\n--- got ---\n%q\n--- want ---\n%q", path, got, want)
	}
}

// crlfWorkspace writes a workspace whose env example file has CRLF line
// ends and no final newline: fixes keep both.
func crlfWorkspace(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		".agileflow/experts/integrations/expertise.yaml": "domain: integrations\nlast_updated: 2026-01-10\nversion: 1.1\nlearnings: []\n",
		".env.sample":        "# CRLF, no final newline\r\nDOCUMENTED=1",
		".env.sample.golden": "# CRLF, no final newline\r\nDOCUMENTED=1\r\nNEW_VAR=\r\nOTHER_VAR=",
		"main.py": "import os\n\ndocumented = os.getenv(\"DOCUMENTED\")\n" +
			"new = os.getenv(\"NEW_VAR\")  # want \"NEW_VAR is read here but documented nowhere: add it to .env.sample$\"\n" +
			"other = os.environ.get(\"OTHER_VAR\")  # want \"OTHER_VAR\"\n",
	}
	for rel, content := range files {
		path := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
