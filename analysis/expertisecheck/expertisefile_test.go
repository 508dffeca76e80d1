package expertisecheck_test

import (
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/analysis/expertisecheck"
)

func TestExpertiseFile(t *testing.T) {
	results := analysistest.Run(t, "testdata/expertise", expertisecheck.ExpertiseFile)
	checked := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			checked++
			rule, ok := checks.RuleFor(d.Code)
			if !ok || d.Severity != rule.Severity {
				t.Errorf("%s: %s has severity %v, want its rule's", r.File.Rel, d.Code, d.Severity)
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d diagnostics: the fixture workspace was not judged", checked)
	}
}

func TestExpertiseFileRules(t *testing.T) {
	want := map[string]analysis.Severity{
		"expertise-syntax":        analysis.SeverityError,
		"expertise-missing-field": analysis.SeverityWarning,
		"expertise-stale":         analysis.SeverityWarning,
		"expertise-too-long":      analysis.SeverityWarning,
		"expertise-no-learnings":  analysis.SeverityHint,
		"expertise-schema":        analysis.SeverityWarning,
		"expertise-stale-path":    analysis.SeverityWarning,
	}
	if len(expertisecheck.ExpertiseFile.Rules) != len(want) {
		t.Errorf("%d rules, want %d", len(expertisecheck.ExpertiseFile.Rules), len(want))
	}
	for _, r := range expertisecheck.ExpertiseFile.Rules {
		if sev, ok := want[r.Code]; !ok || sev != r.Severity || r.Summary == "" || r.Help == "" {
			t.Errorf("rule %s: severity %v (want %v), summary %q, help %q", r.Code, r.Severity, sev, r.Summary, r.Help)
		}
	}
}

// TestExpertiseFileForeignFolder checks the folder rule: most experts of a
// tool's source tree describe another tree, so each of them, even one with
// little drift, gets one file-level finding and is not judged stale; the
// workspace's own expert keeps its per-path findings.
func TestExpertiseFileForeignFolder(t *testing.T) {
	results := analysistest.Run(t, "testdata/expertise-foreign", expertisecheck.ExpertiseFile)
	if len(results) < 5 {
		t.Errorf("%d expertise files judged, want 5", len(results))
	}
}
