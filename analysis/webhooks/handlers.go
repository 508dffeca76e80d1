package webhooks

import (
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// handler is an inbound POST-ish request handler: the candidates that the
// webhook analyzer then judges (is it a webhook? does it verify?).
type handler struct {
	fn     syntax.Func   // the handler function (or block); its span is what is scanned
	report syntax.Span   // where a finding goes: the route call or the handler's name
	label  string        // how a message names it: "POST /webhooks/stripe"
	path   string        // the route path, "" when unknown
	scope  []syntax.Span // code that runs before the handler: middleware, decorators, guards, filters
	// routeArgs is the middleware between a route's path and its handler (Express), where a raw body parser would go.
	routeArgs syntax.Span
	// ref names the handler when it is defined in another file (fn is then
	// empty): "stripeController.handleWebhook", "handlers.Stripe".
	ref string
	// checks and middleware come from a route registered in another file:
	// what its middleware does, and the names it refers to.
	checks     HookChecks
	middleware []string
}

// name returns the handler function's name, or "".
func (h *hookFile) name(fn syntax.Func) string { return strings.Trim(h.text(fn.Name), `'"`) }

// handlers finds the file's inbound POST-ish handlers (once per file).
func (h *hookFile) handlers() []handler { return h.hds.get(h.findHandlers) }

func (h *hookFile) findHandlers() []handler {
	switch h.f.Lang.Family() {
	case "js":
		return h.jsHandlers()
	case "python":
		return h.pyHandlers()
	case "go":
		return h.goRoutes()
	case "ruby":
		return h.rbHandlers()
	}
	return nil
}

// findFunc returns the function of this file named name: a declaration, or a
// function assigned to a variable, property or key of that name.
func (h *hookFile) findFunc(name string) (syntax.Func, bool) {
	if name == "" {
		return syntax.Func{}, false
	}
	for _, start := range h.wordOffsets(name) {
		if fn, ok := h.tree().FunctionNamedAt(start, start+len(name)); ok {
			return fn, true
		}
	}
	return syntax.Func{}, false
}

// methodCalls calls fn for every occurrence of one of names written as a
// method: after a '.', followed (after spaces) by '(' or, when generic is
// set, '<' (TypeScript type arguments). The names are among the vocabulary's
// words (see methodWords), found in the file's one word scan.
func (h *hookFile) methodCalls(names []string, generic bool, fn func(start, end int)) {
	for _, name := range names {
		for _, start := range h.wordOffsets(name) {
			end := start + len(name)
			if start == 0 || h.src[start-1] != '.' {
				continue
			}
			j := end
			for j < len(h.src) && (h.src[j] == ' ' || h.src[j] == '\t') {
				j++
			}
			if j < len(h.src) && (h.src[j] == '(' || generic && h.src[j] == '<') {
				fn(start, end)
			}
		}
	}
}

// mount is a middleware registration (app.use, r.Use, Sinatra before):
// everything it mounts runs before the routes below it whose path it covers.
type mount struct {
	at   int    // offset of the registration
	path string // the mount path, "" for all paths
	args syntax.Span
}

// mountsBefore returns the scope that mounts earlier in the file add to a
// route at offset with path.
func mountsBefore(mounts []mount, at int, path string) []syntax.Span {
	var out []syntax.Span
	for _, m := range mounts {
		if m.at < at && coversPath(m.path, path) {
			out = append(out, m.args)
		}
	}
	return out
}

// coversPath reports whether middleware mounted at prefix runs for path.
func coversPath(prefix, path string) bool {
	prefix = strings.TrimSuffix(strings.TrimSuffix(prefix, "*"), "/")
	if prefix == "" {
		return true
	}
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

// unwrapHandler follows a handler argument through wrapping calls
// (http.HandlerFunc(h), verify(h), withAuth(async (req) => ...)) to the
// function it names or contains, adding the wrappers to scope. When the
// function is not in this file it returns the name as written instead.
func (h *hookFile) unwrapHandler(arg syntax.Span, scope *[]syntax.Span) (syntax.Func, string, bool) {
	t := h.tree()
	for range 4 {
		if fn, ok := t.EnclosingFunction(arg.Start); ok && fn.Span == arg {
			return fn, "", true
		}
		text := h.text(arg)
		if call, ok := t.CallAt(arg.Start); ok && call.Span == arg && len(call.Args) > 0 {
			*scope = append(*scope, call.CalleeSpan, syntax.Span{Start: call.ArgList.Start, End: call.Args[len(call.Args)-1].Start})
			arg = call.Args[len(call.Args)-1]
			continue
		}
		ref := syntax.NormalizeCallee(text)
		name := ref
		if i := strings.LastIndexAny(ref, ".:"); i >= 0 {
			name = ref[i+1:]
		}
		if !isIdent(name) {
			return syntax.Func{}, "", false
		}
		if fn, ok := h.findFunc(name); ok {
			return fn, "", true
		}
		return syntax.Func{}, ref, false
	}
	return syntax.Func{}, "", false
}

// isIdent reports whether s is one identifier.
func isIdent(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !syntax.IsIdentByte(s[i]) {
			return false
		}
	}
	return true
}

// firstString returns the content of the first quoted string in text.
func firstString(text string) string {
	for i := 0; i < len(text); i++ {
		switch q := text[i]; q {
		case '\'', '"', '`':
			if j := strings.IndexByte(text[i+1:], q); j >= 0 {
				return text[i+1 : i+1+j]
			}
			return ""
		}
	}
	return ""
}

// joinPath joins route path parts with single slashes.
func joinPath(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.Trim(p, "/")
		if p != "" {
			b.WriteString("/")
			b.WriteString(p)
		}
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}
