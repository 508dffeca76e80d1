package webhooks_test

import (
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/webhooks"
)

// TestNotIdempotent runs webhook-not-idempotent on its fixtures: a side
// effect on every delivery is reported in each language; updates keyed by
// the object, and handlers that look the event id up first, are not.
func TestNotIdempotent(t *testing.T) {
	results := analysistest.Run(t, "testdata/idempotency", webhooks.NotIdempotent)
	analysistest.WantConvention(t, results, "webhook-not-idempotent", "ALWAYS check idempotency")
}
