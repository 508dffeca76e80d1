package clientretry_test

import (
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/clientretry"
)

// TestClientRetry runs client-no-retry on its fixtures (TS, Python, Go,
// Ruby) in a workspace whose expertise states a retry convention.
func TestClientRetry(t *testing.T) {
	results := analysistest.Run(t, "testdata/clients", clientretry.ClientRetry)
	analysistest.WantConvention(t, results, "client-no-retry", "ALWAYS implement retry with backoff")
}

// TestClientRetryNeedsTheConvention: without a retry convention in the
// expertise, nothing is reported.
func TestClientRetryNeedsTheConvention(t *testing.T) {
	ix := analysistest.Workspace(t, map[string]string{
		".agileflow/experts/integrations/expertise.yaml": "domain: integrations\nversion: 1.0\nlast_updated: 2026-12-01\nconventions:\n  - NEVER hardcode API keys\n",
		"src/mail.ts": "export const send = () => fetch('https://api.sendgrid.com/v3/mail/send', { method: 'POST' });\n",
	}, clientretry.ClientRetry)
	f := analysistest.WorkspaceFile(t, ix, "src/mail.ts")
	diags, err := analysis.RunAnalyzers(ix, f, []*analysis.Analyzer{clientretry.ClientRetry}, analysis.NoFixes)
	if err != nil || len(diags) != 0 {
		t.Errorf("without a retry convention: %v %v", diags, err)
	}
}
