package webhooks

import (
	"bytes"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// sigCompare is a signature compared in variable time.
type sigCompare struct {
	syntax.Span
	how string // "===", "bytes.Equal"
}

// equalityOps are the operators that compare in variable time, per family,
// longest first so that "===" is not also seen as "==".
var equalityOps = map[string][]string{
	"js":     {"!==", "===", "!=", "=="},
	"python": {"!=", "=="},
	"go":     {"!=", "=="},
	"ruby":   {"!=", "=="},
}

// signatureCompares returns the signatures compared in variable time in s.
func (h *hookFile) signatureCompares(s syntax.Span) []sigCompare {
	var out []sigCompare
	for _, c := range h.cmps.get(h.findSignatureCompares) {
		if c.Start >= s.Start && c.End <= s.End {
			out = append(out, c)
		}
	}
	return out
}

// findSignatureCompares finds the secret-keyed signatures the file
// compares in variable time: with an equality operator, or with a
// variable-time call (bytes.Equal). What counts is macCompare's to say.
// Files that name no HMAC call and nothing a webhook signature comes with
// are never parsed for it.
func (h *hookFile) findSignatureCompares() []sigCompare {
	// An operand that holds an HMAC needs an HMAC call in the file, one
	// named like a signature needs a hint.
	if !hasAny(h.f.Lower(), signatureHints) && !h.callsHMAC() || !h.mayCompareMACs() {
		return nil
	}
	var out []sigCompare
	ops := equalityOps[h.vocab.family]
	holders := h.holderNames()
	for _, line := range h.compareLines(holders) {
		out = append(out, h.lineCompares(line, ops)...)
	}
	h.mentions(h.all(), h.vocab.unsafeCompare, func(m mention) bool {
		call, ok := h.tree().CallAt(m.End - 1)
		if !ok {
			return true
		}
		operands := call.Args
		if !strings.ContainsAny(m.name.full, ".:") && call.CalleeSpan.Start < m.End-len(m.name.last)-1 {
			operands = append(operands, syntax.Span{Start: call.CalleeSpan.Start, End: m.End - len(m.name.last) - 1}) // a.equals(b)
		}
		if h.macCompare(m.Start, operands...) {
			out = append(out, sigCompare{Span: call.Span, how: m.name.full})
		}
		return true
	})
	return out
}

// compareLines returns the lines that may compare a signature with an
// operator: they hold "==" or "!=" (every equality operator ends with one)
// and a signature hint or the name of a MAC holder. One scan for '=' finds
// them.
func (h *hookFile) compareLines(holders []string) []syntax.Span {
	var out []syntax.Span
	for from := 0; from < len(h.src); {
		i := bytes.IndexByte(h.src[from:], '=')
		if i < 0 {
			break
		}
		at := from + i
		if at == 0 || h.src[at-1] != '=' && h.src[at-1] != '!' {
			from = at + 1
			continue
		}
		line := syntax.Span{Start: lineStart(h.src, at), End: lineEnd(h.src, at)}
		if hasAny(h.f.Lower()[line.Start:line.End], signatureHints) || h.mentionsHolder(line, holders) {
			out = append(out, line)
		}
		from = line.End + 1
	}
	return out
}

// mentionsHolder reports whether the line holds one of the names as a word.
func (h *hookFile) mentionsHolder(line syntax.Span, names []string) bool {
	for _, n := range names {
		found := false
		h.namesIn(line, n, func(int) { found = true })
		if found {
			return true
		}
	}
	return false
}

func hasAny(text []byte, words [][]byte) bool {
	for _, w := range words {
		if bytes.Contains(text, w) {
			return true
		}
	}
	return false
}

// lineCompares finds the variable-time comparisons of signatures on one line.
func (h *hookFile) lineCompares(line syntax.Span, ops []string) []sigCompare {
	var out []sigCompare
	text := h.src[line.Start:line.End]
	for i := 0; i < len(text); i++ {
		for _, op := range ops {
			if !bytes.HasPrefix(text[i:], []byte(op)) {
				continue
			}
			// "===" must not be read as "==" at its second '='; "<=" is no comparison.
			if i > 0 && (text[i-1] == '=' || text[i-1] == '!' || text[i-1] == '<' || text[i-1] == '>') {
				break
			}
			start := line.Start + i
			b, ok := h.tree().BinaryAt(start, start+len(op))
			if ok && h.macCompare(start, b.Left, b.Right) {
				out = append(out, sigCompare{Span: b.Span, how: op})
			}
			i += len(op) - 1
			break
		}
	}
	return out
}

// macCompare reports whether comparing the operands compares a
// secret-keyed signature: one of them holds an HMAC computed in the scope
// at offset, or, in a scope that deals in webhook signatures, is named like
// a signature; and no other one is public (a literal, a constant, a length,
// a type, an element; a constant holds one only when assigned an HMAC in
// the scope). When every operand holds an HMAC of the scope, the
// comparison is of two fresh MACs (double HMAC verification, which blinds
// the timing on purpose), and not reported. In an anonymous callback
// without either, the named function around it is the scope; a signature
// name in a request handler the file registers counts as well.
func (h *hookFile) macCompare(at int, operands ...syntax.Span) bool {
	for _, o := range operands {
		if valueOperand(h.text(o)) {
			return false
		}
	}
	sc := h.scopeAt(at)
	v := h.judgeOperands(sc, operands)
	if (v == unknownCompare || v == namedCompare) && sc.anonymous {
		if outer := h.namedScopeAt(at); outer != nil {
			v = h.judgeOperands(outer, operands)
		}
	}
	return v == secretCompare || v == namedCompare && h.inRouteHandler(at)
}

// compareVerdict is what a comparison's operands say in one scope.
type compareVerdict uint8

const (
	unknownCompare compareVerdict = iota // no MAC, no signature name
	namedCompare                         // a signature name, in a scope that shows no other sign of signatures
	publicCompare                        // an operand is public, or every one is a fresh MAC
	secretCompare                        // a secret-keyed signature compared with something else
)

// judgeOperands says what comparing the operands is in sc. A name that says
// only "digest" names a hash, which is secret-keyed only where the scope
// computes an HMAC: a document's digest checked against the one stored for
// it is no signature, even in code that also sends webhooks.
func (h *hookFile) judgeOperands(sc *macScope, operands []syntax.Span) compareVerdict {
	macs, named := 0, false
	for _, o := range operands {
		text := h.text(o)
		switch {
		case h.holdsMAC(sc, o):
			macs++
		case publicName(text, h.vocab.family, h.goImports):
			return publicCompare
		default:
			named = named || namesSignature(text) && (sc.keyed || !namesOnlyHash(text))
		}
	}
	switch {
	case macs == len(operands):
		return publicCompare
	case macs > 0 || named && sc.signing:
		return secretCompare
	case named:
		return namedCompare
	}
	return unknownCompare
}

// inRouteHandler reports whether offset lies in a request handler that
// the file registers on a POST-ish route (where a signature compared is a
// request's: its HMAC may come from a helper of another file).
func (h *hookFile) inRouteHandler(at int) bool {
	for _, hd := range h.handlers() {
		if hd.fn.Span.Contains(at) {
			return true
		}
	}
	return false
}

// goImports reports whether the Go file imports a package named name (an
// import path ending in it).
func (h *hookFile) goImports(name string) bool {
	return codelex.ContainsAny(h.src, `/`+name+`"`, `"`+name+`"`)
}
