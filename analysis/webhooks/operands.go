package webhooks

import (
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// What an operand of a comparison is, read from its text alone: a name
// that says it holds a signature, or a value that cannot be a secret-keyed
// signature (a literal, a constant, a length, a type, one element).

// signatureWords name a signature or MAC in an identifier (or in a header
// name inside a string: "x-hub-signature-256").
var signatureWords = map[string]bool{"signature": true, "signatures": true, "sig": true, "sigs": true, "hmac": true, "mac": true, "digest": true}

// hashWords are the signature words that name any hash, keyed or not.
var hashWords = map[string]bool{"digest": true}

// signatureHints are substrings that every signature word holds: a line
// without one names no signature.
var signatureHints = [][]byte{[]byte("sig"), []byte("digest"), []byte("mac")}

// publicFieldWords end the names of values that describe a signature
// rather than hold it: its length, type, algorithm, version, offset...
var publicFieldWords = map[string]bool{
	"length": true, "len": true, "size": true, "count": true, "type": true, "kind": true, "code": true, "id": true,
	"algo": true, "alg": true, "algorithm": true, "version": true, "status": true, "state": true, "offset": true,
	"index": true, "idx": true, "magic": true, "name": true, "format": true, "mode": true, "flags": true,
	"scheme": true, "encoding": true, "oid": true,
}

// numericCallees convert to or return numbers.
var numericCallees = map[string]bool{
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true, "uint": true, "uint8": true, "uint16": true,
	"uint32": true, "uint64": true, "uintptr": true, "float": true, "float32": true, "float64": true, "number": true,
	"parseint": true, "parsefloat": true, "ord": true, "integer": true, "bigint": true, "len": true, "cap": true,
	"id": true, // Python's object identity
}

// namesSignature reports whether an operand's identifiers (or the header
// names in its strings) name a signature.
func namesSignature(text string) bool {
	it := identWords{text: text}
	for w, ok := it.next(); ok; w, ok = it.next() {
		if signatureWords[string(w)] {
			return true
		}
	}
	return false
}

// namesOnlyHash reports whether the signature words of an operand's
// identifiers are hash words alone ("recapturedDigestB64", not "sigDigest").
func namesOnlyHash(text string) bool {
	hash := false
	it := identWords{text: text}
	for w, ok := it.next(); ok; w, ok = it.next() {
		if signatureWords[string(w)] && !hashWords[string(w)] {
			return false
		}
		hash = hash || hashWords[string(w)]
	}
	return hash
}

// endsWithWordIn reports whether the last word of the identifiers in text
// is in set: "returnCode" ends with "code".
func endsWithWordIn(text string, set map[string]bool) bool {
	it := identWords{text: text}
	last := false
	for w, ok := it.next(); ok; w, ok = it.next() {
		last = set[string(w)]
	}
	return last
}

// identWords yields the lower-case words of the identifiers in a text,
// split as splitIdentifier splits one (at other bytes and where the case
// changes: "macDigest" -> mac, digest; "HMACKey" -> hmac, key), without
// allocating. Words longer than its buffer are skipped.
type identWords struct {
	text string
	i    int
	buf  [48]byte
}

func (it *identWords) next() ([]byte, bool) {
	n := 0
	for ; it.i < len(it.text); it.i++ {
		c := it.text[it.i]
		lowerOrDigit := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
		switch {
		case c >= 'A' && c <= 'Z':
			if n > 0 && (lowerByte(it.text[it.i-1]) || it.i+1 < len(it.text) && it.text[it.i+1] >= 'a' && it.text[it.i+1] <= 'z') {
				if n <= len(it.buf) {
					return it.buf[:n], true
				}
				n = 0
			}
			c += 'a' - 'A'
		case !lowerOrDigit:
			if n > 0 && n <= len(it.buf) {
				it.i++
				return it.buf[:n], true
			}
			n = 0
			continue
		}
		if n < len(it.buf) {
			it.buf[n] = c
		}
		n++
	}
	if n > 0 && n <= len(it.buf) {
		return it.buf[:n], true
	}
	return nil, false
}

func lowerByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 }

// valueOperand reports whether text computes a value that cannot be a
// signature, whatever it is computed from: a literal, a number, a length,
// a single element, or a field or method that describes a value ("digest.length
// * 2", "len(mac)", "sig[0]", "sig.Format", "digest.getType()").
func valueOperand(text string) bool {
	text = unwrapOperand(text)
	return trivialOperand(text) || numericOperand(text) || elementOperand(text) || describingField(text)
}

