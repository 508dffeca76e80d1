package webhooks

import (
	"bytes"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// pyRouteDecorator reports whether a decorator's text declares a POST-ish
// view, and the route path it names: Flask/FastAPI @app.route(path,
// methods=["POST"]), @app.post(path), @bp.post; Django @csrf_exempt,
// @require_POST, @require_http_methods(["POST"]); DRF @api_view(["POST"]).
func pyRouteDecorator(text string) (path string, post bool) {
	call := text
	if i := strings.IndexByte(call, '('); i >= 0 {
		call = call[:i]
	}
	name := call[strings.LastIndexAny(call, ".@")+1:]
	switch name {
	case "post", "api_route", "route":
		if name == "post" || strings.Contains(strings.ToUpper(text), `"POST"`) || strings.Contains(strings.ToUpper(text), `'POST'`) {
			return firstString(text), true
		}
	case "csrf_exempt", "require_POST":
		return "", true
	case "require_http_methods", "api_view":
		return "", strings.Contains(strings.ToUpper(text), "POST")
	}
	return "", false
}

// pyHandlers finds decorated POST views and class-based views' post methods.
func (h *hookFile) pyHandlers() []handler {
	var out []handler
	seen := map[syntax.Span]bool{}
	lower := h.f.Lower()
	for line := 0; line < len(h.src); line = lineEnd(h.src, line) + 1 {
		text := bytes.TrimLeft(h.src[line:lineEnd(h.src, line)], " \t")
		if len(text) == 0 || text[0] != '@' {
			continue
		}
		lt := bytes.ToLower(text)
		if !bytes.Contains(lt, []byte("post")) && !bytes.Contains(lt, []byte("route")) && !bytes.Contains(lt, []byte("csrf")) {
			continue
		}
		at := lineEnd(h.src, line) - len(text) + 1
		fn, ok := h.tree().DecoratedFunction(at)
		if !ok || seen[fn.Span] {
			continue
		}
		seen[fn.Span] = true
		decorators := h.tree().Decorators(fn.Span)
		hd := handler{fn: fn, report: fn.Name, scope: decorators}
		post := false
		for _, d := range decorators {
			if p, ok := pyRouteDecorator(h.text(d)); ok {
				post = true
				if p != "" {
					hd.path = p
				}
			}
		}
		if !post {
			continue
		}
		hd.label = "view " + h.name(fn)
		if hd.path != "" {
			hd.label = "POST " + hd.path
		}
		out = append(out, hd)
	}
	if !codelex.Contains(lower, "def post(") {
		return out
	}
	h.wordsNamed(h.all(), "post", func(start, end int) {
		if !bytes.HasSuffix(h.src[:start], []byte("def ")) {
			return
		}
		fn, ok := h.tree().FunctionNamedAt(start, end)
		if !ok || seen[fn.Span] {
			return
		}
		class, ok := h.tree().EnclosingClass(start)
		if !ok {
			return
		}
		hd := handler{fn: fn, report: fn.Name, label: h.text(class.Name) + ".post", scope: append(h.tree().Decorators(fn.Span), h.tree().Decorators(class.Span)...)}
		out = append(out, hd)
	})
	return out
}
