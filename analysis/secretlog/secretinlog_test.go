package secretlog_test

import (
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/secretlog"
)

func TestSecretInLog(t *testing.T) {
	results := analysistest.Run(t, "testdata/secretinlog", secretlog.SecretInLog)
	analysistest.WantConvention(t, results, "secret-in-log", "ALWAYS log external service calls (without secrets)")
	// The range is the argument, exactly.
	for _, r := range results {
		for _, d := range r.Diagnostics {
			arg := string(r.File.Content[d.Range.Start.Offset:d.Range.End.Offset])
			if r.File.Rel == "src/log.ts" && d.Range.Start.Line == 7 && arg != "apiKey" {
				t.Errorf("%s:%d: range covers %q, want the argument apiKey", r.File.Rel, d.Range.Start.Line+1, arg)
			}
			if r.File.Rel == "src/log.rb" && d.Range.Start.Line == 3 && arg != `"token: #{token}"` {
				t.Errorf("%s:%d: range covers %q, want the argument", r.File.Rel, d.Range.Start.Line+1, arg)
			}
		}
	}
}
