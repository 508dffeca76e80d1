package webhooks

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// webhook-fail-open: a handler that verifies a signature, but on a path an
// attacker can choose. Four shapes, each judged where the handler's own code
// verifies (a verifying middleware or helper is judged where it is written):
//   - the webhook secret falls back to a literal when its env var is unset
//     (process.env.X || "dev", os.getenv("X", "dev"), ENV.fetch("X", "dev"));
//   - the verification runs only when the secret or the signature is present
//     (if (secret) { verify } and the other path goes on processing);
//   - a verification that returns a verdict (a constant-time compare, a Go
//     error) whose verdict is thrown away;
//   - a catch, except or rescue around the verification that neither
//     rejects nor stops, with processing after it.

// FailOpen reports webhook-fail-open.
var FailOpen = &analysis.Analyzer{
	Name: "failopen",
	Doc:  "finds webhook signature verification that a request can skip",
	Rules: []analysis.Rule{{
		Code:     "webhook-fail-open",
		Severity: analysis.SeverityError,
		Summary:  "Webhook signature verification can be skipped",
		Help: "Verification must run on every request and reject on failure: no fallback secret literal " +
			"(process.env.X || \"dev\"), no `if (secret) { verify }` that processes the request when the secret or " +
			"the signature header is missing, no ignored verdict (a compare whose result is unused, a Go error " +
			"assigned to _), no catch that logs and goes on. Respond 400/401 instead, and refuse to start " +
			"without the secret.",
		Convention: webhookConvention,
	}},
	Run:       runFailOpen,
	FactTypes: []*analysis.FactType{hookFactsType},
}

const codeFailOpen = "webhook-fail-open"

func runFailOpen(pass *analysis.Pass) {
	f := pass.File
	if role := f.Role(); role == knowledge.RoleTest || role == knowledge.RoleGenerated || role == knowledge.RoleTemplate {
		return
	}
	seen := map[int]bool{}
	report := func(start, end int, msg string, fixes []analysis.SuggestedFix) {
		if seen[start] {
			return
		}
		seen[start] = true
		d := analysis.Diagnostic{Range: f.Range(start, end), Code: codeFailOpen, Message: msg}
		if pass.WantFixes(d.Range) {
			d.Fixes = fixes
		}
		pass.Report(d)
	}
	fallbackSecrets(pass, report)
	h := passHookFile(pass)
	if h == nil || !h.maybeVerifies() {
		return
	}
	for _, r := range verifiedReceivers(pass, h) {
		h.skippableVerification(r.hd.fn.Span, report)
	}
}

// isWebhookSecretName reports whether an env var holds a webhook signing
// secret: a provider's, or one named so (STRIPE_WEBHOOK_SECRET,
// SLACK_SIGNING_SECRET, WEBHOOK_HMAC_KEY).
func isWebhookSecretName(name string) bool {
	if providerWebhookSecrets()[name] {
		return true
	}
	u := strings.ToUpper(name)
	keyish := strings.Contains(u, "SECRET") || strings.Contains(u, "KEY") || strings.Contains(u, "TOKEN")
	return keyish && (strings.Contains(u, "WEBHOOK") || strings.Contains(u, "SIGNING") || strings.Contains(u, "SIGNATURE") || strings.Contains(u, "HMAC"))
}

// providerWebhookSecrets are the knowledge table's webhook secret env vars.
var providerWebhookSecrets = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, p := range knowledge.Get().Providers {
		if p.Webhook != nil && p.Webhook.SecretEnvVar != "" {
			out[p.Webhook.SecretEnvVar] = true
		}
	}
	return out
})

// fallbackSecrets reports the reads of webhook secrets that fall back to a
// non-empty literal. The literal is the range; its value is never shown.
func fallbackSecrets(pass *analysis.Pass, report func(start, end int, msg string, fixes []analysis.SuggestedFix)) {
	f := pass.File
	lx := f.Lexed()
	for _, site := range analysis.EnvSites(f) {
		if !isWebhookSecretName(site.Name) {
			continue
		}
		lit, cut, ok := fallbackLiteral(lx, f.Lang.Family(), site.Start, site.NameEnd, site.End)
		if !ok {
			continue
		}
		msg := fmt.Sprintf("%s falls back to a hard-coded secret when it is unset, so anyone who has read this code can sign "+
			"webhooks that verify; fail instead: no default, and refuse to start or reject requests without %s", site.Name, site.Name)
		fix := analysis.SuggestedFix{
			Title: "Remove the fallback secret",
			Edits: []analysis.TextEdit{{Path: f.Path, Range: f.Range(cut.Start, cut.End)}},
		}
		report(lit.Start, lit.End, msg, []analysis.SuggestedFix{fix})
	}
}

