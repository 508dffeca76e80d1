package analysis_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/expertise"
)

// catalogFixesExpert is the integrations expert of the catalog/fixes workspace.
const catalogFixesExpert = ".agileflow/experts/integrations/expertise.yaml"

// TestCatalogEntryFix checks "Add <Provider> to integrations_catalog
// (<category>)": one per uncataloged provider, not safe, preferred, editing
// only the integrations expert into a valid file whose new entry lists the
// provider's env vars and webhook events, and showing the new entry's name.
func TestCatalogEntryFix(t *testing.T) {
	dir := filepath.Join("testdata", "catalog", "fixes")
	results := analysistest.Run(t, dir, analysis.Catalog)
	root, _ := filepath.Abs(dir)
	expertPath := filepath.Join(root, catalogFixesExpert)
	before := readFile(t, expertPath)
	tests := map[string]struct {
		category, entry   string
		envVars, webhooks []string
	}{
		"Add Stripe to integrations_catalog (payment)": {
			category: "payment", entry: "Stripe",
			envVars:  []string{"STRIPE_PUBLISHABLE_KEY", "STRIPE_REGION", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"},
			webhooks: []string{"charge.refunded", "customer.subscription.deleted", "invoice.payment_failed", "payment_intent.succeeded"},
		},
		"Add Resend to integrations_catalog (email)": {
			category: "email", entry: "Resend",
			envVars: []string{"RESEND_API_KEY", "RESEND_FROM_ADDRESS"},
		},
	}
	seen := map[string]bool{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			fix := d.Fixes[0] // the analyzer's own fix comes before the generic ones
			want, ok := tests[fix.Title]
			if !ok {
				t.Errorf("%s:%d: first fix %q, want an Add ... to integrations_catalog fix", r.File.Rel, d.Range.Start.Line+1, fix.Title)
				continue
			}
			seen[fix.Title] = true
			if fix.Safe || !fix.Preferred {
				t.Errorf("%q: safe %v, preferred %v; want an unsafe preferred fix", fix.Title, fix.Safe, fix.Preferred)
			}
			after := applyToFile(t, expertPath, before, fix.Edits)
			if fix.Title == "Add Stripe to integrations_catalog (payment)" {
				checkGoldenContent(t, expertPath+".golden", after)
			}
			entry := checkedCatalogEntry(t, expertPath, after, want.category, want.entry)
			if entry == nil {
				continue
			}
			if got := scalarValues(entry.EnvVars); !slices.Equal(got, want.envVars) {
				t.Errorf("%q: env_vars %v, want %v", fix.Title, got, want.envVars)
			}
			if got := scalarValues(entry.Webhooks); !slices.Equal(got, want.webhooks) {
				t.Errorf("%q: webhooks %v, want %v", fix.Title, got, want.webhooks)
			}
			if fix.Show == nil || fix.Show.Path != expertPath || string(after[fix.Show.Range.Start.Offset:fix.Show.Range.End.Offset]) != want.entry {
				t.Errorf("%q: shows %+v, not the new entry's name", fix.Title, fix.Show)
			}
			checkNoSecretInEdits(t, fix)
		}
	}
	for title := range tests {
		if !seen[title] {
			t.Errorf("no fix %q", title)
		}
	}
}

// TestCatalogEntryFixNeedsIntegrationsExpert: without an integrations expert
// (the only expert has no catalog and another domain) there is nowhere to
// add the entry, so uncataloged-integration offers no fix.
func TestCatalogEntryFixNeedsIntegrationsExpert(t *testing.T) {
	results := analysistest.Run(t, filepath.Join("testdata", "catalog", "nocatalog"), analysis.Catalog)
	found := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			found++
			for _, fix := range d.Fixes {
				if strings.Contains(fix.Title, "integrations_catalog") {
					t.Errorf("%s:%d: fix %q without an integrations expert", r.File.Rel, d.Range.Start.Line+1, fix.Title)
				}
			}
		}
	}
	if found == 0 {
		t.Error("no finding to check")
	}
}

