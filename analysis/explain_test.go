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

const explainExpert = `domain: integrations
version: 1.0
last_updated: 2026-12-01
conventions:
  - NEVER hardcode API keys
  - ALWAYS validate webhook signatures
integrations_catalog:
  payment:
    - name: Stripe
      env_vars: [STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET]
      webhooks: [invoice.paid]
learnings:
  - date: 2026-10-02
    insight: Stripe webhooks need the raw body
  - date: 2026-11-20
    insight: Retry Stripe calls on 429
  - date: 2026-11-21
    insight: Twilio callbacks arrive out of order
  - date: 2026-09-01
    insight: Something about this file
    files_affected: [src/pay.ts]
`

func explainWorkspace(t *testing.T) (*analysis.Index, string) {
	root := t.TempDir()
	files := map[string]string{
		".agileflow/experts/integrations/expertise.yaml": explainExpert,
		".env.example": "# Stripe\nSTRIPE_SECRET_KEY=\n",
		"src/other.ts": "export const k = process.env.STRIPE_SECRET_KEY;\n",
	}
	for rel, content := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix := analysis.NewIndex(root, nil)
	if err := ix.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ix, root
}

func explainAt(t *testing.T, ix *analysis.Index, root, src, needle string) (analysis.Explanation, bool) {
	t.Helper()
	f := analysis.NewFile(root, filepath.Join(root, "src/pay.ts"), syntax.TypeScript, []byte(src), nil)
	i := strings.Index(src, needle)
	if i < 0 {
		t.Fatalf("%q not in the source", needle)
	}
	return analysis.Explain(ix, f, i+1)
}

func TestExplain(t *testing.T) {
	ix, root := explainWorkspace(t)
	src := "import Stripe from \"stripe\";\nimport twilio from \"twilio\";\nconst key = process.env.STRIPE_SECRET_KEY;\nconst hook = process.env.STRIPE_WEBHOOK_SECRET;\nconst other = process.env.NOWHERE_VAR;\n"

	ex, ok := explainAt(t, ix, root, src, "STRIPE_SECRET_KEY")
	for _, want := range []string{"**`STRIPE_SECRET_KEY`**", "[.env.example:2](file://" + root + "/.env.example#L2)", "the catalog entry Stripe (payment)", "Read in 1 file"} {
		if !ok || !strings.Contains(ex.Markdown, want) {
			t.Errorf("env var hover lacks %q:\n%s", want, ex.Markdown)
		}
	}
	if got := src[ex.Range.Start.Offset:ex.Range.End.Offset]; !strings.Contains(got, "STRIPE_SECRET_KEY") {
		t.Errorf("hover range covers %q", got)
	}
	if ex, _ := explainAt(t, ix, root, src, "NOWHERE_VAR"); !strings.Contains(ex.Markdown, "**Not documented**") {
		t.Errorf("undocumented var:\n%s", ex.Markdown)
	}

	ex, ok = explainAt(t, ix, root, src, "stripe\"")
	for _, want := range []string{"**Stripe** (payment) in the integrations catalog", "- env `STRIPE_SECRET_KEY`: documented", "- env `STRIPE_WEBHOOK_SECRET`: not documented",
		"- webhooks: `invoice.paid`", "- NEVER hardcode API keys", "Learnings:\n- 2026-11-20 Retry Stripe calls on 429"} {
		if !ok || !strings.Contains(ex.Markdown, want) {
			t.Errorf("provider hover lacks %q:\n%s", want, ex.Markdown)
		}
	}
	// Newest first; another provider's learning is not listed, the file's own is.
	md := ex.Markdown
	if strings.Contains(md, "Twilio") || !strings.Contains(md, "Something about this file") || strings.Index(md, "2026-11-20") > strings.Index(md, "2026-10-02") {
		t.Errorf("learnings of the Stripe hover:\n%s", md)
	}

	ex, ok = explainAt(t, ix, root, src, "twilio\"")
	if !ok || !strings.Contains(ex.Markdown, "**not in the integrations catalog**") || !strings.Contains(ex.Markdown, "TWILIO_") {
		t.Errorf("uncataloged provider hover:\n%s", ex.Markdown)
	}
	if _, ok := explainAt(t, ix, root, src, "const key"); ok {
		t.Error("an explanation for plain code")
	}
}

// TestExplainEnvReadsInEveryLanguage: the env var reads the README names.
func TestExplainEnvReadsInEveryLanguage(t *testing.T) {
	ix, root := explainWorkspace(t)
	for _, c := range []struct {
		path, src string
		lang      syntax.Lang
	}{
		{"a.py", "import os\nk = os.getenv(\"STRIPE_SECRET_KEY\")\n", syntax.Python},
		{"b.go", "package b\n\nimport \"os\"\n\nvar k = os.Getenv(\"STRIPE_SECRET_KEY\")\n", syntax.Go},
		{"c.rb", "k = ENV[\"STRIPE_SECRET_KEY\"]\n", syntax.Ruby},
		{"d.js", "const k = process.env.STRIPE_SECRET_KEY;\n", syntax.JavaScript},
	} {
		f := analysis.NewFile(root, filepath.Join(root, c.path), c.lang, []byte(c.src), nil)
		ex, ok := analysis.Explain(ix, f, strings.Index(c.src, "STRIPE_SECRET_KEY")+2)
		if !ok || !strings.Contains(ex.Markdown, ".env.example:2") {
			t.Errorf("%s: hover on the env var read: %v\n%s", c.path, ok, ex.Markdown)
		}
	}
}
