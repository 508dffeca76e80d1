package webhooks_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/webhooks"
)

func TestWebhookAnalyzers(t *testing.T) {
	results := analysistest.Run(t, "testdata/webhooks", webhooks.Webhooks, webhooks.SignatureCompare, webhooks.RawBody)
	// Every finding points at the expertise convention it breaks.
	codes := map[string]bool{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if len(d.Related) == 0 || !strings.Contains(d.Related[0].Message, "ALWAYS validate webhook signatures") {
				t.Errorf("%s: %s has no related convention: %+v", r.File.Rel, d.Code, d.Related)
			}
			codes[d.Code] = true
		}
	}
	for _, code := range []string{"unverified-webhook", "insecure-signature-compare", "webhook-raw-body"} {
		if !codes[code] {
			t.Errorf("no %s finding in the fixtures", code)
		}
	}
}

// TestHookFacts checks what the index keeps for other files: verifying
// helpers (with their classes), routes whose handler lives elsewhere, and
// routers mounted after a JSON body parser.
func TestHookFacts(t *testing.T) {
	ix := analysistest.Load(t, "testdata/webhooks", webhooks.Webhooks)
	facts := func(rel string) webhooks.HookFacts {
		f := ix.Facts(filepath.Join(ix.Root, rel))
		if f == nil {
			t.Fatalf("%s not indexed", rel)
		}
		return webhooks.HooksOf(f)
	}
	tests := []struct {
		rel  string
		want func(webhooks.HookFacts) bool
	}{
		{"express/lib/verify.ts", func(h webhooks.HookFacts) bool {
			return len(h.Verifiers) == 1 && h.Verifiers[0].Name == "verifyStripeSignature"
		}},
		{"nest/stripe.guard.ts", func(h webhooks.HookFacts) bool {
			return len(h.Verifiers) == 2 && h.Verifiers[0].Name == "StripeSignatureGuard" && h.Verifiers[1].Name == "canActivate"
		}},
		{"python/signing.py", func(h webhooks.HookFacts) bool {
			return len(h.Verifiers) == 1 && h.Verifiers[0].Name == "check_paddle_signature"
		}},
		{"express/routes/index.cjs", func(h webhooks.HookFacts) bool {
			return len(h.Routes) == 1 && h.Routes[0].Handler == "handleLinear" && h.Routes[0].Module == "express/controllers/linear" &&
				h.Routes[0].Path == "/webhooks/linear"
		}},
		{"gosrv/main.go", func(h webhooks.HookFacts) bool {
			return len(h.Routes) == 1 && h.Routes[0].Handler == "Linear" && h.Routes[0].Module == "example.com/app/gosrv/handlers"
		}},
		{"express/server.ts", func(h webhooks.HookFacts) bool {
			return len(h.JSONParsed) == 1 && h.JSONParsed[0] == "express/acme"
		}},
		{"express/events.mjs", func(h webhooks.HookFacts) bool {
			return len(h.Verifiers) == 0 && len(h.Routes) == 0 && len(h.JSONParsed) == 0
		}},
	}
	for _, tt := range tests {
		if got := facts(tt.rel); !tt.want(got) {
			t.Errorf("%s: hook facts %+v", tt.rel, got)
		}
	}
}
