package webhooks

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// Where a file's MACs flow: which names hold the output of an HMAC
// computation, within the function that computes it, and which functions
// deal in webhook signatures at all. insecure-signature-compare reads this
// to tell a secret-keyed signature from the many other things called
// "signature" or "digest" (zip magic numbers, CRCs, public-key signatures,
// type signatures).

// macScope is one function (or a file's top level) as the signature
// comparison check sees it.
type macScope struct {
	span syntax.Span
	// holders are the names assigned an HMAC, its output or a value
	// computed from them in the scope ("mac", "digest", "self._sig").
	holders []string
	// signing is set when the scope computes an HMAC, reads a signature
	// header or a webhook secret, or handles webhooks.
	signing bool
	// keyed is set when the scope computes an HMAC itself.
	keyed bool
	// anonymous is set for a callback: its MAC may come from the named
	// function around it.
	anonymous bool
}

// macFacts is what a file holds about MACs, found once.
type macFacts struct {
	sources []int             // offsets of HMAC computations (the knowledge table's hmac calls), sorted
	helpers []string          // this file's functions that compute an HMAC and are named for it ("sign", "_calculate_signature")
	scopes  map[int]*macScope // by span start
}

// macHelperWords name a function that returns a signature it computes;
// macCheckWords one that checks a signature (and returns a verdict).
var (
	macHelperWords = map[string]bool{"sign": true, "signature": true, "sig": true, "hmac": true, "mac": true, "digest": true, "hash": true}
	macCheckWords  = map[string]bool{"verify": true, "validate": true, "valid": true, "check": true, "is": true, "compare": true, "matches": true}
)

// macs returns the file's MAC facts, finding them on first use. Only a
// file that names an HMAC call is parsed for them.
func (h *hookFile) macs() *macFacts { return h.macFacts.get(h.findMACs) }

func (h *hookFile) findMACs() *macFacts {
	m := &macFacts{scopes: map[int]*macScope{}}
	if !h.callsHMAC() {
		return m
	}
	h.mentions(h.all(), h.vocab.hmac, func(mt mention) bool {
		if !h.saltKeyed(mt) {
			m.sources = append(m.sources, mt.Start)
		}
		return true
	})
	sort.Ints(m.sources)
	for _, at := range m.sources {
		fn, ok := h.namedFunc(at)
		if !ok {
			continue
		}
		name := h.name(fn)
		if i := strings.LastIndexAny(name, ".:"); i >= 0 {
			name = name[i+1:]
		}
		if isIdent(name) && !slices.Contains(m.helpers, name) && macHelperName(name) {
			m.helpers = append(m.helpers, name)
		}
	}
	return m
}

// hmacKeyArg is the position of the key among an HMAC call's arguments:
// createHmac(alg, key), hmac.new(key, msg), hmac.New(h, key),
// OpenSSL::HMAC.hexdigest(digest, key, data).
var hmacKeyArg = map[string]int{"js": 1, "python": 0, "go": 1, "ruby": 1}

// saltKeyed reports whether the HMAC call at m is keyed with a salt: a
// keyed hash of public data (hashed known_hosts entries), not a secret-keyed
// signature.
func (h *hookFile) saltKeyed(m mention) bool {
	key := argumentAt(h.src, m.End, hmacKeyArg[h.vocab.family])
	it := identWords{text: string(key)}
	for w, ok := it.next(); ok; w, ok = it.next() {
		if string(w) == "salt" {
			return true
		}
	}
	return false
}

// argumentAt returns the text of the k-th argument of the call whose name
// ends at offset (lexically: the parenthesised list right after it, split
// at top-level commas), or nil.
func argumentAt(src []byte, offset, k int) []byte {
	i := offset
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i >= len(src) || src[i] != '(' {
		return nil
	}
	depth, arg, start := 0, 0, i+1
	for ; i < len(src) && i-offset < 2048; i++ {
		switch c := src[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				if arg == k {
					return src[start:i]
				}
				return nil
			}
		case ',':
			if depth == 1 {
				if arg == k {
					return src[start:i]
				}
				arg, start = arg+1, i+1
			}
		case '\'', '"', '`':
			j := bytes.IndexByte(src[i+1:], c)
			if j < 0 {
				return nil
			}
			i += j + 1
		}
	}
	return nil
}

