package lsp

import (
	"os"
	"slices"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// BenchmarkCodeAction measures what a user waits for when the light bulb
// opens on a finding of the 1,000-line integration module (whose env vars
// nothing documents, so every finding carries the learning fix, which edits
// the real-sized integrations expert): the quickfix request, and the resolve
// of "Record a learning about this". It reports p50 and p90.
//
//	go test -run '^$' -bench CodeAction -benchtime 300x ./lsp/
func BenchmarkCodeAction(b *testing.B) {
	expert, err := os.ReadFile("../expertise/testdata/integrations.yaml")
	if err != nil {
		b.Fatal(err)
	}
	const rel = "src/integrations/payments.ts"
	root := b.TempDir()
	writeTestFile(b, root+"/.agileflow/experts/integrations/expertise.yaml", string(expert))
	writeTestFile(b, root+"/"+rel, integrationModule(1000))
	_, e := startSession(b, lsptest.Options{Root: root, DocumentChanges: true, ResolveEdits: true})
	e.OpenFile(rel)
	pub := e.AwaitDiagnostics(rel, "missing-env-var", func(p lsptest.Publication) bool { return p.Has("missing-env-var") })
	var d protocol.Diagnostic
	for _, x := range pub.Diagnostics {
		if lsptest.Code(x) == "missing-env-var" {
			d = x
			break
		}
	}
	learning := e.QuickFix(rel, d, "Record a learning about this")

	for _, step := range []struct {
		name string
		run  func()
	}{
		{"quickfix", func() { e.CodeActions(rel, d.Range, []protocol.Diagnostic{d}) }},
		{"resolve", func() {
			if _, err := e.ResolveCodeAction(learning); err != nil {
				b.Fatal(err)
			}
		}},
	} {
		b.Run(step.name, func(b *testing.B) {
			latencies := make([]time.Duration, 0, b.N)
			for range b.N {
				start := time.Now()
				step.run()
				latencies = append(latencies, time.Since(start))
			}
			slices.Sort(latencies)
			b.ReportMetric(float64(latencies[len(latencies)*50/100]), "p50-ns")
			b.ReportMetric(float64(latencies[len(latencies)*90/100]), "p90-ns")
		})
	}
}
