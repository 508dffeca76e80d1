package webhooks

import (
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// TestWebhookAnalyzersParseLazily checks that files without webhook words,
// or with them but nothing to look at, are judged without being parsed.
func TestWebhookAnalyzersParseLazily(t *testing.T) {
	tests := []struct {
		name, path, src string
		parsed          bool
	}{
		{"plain", "/ws/cart.ts", "export const total = (a: number[]) => a.reduce((s, x) => s + x, 0);\n", false},
		{"client post", "/ws/api.ts", "export const send = (x: unknown) => fetch('/x', { method: 'POST', body: JSON.stringify(x) });\n", false},
		{"webhook words only", "/ws/docs.py", "# Webhook events are documented in docs/webhooks.md\nEVENTS = ['a']\n", false},
		{"route", "/ws/server.ts", "app.post('/webhooks/x', (req, res) => res.sendStatus(200));\n", true},
	}
	for _, tt := range tests {
		ix := analysis.NewIndex("/ws", nil, webhookAnalyzers...)
		f := analysis.NewFile("/ws", tt.path, syntax.Detect(tt.path), []byte(tt.src), nil)
		findHookFacts(f, ix.Config())
		if _, err := analysis.RunAnalyzers(ix, f, webhookAnalyzers, analysis.NoFixes); err != nil {
			t.Fatal(err)
		}
		if got := f.HasTree(); got != tt.parsed {
			t.Errorf("%s: parsed = %v, want %v", tt.name, got, tt.parsed)
		}
		f.Release()
	}
}