// describingField reports whether text reads a member whose name ends
// with a public field word: the last of a chain of names
// (envelope.sigAlgorithm), or the name a call or index ends with
// (k.Type(), attrs[0].kind). A single name is left to publicName.
func describingField(text string) bool {
	if c, ok := nameChain(text); ok {
		return c.names > 1 && endsWithWordIn(c.last, publicFieldWords)
	}
	return endsWithWordIn(trailingName(text), publicFieldWords)
}

// publicName reports whether text is a name whose value is public: a
// constant, or a variable named for what describes a signature
// (expectedCommentLength). It is asked after holdsMAC, so that a constant
// assigned an HMAC in the scope (SECRET_HASH = ...) still holds one.
// goImported tells whether a Go package name is imported by the file
// (pkg.Name is then a package-level name, not a field).
func publicName(text string, family string, goImported func(string) bool) bool {
	c, ok := nameChain(unwrapOperand(text))
	return ok && (constantChain(c, family, goImported) || endsWithWordIn(c.last, publicFieldWords))
}

// unwrapOperand drops what does not change an operand's value for this
// purpose: spaces, enclosing parentheses, Go's dereference and address-of,
// and byte and string conversions ([]byte(s), string(b)).
func unwrapOperand(text string) string {
	for {
		text = strings.TrimSpace(text)
		switch {
		case strings.HasPrefix(text, "*") || strings.HasPrefix(text, "&") && !strings.HasPrefix(text, "&&"):
			text = text[1:]
		case enclosed(text, "(", ")"):
			text = text[1 : len(text)-1]
		case enclosed(text, "[]byte(", ")"):
			text = text[len("[]byte(") : len(text)-1]
		case enclosed(text, "string(", ")"):
			text = text[len("string(") : len(text)-1]
		default:
			return text
		}
	}
}

// enclosed reports whether text is open + ... + close with the bracket
// that open ends with matched by the final close.
func enclosed(text, open, close string) bool {
	if !strings.HasPrefix(text, open) || !strings.HasSuffix(text, close) || len(text) < len(open)+len(close) {
		return false
	}
	return matchingClose(text, len(open)-1) == len(text)-1
}

// matchingClose returns the offset of the bracket closing the one at open
// (brackets inside string literals skipped), or -1.
func matchingClose(text string, open int) int {
	depth := 0
	for i := open; i < len(text); i++ {
		switch c := text[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return i
			}
		case '\'', '"', '`':
			j := strings.IndexByte(text[i+1:], c)
			if j < 0 {
				return -1
			}
			i += j + 1
		}
	}
	return -1
}

