package envvars_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/envvars"
)

// catalogFixesExpert is the integrations expert of the envvars/catalog workspace.
const catalogFixesExpert = ".agileflow/experts/integrations/expertise.yaml"

// fixtureValues are values the fixtures assign in code, which no fix may write.
var fixtureValues = []string{"sk_test_", "noreply.example", "hooks.example.com", "+1500"}

// TestCatalogEnvVarFix checks "Add NAME to <Provider> env_vars" on
// missing-env-var: offered after "Document NAME" when the name belongs to a
// cataloged integration (by the file's provider or by the name's prefix),
// not safe, editing only the integrations expert into a valid file whose
// entry lists the name, and showing it there.
func TestCatalogEnvVarFix(t *testing.T) {
	dir := filepath.Join("testdata", "envvars", "catalog")
	results := analysistest.Run(t, dir, envvars.EnvVars)
	root, _ := filepath.Abs(dir)
	expertPath := filepath.Join(root, catalogFixesExpert)
	before := analysistest.ReadFile(t, expertPath)
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
			after := analysistest.ApplyTo(t, expertPath, before, fix.Edits)
			if name == "TWILIO_FROM_NUMBER" {
				analysistest.Golden(t, expertPath+".golden", after)
			}
			if entry := analysistest.CatalogEntry(t, expertPath, after, want.category, want.entry); entry != nil && !slices.Contains(analysistest.Values(entry.EnvVars), name) {
				t.Errorf("%q: the %s entry's env_vars are %v", fix.Title, want.entry, analysistest.Values(entry.EnvVars))
			}
			if fix.Show == nil || string(after[fix.Show.Range.Start.Offset:fix.Show.Range.End.Offset]) != name {
				t.Errorf("%q: shows %+v, not the added name", fix.Title, fix.Show)
			}
			analysistest.NoSecretInEdits(t, fix, fixtureValues...)
		}
	}
	for name := range tests {
		if !seen[name] {
			t.Errorf("no finding for %s", name)
		}
	}
}
