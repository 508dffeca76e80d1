package webhooks

import (
	"bytes"
	"iter"
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// wordSet is the set of identifier names (the last segments of hookNames
// that are not literal) that the webhook analyzers look for in a file. One
// pass over the content finds every one of them where it occurs as a whole
// word, instead of one scan of the content per name.
type wordSet struct {
	// byIdent maps the identifier part of each word to the words that have
	// it: the word itself and Ruby names ending in '!' or '?' ("save!").
	byIdent map[string][]string
	// lengths, heads and lasts filter the identifiers of a file before the
	// map lookup: bit n of lengths is set when a word's identifier part has
	// n bytes (n < 64; longer parts always pass), heads has the bit of the
	// part's first two bytes (a one-byte part: that byte and 0), lasts[b] is
	// set when a part ends with b.
	lengths uint64
	heads   [1 << 16 / 64]uint64
	lasts   [256]bool
}

// head returns the filter bit index of an identifier: its first two bytes.
func head(ident []byte) int {
	if len(ident) == 1 {
		return int(ident[0]) << 8
	}
	return int(ident[0])<<8 | int(ident[1])
}

// identBytes is syntax.IsIdentByte as a table.
var identBytes = func() (t [256]bool) {
	for b := range t {
		t[b] = syntax.IsIdentByte(byte(b))
	}
	return t
}()

// newWordSet returns the set of the non-literal names among lists.
func newWordSet(lists ...[]hookName) *wordSet {
	ws := &wordSet{byIdent: map[string][]string{}}
	for _, list := range lists {
		for _, n := range list {
			if !n.literal {
				ws.add(n.last)
			}
		}
	}
	return ws
}

func (ws *wordSet) add(word string) {
	ident := strings.TrimRight(word, "!?")
	if ident == "" {
		return
	}
	for _, w := range ws.byIdent[ident] {
		if w == word {
			return
		}
	}
	ws.byIdent[ident] = append(ws.byIdent[ident], word)
	if len(ident) < 64 {
		ws.lengths |= 1 << len(ident)
	}
	h := head([]byte(ident))
	ws.heads[h/64] |= 1 << (h % 64)
	ws.lasts[ident[len(ident)-1]] = true
}

// with returns the set with the non-literal names of extra added: ws itself
// when there are none, else a copy.
func (ws *wordSet) with(extra []hookName) *wordSet {
	added := false
	for _, n := range extra {
		added = added || !n.literal
	}
	if !added {
		return ws
	}
	out := &wordSet{byIdent: make(map[string][]string, len(ws.byIdent)+len(extra)), lengths: ws.lengths, heads: ws.heads, lasts: ws.lasts}
	for ident, words := range ws.byIdent {
		out.byIdent[ident] = append([]string(nil), words...)
	}
	for _, n := range extra {
		if !n.literal {
			out.add(n.last)
		}
	}
	return out
}

// scan returns the offsets of every word of the set in src, in order, by
// word: where the word stands with no identifier byte (syntax.IsIdentByte)
// right before or after it, exactly as syntax.IsWord tells.
func (ws *wordSet) scan(src []byte) map[string][]int {
	out := map[string][]int{}
	for i := 0; i < len(src); {
		if !identBytes[src[i]] {
			i++
			continue
		}
		j := i + 1
		for j < len(src) && identBytes[src[j]] {
			j++
		}
		if n := j - i; (n >= 64 || ws.lengths&(1<<n) != 0) && ws.lasts[src[j-1]] && ws.heads[head(src[i:j])/64]&(1<<(head(src[i:j])%64)) != 0 {
			for _, w := range ws.byIdent[string(src[i:j])] {
				if end := i + len(w); len(w) == n || end <= len(src) && src[j] == w[n] && (end == len(src) || !identBytes[src[end]]) {
					out[w] = append(out[w], i)
				}
			}
		}
		i = j
	}
	return out
}

// has reports whether word is in the set.
func (ws *wordSet) has(word string) bool {
	return slices.Contains(ws.byIdent[strings.TrimRight(word, "!?")], word)
}

// wholeWords returns the offsets where word occurs in src as a whole word
// (syntax.IsWord), in order: one scan for one word.
func wholeWords(src []byte, word string) []int {
	return slices.Collect(wordsIn(src, syntax.Span{End: len(src)}, word))
}

// wordsIn yields the offsets in s where word occurs in src as a whole word
// (syntax.IsWord, which also looks at the bytes just outside s), in order.
func wordsIn(src []byte, s syntax.Span, word string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range indexes(src[s.Start:s.End], []byte(word)) {
			if at := s.Start + i; syntax.IsWord(src, at, at+len(word)) && !yield(at) {
				return
			}
		}
	}
}

// indexes yields the offsets of needle in text, in order, each occurrence
// starting after the end of the one before; none for an empty needle.
func indexes(text, needle []byte) iter.Seq[int] {
	return func(yield func(int) bool) {
		if len(needle) == 0 {
			return
		}
		for from := 0; ; {
			i := bytes.Index(text[from:], needle)
			if i < 0 || !yield(from+i) {
				return
			}
			from += i + len(needle)
		}
	}
}
