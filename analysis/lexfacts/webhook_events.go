package lexfacts

import (
	"bytes"
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
)

// WebhookEvent is an event name that a provider's webhook handler compares
// the incoming event's type with ("payment_intent.succeeded"): what the
// provider's catalog entry lists under webhooks.
type WebhookEvent struct {
	Provider string // provider id
	Name     string
}

// WebhookEvents returns the event names the webhook handlers of a file
// compare with, by provider: lx is the file's lexed content, family its
// language family, rel its workspace-relative path and uses what
// ProviderUses found in it; lower is the content in ASCII lower case when
// the caller has it (nil: made here, when a provider needs it). It is a lexical heuristic, cheap enough for
// every file of the workspace: a name is a quoted dotted lower-case literal
// ("charge.refunded") compared with == / === / != (on either side) or
// following case or when, in a file that uses a provider with webhooks and
// handles them (see webhookOwners). Files that use no such provider cost
// nothing.
func WebhookEvents(lx *codelex.Lexed, family, rel string, lower []byte, uses []Use) []WebhookEvent {
	var candidates []*knowledge.Provider
	for _, u := range uses {
		if p := u.Provider; p != nil && p.Webhook != nil && !slices.Contains(candidates, p) {
			candidates = append(candidates, p)
		}
	}
	if len(candidates) == 0 {
		return nil
	}
	names := comparedEventNames(lx)
	if len(names) == 0 {
		return nil
	}
	var out []WebhookEvent
	if lower == nil {
		lower = asciiLower(lx.Src)
	}
	for _, p := range webhookOwners(lx.Src, lower, family, rel, candidates) {
		for _, n := range names {
			out = append(out, WebhookEvent{Provider: p.ID, Name: n})
		}
	}
	return out
}

// webhookOwners returns the providers among candidates whose webhooks the
// file of content src handles: it names one of the provider's signature
// headers or verification calls, or mentions webhooks and has the
// provider's path word in its path (webhooks/stripe.ts); else, when it
// mentions webhooks and uses only one provider with webhooks, that one.
// Several providers with no evidence that tells them apart own nothing: a
// wrong entry is worse than none.
func webhookOwners(src, lower []byte, family, rel string, candidates []*knowledge.Provider) []*knowledge.Provider {
	rel = strings.ToLower(rel)
	mentions := codelex.Contains(lower, "webhook") || strings.Contains(rel, "webhook")
	var out []*knowledge.Provider
	for _, p := range candidates {
		if handlesWebhooksOf(p, src, family, lower, rel, mentions) {
			out = append(out, p)
		}
	}
	if len(out) == 0 && mentions && len(candidates) == 1 {
		return candidates
	}
	return out
}

func handlesWebhooksOf(p *knowledge.Provider, src []byte, family string, lower []byte, rel string, mentions bool) bool {
	for _, h := range p.Webhook.Headers {
		if codelex.Contains(lower, h) {
			return true
		}
	}
	for _, call := range p.Webhook.Verify[family] {
		if codelex.HasIdentWord(src, call) {
			return true
		}
	}
	if mentions {
		for _, w := range p.Webhook.PathWords {
			if strings.Contains(rel, w) {
				return true
			}
		}
	}
	return false
}

// comparedEventNames returns the event names compared in lx's code, in
// order of appearance, without repeats. Names that match a secret token's
// shape are never returned: they are not written anywhere.
func comparedEventNames(lx *codelex.Lexed) []string {
	src := lx.Src
	var out []string
	for _, sp := range lx.Spans {
		start, end, ok := codelex.LiteralText(src, sp)
		if !ok || !isEventName(src[start:end]) || !comparedAt(src, sp.Start, sp.End) || knowledge.HoldsToken(src[start:end]) {
			continue
		}
		if name := string(src[start:end]); !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// Bounds of an event name and of each of its dot-separated labels.
const (
	maxEventName  = 100
	maxEventLabel = 40
)

// notEventSuffixes are last labels of dotted lower-case literals that are
// host names or file names, not events.
var notEventSuffixes = map[string]bool{
	"com": true, "net": true, "org": true, "io": true, "dev": true, "app": true, "co": true, "ai": true,
	"json": true, "js": true, "ts": true, "py": true, "rb": true, "go": true, "yaml": true, "yml": true,
	"txt": true, "html": true, "css": true, "md": true, "xml": true, "csv": true, "pdf": true, "png": true,
	"env": true, "local": true, "example": true,
}

// isEventName reports whether s looks like a dotted event name: two or more
// labels of lower-case letters, digits and underscores, each starting with a
// letter, the last not a host's or file's suffix.
func isEventName(s []byte) bool {
	if len(s) > maxEventName {
		return false
	}
	labels := bytes.Split(s, []byte("."))
	if len(labels) < 2 || notEventSuffixes[string(labels[len(labels)-1])] {
		return false
	}
	for _, l := range labels {
		if len(l) == 0 || len(l) > maxEventLabel || l[0] < 'a' || l[0] > 'z' {
			return false
		}
		for _, c := range l {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
				return false
			}
		}
	}
	return true
}

// comparedAt reports whether the literal [start, end) of src is compared:
// an equality operator before or after it, case or when before it, or a
// comma or | before it on a line that starts with case or when
// (`case "a.b", "c.d":`, `when 'a.b', 'c.d'`, `case "a.b" | "c.d":`).
func comparedAt(src []byte, start, end int) bool {
	b := codelex.SkipBlanksBack(src, start)
	if b >= 2 && src[b-1] == '=' && (src[b-2] == '=' || src[b-2] == '!') {
		return true
	}
	if w := string(codelex.IdentBefore(src, b)); w == "case" || w == "when" {
		return true
	}
	if b >= 1 && (src[b-1] == ',' || src[b-1] == '|') && onCaseLine(src, b-1) {
		return true
	}
	a := codelex.SkipBlanks(src, end)
	return a+1 < len(src) && (src[a] == '=' || src[a] == '!') && src[a+1] == '='
}

// onCaseLine reports whether the line holding offset i starts with case or when.
func onCaseLine(src []byte, i int) bool {
	line := bytes.TrimLeft(src[bytes.LastIndexByte(src[:i], '\n')+1:i], " \t")
	return bytes.HasPrefix(line, []byte("case ")) || bytes.HasPrefix(line, []byte("when "))
}

// asciiLower returns src with its ASCII letters in lower case.
func asciiLower(src []byte) []byte {
	out := make([]byte, len(src))
	for i, c := range src {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
