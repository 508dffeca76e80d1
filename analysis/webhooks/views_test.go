package webhooks

import (
	"path/filepath"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// TestWebhookViewFollowsRoutes judges a handler that a route in another
// file registers, as the route comes and goes: the webhook analyzers read
// other files' routes through an index view, which must not go stale.
func TestWebhookViewFollowsRoutes(t *testing.T) {
	root := t.TempDir()
	routes, handler := filepath.Join(root, "routes.js"), filepath.Join(root, "handlers.js")
	const withRoute = "const { onStripe } = require('./handlers');\nrouter.post('/webhooks/stripe', onStripe);\n"
	const withoutRoute = "const { onStripe } = require('./handlers');\n"
	handlerSrc := []byte("exports.onStripe = function onStripe(req, res) {\n  res.sendStatus(200);\n};\n")
	ix := analysis.NewIndex(root, nil, webhookAnalyzers...)
	ix.Update(handler, handlerSrc)
	for i, routesSrc := range []string{withRoute, withoutRoute, withRoute} {
		ix.Update(routes, []byte(routesSrc))
		f := analysis.NewFile(root, handler, syntax.JavaScript, handlerSrc, nil)
		diags, err := analysis.RunAnalyzers(ix, f, []*analysis.Analyzer{Webhooks}, analysis.NoFixes)
		f.Release()
		if err != nil {
			t.Fatal(err)
		}
		if want := routesSrc == withRoute; (len(diags) == 1) != want || len(diags) > 1 {
			t.Errorf("step %d: %d findings (%v), want a finding: %v", i, len(diags), diags, want)
		}
	}
}
