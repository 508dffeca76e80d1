package analysis_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

func labels(cs []analysis.Completion) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Label)
	}
	return out
}

func TestCompleteEnvVarsInCode(t *testing.T) {
	ix, root := explainWorkspace(t)
	for _, c := range []struct {
		path, src string // | is the cursor
		lang      syntax.Lang
		want      bool
	}{
		{"a.ts", "const k = process.env.ST|", syntax.TypeScript, true},
		{"a.ts", "const k = process.env[\"|", syntax.TypeScript, true},
		{"a.ts", "const k = env.ST|", syntax.TypeScript, false},
		{"a.py", "k = os.environ[\"ST|", syntax.Python, true},
		{"a.py", "k = os.getenv('|", syntax.Python, true},
		{"a.py", "k = os.getenv(ST|", syntax.Python, false},
		{"a.go", "k := os.Getenv(\"ST|", syntax.Go, true},
		{"a.rb", "k = ENV[\"ST|", syntax.Ruby, true},
		{"a.rb", "k = ENV.fetch('|", syntax.Ruby, true},
	} {
		at := strings.Index(c.src, "|")
		src := strings.Replace(c.src, "|", "", 1)
		f := analysis.NewFile(root, filepath.Join(root, c.path), c.lang, []byte(src), nil)
		got := analysis.Complete(ix, f, at, false)
		if !c.want {
			if len(got) > 0 {
				t.Errorf("%q: completions %v, want none", c.src, labels(got))
			}
			continue
		}
		names := strings.Join(labels(got), " ")
		// The catalog's names first, then the example's and those read in code; each once.
		if names != "STRIPE_SECRET_KEY STRIPE_WEBHOOK_SECRET" {
			t.Errorf("%q: completions %q", c.src, names)
		}
		start := len(strings.TrimRight(src[:at], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789"))
		if r := got[0].Range; r.End.Offset != at || r.Start.Offset != start {
			t.Errorf("%q: replaces %d-%d, want %d-%d", c.src, r.Start.Offset, r.End.Offset, start, at)
		}
	}
}

func TestCompleteInExpertise(t *testing.T) {
	ix, root := explainWorkspace(t)
	complete := func(doc string) []string {
		at := strings.Index(doc, "|")
		src := strings.Replace(doc, "|", "", 1)
		f := analysis.NewFile(root, filepath.Join(root, ".agileflow/experts/x/expertise.yaml"), syntax.YAML, []byte(src), nil)
		return labels(analysis.Complete(ix, f, at, true))
	}
	if got := strings.Join(complete("domain: x\nversion: 1\nle|\n"), " "); got != "last_updated files relationships patterns conventions integrations_catalog learnings" {
		t.Errorf("top-level keys: %q", got)
	}
	names := complete("integrations_catalog:\n  payment:\n    - name: |\n")
	if len(names) == 0 || names[0] == "Stripe" || !strings.Contains(strings.Join(names, " "), "PayPal") {
		t.Errorf("provider names (Stripe is cataloged already): %v", names)
	}
	env := complete("integrations_catalog:\n  payment:\n    - name: Stripe\n      env_vars: [STRIPE_SECRET_KEY, |]\n")
	if strings.Join(env, " ") != "STRIPE_WEBHOOK_SECRET" {
		t.Errorf("env_vars completions: %v", env)
	}
	if got := complete("learnings:\n  - insight: Str|\n"); len(got) != 0 {
		t.Errorf("completions in prose: %v", got)
	}
}

func TestCompletePaths(t *testing.T) {
	ix, root := explainWorkspace(t)
	complete := func(doc string) string {
		at := strings.Index(doc, "|")
		src := strings.Replace(doc, "|", "", 1)
		f := analysis.NewFile(root, filepath.Join(root, ".agileflow/experts/x/expertise.yaml"), syntax.YAML, []byte(src), nil)
		return strings.Join(labels(analysis.Complete(ix, f, at, true)), " ")
	}
	if got := complete("files:\n  clients:\n    - path: |\n"); got != ".agileflow/ .env.example src/" {
		t.Errorf("path at the root: %q", got)
	}
	if got := complete("patterns:\n  - location: src/ot|\n"); got != "src/other.ts" {
		t.Errorf("location in src/: %q", got)
	}
	if got := complete("learnings:\n  - files_affected: [src/other.ts, src/|]\n"); got != "src/other.ts" {
		t.Errorf("files_affected: %q", got)
	}
	if got := complete("files:\n  x:\n    - path: ../../|\n"); got != "" {
		t.Errorf("a path out of the workspace: %q", got)
	}
}

func TestCompleteEnvVarNamesFromDocs(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "README.md"), []byte("Set `DOCS_ONLY_TOKEN` before you call the API; it answers JSON signed with HMAC.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := analysis.NewIndex(root, nil)
	if err := ix.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	src := "const k = process.env."
	f := analysis.NewFile(root, filepath.Join(root, "a.ts"), syntax.TypeScript, []byte(src), nil)
	// Acronyms of prose are not env vars; a name with an env var's shape is.
	if got := strings.Join(labels(analysis.Complete(ix, f, len(src), false)), " "); got != "DOCS_ONLY_TOKEN" {
		t.Errorf("completions from docs: %q", got)
	}
}
