package secrets_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/secrets"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// TestSecretsFixtures checks every want expectation of the detection
// fixtures (every token shape with a false-positive twin, in each language
// and config format), the severity of test-mode keys and of live keys in
// tests, and the convention link.
func TestSecretsFixtures(t *testing.T) {
	results := analysistest.Run(t, "testdata/secrets/detect", secrets.Secrets)
	total := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			total++
			want := analysis.SeverityError
			if strings.Contains(d.Message, "(test mode)") || strings.Contains(d.Message, "(in a test)") {
				want = analysis.SeverityWarning
			}
			if d.Severity != want {
				t.Errorf("%s:%d: severity %v, want %v (%s)", r.File.Rel, d.Range.Start.Line+1, d.Severity, want, d.Message)
			}
			if len(d.Related) != 1 || !strings.Contains(d.Related[0].Message, "NEVER hardcode API keys") {
				t.Errorf("%s:%d: related %+v, want the hardcode convention", r.File.Rel, d.Range.Start.Line+1, d.Related)
			}
		}
	}
	if total < 50 {
		t.Errorf("only %d findings over the fixtures; the want comments expect more", total)
	}
}

// TestSecretsNeverShowValues asserts over every finding of every fixture
// that no message, related message, fix title or edit holds the secret or
// more than its first four characters.
func TestSecretsNeverShowValues(t *testing.T) {
	for _, dir := range []string{"testdata/secrets/detect", "testdata/secrets/fix"} {
		for _, r := range analysistest.Run(t, dir, secrets.Secrets) {
			for _, d := range r.Diagnostics {
				value := string(r.File.Content[d.Range.Start.Offset:d.Range.End.Offset])
				texts := []string{d.Message}
				for _, rel := range d.Related {
					texts = append(texts, rel.Message)
				}
				for _, fix := range d.Fixes {
					texts = append(texts, fix.Title)
					for _, e := range fix.Edits {
						texts = append(texts, e.NewText)
					}
				}
				for _, text := range texts {
					if leak := leaked(value, text); leak != "" {
						t.Errorf("%s:%d: %q shows %q of the secret", r.File.Rel, d.Range.Start.Line+1, text, leak)
					}
				}
			}
		}
	}
}

// pemArmor matches the BEGIN and END lines of a key block: words, not secret.
var pemArmor = regexp.MustCompile(`-----(?:BEGIN|END)[ A-Z0-9_-]*-----`)

// leaked returns the part of value that text shows beyond a 4-character
// prefix: its first 5 characters, or any 8 of them in a row (outside a key
// block's armor lines).
func leaked(value, text string) string {
	if len(value) >= 5 && strings.Contains(text, value[:5]) {
		return value[:5]
	}
	material := pemArmor.ReplaceAllString(value, "\x00")
	for i := 0; i+8 <= len(material); i++ {
		if w := material[i : i+8]; !strings.Contains(w, "\x00") && strings.Contains(text, w) {
			return w
		}
	}
	return ""
}

// TestSecretsFixes applies the first fix of every finding in the fix
// fixtures (one per language) and compares with the .golden files, then
// checks the fixes' flags and what they write to the env example file.
func TestSecretsFixes(t *testing.T) {
	results := analysistest.RunWithFixes(t, "testdata/secrets/fix", secrets.Secrets)
	documented := map[string]bool{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			// The driver appends its own fixes (ignore, learn); ours comes first.
			if len(d.Fixes) == 0 || !isSecretFix(d.Fixes[0]) {
				t.Errorf("%s:%d: fixes %+v, want the env fix first", r.File.Rel, d.Range.Start.Line+1, d.Fixes)
				continue
			}
			fix := d.Fixes[0]
			if !fix.Preferred || fix.Safe {
				t.Errorf("%s: fix %q: preferred %v safe %v, want preferred and not safe", r.File.Rel, fix.Title, fix.Preferred, fix.Safe)
			}
			for _, e := range fix.Edits {
				if filepath.Base(e.Path) != ".env.example" {
					continue
				}
				if e.Create || e.Range.Start.Offset != e.Range.End.Offset {
					t.Errorf("%s: fix %q: env example edit %+v, want an insertion into the existing file", r.File.Rel, fix.Title, e)
				}
				documented[e.NewText] = true
			}
		}
	}
	want := map[string]bool{"SESSION_SECRET=\n": true, "TWILIO_AUTH_TOKEN=\n": true, "API_KEY=\n": true}
	for text := range want {
		if !documented[text] {
			t.Errorf("no fix documents %q in .env.example", text)
		}
	}
	for text := range documented {
		if !want[text] {
			t.Errorf("a fix documents %q, which .env.example already has or nobody needs", text)
		}
	}
}

// isSecretFix reports whether fix is one Secrets offers (not the driver's).
func isSecretFix(fix analysis.SuggestedFix) bool {
	return strings.HasPrefix(fix.Title, "Move to environment variable ") || strings.HasPrefix(fix.Title, "Remove the hardcoded fallback of ")
}

// TestSecretsFixCreatesEnvExample checks that a workspace without an env
// example file gets one created at its root.
func TestSecretsFixCreatesEnvExample(t *testing.T) {
	root := t.TempDir()
	src := "const apiKey = \"" + strings.Repeat("q8Zf3kLm9XwB2vTr", 2) + "\";\n"
	if err := os.WriteFile(filepath.Join(root, "app.js"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := analysistest.Load(t, root)
	path := filepath.Join(ix.Root, "app.js")
	f := analysis.NewFile(ix.Root, path, syntax.Detect(path), []byte(src), nil)
	diags, err := analysis.RunAnalyzers(ix, f, []*analysis.Analyzer{secrets.Secrets}, analysis.AllFixes)
	if err != nil || len(diags) != 1 || len(diags[0].Fixes) == 0 || !isSecretFix(diags[0].Fixes[0]) {
		t.Fatalf("diagnostics %+v, err %v: want one finding with the env fix", diags, err)
	}
	fix := diags[0].Fixes[0]
	var created *analysis.TextEdit
	for i, e := range fix.Edits {
		if e.Create {
			created = &fix.Edits[i]
		}
	}
	if created == nil || created.Path != filepath.Join(ix.Root, ".env.example") || created.NewText != "API_KEY=\n" {
		t.Fatalf("edits %+v: want <root>/.env.example created with API_KEY=", fix.Edits)
	}
}
