package webhooks

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// HookChecks is what a piece of code does toward verifying a webhook signature.
type HookChecks uint8

const (
	checkVerify       HookChecks = 1 << iota // calls an SDK verification, a signature primitive or a configured verify function
	checkHMAC                                // computes an HMAC
	checkCompare                             // compares in constant time
	checkEqCompare                           // compares a signature with == (an attempt, reported on its own)
	checkSharedSecret                        // compares a request value with a secret env var (a shared-secret header, Plain's, GitLab's)
)

// verified reports whether the checks amount to verifying a signature: a
// verification call, a constant-time comparison, or an HMAC compared at all
// (a variable-time comparison is reported by insecure-signature-compare).
func (c HookChecks) verified() bool {
	return c&(checkVerify|checkCompare|checkSharedSecret) != 0 || c&(checkHMAC|checkEqCompare) == checkHMAC|checkEqCompare
}

// HookFacts are a file's webhook-related declarations that other files'
// analyses need.
type HookFacts struct {
	// Verifiers are the functions, methods and classes the file defines that
	// take part in verifying a signature, sorted by name.
	Verifiers []HookFunc
	// Routes are POST-ish routes the file registers whose handler is defined
	// in another file.
	Routes []HookRoute
	// JSONParsed are the modules (workspace-relative, without extension)
	// whose routers the file mounts after a JSON body parser.
	JSONParsed []string
}

// HookFunc is a function, method or class and what it does toward verification.
type HookFunc struct {
	Name   string
	Checks HookChecks
}

// HookRoute is a route registered in one file with a handler defined in another.
type HookRoute struct {
	Path    string // the route path, "" when unknown
	Handler string // the handler's name as the other file defines it
	// Module is where the handler is defined: a workspace-relative module
	// path without extension, or for Go a directory ("" when unknown).
	Module string
	Checks HookChecks // what the route's middleware does toward verification
	Label  string     // "POST /webhooks/stripe"
	// Middleware are names the route's middleware refers to, looked up in
	// other files' verifiers when the handler's file is judged.
	Middleware []string
}

// hookFactsType declares the webhook analyzers' HookFacts: the index
// computes them for every file, and a handler's judge reads other files'
// (hookViewOf).
var hookFactsType = &analysis.FactType{
	Name: "webhook declarations",
	Of: func(f *analysis.File, cfg *analysis.Config) analysis.Fact {
		if h := findHookFacts(f, cfg); len(h.Verifiers)+len(h.Routes)+len(h.JSONParsed) > 0 {
			return h
		}
		return nil
	},
	Codec: &analysis.FactCodec{
		Encode: func(f analysis.Fact) ([]byte, error) { return json.Marshal(f.(HookFacts)) },
		Decode: func(data []byte) (analysis.Fact, error) {
			var h HookFacts
			err := json.Unmarshal(data, &h)
			return h, err
		},
	},
}

// HooksOf returns the HookFacts of a file's facts.
func HooksOf(f *analysis.Facts) HookFacts {
	h, _ := f.Of(hookFactsType).(HookFacts)
	return h
}

// Same reports whether o is a HookFacts equal to h.
func (h HookFacts) Same(o analysis.Fact) bool {
	oh, ok := o.(HookFacts)
	return ok && h.equal(oh)
}

func (h HookFacts) equal(o HookFacts) bool {
	return slices.Equal(h.Verifiers, o.Verifiers) && slices.Equal(h.JSONParsed, o.JSONParsed) &&
		slices.EqualFunc(h.Routes, o.Routes, func(a, b HookRoute) bool {
			return a.Path == b.Path && a.Handler == b.Handler && a.Module == b.Module && a.Checks == b.Checks &&
				a.Label == b.Label && slices.Equal(a.Middleware, b.Middleware)
		})
}

