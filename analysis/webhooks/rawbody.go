package webhooks

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// rawBodyHints say how each language family reads the raw body.
var rawBodyHints = map[string]string{
	"js":     "verify the raw body (express.raw({ type: 'application/json' }) on the route, or await req.text() in a route handler)",
	"python": "verify the raw body (request.get_data() in Flask, await request.body() in FastAPI, request.body in Django)",
	"go":     "verify the raw bytes read with io.ReadAll(r.Body)",
	"ruby":   "verify the raw body (request.raw_post or request.body.read)",
}

func runRawBody(pass *analysis.Pass) {
	h := passHookFile(pass)
	if h == nil || !h.maybeVerifies() {
		return
	}
	reported := map[syntax.Span]bool{} // enclosing functions already reported
	report := func(at syntax.Span, fn syntax.Func, msg string) {
		if reported[fn.Span] {
			return
		}
		reported[fn.Span] = true
		pass.Report(analysis.Diagnostic{Range: pass.File.Range(at.Start, at.End), Code: "webhook-raw-body", Message: msg})
	}
	hint := rawBodyHints[h.vocab.family]
	if h.vocab.family == "js" {
		h.parsedBeforeVerify(func(at syntax.Span, fn syntax.Func) {
			report(at, fn, fmt.Sprintf("%s parses the body before the signature is verified, so verification can only see re-serialised JSON; %s",
				h.text(at), hint))
		})
	}
	h.reserializedIntoVerify(func(at syntax.Span, fn syntax.Func) {
		report(at, fn, fmt.Sprintf("signature verified over re-serialised data (%s), whose bytes differ from what the provider signed; %s",
			h.text(at), hint))
	})
	if h.vocab.family == "js" {
		h.jsonParserBeforeRoute(pass)
	}
}

// maybeVerifies is the lexical test a file passes before the raw-body
// checks: it mentions an HMAC or a verification call.
func (h *hookFile) maybeVerifies() bool {
	lower := h.f.Lower()
	if codelex.ContainsAny(lower, "hmac", "verif", "construct", "valid", "unmarshal") {
		return true
	}
	for _, n := range h.extra {
		if codelex.Contains(h.src, n.last) {
			return true
		}
	}
	return false
}

// verifyStatements returns the statements that verify or compute an HMAC:
// from the start of the line of each mention to the end of its call,
// following a method chain onto later lines (once per file).
func (h *hookFile) verifyStatements() []syntax.Span { return h.stmts.get(h.findVerifyStatements) }

func (h *hookFile) findVerifyStatements() []syntax.Span {
	var out []syntax.Span
	for _, g := range []checkGroup{{names: h.vocab.verify}, {names: h.extra}, {names: h.vocab.hmac}} {
		h.mentions(h.all(), g.names, func(m mention) bool {
			end := lineEnd(h.src, m.End)
			if call, ok := h.tree().CallAt(m.End - 1); ok && call.End > end {
				end = lineEnd(h.src, call.End)
			}
			for end+1 < len(h.src) {
				next := bytes.TrimLeft(h.src[end+1:lineEnd(h.src, end+1)], " \t")
				if !bytes.HasPrefix(next, []byte(".")) {
					break
				}
				end = lineEnd(h.src, end+1)
			}
			out = append(out, syntax.Span{Start: lineStart(h.src, m.Start), End: end})
			return true
		})
	}
	return out
}

// reserializedIntoVerify calls fn for every re-serialisation (JSON.stringify,
// json.dumps, ...) whose result is verified: written inside a verifying
// statement, or assigned to a variable that one uses.
func (h *hookFile) reserializedIntoVerify(fn func(at syntax.Span, in syntax.Func)) {
	if !h.has(h.all(), h.vocab.reserialize) {
		return
	}
	stmts := h.verifyStatements()
	if len(stmts) == 0 {
		return
	}
	// The statements that take the data are found lexically, and the tree
	// is asked only about re-serialisations that feed one (most feed none).
	takers := func(at int) []syntax.Span {
		variable := assignedVariable(h.src, at)
		var out []syntax.Span
		for _, s := range stmts {
			if s.Contains(at) || variable != "" && s.Start > at && h.mentionsWord(s, variable) {
				out = append(out, s)
			}
		}
		return out
	}
	feeds := func(at int) bool { return len(takers(at)) > 0 }
	h.mentionsWhere(h.all(), h.vocab.reserialize, feeds, func(m mention) bool {
		enclosing, _ := h.tree().EnclosingFunction(m.Start)
		for _, s := range takers(m.Start) {
			if enclosing.Span.Empty() || s.Start >= enclosing.Start && s.End <= enclosing.End {
				at := m.Span
				if call, ok := h.tree().CallAt(m.End - 1); ok {
					at = call.Span
				}
				fn(at, enclosing)
				break
			}
		}
		return true
	})
}

