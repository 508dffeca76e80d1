package expertise

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// locator finds the byte range of every node of a yaml.v3 tree. yaml.v3 gives
// only a node's start, as a 1-based line and a column in code points, with a
// UTF-8 BOM not counted and lines broken where YAML breaks them ("\n",
// "\r\n", "\r", U+0085, U+2028, U+2029); locator maps that to a byte offset
// and finds the end from the source text, per node style.
type locator struct {
	content []byte
	starts  []int                 // byte offset of each YAML line
	ranges  map[*yaml.Node][2]int // [start, end) byte offsets
}

func newLocator(content []byte) *locator {
	l := &locator{content: content, starts: []int{0}, ranges: map[*yaml.Node][2]int{}}
	if bytes.HasPrefix(content, []byte(utf8BOM)) {
		l.starts[0] = len(utf8BOM)
	}
	for i := 0; i < len(content); {
		if n := breakLen(content, i); n > 0 {
			i += n
			l.starts = append(l.starts, i)
			continue
		}
		i++
	}
	return l
}

const utf8BOM = "\ufeff"

// breakLen returns the length of the YAML line break at content[i], or 0.
func breakLen(content []byte, i int) int {
	switch c := content[i]; {
	case c == '\n':
		return 1
	case c == '\r':
		if i+1 < len(content) && content[i+1] == '\n' {
			return 2
		}
		return 1
	case c == 0xC2 && i+1 < len(content) && content[i+1] == 0x85: // NEL
		return 2
	case c == 0xE2 && i+2 < len(content) && content[i+1] == 0x80 && (content[i+2] == 0xA8 || content[i+2] == 0xA9): // LS, PS
		return 3
	}
	return 0
}

// lineEnd returns the offset of the line break (or the end) of the line holding offset i.
func (l *locator) lineEnd(i int) int {
	for i < len(l.content) && breakLen(l.content, i) == 0 {
		i++
	}
	return i
}

// offset converts a yaml.v3 line and column (1-based, code points) to a byte offset.
func (l *locator) offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(l.starts) {
		return len(l.content)
	}
	i := l.starts[line-1]
	for n := 1; n < col && i < len(l.content) && breakLen(l.content, i) == 0; n++ {
		_, size := utf8.DecodeRune(l.content[i:])
		i += size
	}
	return i
}

// span returns the byte range of a measured node.
func (l *locator) span(n *yaml.Node) (start, end int) {
	if r, ok := l.ranges[n]; ok {
		return r[0], r[1]
	}
	start = l.offset(n.Line, n.Column)
	return start, start
}

// measure records the range of n and of every node below it. bound is the
// indentation that the content of a block scalar at n must exceed: the
// column of the key or "-" that n is the value of (-1 at the top level).
func (l *locator) measure(n *yaml.Node, bound int) (start, end int) {
	start = l.offset(n.Line, n.Column)
	end = start
	switch n.Kind {
	case yaml.ScalarNode:
		start = l.skipProperties(start)
		end = l.scalarEnd(n, start, bound)
	case yaml.AliasNode:
		end = min(start+1+len(n.Value), l.lineEnd(start))
	case yaml.MappingNode, yaml.SequenceNode:
		for i, c := range n.Content {
			childBound := n.Column - 1
			if n.Kind == yaml.MappingNode && i%2 == 1 {
				childBound = n.Content[i-1].Column - 1
			}
			_, e := l.measure(c, childBound)
			end = max(end, e)
		}
		if n.Style&yaml.FlowStyle != 0 {
			end = l.closeFlow(n, start, end)
		}
	}
	l.ranges[n] = [2]int{start, end}
	return start, end
}

// skipProperties moves past a scalar's tag ("!!str") and anchor ("&name").
func (l *locator) skipProperties(i int) int {
	for i < len(l.content) && (l.content[i] == '!' || l.content[i] == '&') {
		for i < len(l.content) && !isSpaceAt(l.content, i) {
			i++
		}
		i = l.skipSpace(i)
	}
	return i
}

// isSpaceAt reports whether a space, tab or line break starts at content[i].
func isSpaceAt(content []byte, i int) bool {
	return content[i] == ' ' || content[i] == '\t' || breakLen(content, i) > 0
}

// skipSpace moves past white space (Unicode's, line breaks included).
func (l *locator) skipSpace(i int) int {
	for i < len(l.content) {
		r, size := utf8.DecodeRune(l.content[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// scalarEnd finds the end of the scalar n that starts at start.
func (l *locator) scalarEnd(n *yaml.Node, start, bound int) int {
	c := byte(0)
	if start < len(l.content) {
		c = l.content[start]
	}
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0 && c == '"':
		return l.quotedEnd(start, '"')
	case n.Style&yaml.SingleQuotedStyle != 0 && c == '\'':
		return l.quotedEnd(start, '\'')
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && (c == '|' || c == '>'):
		return l.blockEnd(start, bound)
	}
	return l.plainEnd(start, n.Value)
}

// quotedEnd returns the offset just past the closing quote of a quoted
// scalar; inside double quotes a backslash escapes, inside single quotes a
// doubled quote does.
func (l *locator) quotedEnd(start int, quote byte) int {
	for i := start + 1; i < len(l.content); i++ {
		switch c := l.content[i]; {
		case c == '\\' && quote == '"':
			i++
		case c == quote && quote == '\'' && i+1 < len(l.content) && l.content[i+1] == '\'':
			i++
		case c == quote:
			return i + 1
		}
	}
	return len(l.content)
}

// blockEnd returns the end of a literal or folded block scalar whose
// indicator is at start: its last non-blank line more indented than bound.
func (l *locator) blockEnd(start, bound int) int {
	end := start + 1
	for end < len(l.content) && bytes.IndexByte([]byte("+-0123456789"), l.content[end]) >= 0 {
		end++
	}
	for i := l.lineEnd(start); i < len(l.content); {
		i += breakLen(l.content, i)
		lineEnd := l.lineEnd(i)
		text := l.content[i:lineEnd]
		indent := 0
		for indent < len(text) && text[indent] == ' ' {
			indent++
		}
		if len(bytes.TrimSpace(text)) > 0 {
			if indent <= bound {
				break
			}
			end = i + len(bytes.TrimRight(text, " \t"))
		}
		i = lineEnd
	}
	return end
}

// plainEnd returns the end of a plain scalar: its words, as value holds them,
// are found one after the other in the source, across the spaces and line
// breaks that folding turned into single spaces.
func (l *locator) plainEnd(start int, value string) int {
	i := start
	for _, word := range bytes.Fields([]byte(value)) {
		i = l.skipSpace(i)
		if !bytes.HasPrefix(l.content[i:], word) {
			end := l.lineEnd(start)
			return start + len(bytes.TrimRight(l.content[start:end], " \t"))
		}
		i += len(word)
	}
	return i
}

// closeFlow returns the offset just past the bracket that closes the flow
// collection n, searched from the end of its last item across spaces, line
// breaks, commas and comments.
func (l *locator) closeFlow(n *yaml.Node, start, end int) int {
	closer := byte(']')
	if n.Kind == yaml.MappingNode {
		closer = '}'
	}
	i := max(end, start+1)
	for i < len(l.content) {
		switch c := l.content[i]; {
		case c == closer:
			return i + 1
		case c == ',' || isSpaceAt(l.content, i):
			i++
		case c == '#':
			i = l.lineEnd(i)
		default:
			return end
		}
	}
	return end
}
