package checks_test

import (
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
)

// TestRulesDocumented checks every rule's text: SARIF shows Summary as a
// rule's short description (one line, no final period) and Help as its help.
func TestRulesDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range checks.Rules() {
		if seen[r.Code] {
			t.Errorf("%s: two rules with this code", r.Code)
		}
		seen[r.Code] = true
		if r.Summary == "" || strings.HasSuffix(r.Summary, ".") || strings.Contains(r.Summary, "\n") {
			t.Errorf("%s: summary %q should be one line without a final period", r.Code, r.Summary)
		}
		if r.Help == "" || r.Severity < analysis.SeverityError || r.Severity > analysis.SeverityHint {
			t.Errorf("%s: help %q, severity %v", r.Code, r.Help, r.Severity)
		}
	}
	if len(seen) != 18 {
		t.Errorf("%d codes, want the 18 the README documents", len(seen))
	}
}
