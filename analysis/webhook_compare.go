package analysis

import (
	"bytes"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// sigCompare is a signature compared in variable time.
type sigCompare struct {
	syntax.Span
	how string // "===", "bytes.Equal"
}

// signatureWords name a signature in an identifier; weakSignatureWords do
// only where the surrounding function computes or reads one.
var (
	signatureWords     = map[string]bool{"signature": true, "signatures": true, "sig": true, "sigs": true, "digest": true, "hmac": true}
	weakSignatureWords = map[string]bool{"hash": true, "hashed": true, "expected": true, "computed": true, "calculated": true, "checksum": true}
	// signatureHints prefilter lines and mark functions that deal in signatures.
	signatureHints = [][]byte{[]byte("sig"), []byte("digest"), []byte("hmac"), []byte("hash"), []byte("expected"), []byte("computed"), []byte("calculated"), []byte("checksum")}
)

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
	if !h.cmpsOK {
		h.cmps, h.cmpsOK = h.findSignatureCompares(), true
	}
	var out []sigCompare
	for _, c := range h.cmps {
		if c.Start >= s.Start && c.End <= s.End {
			out = append(out, c)
		}
	}
	return out
}

// findSignatureCompares finds the signatures the file compares in variable
// time: with an equality operator, or with a variable-time call (bytes.Equal).
func (h *hookFile) findSignatureCompares() []sigCompare {
	var out []sigCompare
	ops := equalityOps[h.vocab.family]
	for _, line := range h.compareLines() {
		out = append(out, h.lineCompares(line, ops)...)
	}
	// Only an operand named like a signature makes a call compare one, and
	// every such name holds a hint: without one in the file, the calls are
	// not worth a parse.
	hinted, checked := false, false
	mayCompare := func(int) bool {
		if !checked {
			hinted, checked = hasAny(h.f.Lower(), signatureHints), true
		}
		return hinted
	}
	h.mentionsWhere(h.all(), h.vocab.unsafeCompare, mayCompare, func(m mention) bool {
		call, ok := h.tree().CallAt(m.End - 1)
		if !ok {
			return true
		}
		operands := call.Args
		if !strings.ContainsAny(m.name.full, ".:") && call.CalleeSpan.Start < m.End-len(m.name.last)-1 {
			operands = append(operands, syntax.Span{Start: call.CalleeSpan.Start, End: m.End - len(m.name.last) - 1}) // a.equals(b)
		}
		if h.signatureOperands(m.Start, operands...) {
			out = append(out, sigCompare{Span: call.Span, how: m.name.full})
		}
		return true
	})
	return out
}

// compareLines returns the lines that may compare a signature with an
// operator: they hold "==" or "!=" (every equality operator ends with one)
// and a signature hint. One scan for '=' finds them.
func (h *hookFile) compareLines() []syntax.Span {
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
		if hasAny(h.f.Lower()[line.Start:line.End], signatureHints) {
			out = append(out, line)
		}
		from = line.End + 1
	}
	return out
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
			if ok && h.signatureOperands(start, b.Left, b.Right) {
				out = append(out, sigCompare{Span: b.Span, how: op})
			}
			i += len(op) - 1
			break
		}
	}
	return out
}

// signatureOperands reports whether comparing the operands compares a
// signature: none is a literal, a type or a length, and one is named like a
// signature (or weakly so, in a function that deals in signatures).
func (h *hookFile) signatureOperands(at int, operands ...syntax.Span) bool {
	strong, weak := false, false
	for _, o := range operands {
		text := strings.TrimSpace(h.text(o))
		if trivialOperand(text) {
			return false
		}
		for _, w := range splitIdentifier(operandWords(text)) {
			strong = strong || signatureWords[w]
			weak = weak || weakSignatureWords[w]
		}
	}
	if strong {
		return true
	}
	if !weak {
		return false
	}
	fn, ok := h.tree().EnclosingFunction(at)
	if !ok {
		return false
	}
	body := h.f.Lower()[fn.Start:fn.End]
	return bytes.Contains(body, []byte("hmac")) || bytes.Contains(body, []byte("signature"))
}

// operandWords turns an operand's text into identifier-like words
// separated by spaces, so that splitIdentifier can split them further.
func operandWords(text string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && !syntax.IsIdentByte(byte(r)) {
			return ' '
		}
		return r
	}, text)
}

// trivialOperand reports whether comparing with text cannot leak a
// signature: literals, null-ish values, types and lengths.
func trivialOperand(text string) bool {
	switch text {
	case "null", "undefined", "nil", "None", "true", "false", "True", "False", "0", "''", `""`, "``", "[]", "{}":
		return true
	}
	if text == "" || text[0] >= '0' && text[0] <= '9' || text[0] == '-' {
		return true
	}
	if stringValue(text) != "" && !strings.ContainsAny(text[1:len(text)-1], "'\"`") {
		return true // a string literal: an algorithm name, a prefix, a version
	}
	for _, p := range []string{"typeof ", "len(", "type(", "reflect.TypeOf("} {
		if strings.HasPrefix(text, p) {
			return true
		}
	}
	for _, s := range []string{".length", ".size", ".bytesize", ".count", ".len()", ".length()", ".size()"} {
		if strings.HasSuffix(text, s) {
			return true
		}
	}
	return false
}
