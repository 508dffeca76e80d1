package span

import (
	"bytes"
	"unicode/utf8"
)

// Cursor converts the increasing offsets of one file's names, modules and
// hosts to positions. Along a line it carries the columns forward instead of
// recounting from the line start, which on a minified file (one long line)
// would make each lookup cost the whole line.
type Cursor struct {
	Lines *Lines
	last  Position
	set   bool
}

// Pos returns the position of off, a rune boundary outside line ends.
func (c *Cursor) Pos(off int) Position {
	content := c.Lines.content
	if c.set && off >= c.last.Offset && off <= len(content) && (off == len(content) || utf8.RuneStart(content[off])) &&
		bytes.IndexAny(content[c.last.Offset:off], "\r\n") < 0 {
		seg := content[c.last.Offset:off]
		c.last = Position{Offset: off, Line: c.last.Line, Col: c.last.Col + len(seg), Col16: c.last.Col16 + utf16Units(seg)}
		return c.last
	}
	c.last, c.set = c.Lines.Position(off), true
	return c.last
}

// Range returns the range [start, end).
func (c *Cursor) Range(start, end int) Range {
	return Range{Start: c.Pos(start), End: c.Pos(end)}
}

// utf16Units returns the length of b in UTF-16 code units, stepping over
// ASCII without decoding.
func utf16Units(b []byte) int {
	n := 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			n, b = n+1, b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if n++; r >= 0x10000 {
			n++
		}
		b = b[size:]
	}
	return n
}
