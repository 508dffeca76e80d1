package webhooks

import (
	"bytes"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// goRouteMethods are the registrations that can route a POST: net/http and
// gorilla HandleFunc/Handle, gin/echo POST and Any, chi Post and HandleFunc;
// goMountMethods register middleware.
var (
	goRouteMethods = []string{"HandleFunc", "Handle", "POST", "Post", "Any"}
	goMountMethods = []string{"Use"}
)

// goRoutes finds Go route registrations, with handlers of this file or
// named by ref (once per file).
func (h *hookFile) goRoutes() []handler { return h.routes.get(h.findGoRoutes) }

func (h *hookFile) findGoRoutes() []handler {
	var out []handler
	var mounts []mount
	collected := false
	h.methodCalls(goRouteMethods, false, func(start, end int) {
		call, ok := h.tree().CallAt(start)
		if !ok || len(call.Args) < 2 {
			return
		}
		method := h.text(syntax.Span{Start: start, End: end})
		routePath := stringValue(h.text(call.Args[0]))
		if verb, rest, ok := strings.Cut(routePath, " "); ok && strings.ToUpper(verb) == verb {
			if verb != "POST" {
				return // Go 1.22 pattern "GET /x"
			}
			routePath = strings.TrimSpace(rest)
		}
		if after := h.src[call.End:min(len(h.src), call.End+40)]; bytes.HasPrefix(after, []byte(".Methods(")) && !bytes.Contains(after, []byte("POST")) {
			return // gorilla: .Methods("GET")
		}
		hd := handler{report: syntax.Span{Start: call.CalleeSpan.Start, End: call.Args[0].End}, path: routePath}
		hd.scope = []syntax.Span{call.CalleeSpan, {Start: call.Args[0].End, End: call.Args[len(call.Args)-1].Start}}
		fn, ref, ok := h.unwrapHandler(call.Args[len(call.Args)-1], &hd.scope)
		if !ok && ref == "" {
			return
		}
		hd.fn, hd.ref = fn, ref
		hd.label = routePath
		if method == "POST" || method == "Post" {
			hd.label = "POST " + routePath
		}
		if !collected {
			mounts, collected = h.goMounts(), true
		}
		hd.scope = append(hd.scope, mountsBefore(mounts, call.Start, routePath)...)
		out = append(out, hd)
	})
	return out
}

// goMounts returns the file's r.Use(...) middleware registrations.
func (h *hookFile) goMounts() []mount {
	var out []mount
	h.methodCalls(goMountMethods, false, func(start, end int) {
		if call, ok := h.tree().CallAt(start); ok {
			out = append(out, mount{at: call.Start, args: call.ArgList})
		}
	})
	return out
}