// trivialOperand reports whether text is a literal, a null-ish value, a
// type or a length.
func trivialOperand(text string) bool {
	switch text {
	case "null", "undefined", "nil", "None", "true", "false", "True", "False", "''", `""`, "``", "[]", "{}":
		return true
	}
	if text == "" || text[0] >= '0' && text[0] <= '9' || text[0] == '-' || text[0] == ':' && len(text) > 1 && text[1] != ':' {
		return true // a number, a negative number, a Ruby symbol
	}
	if s := strings.TrimLeft(text, "bBrRuU"); len(s) < len(text) && len(text)-len(s) <= 2 && stringValue(s) != "" {
		text = s // Python b"...", rb"..."
	}
	if v := stringValue(text); v != "" && !strings.ContainsAny(v, "'\"`") && !strings.Contains(v, "${") && !strings.Contains(v, "#{") {
		return true // a string literal without interpolation: an algorithm name, a prefix, a version
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

// numericOperand reports whether text computes a number: arithmetic or
// bitwise operators at its top level, or a numeric conversion (int(x),
// uint32(b), Number(s), b.uint32(), s.to_i).
func numericOperand(text string) bool {
	if strings.HasSuffix(text, ".to_i") || strings.HasSuffix(text, ".to_f") {
		return true
	}
	if i := strings.IndexByte(text, '('); i > 0 && matchingClose(text, i) == len(text)-1 {
		callee := text[:i]
		if j := strings.LastIndexAny(callee, ".:"); j >= 0 {
			callee = callee[j+1:]
		}
		if numericCallees[strings.ToLower(callee)] {
			return true
		}
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '(', '[', '{':
			if j := matchingClose(text, i); j > i {
				i = j
			}
		case '\'', '"', '`':
			if j := strings.IndexByte(text[i+1:], c); j >= 0 {
				i += j + 1
			}
		case '*', '/', '%', '^':
			return true
		case '&', '|':
			if i+1 < len(text) && text[i+1] == c {
				i++ // && and || choose a value, they do not compute one
				continue
			}
			return true
		case '<', '>':
			if i+1 < len(text) && text[i+1] == c {
				return true // shifts
			}
		case '-':
			if i > 0 && text[i-1] == ' ' && i+1 < len(text) && text[i+1] == ' ' {
				return true
			}
		}
	}
	return false
}

// elementOperand reports whether text is one element of a sequence: an
// index that is a number, an offset expression or a loop variable
// (sig[0], signature[offset++], mac[i]), not a lookup by key or a slice.
func elementOperand(text string) bool {
	if !strings.HasSuffix(text, "]") {
		return false
	}
	open := strings.LastIndexByte(text, '[')
	if open <= 0 || matchingClose(text, open) != len(text)-1 {
		return false
	}
	index := strings.TrimSpace(text[open+1 : len(text)-1])
	switch {
	case index == "" || strings.ContainsAny(index, `:'"`+"`") || strings.Contains(index, ".."):
		return false // a slice, a key, a Ruby range or symbol
	case index[0] >= '0' && index[0] <= '9', strings.Contains(index, "++"), strings.Contains(index, "--"),
		strings.ContainsAny(index, "+-"), len(index) <= 2:
		return true
	}
	switch index {
	case "offset", "index", "idx", "pos", "position":
		return true
	}
	return false
}

// chain is a dotted (or ::) chain of plain identifiers: "forge.pki.oids.messageDigest".
type chain struct {
	first, prev, last string // prev is "" for a single name
	names             int
	oid               bool // a name before the last is oids or oid
}

// nameChain reads text as a chain of plain identifiers; ok is false when
// text is anything else (a call, an index, an operator).
func nameChain(text string) (c chain, ok bool) {
	for rest := text; ; {
		end := strings.IndexAny(rest, ".:")
		name := rest
		if end >= 0 {
			name = rest[:end]
		}
		if !isIdent(strings.TrimLeft(name, "@$")) {
			return chain{}, false
		}
		if c.names == 0 {
			c.first = name
		}
		c.prev, c.last = c.last, name
		c.names++
		if c.names > 1 && (strings.EqualFold(c.prev, "oids") || strings.EqualFold(c.prev, "oid")) {
			c.oid = true
		}
		if end < 0 {
			return c, true
		}
		sep := 1
		if strings.HasPrefix(rest[end:], "::") {
			sep = 2
		}
		rest = rest[end+sep:]
	}
}

// constantChain reports whether a chain of names is a constant: its last
// name is ALL_CAPS, a Ruby constant, an enum member (Kind.Member), a Go
// package-level name (pkg.Name) or an OID (forge.pki.oids.messageDigest).
func constantChain(c chain, family string, goImported func(string) bool) bool {
	switch {
	case allCaps(c.last), c.oid:
		return true
	case !upperInitial(c.last):
		return false
	case family == "ruby":
		return true // every capitalised name is a constant
	case c.names < 2:
		return false
	case upperInitial(c.prev):
		return true // SyntaxKind.ConstructSignature, Code.Success
	case family == "go":
		return c.names == 2 && goImported != nil && goImported(c.first)
	}
	return false
}

// allCaps reports whether name is a CONSTANT_NAME: at least two letters,
// none of them lower case.
func allCaps(name string) bool {
	letters := 0
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c >= 'a' && c <= 'z':
			return false
		case c >= 'A' && c <= 'Z':
			letters++
		}
	}
	return letters >= 2
}

func upperInitial(name string) bool { return name != "" && name[0] >= 'A' && name[0] <= 'Z' }

// trailingName returns the identifier that text ends with, after dropping
// an empty argument list ("k.Type()" -> "Type"), or "".
func trailingName(text string) string {
	text = strings.TrimSuffix(text, "()")
	i := len(text)
	for i > 0 && syntax.IsIdentByte(text[i-1]) {
		i--
	}
	return text[i:]
}
