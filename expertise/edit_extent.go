package expertise

import (
	"bytes"

	"github.com/expertise-ls/expertise-ls/internal/span"
	"gopkg.in/yaml.v3"
)

// text is the content an edit works on: its lines, and the byte range of
// every YAML node (measured by the parser's locator).
type text struct {
	c     []byte
	lines *span.Lines
	loc   *locator
}

func newText(content []byte, lines *span.Lines) *text {
	return &text{c: content, lines: lines, loc: newLocator(content)}
}

// offset returns where yaml.v3 says n starts (its anchor or tag when it has one).
func (t *text) offset(n *yaml.Node) int { return t.loc.offset(n.Line, n.Column) }

// start returns where n's text starts (a scalar's after its tag and anchor).
func (t *text) start(n *yaml.Node) int {
	s, _ := t.loc.span(n)
	return s
}

// end returns the offset just after n's text, trailing comments excluded.
func (t *text) end(n *yaml.Node) int {
	_, e := t.loc.span(n)
	return e
}

// lineStart returns where a line's text begins: after a UTF-8 byte order mark on the first line.
func (t *text) lineStart(line int) int {
	if line == 0 && bytes.HasPrefix(t.c, []byte(utf8BOM)) {
		return len(utf8BOM)
	}
	return t.lines.LineStart(line)
}

// lineText returns a line's text without its terminator (and without a byte order mark).
func (t *text) lineText(line int) []byte { return t.c[t.lineStart(line):t.lines.LineEnd(line)] }

// col returns the byte column of an offset.
func (t *text) col(off int) int { return off - t.lineStart(t.lines.LineOf(off)) }

// blockCol returns the column of a non-empty block collection: that of a
// mapping's first key, or of a sequence's first "-".
func (t *text) blockCol(n *yaml.Node) int {
	first := t.offset(n.Content[0])
	if n.Kind == yaml.SequenceNode {
		return t.col(t.dashBefore(first))
	}
	return t.col(first)
}

// dashBefore returns the offset of the "-" that introduces the list item at
// off (-1 when there is none: the item is in a flow list).
func (t *text) dashBefore(off int) int {
	i := off - 1
	for i >= 0 && (isSpace(t.c[i]) || isBreak(t.c[i])) {
		i--
	}
	if i < 0 || t.c[i] != '-' {
		return -1
	}
	return i
}

// indent returns the number of leading spaces and tabs of a line.
func (t *text) indent(line int) int {
	s := t.lineText(line)
	n := 0
	for n < len(s) && isSpace(s[n]) {
		n++
	}
	return n
}

// blankOrComment reports whether a line holds nothing but whitespace or a comment.
func (t *text) blankOrComment(line int) bool {
	s := bytes.TrimLeft(t.lineText(line), " \t")
	return len(s) == 0 || s[0] == '#'
}

// blank reports whether a line holds nothing but whitespace.
func (t *text) blank(line int) bool {
	return len(bytes.TrimLeft(t.lineText(line), " \t")) == 0
}

// ownedLastLine returns the last line of n's text extended over the comment
// lines below it indented deeper than parent (and over the blank lines a
// "|+" block scalar keeps): the line new text that follows n goes after.
func (t *text) ownedLastLine(n *yaml.Node, parent int) int {
	last := t.lines.LineOf(t.end(n))
	if t.keepsTrailingLines(n) {
		for last+1 < t.lines.Count() && t.blank(last+1) && t.lines.LineStart(last+1) < len(t.c) {
			last++
		}
	}
	for l := last + 1; l < t.lines.Count(); l++ {
		if t.blank(l) {
			continue
		}
		if !t.blankOrComment(l) || t.indent(l) <= parent {
			break
		}
		last = l
	}
	return last
}

// keepsTrailingLines reports whether n's text ends with a block scalar whose
// "+" indicator makes the blank lines after it part of its value.
func (t *text) keepsTrailingLines(n *yaml.Node) bool {
	for (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && !isFlow(n) && len(n.Content) > 0 {
		n = n.Content[len(n.Content)-1]
	}
	if n.Kind != yaml.ScalarNode || n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		return false
	}
	for i := t.start(n) + 1; i < len(t.c) && !isSpace(t.c[i]) && !isBreak(t.c[i]); i++ {
		if t.c[i] == '+' {
			return true
		}
	}
	return false
}

// isEmptyNull reports whether n is the null of a key or item with no value written.
func isEmptyNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Value == "" && n.Style == 0 && n.Tag == "!!null"
}

// isFlow reports whether n is a flow collection ([...] or {...}).
func isFlow(n *yaml.Node) bool {
	return (n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode) && n.Style&yaml.FlowStyle != 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func isBreak(c byte) bool { return c == '\n' || c == '\r' }
