package analysis

import (
	"bytes"
	"sort"
)

// Helpers of the lexical matchers (env reads, provider uses, log calls):
// walking code past comments and literals, and reading names around an offset.

// codeCursor walks the code of a lexed source forward, skipping comments
// and literals.
type codeCursor struct {
	spans []lexSpan
	k     int // first span that may hold or follow the next offset
}

// newCodeCursor returns a cursor positioned for offsets from from on.
func newCodeCursor(l *lexed, from int) codeCursor {
	return codeCursor{spans: l.spans, k: sort.Search(len(l.spans), func(i int) bool { return l.spans[i].end > from })}
}

// skip returns the first offset at or after i that is code. Successive calls
// must not go backwards.
func (c *codeCursor) skip(i int) int {
	for c.k < len(c.spans) {
		sp := c.spans[c.k]
		switch {
		case sp.end <= i:
			c.k++
		case sp.start <= i:
			i = sp.end
			c.k++
		default:
			return i
		}
	}
	return i
}

// matchClose returns the offset after the bracket that closes the one at
// open, skipping comments and literals, or -1 when none does within limit bytes.
func (l *lexed) matchClose(open, limit int) int {
	cur := newCodeCursor(l, open)
	depth := 0
	for i := cur.skip(open); i < len(l.src) && i < open+limit; i = cur.skip(i + 1) {
		switch l.src[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// lexLineEnd returns the offset of the end of the line holding i.
func lexLineEnd(src []byte, i int) int {
	if k := bytes.IndexByte(src[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(src)
}

// isCodeIdentByte reports whether c may occur in an identifier (any byte of
// a multi-byte character counts).
func isCodeIdentByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c >= 0x80
}

// hasIdentWord reports whether w occurs in text as a whole identifier.
func hasIdentWord(text []byte, w string) bool {
	for from := 0; ; {
		k := bytes.Index(text[from:], []byte(w))
		if k < 0 {
			return false
		}
		s, e := from+k, from+k+len(w)
		if (s == 0 || !isCodeIdentByte(text[s-1])) && (e == len(text) || !isCodeIdentByte(text[e])) {
			return true
		}
		from = e
	}
}

// skipBlanks returns the offset of the first byte at or after i that is not
// a space or a tab.
func skipBlanks(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// skipBlanksBack returns the offset after the last non-blank byte before i.
func skipBlanksBack(src []byte, i int) int {
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n' || src[i-1] == '\r') {
		i--
	}
	return i
}

// readNameChain reads a name chain (a.b?.c::D, @ivar) at i: its end and the
// bounds of its segments.
func readNameChain(src []byte, i int, segs [][2]int) (int, [][2]int) {
	for {
		j := i
		for j < len(src) && src[j] == '@' {
			j++
		}
		for j < len(src) && isCodeIdentByte(src[j]) {
			j++
		}
		segs = append(segs, [2]int{i, j})
		switch {
		case j+1 < len(src) && src[j] == '.' && isNameStart(src[j+1]):
			i = j + 1
		case j+2 < len(src) && (src[j] == '?' && src[j+1] == '.' || src[j] == '&' && src[j+1] == '.' || src[j] == ':' && src[j+1] == ':') && isNameStart(src[j+2]):
			i = j + 2
		default:
			return j, segs
		}
	}
}

// isNameStart reports whether a name (or a Ruby @ivar) may start with c.
func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c == '@' || c >= 0x80
}

// identBefore returns the identifier that ends at end.
func identBefore(src []byte, end int) []byte {
	w := end
	for w > 0 && isCodeIdentByte(src[w-1]) {
		w--
	}
	return src[w:end]
}

// identAt returns the identifier that starts at i.
func identAt(src []byte, i int) []byte {
	e := i
	for e < len(src) && isCodeIdentByte(src[e]) {
		e++
	}
	return src[i:e]
}
