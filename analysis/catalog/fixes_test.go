package catalog_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/catalog"
)

// catalogFixesExpert is the integrations expert of the catalog/fixes workspace.
const catalogFixesExpert = ".agileflow/experts/integrations/expertise.yaml"

// TestCatalogEntryFix checks "Add <Provider> to integrations_catalog
// (<category>)": one per uncataloged provider, not safe, preferred, editing
// only the integrations expert into a valid file whose new entry lists the
// provider's env vars and webhook events, and showing the new entry's name.
func TestCatalogEntryFix(t *testing.T) {
	dir := filepath.Join("testdata", "catalog", "fixes")
	results := analysistest.Run(t, dir, catalog.Catalog)
	root, _ := filepath.Abs(dir)
	expertPath := filepath.Join(root, catalogFixesExpert)
	before := analysistest.ReadFile(t, expertPath)
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
			after := analysistest.ApplyTo(t, expertPath, before, fix.Edits)
			if fix.Title == "Add Stripe to integrations_catalog (payment)" {
				analysistest.Golden(t, expertPath+".golden", after)
			}
			entry := analysistest.CatalogEntry(t, expertPath, after, want.category, want.entry)
			if entry == nil {
				continue
			}
			if got := analysistest.Values(entry.EnvVars); !slices.Equal(got, want.envVars) {
				t.Errorf("%q: env_vars %v, want %v", fix.Title, got, want.envVars)
			}
			if got := analysistest.Values(entry.Webhooks); !slices.Equal(got, want.webhooks) {
				t.Errorf("%q: webhooks %v, want %v", fix.Title, got, want.webhooks)
			}
			if fix.Show == nil || fix.Show.Path != expertPath || string(after[fix.Show.Range.Start.Offset:fix.Show.Range.End.Offset]) != want.entry {
				t.Errorf("%q: shows %+v, not the new entry's name", fix.Title, fix.Show)
			}
			analysistest.NoSecretInEdits(t, fix, fixtureValues...)
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
	results := analysistest.Run(t, filepath.Join("testdata", "catalog", "nocatalog"), catalog.Catalog)
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

// fixtureValues are values the fixtures assign in code, which no fix may write.
var fixtureValues = []string{"sk_test_", "noreply.example", "hooks.example.com", "+1500"}
