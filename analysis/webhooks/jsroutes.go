package webhooks

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// httpClients are receivers whose .post(url, ...) sends a request rather
// than declaring a route.
var httpClients = map[string]bool{
	"axios": true, "http": true, "https": true, "request": true, "superagent": true, "got": true, "ky": true,
	"needle": true, "fetch": true, "client": true, "httpClient": true, "$http": true, "supertest": true, "agent": true,
}

// jsRouteMethods are the router methods that can route a POST;
// jsMountMethods mount middleware and routers.
var (
	jsRouteMethods = []string{"post", "all"}
	jsMountMethods = []string{"use"}
)

// jsHandlers finds Express/Fastify/Hono/Koa routes, Next.js route handlers
// (app router and pages router) and NestJS @Post() methods.
func (h *hookFile) jsHandlers() []handler {
	out := slices.Clone(h.jsRoutes())
	if nextRoute := nextAppRoutePath(h.f.Rel); nextRoute != "" && codelex.Contains(h.src, "POST") {
		out = append(out, h.nextAppHandlers(nextRoute)...)
	}
	if apiPath := nextPagesAPIPath(h.f.Rel); apiPath != "" && codelex.Contains(h.src, "export default") {
		if hd, ok := h.nextPagesHandler(apiPath); ok {
			out = append(out, hd)
		}
	}
	if codelex.ContainsAny(h.src, "@Post(", "@All(") {
		out = append(out, h.nestHandlers()...)
	}
	return out
}

// jsRoutes finds app.post(path, ...middleware, handler) and friends (once per file).
func (h *hookFile) jsRoutes() []handler { return h.routes.get(h.findJSRoutes) }

func (h *hookFile) findJSRoutes() []handler {
	var out []handler
	h.methodCalls(jsRouteMethods, true, func(start, end int) {
		if h.notRouteAt(start) {
			return // decided without parsing the file
		}
		call, ok := h.tree().CallAt(start)
		if !ok || len(call.Args) == 0 || !strings.HasSuffix(call.Callee, "."+h.text(syntax.Span{Start: start, End: end})) {
			return
		}
		segs := strings.Split(call.Callee, ".")
		if httpClients[segs[len(segs)-2]] {
			return
		}
		routePath, hasPath := "", false
		chained := strings.HasSuffix(call.Callee, ".route."+segs[len(segs)-1])
		if v := stringValue(h.text(call.Args[0])); v != "" || h.text(call.Args[0]) == "''" {
			routePath, hasPath = v, true
		} else if chained {
			routePath = h.routeOfChain(call)
		}
		// A route names its path and then its handler; only router.route(path)
		// takes the path before. One argument alone is no route: Promise.all([...]),
		// items.all(fn).
		if len(call.Args) < 2 && (hasPath || !chained) {
			return
		}
		last := call.Args[len(call.Args)-1]
		hd := handler{report: call.CalleeSpan, path: routePath}
		hd.routeArgs = syntax.Span{Start: call.ArgList.Start, End: last.Start}
		if hasPath {
			hd.report.End = call.Args[0].End
			hd.routeArgs.Start = call.Args[0].End
		}
		hd.scope = []syntax.Span{call.CalleeSpan, hd.routeArgs}
		fn, ref, ok := h.unwrapHandler(last, &hd.scope)
		if !ok && ref == "" {
			return
		}
		hd.fn, hd.ref = fn, ref
		hd.label = strings.ToUpper(segs[len(segs)-1]) + " " + routePath
		hd.scope = append(hd.scope, mountsBefore(h.jsMounts(), call.Start, routePath)...)
		out = append(out, hd)
	})
	return out
}

// notRouteAt reports, from the text alone, that the .post( or .all( whose
// method name starts at start declares no route: it is in a comment or a
// string, or its receiver is an HTTP client (axios.post sends a request) or
// Promise (Promise.all, in most files that have an .all( at all). The tree
// would tell the same (see findJSRoutes); parsing a file for it cost half
// of a cold check of a TypeScript repository.
func (h *hookFile) notRouteAt(start int) bool {
	if h.f.Lexed().KindAt(start) != codelex.Code {
		return true
	}
	recv := string(codelex.IdentBefore(h.src, start-1)) // methodCalls: src[start-1] is the dot
	return recv == "Promise" || httpClients[recv]
}

// routeOfChain returns the path of router.route(path) in router.route(path).post(...).
func (h *hookFile) routeOfChain(call syntax.Call) string {
	callee := h.src[call.CalleeSpan.Start:call.CalleeSpan.End]
	i := bytes.LastIndex(callee, []byte("route"))
	if i < 0 {
		return ""
	}
	inner, ok := h.tree().CallAt(call.CalleeSpan.Start + i)
	if !ok || len(inner.Args) == 0 {
		return ""
	}
	return stringValue(h.text(inner.Args[0]))
}

// jsMounts returns the file's app.use(...) registrations (once per file).
func (h *hookFile) jsMounts() []mount { return h.mounts.get(h.findJSMounts) }

func (h *hookFile) findJSMounts() []mount {
	var out []mount
	h.methodCalls(jsMountMethods, false, func(start, end int) {
		call, ok := h.tree().CallAt(start)
		if !ok || len(call.Args) == 0 {
			return
		}
		m := mount{at: call.Start, args: call.ArgList}
		m.path = stringValue(h.text(call.Args[0]))
		out = append(out, m)
	})
	return out
}

