// Package span maps between byte offsets and line/column positions in a file's
// content. Every position carries its byte offset, its 0-based line, and its
// column both in bytes (UTF-8) and in UTF-16 code units, so that LSP (UTF-16 by
// default), SARIF (UTF-16) and vim-style output (bytes) all read the same value.
package span

import (
	"bytes"
	"encoding/binary"
	"sort"
	"unicode/utf8"
)

// Position is one point in a file.
type Position struct {
	Offset int // byte offset from the start of the content
	Line   int // 0-based line
	Col    int // 0-based column in bytes from the start of the line
	Col16  int // 0-based column in UTF-16 code units from the start of the line
}

// Range is a half-open span [Start, End) of a file.
type Range struct {
	Start, End Position
}

// Contains reports whether offset lies in r (inclusive of the start, exclusive of the end).
func (r Range) Contains(offset int) bool { return offset >= r.Start.Offset && offset < r.End.Offset }

// Overlaps reports whether r and o share at least one byte, or touch when either is empty.
func (r Range) Overlaps(o Range) bool {
	return r.Start.Offset <= o.End.Offset && o.Start.Offset <= r.End.Offset
}

// Lines indexes the line starts of a file's content. Line ends are "\n",
// "\r\n" and a lone "\r", as LSP defines them.
type Lines struct {
	content []byte
	starts  []int  // byte offset of the first byte of each line
	wide    []bool // whether a line holds a non-ASCII byte (its UTF-16 columns differ from its byte columns)
}

// NewLines indexes content. content must not be modified afterwards.
//
// It runs on every change of an open document and on every file the index
// reads, so it looks for line ends with bytes.IndexByte and for non-ASCII
// bytes a word at a time rather than testing each byte.
func NewLines(content []byte) *Lines {
	n := bytes.Count(content, []byte{'\n'}) + 1 // a lone "\r" adds a line: append grows
	starts := append(make([]int, 0, n), 0)
	wide := append(make([]bool, 0, n), false)
	for start := 0; start < len(content); {
		end, next := len(content), -1 // the line's "\n", and the start of the line after it
		if i := bytes.IndexByte(content[start:], '\n'); i >= 0 {
			end, next = start+i, start+i+1
		}
		line := content[start:end]
		for {
			r := bytes.IndexByte(line, '\r')
			if r < 0 || r == len(line)-1 && next >= 0 {
				break // no lone "\r" ends a line before the "\n" (or the "\r\n")
			}
			wide[len(wide)-1] = hasNonASCII(line[:r])
			start += r + 1
			starts, wide = append(starts, start), append(wide, false)
			line = line[r+1:]
		}
		wide[len(wide)-1] = hasNonASCII(line)
		if next < 0 {
			break
		}
		starts, wide = append(starts, next), append(wide, false)
		start = next
	}
	return &Lines{content: content, starts: starts, wide: wide}
}

// hasNonASCII reports whether b holds a byte of 0x80 or more, eight bytes at a time.
func hasNonASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return true
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// Content returns the indexed content.
func (l *Lines) Content() []byte { return l.content }

// Count returns the number of lines (a final line without a terminator counts;
// content ending in a newline has an empty last line).
func (l *Lines) Count() int { return len(l.starts) }

// LineStart returns the byte offset where line begins (clamped).
func (l *Lines) LineStart(line int) int {
	if line < 0 {
		return 0
	}
	if line >= len(l.starts) {
		return len(l.content)
	}
	return l.starts[line]
}

// LineEnd returns the byte offset of the end of line's text, before its terminator.
func (l *Lines) LineEnd(line int) int {
	if line < 0 {
		line = 0
	}
	if line+1 >= len(l.starts) {
		return len(l.content)
	}
	end := l.starts[line+1]
	if end > 0 && l.content[end-1] == '\n' {
		end--
	}
	if end > l.starts[line] && l.content[end-1] == '\r' {
		end--
	}
	return end
}

// LineText returns the text of line without its terminator.
func (l *Lines) LineText(line int) []byte {
	return l.content[l.LineStart(line):l.LineEnd(line)]
}

// LineOf returns the 0-based line containing offset (clamped to the content).
func (l *Lines) LineOf(offset int) int {
	if offset <= 0 {
		return 0
	}
	if offset > len(l.content) {
		offset = len(l.content)
	}
	return sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
}

// Position returns the position of a byte offset (clamped to the content and
// moved back to the start of a UTF-8 sequence it falls inside).
func (l *Lines) Position(offset int) Position {
	if offset < 0 {
		offset = 0
	}
	if offset > len(l.content) {
		offset = len(l.content)
	}
	line := l.LineOf(offset)
	start := l.starts[line]
	if end := l.LineEnd(line); offset > end {
		offset = end // inside a "\r\n" terminator
	}
	if !l.wide[line] {
		return Position{Offset: offset, Line: line, Col: offset - start, Col16: offset - start}
	}
	for offset > start && offset < len(l.content) && !utf8.RuneStart(l.content[offset]) {
		offset--
	}
	return Position{Offset: offset, Line: line, Col: offset - start, Col16: utf16Units(l.content[start:offset])}
}

// Range returns the range between two byte offsets.
func (l *Lines) Range(start, end int) Range {
	if end < start {
		end = start
	}
	return Range{Start: l.Position(start), End: l.Position(end)}
}

// OffsetUTF16 returns the byte offset of a 0-based line and UTF-16 column. A
// column past the end of the line clamps to the line's end, a line past the
// end clamps to the end of the content, and a column inside a surrogate pair
// moves to the start of that character.
func (l *Lines) OffsetUTF16(line, col16 int) int {
	if line >= len(l.starts) {
		return len(l.content)
	}
	if line < 0 {
		return 0
	}
	start, end := l.starts[line], l.LineEnd(line)
	if !l.wide[line] {
		return min(start+max(col16, 0), end)
	}
	units := 0
	for i := start; i < end; {
		if units >= col16 {
			return i
		}
		r, size := utf8.DecodeRune(l.content[i:end])
		n := 1
		if r >= 0x10000 {
			n = 2
		}
		if units+n > col16 {
			return i
		}
		units += n
		i += size
	}
	return end
}

// OffsetUTF8 returns the byte offset of a 0-based line and byte column (clamped to the line).
func (l *Lines) OffsetUTF8(line, col int) int {
	if line >= len(l.starts) {
		return len(l.content)
	}
	if line < 0 {
		return 0
	}
	start, end := l.starts[line], l.LineEnd(line)
	if col < 0 {
		col = 0
	}
	if start+col > end {
		return end
	}
	return start + col
}

// OffsetRunes returns the byte offset of a 0-based line and a column counted
// in Unicode code points, the unit yaml.v3 reports (clamped to the line).
func (l *Lines) OffsetRunes(line, runeCol int) int {
	if line >= len(l.starts) {
		return len(l.content)
	}
	if line < 0 {
		return 0
	}
	start, end := l.starts[line], l.LineEnd(line)
	i := start
	for n := 0; n < runeCol && i < end; n++ {
		_, size := utf8.DecodeRune(l.content[i:end])
		i += size
	}
	return i
}
