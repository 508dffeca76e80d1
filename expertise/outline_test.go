package expertise

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const outlineDoc = `domain: integrations
last_updated: 2026-09-01
files:
  webhooks:
    - path: src/webhooks/
      purpose: "Inbound handlers"
patterns:
  - name: Webhook handler
    location: src/webhooks/stripe.ts:12
integrations_catalog:
  payment:
    - name: Stripe
      env_vars: [STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET]
    - name: PayPal
  email: []
learnings:
  - date: 2026-10-02
    insight: "Stripe webhooks need the raw body"
    files_affected: [src/webhooks/stripe.ts, "not a path"]
  - date: 2026-10-03
`

func TestOutline(t *testing.T) {
	f := Parse("/w/expertise.yaml", []byte(outlineDoc))
	syms := Outline(f)
	var got []string
	var walk func(prefix string, ss []Symbol)
	walk = func(prefix string, ss []Symbol) {
		for _, s := range ss {
			sel := string(f.Content[s.Select.Start.Offset:s.Select.End.Offset])
			if s.Range.Start.Offset > s.Select.Start.Offset || s.Range.End.Offset < s.Select.End.Offset {
				t.Errorf("%s: range %v does not contain its selection %v", s.Name, s.Range, s.Select)
			}
			got = append(got, prefix+s.Name+" ("+s.Detail+") @"+sel)
			walk(prefix+"  ", s.Children)
		}
	}
	walk("", syms)
	want := []string{
		"domain (integrations) @domain",
		"last_updated (2026-09-01) @last_updated",
		"files () @files",
		"  webhooks () @webhooks",
		"    src/webhooks/ (Inbound handlers) @src/webhooks/",
		"patterns () @patterns",
		"  Webhook handler (src/webhooks/stripe.ts:12) @Webhook handler",
		"integrations_catalog () @integrations_catalog",
		"  payment (2 integrations) @payment",
		"    Stripe (STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET) @Stripe",
		"      STRIPE_API_KEY () @STRIPE_API_KEY",
		"      STRIPE_WEBHOOK_SECRET () @STRIPE_WEBHOOK_SECRET",
		"    PayPal () @PayPal",
		"  email (0 integrations) @email",
		"learnings (2 learnings) @learnings",
		"  Stripe webhooks need the raw body (2026-10-02) @\"Stripe webhooks need the raw body\"",
		"  learning 2 (2026-10-03) @date: 2026-10-03",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The catalog section spans its categories, up to the last entry.
	cat := syms[4]
	if text := string(f.Content[cat.Range.Start.Offset:cat.Range.End.Offset]); !strings.HasPrefix(text, "integrations_catalog:") || !strings.HasSuffix(text, "email: []") {
		t.Errorf("catalog section range holds %q", text)
	}
}

func TestOutlineOfBrokenFiles(t *testing.T) {
	for _, doc := range []string{"", "- a list\n", "key: [unclosed\n", "learnings: 3\nintegrations_catalog: {payment: nope}\n"} {
		Outline(Parse("/w/expertise.yaml", []byte(doc))) // must not panic
	}
}

func TestPathAt(t *testing.T) {
	f := Parse("/w/expertise.yaml", []byte(outlineDoc))
	at := func(needle string, delta int) (PathRef, bool) {
		i := strings.Index(outlineDoc, needle)
		if i < 0 {
			t.Fatalf("%q not in the document", needle)
		}
		return PathAt(f, i+delta)
	}
	for _, c := range []struct {
		needle string
		delta  int
		rel    string
		line   int
		isPath bool
	}{
		{"src/webhooks/\n", 3, "src/webhooks/", 0, true},
		{"src/webhooks/\n", len("src/webhooks/"), "src/webhooks/", 0, true}, // the cursor just after the value
		{"src/webhooks/stripe.ts:12", 0, "src/webhooks/stripe.ts", 12, true},
		{"src/webhooks/stripe.ts, ", 5, "src/webhooks/stripe.ts", 0, true},
		{`"not a path"`, 3, "", 0, false},
		{"Inbound handlers", 2, "", 0, false},
		{"STRIPE_API_KEY", 2, "", 0, false},
	} {
		ref, ok := at(c.needle, c.delta)
		if ok != c.isPath || ref.Rel != c.rel || ref.Line != c.line {
			t.Errorf("PathAt(%q+%d) = %+v, %v; want %q line %d, %v", c.needle, c.delta, ref, ok, c.rel, c.line, c.isPath)
		}
	}
}

func TestTargets(t *testing.T) {
	root := t.TempDir()
	for _, rel := range []string{"src/webhooks/stripe.ts", "src/webhooks/github.ts", "src/deep/only/x.py", "docs/a.md"} {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rels := func(paths []string) string {
		var out []string
		for _, p := range paths {
			r, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(r))
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		rel   string
		limit int
		want  string
	}{
		{"src/webhooks/stripe.ts", 10, "src/webhooks/stripe.ts"},
		{"src/webhooks/", 10, "src/webhooks/github.ts src/webhooks/stripe.ts"},
		{"src/webhooks/", 1, "src/webhooks/github.ts"},
		{"src/deep/", 10, "src/deep/only/x.py"}, // no file directly in it: those below
		{"src/**/*.ts", 10, "src/webhooks/github.ts src/webhooks/stripe.ts"},
		{"src/gone.ts", 10, ""},
	} {
		if got := rels(Targets(root, PathRef{Rel: c.rel}, c.limit)); got != c.want {
			t.Errorf("Targets(%q, %d) = %q, want %q", c.rel, c.limit, got, c.want)
		}
	}
}