// assignedVariable returns the variable that the expression at offset is
// assigned to on its line ("payload" in "const payload = JSON.stringify(...)"),
// or "".
func assignedVariable(src []byte, offset int) string {
	before := src[lineStart(src, offset):offset]
	eq := bytes.LastIndexByte(before, '=')
	if eq < 0 || bytes.ContainsAny(before[eq+1:], "(,") {
		return ""
	}
	lhs := bytes.TrimRight(before[:eq], " \t:")
	if i := bytes.IndexByte(lhs, ','); i >= 0 {
		lhs = lhs[:i] // Go: payload, err :=
	}
	fields := bytes.Fields(lhs)
	if len(fields) == 0 {
		return ""
	}
	name := string(bytes.TrimRight(fields[len(fields)-1], ","))
	if !isIdent(name) {
		return ""
	}
	return name
}

// mentionsWord reports whether s contains word as a whole word.
func (h *hookFile) mentionsWord(s syntax.Span, word string) bool {
	found := false
	h.wordsNamed(s, word, func(int, int) { found = true })
	return found
}

// parsedBeforeVerify calls fn for every `await req.json()` (or
// request.json()) that a function runs before it verifies a signature:
// the body stream is consumed, and only re-serialised JSON is left to verify.
func (h *hookFile) parsedBeforeVerify(fn func(at syntax.Span, in syntax.Func)) {
	if !containsAfterDot(h.f.Lower(), "json(") {
		return
	}
	stmts := h.verifyStatements()
	h.mentions(h.all(), h.vocab.jsonBody, func(m mention) bool {
		if !strings.HasSuffix(m.name.full, ".json") || strings.HasPrefix(m.name.full, "express.") || strings.HasPrefix(m.name.full, "bodyParser.") {
			return true
		}
		if !slices.ContainsFunc(stmts, func(s syntax.Span) bool { return s.Start > m.Start }) {
			return true // nothing verifies after it
		}
		enclosing, ok := h.tree().EnclosingFunction(m.Start)
		if !ok {
			return true
		}
		for _, s := range stmts {
			if s.Start > m.Start && s.End <= enclosing.End {
				if raw, ok := h.first(syntax.Span{Start: enclosing.Start, End: s.Start}, h.vocab.rawBody); ok && raw.Start < m.Start {
					return true // the raw body was read first (await req.clone().text())
				}
				at := m.Span
				if call, ok := h.tree().CallAt(m.End - 1); ok {
					at = call.Span
				}
				fn(at, enclosing)
				return true
			}
		}
		return true
	})
}

// jsonParserBeforeRoute reports Express routes whose handler verifies with a
// provider SDK that needs the raw body while a JSON body parser mounted
// before them (in this file, or in a file that mounts this one) has already
// consumed it.
func (h *hookFile) jsonParserBeforeRoute(pass *analysis.Pass) {
	routes := h.jsRoutes()
	if len(routes) == 0 {
		return
	}
	mountedParsed := h.mountedAfterParser(pass.Index)
	for _, hd := range routes {
		if hd.fn.Span.Empty() || h.has(hd.routeArgs, h.vocab.rawBody) {
			continue
		}
		sdk, ok := h.rawBodySDKCall(verifySpans(hd))
		if !ok {
			continue
		}
		parser := ""
		for _, m := range h.jsMounts() {
			if m.at < hd.report.Start && coversPath(m.path, hd.path) {
				if jm, ok := h.first(m.args, h.vocab.jsonBody); ok && !h.has(m.args, h.vocab.rawBody) {
					parser = fmt.Sprintf("%s (line %d)", h.text(jm.Span)+"()", pass.File.Lines.Position(jm.Start).Line+1)
					break
				}
			}
		}
		if parser == "" && mountedParsed != "" {
			parser = mountedParsed
		}
		if parser == "" {
			continue
		}
		pass.Report(analysis.Diagnostic{
			Range: pass.File.Range(hd.report.Start, hd.report.End),
			Code:  "webhook-raw-body",
			Message: fmt.Sprintf("%s parses the body as JSON before %s, but %s needs the raw body; add express.raw({ type: 'application/json' }) to this route or mount it before the JSON parser",
				parser, hd.label, sdk),
		})
	}
}

// rawBodySDKCall returns the first verification call in spans of a
// provider whose verification needs the raw body.
func (h *hookFile) rawBodySDKCall(spans []syntax.Span) (string, bool) {
	for _, s := range spans {
		var found string
		h.mentions(s, h.vocab.verify, func(m mention) bool {
			if p := m.name.provider; p != nil && p.Webhook.RawBody {
				found = h.text(m.Span)
				return false
			}
			return true
		})
		if found != "" {
			return found, true
		}
	}
	return "", false
}

// mountedAfterParser names the file that mounts this one after a JSON body
// parser (the first by path), or "".
func (h *hookFile) mountedAfterParser(ix *analysis.Index) string {
	for _, m := range hookViewOf(ix, h.vocab.family).jsonParsed {
		if m.path != h.f.Path && moduleMatches(m.module, h.f.Rel, false) {
			return "a JSON body parser mounted in " + m.rel
		}
	}
	return ""
}