// fallbackLiteral finds the literal a read falls back to: a default argument
// inside the read (between its name's end and the read's end: get("X",
// "d"), fetch("X", "d"), a destructuring default { X = "d" }), or an
// operand of ||, ?? or `or` right after the read, or a Ruby fetch block. It
// returns the literal's span and the span to delete to drop the fallback.
// In Go, the fallback is the next argument of cmp.Or or of a function named
// for defaults (getenvDefault(os.Getenv("X"), "d")).
func fallbackLiteral(lx *codelex.Lexed, family string, readStart, nameEnd, readEnd int) (lit, cut syntax.Span, ok bool) {
	src := lx.Src
	i := nameEnd
	for i < len(src) && i < readEnd && (src[i] == '"' || src[i] == '\'' || src[i] == ']') {
		i++
	}
	j := codelex.SkipBlanks(src, i)
	switch {
	case j < len(src) && src[j] == ',' && j < readEnd: // get("X", "d"), fetch("X", "d")
		if l, ok := literalAt(lx, codelex.SkipBlanks(src, j+1)); ok {
			return l, syntax.Span{Start: i, End: l.End}, true
		}
	case family == "js" && j < len(src) && src[j] == '=' && (j+1 >= len(src) || src[j+1] != '='): // { X = "d" } = process.env
		if l, ok := literalAt(lx, codelex.SkipBlanks(src, j+1)); ok {
			return l, syntax.Span{Start: i, End: l.End}, true
		}
	}
	// After the whole read: || "d", ?? "d", or "d", a Ruby block { "d" }.
	e := max(readEnd, i)
	k := codelex.SkipBlanks(src, e)
	if family == "go" && k < len(src) && src[k] == ',' {
		p := codelex.SkipBlanksBack(src, readStart)
		if p > 0 && src[p-1] == '(' {
			if fn := string(codelex.IdentBefore(src, p-1)); fn == "Or" || strings.Contains(strings.ToLower(fn), "default") {
				if l, ok := literalAt(lx, codelex.SkipBlanks(src, k+1)); ok {
					return l, syntax.Span{Start: e, End: l.End}, true
				}
			}
		}
		return syntax.Span{}, syntax.Span{}, false
	}
	op := 0
	switch {
	case bytes.HasPrefix(src[k:], []byte("||")), bytes.HasPrefix(src[k:], []byte("??")), bytes.HasPrefix(src[k:], []byte("or")) && family != "js":
		op = 2
	case family == "ruby" && k < len(src) && src[k] == '{':
		op = 1
	}
	if op == 0 || op == 2 && k+2 < len(src) && codelex.IsIdentByte(src[k+2]) && src[k] == 'o' {
		return syntax.Span{}, syntax.Span{}, false
	}
	l, found := literalAt(lx, codelex.SkipBlanks(src, k+op))
	if !found {
		return syntax.Span{}, syntax.Span{}, false
	}
	end := l.End
	if op == 1 {
		c := codelex.SkipBlanks(src, l.End)
		if c >= len(src) || src[c] != '}' {
			return syntax.Span{}, syntax.Span{}, false
		}
		end = c + 1
	} else if n := codelex.SkipBlanks(src, l.End); n < len(src) && strings.IndexByte("+.%[(", src[n]) >= 0 {
		return syntax.Span{}, syntax.Span{}, false // the literal starts a longer expression
	}
	return l, syntax.Span{Start: e, End: end}, true
}

// literalAt returns the plain, non-empty string literal starting at i.
func literalAt(lx *codelex.Lexed, i int) (syntax.Span, bool) {
	sp, ok := lx.SpanAt(i)
	if !ok || sp.Start != i {
		return syntax.Span{}, false
	}
	if s, e, ok := codelex.LiteralText(lx.Src, sp); ok && e > s {
		return syntax.Span{Start: sp.Start, End: sp.End}, true
	}
	return syntax.Span{}, false
}

