package codelex

import (
	"bytes"
	"sort"
	"strings"
)

// Helpers of the lexical matchers (env reads, provider uses, log calls):
// walking code past comments and literals, and reading names around an offset.

// Cursor walks the code of a lexed source forward, skipping comments
// and literals.
type Cursor struct {
	Spans []Span
	Next  int // first span that may hold or follow the next offset
}

// newCodeCursor returns a cursor positioned for offsets from from on.
func newCodeCursor(l *Lexed, from int) Cursor {
	return Cursor{Spans: l.Spans, Next: sort.Search(len(l.Spans), func(i int) bool { return l.Spans[i].End > from })}
}

// Skip returns the first offset at or after i that is code. Successive calls
// must not go backwards.
func (c *Cursor) Skip(i int) int {
	for c.Next < len(c.Spans) {
		sp := c.Spans[c.Next]
		switch {
		case sp.End <= i:
			c.Next++
		case sp.Start <= i:
			i = sp.End
			c.Next++
		default:
			return i
		}
	}
	return i
}

// MatchClose returns the offset after the bracket that closes the one at
// open, skipping comments and literals, or -1 when none does within limit bytes.
func (l *Lexed) MatchClose(open, limit int) int {
	cur := newCodeCursor(l, open)
	depth := 0
	for i := cur.Skip(open); i < len(l.Src) && i < open+limit; i = cur.Skip(i + 1) {
		switch l.Src[i] {
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

// LexLineEnd returns the offset of the end of the line holding i.
func LexLineEnd(src []byte, i int) int {
	if k := bytes.IndexByte(src[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(src)
}

// IsIdentByte reports whether c may occur in an identifier (any byte of
// a multi-byte character counts).
func IsIdentByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c >= 0x80
}

// HasIdentWord reports whether w occurs in text as a whole identifier.
func HasIdentWord(text []byte, w string) bool {
	for from := 0; ; {
		k := bytes.Index(text[from:], []byte(w))
		if k < 0 {
			return false
		}
		s, e := from+k, from+k+len(w)
		if (s == 0 || !IsIdentByte(text[s-1])) && (e == len(text) || !IsIdentByte(text[e])) {
			return true
		}
		from = e
	}
}

// SkipBlanks returns the offset of the first byte at or after i that is not
// a space or a tab.
func SkipBlanks(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// SkipBlanksBack returns the offset after the last non-blank byte before i.
func SkipBlanksBack(src []byte, i int) int {
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n' || src[i-1] == '\r') {
		i--
	}
	return i
}

// ReadNameChain reads a name chain (a.b?.c::D, @ivar) at i: its end and the
// bounds of its segments.
func ReadNameChain(src []byte, i int, segs [][2]int) (int, [][2]int) {
	for {
		j := i
		for j < len(src) && src[j] == '@' {
			j++
		}
		for j < len(src) && IsIdentByte(src[j]) {
			j++
		}
		segs = append(segs, [2]int{i, j})
		switch {
		case j+1 < len(src) && src[j] == '.' && IsNameStart(src[j+1]):
			i = j + 1
		case j+2 < len(src) && (src[j] == '?' && src[j+1] == '.' || src[j] == '&' && src[j+1] == '.' || src[j] == ':' && src[j+1] == ':') && IsNameStart(src[j+2]):
			i = j + 2
		default:
			return j, segs
		}
	}
}

// IsNameStart reports whether a name (or a Ruby @ivar) may start with c.
func IsNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c == '@' || c >= 0x80
}

// IdentBefore returns the identifier that ends at end.
func IdentBefore(src []byte, end int) []byte {
	w := end
	for w > 0 && IsIdentByte(src[w-1]) {
		w--
	}
	return src[w:end]
}

// IdentAt returns the identifier that starts at i.
func IdentAt(src []byte, i int) []byte {
	e := i
	for e < len(src) && IsIdentByte(src[e]) {
		e++
	}
	return src[i:e]
}

// LiteralText returns the bounds of a plain literal's text (no prefix, no
// interpolation), or ok false.
func LiteralText(src []byte, sp Span) (start, end int, ok bool) {
	if sp.Kind != String || sp.End-sp.Start < 3 {
		return 0, 0, false
	}
	q := src[sp.Start]
	if strings.IndexByte("'\"`", q) < 0 || src[sp.End-1] != q {
		return 0, 0, false
	}
	return sp.Start + 1, sp.End - 1, true
}
