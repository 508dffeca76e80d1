package webhooks

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// hookContext is what judging a file's handlers needs beyond the file:
// the index's verifiers and routes, the expertise's webhook locations and
// the settings.
type hookContext struct {
	h         *hookFile
	pass      *analysis.Pass
	view      *hookView // the index's, for the file's language family
	locations []string
}

func newHookContext(pass *analysis.Pass, h *hookFile, view *hookView) *hookContext {
	return &hookContext{h: h, pass: pass, view: view, locations: webhookLocations(pass.Index)}
}

// verifier returns what the function, method or class called name does
// toward verifying, as the file sees it: its own definition (from its
// current content) and those of the other indexed files of its language
// family. (A lookup per name called, not a merge of every file's
// verifiers per judged file, which grew with the workspace.)
func (c *hookContext) verifier(name string) HookChecks {
	checks := c.h.verifiers()[name]
	for _, d := range c.view.verifiers[name] {
		if d.path != c.h.f.Path {
			checks |= d.checks
		}
	}
	return checks
}

// knowsVerifiers reports whether any verifier is visible to the file.
func (c *hookContext) knowsVerifiers() bool {
	return len(c.h.verifiers()) > 0 || len(c.view.verifiers) > 0
}

// foreignHandlers returns the file's functions that routes of other files
// register as handlers.
func (c *hookContext) foreignHandlers() []handler {
	var out []handler
	h := c.h
	family := h.f.Lang.Family()
	for _, r := range c.view.routes {
		if r.path == h.f.Path || !moduleMatches(r.Module, h.f.Rel, family == "go") {
			continue
		}
		fn, ok := h.findFunc(r.Handler)
		if !ok {
			continue
		}
		out = append(out, handler{fn: fn, report: fn.Name, label: r.Label, path: r.Path, checks: r.Checks, middleware: r.Middleware})
	}
	return out
}

// webhookWords in a route path say the route receives webhooks.
var webhookWords = map[string]bool{"hook": true, "hooks": true, "events": true, "callback": true, "callbacks": true, "ipn": true}

// webhookAdmin matches the names of code that manages webhooks rather
// than receives them: webhook_endpoints, WebhookDeliveries,
// webhook-subscriptions, webhookSettings (an admin API's CRUD, a sender's
// delivery log).
var webhookAdmin = regexp.MustCompile(`webhooks?[_-]?(endpoint|deliver|subscription|setting|config|destination|target|url)`)

// namesWebhook reports whether a name or path (lower case) says "webhook"
// other than as the thing an admin API manages.
func namesWebhook(lower string) bool { return namesHook(lower, "webhook") }

// namesHook reports whether lower holds word ("webhook", "hook") outside
// the names of code that manages webhooks (webhookAdmin).
func namesHook(lower, word string) bool {
	return strings.Contains(webhookAdmin.ReplaceAllString(lower, ""), word)
}

// pathSaysWebhook reports whether a route path names a webhook receiver.
func pathSaysWebhook(p string) bool {
	lower := strings.ToLower(p)
	if namesWebhook(lower) {
		return true
	}
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }) {
		if webhookWords[w] {
			return true
		}
	}
	return false
}

// evidence is why a handler looks like a webhook receiver, and whose.
type evidence struct {
	webhook  bool
	provider *knowledge.Provider
}

// judge decides whether hd receives webhooks and infers the provider from
// the headers it reads, its route and file path, the webhook secret it
// reads and the SDKs the file imports.
func (c *hookContext) judge(hd handler) evidence {
	h := c.h
	var ev evidence
	scores := map[*knowledge.Provider]int{}
	lowerFn := h.f.Lower()[hd.fn.Start:hd.fn.End]
	for _, hh := range h.vocab.headers {
		if readsHeader(lowerFn, hh) || c.scopeReadsHeader(hd, hh) {
			ev.webhook = true
			scores[hh.provider] += 4
		}
	}
	where := strings.ToLower(hd.path + " " + h.f.Rel + " " + h.name(hd.fn) + " " + hd.label)
	for _, p := range knowledge.Get().Providers {
		if p.Webhook == nil {
			continue
		}
		for _, w := range p.Webhook.PathWords {
			if strings.Contains(where, w) {
				scores[p] += 3
				break
			}
		}
		if p.Webhook.SecretEnvVar != "" && bytes.Contains(h.src[hd.fn.Start:hd.fn.End], []byte(p.Webhook.SecretEnvVar)) {
			ev.webhook = true
			scores[p] += 3
		}
	}
	if facts := c.pass.Index.Facts(h.f.Path); facts != nil {
		for _, u := range facts.Uses {
			if p := knowledge.Get().Provider(u.Provider); p != nil && p.Webhook != nil {
				scores[p] += 2
			}
		}
	}
	ev.webhook = ev.webhook || pathSaysWebhook(hd.path) || namesWebhook(strings.ToLower(h.f.Rel+" "+h.name(hd.fn)+" "+hd.label)) ||
		bytes.Contains(lowerFn, []byte("webhook_secret")) || bytes.Contains(lowerFn, []byte("webhooksecret")) ||
		c.underLocation(hd.path) || h.importsWebhookSDK()
	best := 0
	for _, p := range knowledge.Get().Providers {
		if s := scores[p]; s > best {
			best, ev.provider = s, p
		}
	}
	return ev
}