// skippableVerification reports the verifications in a handler's function
// that a request can get past: guarded by the secret or signature being
// present, verdict ignored, or failure caught and passed over.
func (h *hookFile) skippableVerification(fn syntax.Span, report func(start, end int, msg string, fixes []analysis.SuggestedFix)) {
	t := h.tree()
	judge := func(m mention, verdict bool) {
		call, ok := t.CallAt(m.End - 1)
		if !ok || call.Start < fn.Start || call.End > fn.End {
			return
		}
		name := h.text(call.CalleeSpan)
		if (verdict || h.vocab.family == "go") && t.ResultIgnored(call.Start, call.End) {
			what := "the result"
			if h.vocab.family == "go" {
				what = "the error"
			}
			report(call.Start, call.End, fmt.Sprintf("%s of %s is thrown away, so the handler goes on whether the signature "+
				"matches or not; reject the request when verification fails", what, name), nil)
			return
		}
		for _, b := range t.Branches(call.Start, call.End, fn) {
			if !b.InThen {
				continue
			}
			switch b.Kind {
			case syntax.BranchIf:
				if b.Negated || !h.presenceTest(b.Cond) {
					continue
				}
				other := b.After
				if len(b.Else) > 0 {
					other = syntax.Span{Start: b.Else[0].Start, End: b.Else[len(b.Else)-1].End}
				}
				if h.rejects(other) || !h.processes(other) {
					return
				}
				report(b.Cond.Start, b.Cond.End, fmt.Sprintf("%s runs only when %s, and otherwise the request is processed "+
					"unverified; reject the request (400/401) when the secret or signature is missing instead", name,
					conditionText(h.text(b.Cond))+" holds"), nil)
				return
			case syntax.BranchTry:
				for _, c := range b.Else {
					if h.rejects(c) || h.stops(c) || !h.processes(b.After) {
						continue
					}
					end := lineEnd(h.src, c.Start)
					report(c.Start, end, fmt.Sprintf("a failed %s is caught here and the handler goes on to process the request; "+
						"respond 400 from here (return, raise or rethrow)", name), nil)
					return
				}
			}
		}
	}
	each := func(verdict bool) func(mention) bool {
		return func(m mention) bool { judge(m, verdict); return true }
	}
	h.mentions(fn, h.vocab.verify, each(false))
	h.mentions(fn, h.extra, each(false))
	h.mentions(fn, h.vocab.compare, each(true))
}

// conditionText is a condition as a message shows it: on one line, without
// the parentheses around it.
func conditionText(cond string) string {
	c := strings.Join(strings.Fields(cond), " ")
	for len(c) > 2 && c[0] == '(' && c[len(c)-1] == ')' && strings.Count(c, "(") == 1 {
		c = strings.TrimSpace(c[1 : len(c)-1])
	}
	return c
}

// secretWords name what a presence test of a verification checks.
var secretWords = []string{"secret", "signature", "sig", "signing", "hmac", "webhookkey", "webhook_key", "signingkey", "endpointsecret"}

// presenceTest reports whether a condition only tests that a secret or a
// signature is there (secret, sig && secret, secret != "", not None): no
// comparison with anything but an empty value.
func (h *hookFile) presenceTest(cond syntax.Span) bool {
	text := strings.ToLower(h.text(cond))
	for _, empty := range []string{`!== undefined`, `!= undefined`, `!== null`, `!= null`, `!== ""`, `!= ""`, `!== ''`, `!= ''`,
		`!= nil`, `is not none`, `.present?`} {
		text = strings.ReplaceAll(text, empty, "")
	}
	for i := 1; i < len(text); i++ {
		if text[i] == '(' && codelex.IsIdentByte(text[i-1]) {
			return false // a call: its result, not a presence
		}
	}
	text = strings.NewReplacer("(", " ", ")", " ").Replace(text)
	if strings.ContainsAny(text, "=<>") || strings.Contains(text, " is ") || strings.Contains(text, " in ") {
		return false
	}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') }) {
		for _, s := range secretWords {
			if w == s || strings.HasSuffix(w, "_"+s) || strings.HasSuffix(w, s) && len(w) > len(s) && s != "sig" {
				return true
			}
		}
	}
	return false
}

// rejectWords, in lower case, end a request with an error: a status of 4xx
// or 5xx, an exception, an abort.
var rejectWords = []string{"throw", "raise", "abort", "http.error", "status(4", "status(5", "sendstatus(4", "sendstatus(5",
	"status: 4", "status: 5", "status=4", "status = 4", "status_code=4", "writeheader(4", "writeheader(5", "statusbadrequest",
	"statusunauthorized", "statusforbidden", "statusinternalservererror", ":bad_request", ":unauthorized", ":forbidden",
	"badrequest", "unauthorized", "forbidden", "next(err", "next(new", "reject(", "400", "401", "403", "500"}

// rejects reports whether code in s ends the request with an error.
func (h *hookFile) rejects(s syntax.Span) bool {
	return codelex.ContainsAny(h.f.Lower()[s.Start:s.End], rejectWords...)
}

// stops reports whether s leaves the handler: a return, an exit.
func (h *hookFile) stops(s syntax.Span) bool {
	return codelex.HasIdentWord(h.src[s.Start:s.End], "return") || bytes.Contains(h.f.Lower()[s.Start:s.End], []byte("exit"))
}

// processWords, as whole words, say code goes on with the request's payload.
var processWords = []string{"event", "evt", "payload", "body", "data", "type", "switch", "case", "handle", "process", "dispatch",
	"emit", "save", "create", "update", "insert", "enqueue", "params", "json"}

// processes reports whether s goes on with the request: it names the
// payload or acts on it.
func (h *hookFile) processes(s syntax.Span) bool {
	if s.Empty() {
		return false
	}
	text := h.f.Lower()[s.Start:s.End]
	for _, w := range processWords {
		if codelex.HasIdentWord(text, w) || bytes.Contains(text, []byte("."+w)) {
			return true
		}
	}
	return false
}