// namesAny reports whether the file may call one of names: a literal
// name's text, or a whole word whose dotted expression matches (MatchCall),
// told lexically from the one word scan (no parse; comments and strings
// not told apart).
func (h *hookFile) namesAny(names []hookName) bool {
	for _, n := range names {
		if n.literal {
			if codelex.Contains(h.src, n.last) {
				return true
			}
			continue
		}
		for _, start := range h.occurrences(n) {
			if _, callee := h.calleeBefore(start, start+len(n.last)); knowledge.MatchCall(callee, n.full) {
				return true
			}
		}
	}
	return false
}

// macHelperName reports whether a function's name says it returns a
// signature it computes: sign, computeSignature, _calculate_signature, but
// not verifySignature (which returns a verdict).
func macHelperName(name string) bool {
	signs := false
	for _, w := range knowledge.SplitIdentifier(name) {
		if macCheckWords[w] {
			return false
		}
		signs = signs || macHelperWords[w]
	}
	return signs
}

// holderNames returns the names that may hold a MAC somewhere in the file
// (followed through the whole file rather than one function: an
// over-approximation that needs no function bounds) and the MAC helpers.
// A line that mentions none of them and no signature word compares no MAC.
func (h *hookFile) holderNames() []string {
	return append(h.flowFrom(h.all(), h.macSources(h.all())), h.macs().helpers...)
}

// scopeAt returns the scope of the code at offset: the innermost function
// (or the file's top level).
func (h *hookFile) scopeAt(at int) *macScope {
	fn, ok := h.tree().EnclosingFunction(at)
	if !ok {
		return h.scopeOf(h.all(), false)
	}
	return h.scopeOf(fn.Span, fn.Name.Empty())
}

// namedScopeAt returns the scope of the named function around the code at
// offset, or nil: where an anonymous callback's MAC may come from.
func (h *hookFile) namedScopeAt(at int) *macScope {
	fn, ok := h.tree().EnclosingNamedFunction(at)
	if !ok {
		return nil
	}
	return h.scopeOf(fn.Span, false)
}

// scopeOf returns the scope of span, reading it on first use.
func (h *hookFile) scopeOf(span syntax.Span, anonymous bool) *macScope {
	m := h.macs()
	if sc := m.scopes[span.Start]; sc != nil && sc.span == span {
		return sc
	}
	sc := &macScope{span: span, anonymous: anonymous}
	sources := h.macSources(span)
	sc.holders = h.flowFrom(span, sources)
	sc.keyed = len(sources) > 0
	sc.signing = sc.keyed || h.signingContext(span)
	m.scopes[span.Start] = sc
	return sc
}

// macSources returns the offsets in span where an HMAC is computed: the
// knowledge table's calls and calls of the file's MAC helpers.
func (h *hookFile) macSources(span syntax.Span) []int {
	m := h.macs()
	var out []int
	for i := sort.SearchInts(m.sources, span.Start); i < len(m.sources) && m.sources[i] < span.End; i++ {
		out = append(out, m.sources[i])
	}
	for _, name := range m.helpers {
		h.wordsNamed(span, name, func(start, _ int) { out = append(out, start) })
	}
	return out
}

// flowFrom follows assignments in span from the MAC sources: a name
// assigned an expression that holds a source or a holder becomes a holder.
// A few rounds reach "mac -> digest -> expected".
func (h *hookFile) flowFrom(span syntax.Span, sources []int) []string {
	var holders []string
	add := func(at int) []string {
		var added []string
		for _, n := range h.assignedAt(span, at) {
			if !slices.Contains(holders, n) {
				holders = append(holders, n)
				added = append(added, n)
			}
		}
		return added
	}
	var pending []string
	from := span.End
	for _, at := range sources {
		pending = append(pending, add(at)...)
		from = min(from, statementStart(h.src, at, span.Start))
	}
	// A holder is used after the statement that assigns it, which starts
	// at or after the first source's.
	rest := syntax.Span{Start: from, End: span.End}
	for round := 0; round < 4 && len(pending) > 0 && len(holders) < 32; round++ {
		var next []string
		for _, n := range pending {
			h.namesIn(rest, n, func(at int) { next = append(next, add(at)...) })
		}
		pending = next
	}
	return holders
}