// applyToFile applies the edits of a fix that touch path to its content and
// fails on edits of any other file.
func applyToFile(t *testing.T, path string, content []byte, edits []analysis.TextEdit) []byte {
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

// checkGoldenContent compares content with the golden file at path.
func checkGoldenContent(t *testing.T, path string, content []byte) {
	t.Helper()
	if want := readFile(t, path); string(content) != string(want) {
		t.Errorf("%s differs\n--- got ---\n%s\n--- want ---\n%s", filepath.Base(path), content, want)
	}
}

// checkedCatalogEntry parses an edited expertise file, requires it to be
// valid (no syntax or shape problems, last_updated today) and returns the
// entry named name in category.
func checkedCatalogEntry(t *testing.T, path string, content []byte, category, name string) *expertise.CatalogEntry {
	t.Helper()
	f := expertise.Parse(path, content)
	for _, p := range expertise.Validate(f, expertise.ValidateOptions{Today: analysistest.Today, StaleDays: 30, MaxLines: 200}) {
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

func scalarValues(list []expertise.Scalar) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.Value)
	}
	return out
}

// checkNoSecretInEdits fails when a fix writes anything shaped like a
// secret token or a value assigned in the fixtures.
func checkNoSecretInEdits(t *testing.T, fix analysis.SuggestedFix) {
	t.Helper()
	for _, e := range fix.Edits {
		for _, tok := range knowledge.Get().Tokens() {
			if tok.Regexp.MatchString(e.NewText) {
				t.Errorf("%q writes a %s: %q", fix.Title, tok.Name, e.NewText)
			}
		}
		for _, value := range []string{"sk_test_", "noreply.example", "hooks.example.com", "+1500"} {
			if strings.Contains(e.NewText, value) {
				t.Errorf("%q writes %q, a value from the code", fix.Title, value)
			}
		}
	}
}

// TestCatalogEnvVarFix checks "Add NAME to <Provider> env_vars" on
// missing-env-var: offered after "Document NAME" when the name belongs to a
// cataloged integration (by the file's provider or by the name's prefix),
// not safe, editing only the integrations expert into a valid file whose
// entry lists the name, and showing it there.
func TestCatalogEnvVarFix(t *testing.T) {
	dir := filepath.Join("testdata", "envvars", "catalog")
	results := analysistest.Run(t, dir, analysis.EnvVars)
	root, _ := filepath.Abs(dir)
	expertPath := filepath.Join(root, catalogFixesExpert)
	before := readFile(t, expertPath)
	tests := map[string]struct {
		entry, category string // the entry the name joins; "" for no such fix
	}{
		"STRIPE_PRICE_ID":    {"Stripe", "payment"},
		"APP_BASE_URL":       {"Stripe", "payment"}, // read in a file that uses Stripe
		"TWILIO_FROM_NUMBER": {"Twilio", "sms"},     // Twilio's prefix
		"OPENAI_API_KEY":     {},                    // OpenAI is not cataloged
		"OTHER_VAR":          {},                    // no provider
	}
	seen := map[string]bool{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			name, _, _ := strings.Cut(d.Message, " ")
			want, ok := tests[name]
			if !ok {
				t.Errorf("%s:%d: unexpected finding %q", r.File.Rel, d.Range.Start.Line+1, d.Message)
				continue
			}
			seen[name] = true
			var titles []string
			for _, fix := range d.Fixes {
				if strings.HasPrefix(fix.Title, "Document ") || strings.HasPrefix(fix.Title, "Add ") {
					titles = append(titles, fix.Title)
				}
			}
			wantTitles := []string{"Document " + name + " in .env.example"}
			if want.entry != "" {
				wantTitles = append(wantTitles, "Add "+name+" to "+want.entry+" env_vars")
			}
			if !slices.Equal(titles, wantTitles) {
				t.Errorf("%s: fixes %q, want %q", name, titles, wantTitles)
				continue
			}
			if want.entry == "" {
				continue
			}
			fix := d.Fixes[1]
			if fix.Safe || fix.Preferred {
				t.Errorf("%q: safe %v, preferred %v; want neither (documenting the name is the preferred fix)", fix.Title, fix.Safe, fix.Preferred)
			}
			after := applyToFile(t, expertPath, before, fix.Edits)
			if name == "TWILIO_FROM_NUMBER" {
				checkGoldenContent(t, expertPath+".golden", after)
			}
			if entry := checkedCatalogEntry(t, expertPath, after, want.category, want.entry); entry != nil && !slices.Contains(scalarValues(entry.EnvVars), name) {
				t.Errorf("%q: the %s entry's env_vars are %v", fix.Title, want.entry, scalarValues(entry.EnvVars))
			}
			if fix.Show == nil || string(after[fix.Show.Range.Start.Offset:fix.Show.Range.End.Offset]) != name {
				t.Errorf("%q: shows %+v, not the added name", fix.Title, fix.Show)
			}
			checkNoSecretInEdits(t, fix)
		}
	}
	for name := range tests {
		if !seen[name] {
			t.Errorf("no finding for %s", name)
		}
	}
}