// findHookFacts extracts f's webhook-related declarations. Files that
// mention no verification call, register no route and mount no body parser
// cost a few lexical scans and are never parsed.
func findHookFacts(f *analysis.File, cfg *analysis.Config) HookFacts {
	h := hookFileOf(f, cfg)
	if h == nil {
		return HookFacts{}
	}
	var facts HookFacts
	for name, c := range h.verifiers() {
		facts.Verifiers = append(facts.Verifiers, HookFunc{Name: name, Checks: c})
	}
	sort.Slice(facts.Verifiers, func(i, j int) bool { return facts.Verifiers[i].Name < facts.Verifiers[j].Name })
	facts.Routes = h.foreignRoutes()
	facts.JSONParsed = h.jsonParsedModules()
	return facts
}

// verifiers returns the named functions (and their classes) of the file
// that verify or take part in verifying, following calls inside the file.
func (h *hookFile) verifiers() map[string]HookChecks { return h.local.get(h.findVerifiers) }

func (h *hookFile) findVerifiers() map[string]HookChecks {
	out := map[string]HookChecks{}
	credit := func(at int, c HookChecks) {
		fn, ok := h.namedFunc(at)
		if !ok {
			return
		}
		name := h.calledName(fn)
		out[name] |= c
		if class, ok := h.tree().EnclosingClass(fn.Start); ok && !class.Name.Empty() {
			out[h.text(class.Name)] |= c
		}
	}
	all := h.all()
	for _, group := range h.checkGroups() {
		h.mentions(all, group.names, func(m mention) bool {
			credit(m.Start, group.check)
			return true
		})
	}
	for _, cmp := range h.signatureCompares(all) {
		credit(cmp.Start, checkEqCompare)
	}
	// A function that calls a verifier verifies too. A few rounds reach
	// helpers of helpers; each round only looks for the new names.
	pending := make([]string, 0, len(out))
	for name := range out {
		pending = append(pending, name)
	}
	for round := 0; round < 3 && len(pending) > 0; round++ {
		var next []string
		for _, name := range pending {
			c := out[name]
			h.wordsNamed(all, name, func(start, end int) {
				t := h.tree()
				if _, def := t.FunctionNamedAt(start, end); def {
					return
				}
				fn, ok := t.EnclosingNamedFunction(start)
				if !ok {
					return
				}
				caller := h.calledName(fn)
				if caller != name && out[caller]|c != out[caller] {
					credit(start, c)
					next = append(next, caller)
				}
			})
		}
		pending = next
	}
	for name := range out {
		if name == "" || httpMethods[name] {
			delete(out, name) // route handlers (Next.js POST), not helpers anyone calls
		}
	}
	return out
}

// calledName returns the name by which calls of fn read as words: a Ruby
// method's name without the ! or ? it may end with (validate_webhook! is
// called as validate_webhook followed by a '!', which is no identifier byte).
func (h *hookFile) calledName(fn syntax.Func) string { return strings.TrimRight(h.name(fn), "!?") }

var httpMethods = map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "HEAD": true, "OPTIONS": true}

// checkGroup is a list of names and what mentioning one of them does.
type checkGroup struct {
	names []hookName
	check HookChecks
}

func (h *hookFile) checkGroups() []checkGroup {
	return []checkGroup{
		{h.vocab.verify, checkVerify},
		{h.extra, checkVerify},
		{h.vocab.hmac, checkHMAC},
		{h.vocab.compare, checkCompare},
	}
}

// wordsNamed calls fn for every whole-word occurrence of name in s.
func (h *hookFile) wordsNamed(s syntax.Span, name string, fn func(start, end int)) {
	if name == "" {
		return
	}
	needle := []byte(name)
	for from := s.Start; from < s.End; {
		i := bytes.Index(h.src[from:s.End], needle)
		if i < 0 {
			return
		}
		start, end := from+i, from+i+len(name)
		from = end
		if syntax.IsWord(h.src, start, end) {
			fn(start, end)
		}
	}
}
