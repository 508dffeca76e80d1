package webhooks

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// rbHandlers finds Sinatra `post '/path' do ... end` routes and the actions
// of Rails controllers that take outside POSTs.
func (h *hookFile) rbHandlers() []handler {
	var out []handler
	if codelex.Contains(h.src, "post") {
		out = append(out, h.sinatraRoutes()...)
	}
	if codelex.Contains(h.src, "Controller") {
		out = append(out, h.railsActions()...)
	}
	return out
}

// sinatraRoutes finds `post '/path' do` blocks and `before` filters.
func (h *hookFile) sinatraRoutes() []handler {
	var out []handler
	var filters []mount
	for line := 0; line < len(h.src); line = lineEnd(h.src, line) + 1 {
		text := bytes.TrimLeft(h.src[line:lineEnd(h.src, line)], " \t")
		at := lineEnd(h.src, line) - len(text)
		isPost := bytes.HasPrefix(text, []byte("post ")) || bytes.HasPrefix(text, []byte("post("))
		isBefore := bytes.HasPrefix(text, []byte("before ")) || bytes.HasPrefix(text, []byte("before do"))
		if !isPost && !isBefore {
			continue
		}
		call, ok := h.tree().CallAt(at)
		if !ok || call.Block.Empty() {
			continue
		}
		routePath := ""
		if len(call.Args) > 0 {
			routePath = stringValue(h.text(call.Args[0]))
		}
		if isBefore {
			filters = append(filters, mount{at: call.Start, path: routePath, args: call.Block})
			continue
		}
		hd := handler{fn: syntax.Func{Span: call.Block, Body: call.Block, Kind: "block"}, report: syntax.Span{Start: call.Start, End: call.ArgList.End},
			label: "POST " + routePath, path: routePath}
		hd.scope = mountsBefore(filters, call.Start, routePath)
		out = append(out, hd)
	}
	return out
}

var (
	railsController = regexp.MustCompile(`class\s+(\w+(?:::\w+)*Controller)\s*<`)
	rbSymbolList    = regexp.MustCompile(`(only|except):\s*(\[[^\]]*\]|:\w+)`)
	rbSymbol        = regexp.MustCompile(`:(\w+[!?]?)`)
	rbDef           = regexp.MustCompile(`\n\s*def\s+(\w+[!?]?)`)
	rbPrivate       = regexp.MustCompile(`\n\s*(?:private|protected)\s*\n`)
)

// railsActions finds the public actions of Rails controllers that receive
// outside POSTs: all of a controller named for webhooks, else those that
// skip CSRF protection (skip_before_action :verify_authenticity_token,
// protect_from_forgery except: / with: :null_session, skip_forgery_protection).
func (h *hookFile) railsActions() []handler {
	var out []handler
	for _, m := range railsController.FindAllSubmatchIndex(h.src, -1) {
		class, ok := h.tree().EnclosingClass(m[2])
		if !ok {
			continue
		}
		name := string(h.src[m[2]:m[3]])
		body := h.src[class.Body.Start:class.Body.End]
		hookish := namesHook(strings.ToLower(name), "hook") || namesWebhook(strings.ToLower(h.f.Rel))
		csrfAll, csrfOnly, csrfExcept := false, map[string]bool{}, map[string]bool{}
		var filters []syntax.Span // class-level lines that run before actions
		for line := class.Body.Start; line < class.Body.End; line = lineEnd(h.src, line) + 1 {
			text := bytes.TrimSpace(h.src[line:lineEnd(h.src, line)])
			switch {
			case bytes.Contains(text, []byte("verify_authenticity_token")) && bytes.HasPrefix(text, []byte("skip_")),
				bytes.HasPrefix(text, []byte("skip_forgery_protection")),
				bytes.HasPrefix(text, []byte("protect_from_forgery")) && (bytes.Contains(text, []byte("except")) || bytes.Contains(text, []byte("null_session"))):
				only, except := rbActionFilter(text)
				switch {
				case bytes.HasPrefix(text, []byte("protect_from_forgery")) && len(except) > 0:
					mergeSet(csrfOnly, except) // protected except these: these take outside POSTs
				case len(only) > 0:
					mergeSet(csrfOnly, only)
				default:
					csrfAll = true
					mergeSet(csrfExcept, except)
				}
			case bytes.HasPrefix(text, []byte("before_action")), bytes.HasPrefix(text, []byte("prepend_before_action")),
				bytes.HasPrefix(text, []byte("include ")), bytes.HasPrefix(text, []byte("around_action")):
				filters = append(filters, syntax.Span{Start: line, End: lineEnd(h.src, line)})
			}
		}
		private := -1
		if loc := rbPrivate.FindIndex(body); loc != nil {
			private = loc[0]
		}
		for _, d := range rbDef.FindAllSubmatchIndex(body, -1) {
			start, end := class.Body.Start+d[2], class.Body.Start+d[3]
			if private >= 0 && d[0] > private {
				break
			}
			action := string(h.src[start:end])
			takesPost := csrfOnly[action] || csrfAll && !csrfExcept[action]
			if !hookish && !takesPost {
				continue
			}
			fn, ok := h.tree().FunctionNamedAt(start, end)
			if !ok {
				continue
			}
			hd := handler{fn: fn, report: fn.Name, label: name + "#" + action}
			for _, f := range filters {
				if only, except := rbActionFilter(h.src[f.Start:f.End]); (len(only) == 0 || only[action]) && !except[action] {
					hd.scope = append(hd.scope, f)
				}
			}
			out = append(out, hd)
		}
	}
	return out
}

// rbActionFilter reads `only:` and `except:` action lists of a filter line.
func rbActionFilter(line []byte) (only, except map[string]bool) {
	only, except = map[string]bool{}, map[string]bool{}
	for _, m := range rbSymbolList.FindAllSubmatch(line, -1) {
		target := only
		if string(m[1]) == "except" {
			target = except
		}
		for _, sym := range rbSymbol.FindAllSubmatch(m[2], -1) {
			target[string(sym[1])] = true
		}
	}
	return only, except
}

func mergeSet(dst, src map[string]bool) {
	for k := range src {
		dst[k] = true
	}
}
