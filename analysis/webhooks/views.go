package webhooks

import (
	"sort"

	"github.com/expertise-ls/expertise-ls/analysis"
)

// hookView is what the webhook analyzers read of the index's facts when
// they judge a file of one language family: gathered once per change of the
// facts (Index.View) rather than from every indexed file for every file
// judged, which made judging a workspace quadratic in its size.
type hookView struct {
	// verifiers are the family's verifying functions by name: which files
	// define one of that name and what it does.
	verifiers map[string][]verifierIn
	// routes are the family's routes whose handler another file defines,
	// and jsonParsed the modules mounted after a JSON body parser (of any
	// family); both sorted by the path of the file that registers them.
	routes     []routeIn
	jsonParsed []parsedMount
}

type verifierIn struct {
	path   string
	checks HookChecks
}

type routeIn struct {
	path string
	HookRoute
}

type parsedMount struct {
	path, rel string
	module    string
}

// hookViewKey is the Index.View key of a family's hookView.
type hookViewKey struct{ family string }

// hookViewOf returns the index's hookView for a language family.
func hookViewOf(ix *analysis.Index, family string) *hookView {
	return ix.View(hookViewKey{family}, func() any {
		v := &hookView{verifiers: map[string][]verifierIn{}}
		ix.AllFacts(func(f *analysis.Facts) bool {
			hooks := HooksOf(f)
			for _, m := range hooks.JSONParsed {
				v.jsonParsed = append(v.jsonParsed, parsedMount{path: f.Path, rel: f.Rel, module: m})
			}
			if f.Lang.Family() != family {
				return true
			}
			for _, fn := range hooks.Verifiers {
				v.verifiers[fn.Name] = append(v.verifiers[fn.Name], verifierIn{path: f.Path, checks: fn.Checks})
			}
			for _, r := range hooks.Routes {
				v.routes = append(v.routes, routeIn{path: f.Path, HookRoute: r})
			}
			return true
		})
		sort.SliceStable(v.routes, func(i, j int) bool { return v.routes[i].path < v.routes[j].path })
		sort.SliceStable(v.jsonParsed, func(i, j int) bool { return v.jsonParsed[i].path < v.jsonParsed[j].path })
		return v
	}).(*hookView)
}
