package analysistest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/expertise"
)

// ApplyTo applies edits to content, the content of path, and fails on
// edits of any other file.
func ApplyTo(t testing.TB, path string, content []byte, edits []analysis.TextEdit) []byte {
	t.Helper()
	for _, e := range edits {
		if e.Path != path || e.Create {
			t.Fatalf("edit of %s (create %v), want edits of %s only", e.Path, e.Create, path)
		}
	}
	out, err := analysis.ApplyEdits(content, edits)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// Golden compares content with the golden file at path.
func Golden(t testing.TB, path string, content []byte) {
	t.Helper()
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(content) != string(want) {
		t.Errorf("%s differs\n--- got ---\n%s\n--- want ---\n%s", filepath.Base(path), content, want)
	}
}

// CatalogEntry parses an edited expertise file, requires it to be valid (no
// syntax or shape problems, last_updated Today) and returns the entry named
// name in category.
func CatalogEntry(t testing.TB, path string, content []byte, category, name string) *expertise.CatalogEntry {
	t.Helper()
	f := expertise.Parse(path, content)
	for _, p := range expertise.Validate(f, expertise.ValidateOptions{Today: Today, StaleDays: 30, MaxLines: 200}) {
		if p.Code == expertise.CodeSyntax || p.Code == expertise.CodeSchema || p.Code == expertise.CodeStale {
			t.Errorf("%s:%d after the fix: %s: %s", filepath.Base(path), p.Range.Start.Line+1, p.Code, p.Message)
		}
	}
	for _, cat := range f.Catalog {
		for i := range cat.Entries {
			if cat.Name.Value == category && cat.Entries[i].Name.Value == name {
				return &cat.Entries[i]
			}
		}
	}
	t.Errorf("%s after the fix has no %s entry under %s:\n%s", filepath.Base(path), name, category, content)
	return nil
}

// Values returns the values of a list of scalars.
func Values(list []expertise.Scalar) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.Value)
	}
	return out
}

// NoSecretInEdits fails when a fix writes anything shaped like a secret
// token or any of values (values the fixtures assign in code).
func NoSecretInEdits(t testing.TB, fix analysis.SuggestedFix, values ...string) {
	t.Helper()
	for _, e := range fix.Edits {
		for _, tok := range knowledge.Get().Tokens() {
			if tok.Regexp.MatchString(e.NewText) {
				t.Errorf("%q writes a %s: %q", fix.Title, tok.Name, e.NewText)
			}
		}
		for _, value := range values {
			if strings.Contains(e.NewText, value) {
				t.Errorf("%q writes %q, a value from the code", fix.Title, value)
			}
		}
	}
}

// ReadFile returns the content of the file at path.
func ReadFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
