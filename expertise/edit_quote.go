package expertise

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// scalarContext is where a scalar is written; what may stay plain differs.
type scalarContext int

const (
	blockValue scalarContext = iota // key: VALUE, or - VALUE
	flowValue                       // [VALUE, ...] or {key: VALUE}
	mappingKey                      // KEY: value
)

// quote renders s as a YAML scalar for ctx: plain when YAML reads the plain
// text back as exactly the string s, double-quoted with escapes otherwise.
func quote(s string, ctx scalarContext) string {
	if plainSafe(s, ctx) {
		return s
	}
	return doubleQuote(s)
}

// plainSafe reports whether s written plain in ctx reads back as the string s.
// It asks yaml.v3 itself, so that no resolution rule (null, booleans,
// numbers, dates, indicators, ": ", " #") is missed.
func plainSafe(s string, ctx scalarContext) bool {
	if s == "" || s != strings.TrimSpace(s) || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	switch ctx {
	case blockValue:
		return readsBack("k: "+s+"\n", s, ctx)
	case flowValue:
		return readsBack("k: ["+s+"]\n", s, ctx)
	}
	// a key may be written in a block or a flow mapping
	return readsBack(s+": v\n", s, ctx) && readsBack("{"+s+": v}\n", s, ctx)
}

// readsBack reports whether doc, which holds s plain where ctx says, reads back as the string s.
func readsBack(doc, s string, ctx scalarContext) bool {
	var n yaml.Node
	if yaml.Unmarshal([]byte(doc), &n) != nil || len(n.Content) != 1 {
		return false
	}
	m := n.Content[0]
	if m.Kind != yaml.MappingNode || len(m.Content) != 2 {
		return false
	}
	got := m.Content[1]
	switch ctx {
	case flowValue:
		if got.Kind != yaml.SequenceNode || len(got.Content) != 1 {
			return false
		}
		got = got.Content[0]
	case mappingKey:
		got = m.Content[0]
	}
	return got.Kind == yaml.ScalarNode && got.Style == 0 && got.Tag == "!!str" && got.Value == s
}

// doubleQuote renders s as a double-quoted YAML scalar. Invalid UTF-8 becomes U+FFFD.
func doubleQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case 0x85:
			b.WriteString(`\N`)
		case 0x2028:
			b.WriteString(`\L`)
		case 0x2029:
			b.WriteString(`\P`)
		default:
			switch {
			case unicode.IsPrint(r) || r == ' ':
				b.WriteRune(r)
			case r <= 0xff:
				fmt.Fprintf(&b, `\x%02x`, r)
			case r <= 0xffff:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				fmt.Fprintf(&b, `\U%08x`, r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// scalar is a string to write. date scalars are written plain (YYYY-MM-DD);
// double forces double quotes, to follow a file that quotes its values.
type scalar struct {
	s      string
	date   bool
	double bool
}

// render writes the scalar for ctx.
func (v scalar) render(ctx scalarContext) string {
	switch {
	case v.double:
		return doubleQuote(v.s)
	case v.date:
		return v.s
	}
	return quote(v.s, ctx)
}
