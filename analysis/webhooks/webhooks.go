package webhooks

import (
	"fmt"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// The webhook analyzers. They share the lexical-first reading of a file in
// hookFile: keyword scans find candidate spots, the parse tree is consulted
// only around them, and a file without webhook words is never parsed.

// webhookConvention is the expertise convention the webhook rules enforce
// ("ALWAYS validate webhook signatures").
var webhookConvention = []string{"webhook", "signature"}

// Webhooks reports unverified-webhook.
var Webhooks = &analysis.Analyzer{
	Name: "webhooks",
	Doc:  "finds inbound webhook handlers that never verify the sender's signature",
	Rules: []analysis.Rule{{
		Code:     "unverified-webhook",
		Severity: analysis.SeverityError,
		Summary:  "Webhook handler never verifies a signature before acting on the payload",
		Help: "Verify the provider's signature over the raw request body before using the event: the provider's SDK " +
			"call (stripe.webhooks.constructEvent, ...) or an HMAC compared in constant time. Add your own verifying " +
			"functions to the webhooks.verifyFunctions setting.",
		Convention: webhookConvention,
	}},
	Run:       runWebhooks,
	FactTypes: []*analysis.FactType{hookFactsType},
}

// SignatureCompare reports insecure-signature-compare.
var SignatureCompare = &analysis.Analyzer{
	Name: "signaturecompare",
	Doc:  "finds secret-keyed signatures (HMACs) compared in variable time",
	Rules: []analysis.Rule{{
		Code:     "insecure-signature-compare",
		Severity: analysis.SeverityError,
		Summary:  "Signature compared with == leaks timing",
		Help: "Compare signatures in constant time: crypto.timingSafeEqual, hmac.compare_digest, hmac.Equal, " +
			"ActiveSupport::SecurityUtils.secure_compare. Reported: ==, !=, ===, !==, bytes.Equal and the like where one " +
			"side holds an HMAC computed in the same function (createHmac(...).digest(), hmac.new(...).hexdigest(), " +
			"hmac.New + Sum, OpenSSL::HMAC, a helper of the file that computes one, or a variable assigned from these), " +
			"or is named like a signature in a function that computes an HMAC, reads a signature header or webhook " +
			"secret, or handles POST requests. Not reported: the other side is a literal, a constant (ALL_CAPS, " +
			"Kind.Member, an OID), a number, a length, type, kind, algorithm or id, or one element (sig[0]); two fresh " +
			"HMACs compared (double HMAC verification); HMACs keyed with a salt; a name that says only digest (a hash) " +
			"where no HMAC is computed; test files (no attacker times a test).",
		Convention: webhookConvention,
	}},
	Run:       runSignatureCompare,
	FactTypes: []*analysis.FactType{hookFactsType},
}

// RawBody reports webhook-raw-body.
var RawBody = &analysis.Analyzer{
	Name: "rawbody",
	Doc:  "finds signatures verified over parsed and re-serialised bodies",
	Rules: []analysis.Rule{{
		Code:     "webhook-raw-body",
		Severity: analysis.SeverityError,
		Summary:  "Signature verified over a parsed and re-serialised body",
		Help: "Providers sign the exact bytes they send; parsing and re-serialising changes them. Verify over the raw " +
			"body: express.raw({type: 'application/json'}) on the route, await req.text() in a Next.js route, " +
			"request.get_data() in Flask, io.ReadAll(r.Body) in Go, request.raw_post in Rails.",
		Convention: webhookConvention,
	}},
	Run:       runRawBody,
	FactTypes: []*analysis.FactType{hookFactsType},
}

func runWebhooks(pass *analysis.Pass) {
	h := passHookFile(pass)
	if h == nil {
		return
	}
	for _, r := range receivers(pass, h) {
		if r.checks.verified() {
			continue
		}
		pass.Report(analysis.Diagnostic{
			Range:   pass.File.Range(r.hd.report.Start, r.hd.report.End),
			Code:    "unverified-webhook",
			Message: h.unverifiedMessage(r.hd, r.provider, r.checks),
		})
	}
}

// receiver is a handler judged to receive webhooks, with what it checks.
type receiver struct {
	hd       handler
	provider *knowledge.Provider // nil when no provider could be told
	checks   HookChecks
}

// receivers returns the file's webhook handlers: its own and those other
// files' routes register, with the checks each performs (its own code,
// its route's middleware, the verifiers it calls).
func receivers(pass *analysis.Pass, h *hookFile) []receiver {
	view := hookViewOf(pass.Index, h.vocab.family)
	if j := h.judged; j.view == view && j.cfg == pass.Config {
		return j.out
	}
	out := judgeReceivers(pass, h, view)
	h.judged = judgedReceivers{view: view, cfg: pass.Config, out: out}
	return out
}

// verifiedReceivers returns the receivers of the file that verify, with
// the function that handles each: what the rules on verified handlers
// (webhook-fail-open, webhook-not-idempotent) read.
func verifiedReceivers(pass *analysis.Pass, h *hookFile) []receiver {
	var out []receiver
	for _, r := range receivers(pass, h) {
		if r.checks.verified() && !r.hd.fn.Span.Empty() {
			out = append(out, r)
		}
	}
	return out
}

func judgeReceivers(pass *analysis.Pass, h *hookFile, view *hookView) []receiver {
	c := newHookContext(pass, h, view)
	var hds []handler
	if c.mayHaveWebhooks() {
		for _, hd := range h.handlers() {
			if hd.ref == "" {
				hds = append(hds, hd)
			}
		}
	}
	hds = mergeHandlers(hds, c.foreignHandlers())
	var out []receiver
	for _, hd := range hds {
		ev := c.judge(hd)
		if !ev.webhook {
			continue
		}
		var known func(string) HookChecks
		if c.knowsVerifiers() {
			known = c.verifier
		}
		checks := hd.checks | h.checksIn(verifySpans(hd), known)
		for _, name := range hd.middleware {
			checks |= c.verifier(name)
		}
		out = append(out, receiver{hd: hd, provider: ev.provider, checks: checks})
	}
	return out
}

// Receiver is an inbound webhook handler, as a code lens shows it.
type Receiver struct {
	Range    span.Range // where the unverified-webhook finding would go: the route or the handler's name
	Label    string     // "POST /webhooks/stripe", or "" when the route is unknown
	Provider string     // the provider's name, "" when it could not be told
	Verified bool       // it verifies a signature (as unverified-webhook judges)
}

// Receivers returns the webhook handlers of f, judged against ix.
func Receivers(ix *analysis.Index, f *analysis.File) []Receiver {
	pass := analysis.NewPass(Webhooks, f, ix, ix.Config(), analysis.NoFixes, func(analysis.Diagnostic) {})
	h := passHookFile(pass)
	if h == nil {
		return nil
	}
	var out []Receiver
	for _, r := range receivers(pass, h) {
		rc := Receiver{Range: f.Range(r.hd.report.Start, r.hd.report.End), Label: r.hd.label, Verified: r.checks.verified()}
		if r.provider != nil {
			rc.Provider = r.provider.Name
		}
		out = append(out, rc)
	}
	return out
}

// ExplainReceiver explains the webhook handler whose route or name is at
// offset in f (analysis.ExplainWebhook), for a hover.
func ExplainReceiver(ix *analysis.Index, f *analysis.File, offset int) (analysis.Explanation, bool) {
	for _, r := range Receivers(ix, f) {
		if r.Range.Contains(offset) || r.Range.End.Offset == offset {
			return analysis.ExplainWebhook(ix, f, r.Range, r.Label, r.Provider, r.Verified), true
		}
	}
	return analysis.Explanation{}, false
}

// mergeHandlers adds the handlers that other files' routes name, folding a
// route into a handler already found for the same function.
func mergeHandlers(local, foreign []handler) []handler {
next:
	for _, f := range foreign {
		for i := range local {
			if local[i].fn.Span == f.fn.Span {
				if local[i].path == "" {
					local[i].path, local[i].label = f.path, f.label
				}
				local[i].checks |= f.checks
				local[i].middleware = append(local[i].middleware, f.middleware...)
				continue next
			}
		}
		local = append(local, f)
	}
	return local
}

// unverifiedMessage says what is missing and which call to make.
func (h *hookFile) unverifiedMessage(hd handler, p *knowledge.Provider, c HookChecks) string {
	compare := h.vocab.lang.RecommendedCompare
	who := "Webhook handler"
	if p != nil {
		who = p.Name + " webhook handler"
	}
	if hd.label != "" && p == nil {
		who += " " + hd.label
	}
	if c&checkHMAC != 0 {
		return fmt.Sprintf("%s computes an HMAC but never compares it with the signature; compare them with %s", who, compare)
	}
	if p == nil {
		return fmt.Sprintf("%s never verifies a signature; compute an HMAC of the raw body and compare it with %s", who, compare)
	}
	header := "signature"
	if len(p.Webhook.Headers) > 0 {
		header = headerName(p.Webhook.Headers[0]) + " header"
	}
	call := p.Webhook.VerifyHint[h.vocab.family]
	if call == "" && len(p.Webhook.Verify[h.vocab.family]) > 0 {
		call = p.Webhook.Verify[h.vocab.family][0] + "(...)"
	}
	if call == "" {
		return fmt.Sprintf("%s never verifies the %s; compute an HMAC of the raw body and compare it with %s before using the event", who, header, compare)
	}
	return fmt.Sprintf("%s never verifies the %s; call %s before using the event", who, header, call)
}

// headerName writes a lower-case header name the way providers document it:
// "stripe-signature" -> "Stripe-Signature".
func headerName(lower string) string {
	parts := strings.Split(lower, "-")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "-")
}

func runSignatureCompare(pass *analysis.Pass) {
	h := passHookFile(pass)
	if h == nil || knowledge.TestFile(pass.File.Rel) {
		return
	}
	for _, cmp := range h.signatureCompares(h.all()) {
		pass.Report(analysis.Diagnostic{
			Range: pass.File.Range(cmp.Start, cmp.End),
			Code:  "insecure-signature-compare",
			Message: fmt.Sprintf("signature compared with %s, which returns at the first differing byte and leaks timing; compare with %s",
				cmp.how, h.vocab.lang.RecommendedCompare),
		})
	}
}
