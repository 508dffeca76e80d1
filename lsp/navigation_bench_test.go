package lsp

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// BenchmarkHover measures a hover request to its answer through the
// protocol on the 1,000-line module of BenchmarkSaveToDiagnostics: on an
// env var read near its end, on its stripe import, on its last Stripe SDK
// call and on its webhook route (a parse of the module), with an expertise
// file that catalogs Stripe and has learnings. It reports p50 and p99.
//
//	go test -run '^$' -bench Hover -benchtime 300x ./lsp/
func BenchmarkHover(b *testing.B) {
	e, rel, lines := startNavigationBench(b)
	envAt := lastRead(lines, len("process.env.S"))
	for _, c := range []struct {
		name string
		at   protocol.Position
	}{
		{"env-var", envAt},
		{"provider", protocol.Position{Line: 0, Character: 21}},
		{"sdk-call", lastLine(lines, "stripe.paymentIntents.create", len("stripe.paym"))},
		{"webhook-route", lastLine(lines, "router.post(\"/webhooks/stripe\"", len("router.post(\"/web"))},
	} {
		b.Run(c.name, func(b *testing.B) {
			params := &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
				TextDocument: protocol.TextDocumentIdentifier{URI: e.URI(rel)}, Position: c.at,
			}}
			measure(b, func() error {
				h, err := e.Server().Hover(context.Background(), params)
				if err == nil && h == nil {
					err = fmt.Errorf("no hover at %v", c.at)
				}
				return err
			})
		})
	}
}

// BenchmarkCompletion measures a completion request after "process.env."
// near the end of the same module (p50, p99).
//
//	go test -run '^$' -bench Completion -benchtime 300x ./lsp/
func BenchmarkCompletion(b *testing.B) {
	e, rel, lines := startNavigationBench(b)
	at := lastRead(lines, len("process.env."))
	params := &protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: e.URI(rel)}, Position: at,
	}}
	measure(b, func() error {
		res, err := e.Server().Completion(context.Background(), params)
		if err == nil && len(res.(protocol.CompletionItemSlice)) == 0 {
			err = fmt.Errorf("no completions at %v", at)
		}
		return err
	})
}

// lastRead is the position delta bytes into the module's last read of SENDGRID_API_KEY.
func lastRead(lines []string, delta int) protocol.Position {
	return lastLine(lines, "process.env.SENDGRID_API_KEY", delta)
}

// lastLine is the position delta bytes into the module's last occurrence of needle.
func lastLine(lines []string, needle string, delta int) protocol.Position {
	for i := len(lines) - 1; i >= 0; i-- {
		if c := strings.Index(lines[i], needle); c >= 0 {
			return protocol.Position{Line: uint32(i), Character: uint32(c + delta)}
		}
	}
	return protocol.Position{}
}

// measure runs request b.N times and reports its p50 and p99.
func measure(b *testing.B, request func() error) {
	latencies := make([]time.Duration, 0, b.N)
	for b.Loop() {
		start := time.Now()
		err := request()
		latencies = append(latencies, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	slices.Sort(latencies)
	b.ReportMetric(float64(latencies[len(latencies)*50/100]), "p50-ns")
	b.ReportMetric(float64(latencies[len(latencies)*99/100]), "p99-ns")
}

// startNavigationBench opens the 1,000-line module in a session whose
// expertise catalogs Stripe and has learnings.
func startNavigationBench(b *testing.B) (e *lsptest.Editor, rel string, lines []string) {
	rel = "src/integrations/payments.ts"
	_, e = startSession(b, lsptest.Options{})
	e.WriteFile(".env.example", "STRIPE_SECRET_KEY=\nSTRIPE_WEBHOOK_SECRET=\nSENDGRID_API_KEY=\n")
	e.WriteFile(".agileflow/experts/integrations/expertise.yaml", "domain: integrations\nversion: 1.0\nlast_updated: 2026-12-01\n"+
		"conventions:\n  - NEVER hardcode API keys\n  - ALWAYS validate webhook signatures\n"+
		"integrations_catalog:\n  payment:\n    - name: Stripe\n      env_vars: [STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET]\n"+
		"learnings:\n  - date: 2026-10-02\n    insight: Stripe webhooks need express.raw()\n")
	e.WriteFile(rel, integrationModule(1000))
	e.OpenFile(rel)
	e.AwaitDiagnostics(rel, "the first judgement", func(p lsptest.Publication) bool { return p.Version == 1 })
	return e, rel, strings.Split(e.Text(rel), "\n")
}
