package analysis

import (
	"path/filepath"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// TestIndexView checks that a view is built once and built again only
// after the facts change: an update with different facts or a removal, not
// an update that changes nothing other files see.
func TestIndexView(t *testing.T) {
	ix := NewIndex("/ws", nil, testAnalyzers...)
	builds := 0
	view := func() int {
		return ix.View("count", func() any {
			builds++
			n := 0
			ix.AllFacts(func(*Facts) bool { n++; return true })
			return n
		}).(int)
	}
	steps := []struct {
		name       string
		change     func()
		files      int
		wantBuilds int
	}{
		{"first use", func() {}, 0, 1},
		{"unchanged", func() {}, 0, 1},
		{"new file", func() { ix.Update("/ws/a.ts", []byte("export const a = process.env.A;\n")) }, 1, 2},
		{"same facts, other ranges", func() { ix.Update("/ws/a.ts", []byte("\n\nexport const a = process.env.A;\n")) }, 1, 2},
		{"other facts", func() { ix.Update("/ws/a.ts", []byte("export const a = process.env.B;\n")) }, 1, 3},
		{"removed", func() { ix.Remove("/ws/a.ts") }, 0, 4},
		{"removed again", func() { ix.Remove("/ws/a.ts") }, 0, 4},
	}
	for _, s := range steps {
		s.change()
		if got := view(); got != s.files || builds != s.wantBuilds {
			t.Errorf("%s: view = %d after %d builds, want %d after %d", s.name, got, builds, s.files, s.wantBuilds)
		}
	}
}

// TestWebhookViewFollowsRoutes judges a handler that a route in another
// file registers, as the route comes and goes: the webhook analyzers read
// other files' routes through an index view, which must not go stale.
func TestWebhookViewFollowsRoutes(t *testing.T) {
	root := t.TempDir()
	routes, handler := filepath.Join(root, "routes.js"), filepath.Join(root, "handlers.js")
	const withRoute = "const { onStripe } = require('./handlers');\nrouter.post('/webhooks/stripe', onStripe);\n"
	const withoutRoute = "const { onStripe } = require('./handlers');\n"
	handlerSrc := []byte("exports.onStripe = function onStripe(req, res) {\n  res.sendStatus(200);\n};\n")
	ix := NewIndex(root, nil, testAnalyzers...)
	ix.Update(handler, handlerSrc)
	for i, routesSrc := range []string{withRoute, withoutRoute, withRoute} {
		ix.Update(routes, []byte(routesSrc))
		f := NewFile(root, handler, syntax.JavaScript, handlerSrc, nil)
		diags, err := RunAnalyzers(ix, f, []*Analyzer{Webhooks}, NoFixes)
		f.Release()
		if err != nil {
			t.Fatal(err)
		}
		if want := routesSrc == withRoute; (len(diags) == 1) != want || len(diags) > 1 {
			t.Errorf("step %d: %d findings (%v), want a finding: %v", i, len(diags), diags, want)
		}
	}
}
