package analysis

import (
	"slices"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
)

// catalogExpert catalogs Stripe (with one env var) and Twilio (with none).
const catalogExpert = `domain: integrations
version: 1.1
last_updated: 2025-12-16
integrations_catalog:
  payment:
    - name: Stripe
      env_vars: [STRIPE_API_KEY]
  sms:
    - name: twilio
learnings: []
`

// TestCatalogFixBuilders checks when the catalog fixes are offered, called
// directly: a provider the catalog lists gets no new entry (AddCatalogEntry
// would extend the existing one instead), an env var the entry lists gets no
// "Add", and without an integrations expert there is nothing to edit.
func TestCatalogFixBuilders(t *testing.T) {
	files := map[string]string{
		"src/pay.ts": "import Stripe from \"stripe\";\n" +
			"const key = process.env.STRIPE_API_KEY;\nconst price = process.env.STRIPE_PRICE_ID;\nconst url = process.env.APP_URL;\n",
	}
	bare := fixWorkspace(t, files)
	files[".agileflow/experts/integrations/expertise.yaml"] = catalogExpert
	cataloged := fixWorkspace(t, files)
	tests := []struct {
		name     string
		ix       *Index
		provider string   // given to CatalogEntryFix; "" to call CatalogEnvVarFixes
		envVar   string   // given to CatalogEnvVarFixes
		want     []string // fix titles
	}{
		{"uncataloged provider", cataloged, "resend", "", []string{"Add Resend to integrations_catalog (email)"}},
		{"cataloged provider", cataloged, "stripe", "", nil},
		{"provider without an integrations expert", bare, "resend", "", nil},
		{"env var of the file's provider", cataloged, "", "STRIPE_PRICE_ID", []string{"Add STRIPE_PRICE_ID to Stripe env_vars"}},
		{"env var the entry lists", cataloged, "", "STRIPE_API_KEY", nil},
		{"env var with a cataloged provider's prefix", cataloged, "", "TWILIO_FROM", []string{"Add TWILIO_FROM to twilio env_vars"}},
		{"env var of an uncataloged provider", cataloged, "", "OPENAI_API_KEY", nil},
		{"env var of no provider in a file using a cataloged one", cataloged, "", "APP_URL", []string{"Add APP_URL to Stripe env_vars"}},
		{"env var without an integrations expert", bare, "", "STRIPE_PRICE_ID", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pass := &Pass{File: workspaceFile(t, tt.ix, "src/pay.ts"), Index: tt.ix, Config: tt.ix.Config(), fixes: AllFixes}
			var fixes []SuggestedFix
			if tt.provider != "" {
				if fix, ok := CatalogEntryFix(pass, knowledge.Get().Provider(tt.provider)); ok {
					fixes = append(fixes, fix)
				}
			} else {
				fixes = CatalogEnvVarFixes(pass, tt.envVar)
			}
			var got []string
			for _, f := range fixes {
				got = append(got, f.Title)
				if f.Safe {
					t.Errorf("%q is safe; it changes the team's expertise and needs review", f.Title)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("fixes %q, want %q", got, tt.want)
			}
		})
	}
}