// scopeReadsHeader reports whether the handler's middleware reads a header.
func (c *hookContext) scopeReadsHeader(hd handler, hh hookHeader) bool {
	for _, s := range hd.scope {
		if readsHeader(c.h.f.Lower()[s.Start:s.End], hh) {
			return true
		}
	}
	return false
}

// readsHeader reports whether lower-case code mentions a header by name,
// as written ("stripe-signature") or as a CGI/Django variable or parameter
// name ("http_stripe_signature", stripe_signature).
func readsHeader(lower []byte, hh hookHeader) bool {
	for _, needle := range [][]byte{hh.dashed, hh.underscored} {
		for from := 0; from < len(lower); {
			i := bytes.Index(lower[from:], needle)
			if i < 0 {
				break
			}
			start, end := from+i, from+i+len(needle)
			from = end
			if (start == 0 || !headerByte(lower[start-1])) && (end == len(lower) || !headerByte(lower[end])) {
				return true
			}
			if start >= 5 && string(lower[start-5:start]) == "http_" && (end == len(lower) || !headerByte(lower[end])) {
				return true
			}
		}
	}
	return false
}

func headerByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '_'
}

// importsWebhookSDK reports whether the file imports a webhook library: an
// import or require of a package whose name holds "webhook" or "svix"
// (svix, standardwebhooks, @octokit/webhooks). The file's own modules do not
// count, however their path reads ('../webhooks/trigger', '@/lib/webhooks',
// '@acme/lib/server/webhooks/send'): code that sends webhooks imports them too.
func (h *hookFile) importsWebhookSDK() bool { return h.sdkImport.get(h.findWebhookSDKImport) }

func (h *hookFile) findWebhookSDKImport() bool {
	lower := h.f.Lower()
	for _, word := range []string{"webhook", "svix"} {
		for from := 0; from < len(lower); {
			i := bytes.Index(lower[from:], []byte(word))
			if i < 0 {
				break
			}
			at := from + i
			from = at + len(word)
			line := bytes.TrimSpace(lower[lineStart(lower, at):lineEnd(lower, at)])
			if bytes.HasPrefix(line, []byte("import ")) || bytes.HasPrefix(line, []byte("from ")) || bytes.Contains(line, []byte("require(")) {
				if strings.Contains(importedPackage(firstString(string(line))), word) {
					return true
				}
			}
		}
	}
	return false
}

// importedPackage returns the package a module specifier names: its first
// path segment, or the first two for a scoped name ("@octokit/webhooks");
// "" for a relative or aliased path into the workspace.
func importedPackage(spec string) string {
	if spec == "" || strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") || strings.HasPrefix(spec, "~") ||
		strings.HasPrefix(spec, "#") || strings.HasPrefix(spec, "@/") {
		return ""
	}
	parts := strings.SplitN(spec, "/", 3)
	if strings.HasPrefix(spec, "@") && len(parts) > 1 {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

// webhookLocations returns where the integrations expert says webhook
// handlers live: files entries whose category or purpose mentions webhooks
// and the locations of webhook patterns.
func webhookLocations(ix *analysis.Index) []string {
	e := ix.IntegrationsExpert()
	if e == nil {
		return nil
	}
	var out []string
	for _, cat := range e.Files {
		catHook := strings.Contains(strings.ToLower(cat.Name.Value), "webhook")
		for _, entry := range cat.Entries {
			if entry.Path.Value != "" && (catHook || strings.Contains(strings.ToLower(entry.Purpose.Value), "webhook")) {
				out = append(out, entry.Path.Value)
			}
		}
	}
	for _, p := range e.Patterns {
		if p.Location.Value != "" && strings.Contains(strings.ToLower(p.Name.Value+" "+p.Description.Value), "webhook") {
			out = append(out, p.Location.Value)
		}
	}
	return out
}

// underLocation reports whether the file lies under an expertise webhook
// location, or the file or route path matches the settings' webhooks.paths.
func (c *hookContext) underLocation(routePath string) bool {
	rel := c.h.f.Rel
	for _, loc := range c.locations {
		loc = strings.TrimPrefix(strings.TrimSpace(loc), "./")
		if i := strings.IndexAny(loc, ": "); i > 0 {
			loc = loc[:i] // "src/webhooks/stripe.ts:42", "src/webhooks/ (handlers)"
		}
		switch {
		case strings.ContainsAny(loc, "*?["):
			if walk.Match(loc, rel) {
				return true
			}
		case strings.HasSuffix(loc, "/"):
			if strings.HasPrefix(rel, loc) {
				return true
			}
		case rel == loc || strings.HasPrefix(rel, loc+"/"):
			return true
		}
	}
	for _, glob := range c.pass.Config.Webhooks.Paths {
		if walk.Match(glob, rel) || routePath != "" && walk.Match(glob, strings.TrimPrefix(routePath, "/")) {
			return true
		}
	}
	return false
}

// mayHaveWebhooks is the cheap test a file passes before its handlers are
// looked for: a word that webhooks bring with them, a location or setting
// that names the file, or a route of another file that names it.
func (c *hookContext) mayHaveWebhooks() bool {
	lower := c.h.f.Lower()
	if codelex.ContainsAny(lower, "webhook", "hook", "event", "callback", "sig", "hmac", "ipn", "signing") {
		return true
	}
	return len(c.pass.Config.Webhooks.Paths) > 0 || c.underLocation("")
}

// verifySpans returns the code a handler's verification may live in.
func verifySpans(hd handler) []syntax.Span {
	return append([]syntax.Span{hd.fn.Span}, hd.scope...)
}