var nextAppRoute = regexp.MustCompile(`(?:^|/)app/(.*?)/?route\.(?:ts|js|tsx|jsx|mjs)$`)

// nextAppRoutePath returns the URL path of a Next.js app router route file
// (app/api/webhooks/stripe/route.ts -> /api/webhooks/stripe), or "".
func nextAppRoutePath(rel string) string {
	m := nextAppRoute.FindStringSubmatch(rel)
	if m == nil {
		return ""
	}
	var parts []string
	for _, seg := range strings.Split(m[1], "/") {
		if strings.HasPrefix(seg, "(") && strings.HasSuffix(seg, ")") || strings.HasPrefix(seg, "@") {
			continue // route groups and parallel routes are not in the URL
		}
		parts = append(parts, seg)
	}
	return joinPath(parts...)
}

var nextPagesAPI = regexp.MustCompile(`(?:^|/)pages/(api/.*)\.(?:ts|js|tsx|jsx|mjs)$`)

// nextPagesAPIPath returns the URL path of a Next.js pages router API route
// (pages/api/webhooks/stripe.ts -> /api/webhooks/stripe), or "".
func nextPagesAPIPath(rel string) string {
	m := nextPagesAPI.FindStringSubmatch(rel)
	if m == nil {
		return ""
	}
	return joinPath(strings.TrimSuffix(m[1], "/index"))
}

// nextAppHandlers finds `export async function POST`, `export const POST =`
// and `export { handler as POST }` in a route file.
func (h *hookFile) nextAppHandlers(routePath string) []handler {
	var out []handler
	for _, start := range h.wordOffsets("POST") {
		end := start + len("POST")
		before := h.src[lineStart(h.src, start):start]
		if !bytes.Contains(before, []byte("export")) {
			continue
		}
		var fn syntax.Func
		var ok bool
		if bytes.HasSuffix(bytes.TrimRight(before, " \t"), []byte(" as")) {
			// export { handler as POST }
			words := bytes.Fields(bytes.TrimSuffix(bytes.TrimRight(before, " \t"), []byte(" as")))
			if len(words) > 0 {
				fn, ok = h.findFunc(strings.Trim(string(words[len(words)-1]), "{,"))
			}
		} else {
			fn, ok = h.tree().FunctionNamedAt(start, end)
		}
		if ok {
			out = append(out, handler{fn: fn, report: syntax.Span{Start: start, End: end}, label: "POST " + routePath, path: routePath})
		}
	}
	return out
}

// nextPagesHandler finds the default export of a pages router API route:
// a function written there, or the function an identifier or wrapper call
// (export default withAuth(handler)) names.
func (h *hookFile) nextPagesHandler(apiPath string) (handler, bool) {
	i := bytes.Index(h.src, []byte("export default"))
	if i < 0 {
		return handler{}, false
	}
	at := i + len("export default")
	for at < len(h.src) && (h.src[at] == ' ' || h.src[at] == '\t' || h.src[at] == '\n') {
		at++
	}
	hd := handler{report: syntax.Span{Start: i, End: i + len("export default")}, label: "API route " + apiPath, path: apiPath}
	fn, ok := h.tree().EnclosingFunction(at)
	if !ok || fn.Start < i {
		expr := bytes.TrimRight(h.src[at:lineEnd(h.src, at)], "; \t\r")
		fn, _, ok = h.unwrapHandler(syntax.Span{Start: at, End: at + len(expr)}, &hd.scope)
	}
	if !ok {
		return handler{}, false
	}
	if !fn.Name.Empty() && fn.Name.Start > i {
		hd.report = fn.Name
	}
	hd.fn = fn
	return hd, true
}

// nestHandlers finds NestJS @Post() methods and their controller's path.
func (h *hookFile) nestHandlers() []handler {
	var out []handler
	for _, deco := range []string{"@Post(", "@All("} {
		needle := []byte(deco)
		for from := 0; from < len(h.src); {
			i := bytes.Index(h.src[from:], needle)
			if i < 0 {
				break
			}
			at := from + i
			from = at + len(needle)
			fn, ok := h.tree().DecoratedFunction(at + 1)
			if !ok {
				continue
			}
			hd := handler{fn: fn, report: fn.Name, scope: h.tree().Decorators(fn.Span)}
			controller := ""
			if class, ok := h.tree().EnclosingClass(fn.Start); ok {
				for _, d := range h.tree().Decorators(class.Span) {
					hd.scope = append(hd.scope, d)
					if text := h.text(d); strings.HasPrefix(text, "@Controller") {
						controller = firstString(text)
					}
				}
			}
			hd.path = joinPath(controller, firstString(h.text(syntax.Span{Start: at, End: lineEnd(h.src, at)})))
			hd.label = "POST " + hd.path
			out = append(out, hd)
		}
	}
	return out
}

// modulePath returns rel without its extension and a trailing /index: the
// name by which other files import it.
func modulePath(rel string) string {
	rel = strings.TrimSuffix(rel, path.Ext(rel))
	return strings.TrimSuffix(rel, "/index")
}
