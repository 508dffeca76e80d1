package webhooks_test

import (
	"os"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/webhooks"
)

// TestFailOpen runs webhook-fail-open on its fixtures (TS, Python, Go,
// Ruby), applies the fixes of each file and compares the result with its
// .golden twin (analysistest.RunWithFixes): each fallback secret's first
// fix is "Remove the fallback secret".
func TestFailOpen(t *testing.T) {
	results := analysistest.RunWithFixes(t, "testdata/failopen", webhooks.FailOpen)
	analysistest.WantConvention(t, results, "webhook-fail-open", "ALWAYS validate webhook signatures")
	fixed := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, value := range []string{"whsec_", "dev-secret", "local-signing", "dev_only"} {
				if strings.Contains(d.Message, value) {
					t.Errorf("%s: message shows the fallback secret: %s", r.File.Rel, d.Message)
				}
			}
			if len(d.Fixes) > 0 && d.Fixes[0].Title == "Remove the fallback secret" {
				fixed++
				if _, err := os.Stat(r.File.Path + ".golden"); err != nil {
					t.Errorf("%s: fixes but no golden file", r.File.Rel)
				}
			}
		}
	}
	if fixed != 7 {
		t.Errorf("%d fallback fixes, want 7 (two a language, one in Go)", fixed)
	}
}