// namesIn calls fn with every offset in span where name (an identifier or
// a dotted chain: "self._sig") stands on its own.
func (h *hookFile) namesIn(span syntax.Span, name string, fn func(at int)) {
	needle := []byte(name)
	for from := span.Start; from < span.End; {
		i := bytes.Index(h.src[from:span.End], needle)
		if i < 0 {
			return
		}
		start, end := from+i, from+i+len(needle)
		from = end
		if syntax.IsWord(h.src, start, end) && (start == 0 || h.src[start-1] != '.') {
			fn(start)
		}
	}
}

// holdsMAC reports whether the operand s computes an HMAC or mentions a
// name that holds one in sc.
func (h *hookFile) holdsMAC(sc *macScope, s syntax.Span) bool {
	m := h.macs()
	if i := sort.SearchInts(m.sources, s.Start); i < len(m.sources) && m.sources[i] < s.End {
		return true
	}
	found := false
	for _, names := range [][]string{sc.holders, m.helpers} {
		for _, n := range names {
			h.namesIn(s, n, func(int) { found = true })
			if found {
				return true
			}
		}
	}
	return false
}

// signingContext reports whether the code in span deals in webhook
// signatures: it reads a signature header ("X-Hub-Signature-256",
// HTTP_X_SLACK_SIGNATURE) or a webhook secret, or handles webhooks.
func (h *hookFile) signingContext(span syntax.Span) bool {
	lower := h.f.Lower()[span.Start:span.End]
	for _, w := range [][]byte{[]byte("webhook"), []byte("signing_secret"), []byte("signingsecret"), []byte("signing_key"), []byte("signingkey")} {
		if bytes.Contains(lower, w) {
			return true
		}
	}
	if strings.Contains(strings.ToLower(h.f.Rel), "webhook") || headerNamed(lower, "signature") || headerNamed(lower, "hmac") {
		return true
	}
	for _, p := range knowledge.Get().Providers {
		if p.Webhook != nil && p.Webhook.SecretEnvVar != "" && bytes.Contains(h.src[span.Start:span.End], []byte(p.Webhook.SecretEnvVar)) {
			return true
		}
	}
	return false
}

// headerNamed reports whether lower-case code holds word inside a header
// name: a dashed token ("x-acme-signature") or a CGI variable
// ("http_x_acme_signature").
func headerNamed(lower []byte, word string) bool {
	needle := []byte(word)
	for from := 0; from < len(lower); {
		i := bytes.Index(lower[from:], needle)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(needle)
		from = end
		for start > 0 && headerByte(lower[start-1]) {
			start--
		}
		for end < len(lower) && headerByte(lower[end]) {
			end++
		}
		token := lower[start:end]
		if bytes.IndexByte(token, '-') >= 0 || bytes.HasPrefix(token, []byte("http_")) {
			return true
		}
	}
	return false
}

// mayCompareMACs is the lexical test a file passes before its comparisons
// are read: it names an HMAC call, or something a webhook signature comes
// with (a webhook, a signing secret, a signature header).
func (h *hookFile) mayCompareMACs() bool {
	return h.macGate.get(func() bool { return h.signingContext(h.all()) || h.callsHMAC() })
}

// callsHMAC reports whether the file may call one of the knowledge
// table's HMAC functions (namesAny, remembered). Every such file names
// "hmac" in some case (createHmac, hmac.New, OpenSSL::HMAC, the algorithm
// of crypto.subtle.sign): one scan spares the others the word scan.
func (h *hookFile) callsHMAC() bool {
	return h.hmacCalls.get(func() bool { return codelex.Contains(h.f.Lower(), "hmac") && h.namesAny(h.vocab.hmac) })
}
