package webhooks

import (
	"slices"
	"strings"
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
)

// hookName is one call (or marker) name from the knowledge table, ready for
// lexical matching: a scan looks for last, then checks the dotted expression
// around it with MatchCall against full.
type hookName struct {
	full     string
	last     string              // the final segment; what a scan looks for
	literal  bool                // has characters no identifier has ("bodyParser: false"): matched as plain text
	provider *knowledge.Provider // the provider whose table entry it is, nil for a language's generic calls
}

func newHookName(full string, p *knowledge.Provider) hookName {
	n := hookName{full: full, last: full, provider: p}
	if i := strings.LastIndexAny(full, ".:"); i >= 0 {
		n.last = full[i+1:]
	}
	for i := 0; i < len(n.last); i++ {
		c := n.last[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || (c == '!' || c == '?') && i == len(n.last)-1) {
			n.literal, n.last = true, full
			break
		}
	}
	return n
}

func hookNames(p *knowledge.Provider, names ...[]string) []hookName {
	var out []hookName
	for _, list := range names {
		for _, n := range list {
			out = append(out, newHookName(n, p))
		}
	}
	return out
}

// hookHeader is a provider's webhook header, lower case, as written and
// with underscores (the form of CGI variables and parameter names).
type hookHeader struct {
	name                string
	dashed, underscored []byte
	provider            *knowledge.Provider
}

// hookVocab is what webhook verification looks like in one language family,
// gathered from the knowledge table.
type hookVocab struct {
	family string
	lang   *knowledge.LanguageFacts
	// verify holds calls that verify on their own: every provider's SDK
	// verification calls and the language's signature primitives.
	verify []hookName
	// hmac computes a MAC; compare compares in constant time.
	hmac, compare []hookName
	// jsonBody parses the request body; reserialize turns data back into
	// text; rawBody reads the body as bytes.
	jsonBody, reserialize, rawBody []hookName
	// unsafeCompare compares in variable time when called (bytes.Equal).
	unsafeCompare []hookName
	// verdictWords are the last words of the compare and verify names: an
	// assignment from one of them holds a verdict, not a MAC.
	verdictWords map[string]bool
	headers      []hookHeader
	// words holds the non-literal names of all the lists above and the
	// method names of methodWords, all found in one pass over a file.
	words *wordSet
}

var hookVocabs = sync.OnceValue(func() map[string]*hookVocab {
	k := knowledge.Get()
	out := map[string]*hookVocab{}
	for _, family := range []string{"js", "python", "go", "ruby"} {
		lf := k.Language(family)
		if lf == nil {
			continue
		}
		v := &hookVocab{family: family, lang: lf}
		for _, p := range k.Providers {
			if p.Webhook == nil {
				continue
			}
			v.verify = append(v.verify, hookNames(p, p.Webhook.Verify[family], p.Webhook.UnsafeVerify[family])...)
		}
		v.verify = append(v.verify, hookNames(nil, lf.SignatureVerify)...)
		v.hmac = hookNames(nil, lf.HMAC)
		v.compare = hookNames(nil, lf.ConstantTimeCompare)
		v.jsonBody = hookNames(nil, lf.JSONBody)
		v.reserialize = hookNames(nil, lf.Reserialize)
		v.rawBody = hookNames(nil, lf.RawBody)
		v.unsafeCompare = hookNames(nil, lf.VariableTimeCompare)
		v.verdictWords = map[string]bool{}
		for _, n := range slices.Concat(v.compare, v.verify) {
			v.verdictWords[n.last] = true
		}
		v.headers = webhookHeaders(k)
		v.words = newWordSet(v.verify, v.hmac, v.compare, v.jsonBody, v.reserialize, v.rawBody, v.unsafeCompare)
		for _, w := range methodWords[family] {
			v.words.add(w)
		}
		out[family] = v
	}
	return out
})

func webhookHeaders(k *knowledge.Table) []hookHeader {
	var out []hookHeader
	for _, p := range k.Providers {
		if p.Webhook == nil {
			continue
		}
		for _, h := range p.Webhook.Headers {
			name := strings.ToLower(h)
			out = append(out, hookHeader{name: name, dashed: []byte(name), underscored: []byte(strings.ReplaceAll(name, "-", "_")), provider: p})
		}
	}
	return out
}

// methodWords are the method names that methodCalls looks for, by family.
var methodWords = map[string][]string{
	"js": slices.Concat(jsRouteMethods, jsMountMethods),
	"go": slices.Concat(goRouteMethods, goMountMethods),
}

// vocabFor returns the vocabulary of a file's language family, or nil for
// files that are not parsed.
func vocabFor(f *analysis.File) *hookVocab {
	if !f.Lang.Parsed() {
		return nil
	}
	return hookVocabs()[f.Lang.Family()]
}

// configVerifyNames returns the team's own verification calls from the settings.
func configVerifyNames(cfg *analysis.Config) []hookName {
	if cfg == nil {
		return nil
	}
	return hookNames(nil, cfg.Webhooks.VerifyFunctions)
}
