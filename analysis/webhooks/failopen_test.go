package webhooks_test

import (
	"os"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/webhooks"
)

// TestFailOpen runs webhook-fail-open on its fixtures (TS, Python, Go,
// Ruby), then applies every "Remove the fallback secret" fix of a file and
// compares the result with its .golden twin.
func TestFailOpen(t *testing.T) {
	results := analysistest.Run(t, "testdata/failopen", webhooks.FailOpen)
	analysistest.WantConvention(t, results, "webhook-fail-open", "ALWAYS validate webhook signatures")
	fixed := 0
	for _, r := range results {
		var edits []analysis.TextEdit
		for _, d := range r.Diagnostics {
			for _, value := range []string{"whsec_", "dev-secret", "local-signing", "dev_only"} {
				if strings.Contains(d.Message, value) {
					t.Errorf("%s: message shows the fallback secret: %s", r.File.Rel, d.Message)
				}
			}
			for _, fix := range d.Fixes {
				if fix.Title == "Remove the fallback secret" {
					edits = append(edits, fix.Edits...)
					fixed++
				}
			}
		}
		want, err := os.ReadFile(r.File.Path + ".golden")
		if err != nil {
			if len(edits) > 0 {
				t.Errorf("%s: fixes but no golden file", r.File.Rel)
			}
			continue
		}
		got, err := analysis.ApplyEdits(r.File.Content, edits)
		if err != nil {
			t.Fatalf("%s: %v", r.File.Rel, err)
		}
		if string(got) != string(want) {
			t.Errorf("%s: fixed content differs from its golden file\n--- got ---\n%s", r.File.Rel, got)
		}
	}
	if fixed != 7 {
		t.Errorf("%d fallback fixes, want 7 (two a language, one in Go)", fixed)
	}
}
