package expertise

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// value is new YAML to write: a scalar, a list of scalars, a list of
// mappings, or a mapping. Exactly one of its parts is set.
type value struct {
	scalar  *scalar
	list    []scalar  // a list of scalars
	isList  bool      // list is set, possibly empty
	items   [][]field // a list of mappings
	mapping []field
}

// field is one key and its value.
type field struct {
	key string
	val value
}

func scalarValue(s scalar) value        { return value{scalar: &s} }
func listValue(items []scalar) value    { return value{list: items, isList: true} }
func itemsValue(items ...[]field) value { return value{items: items} }
func mappingValue(fs ...field) value    { return value{mapping: fs} }

// layout is how a file lays out its block collections, so that new text
// looks like the text around it.
type layout struct {
	eol        string
	indent     int  // columns a nested mapping is indented by
	seqIndent  int  // columns a block list is indented under its key (0: not indented)
	itemIndent int  // columns from "-" to the item's text (2 in "- name: x")
	flowLists  bool // lists of scalars are written [a, b], not as block lists
}

// detectLayout reads the layout from the file's own collections; where a file
// has no example, the documented shape's layout stands (2, 2, 2, flow).
func detectLayout(t *text, root *yaml.Node) layout {
	indents, seqIndents, itemIndents := map[int]int{}, map[int]int{}, map[int]int{}
	flow, block := 0, 0
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if isFlow(n) || len(n.Content) == 0 {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			col := t.blockCol(n)
			for i := 0; i+1 < len(n.Content); i += 2 {
				v := n.Content[i+1]
				if v.Kind != yaml.MappingNode && v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
					continue
				}
				if v.Kind == yaml.SequenceNode && shortListKeys[n.Content[i].Value] && allScalars(v.Content) {
					if isFlow(v) {
						flow++
					} else {
						block++
					}
				}
				if isFlow(v) {
					continue
				}
				if d := t.blockCol(v) - col; v.Kind == yaml.MappingNode && d > 0 {
					indents[d]++
				} else if v.Kind == yaml.SequenceNode && d >= 0 {
					seqIndents[d]++
				}
			}
		case yaml.SequenceNode:
			for _, it := range n.Content {
				off := t.offset(it)
				if d := t.dashBefore(off); it.Kind == yaml.MappingNode && !isFlow(it) && d >= 0 && t.lines.LineOf(d) == t.lines.LineOf(off) {
					itemIndents[off-d]++
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	if root != nil {
		walk(root)
	}
	l := layout{eol: LineBreak(t.c), indent: mostCommon(indents, 2), flowLists: flow >= block}
	l.seqIndent = mostCommon(seqIndents, l.indent)
	l.itemIndent = mostCommon(itemIndents, 2)
	return l
}

// shortListKeys hold lists of names and paths, the kind of list the edits
// write; whether a file writes them [a, b] or as block lists decides how new
// ones are written. (Lists of sentences, like conventions, are block lists
// either way and do not count.)
var shortListKeys = map[string]bool{
	keyEnvVars: true, keyWebhooks: true, keyFilesAffected: true, "key_exports": true, "applies_to": true,
}

func allScalars(ns []*yaml.Node) bool {
	for _, n := range ns {
		if n.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}

// mostCommon returns the most frequent key of counts (the smallest on a tie), or def.
func mostCommon(counts map[int]int, def int) int {
	best, bestN := def, 0
	for k, n := range counts {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	return best
}

// LineBreak returns the line terminator content uses: that of its first
// line, "\n" when it has none. New lines written into a file use it.
func LineBreak(c []byte) string {
	for i, b := range c {
		switch b {
		case '\n':
			return "\n"
		case '\r':
			if i+1 < len(c) && c[i+1] == '\n' {
				return "\r\n"
			}
			return "\r"
		}
	}
	return "\n"
}

// blockFields renders fields as block mapping lines at column col.
func (l layout) blockFields(col int, fs []field) []string {
	var out []string
	pad := strings.Repeat(" ", col)
	for _, f := range fs {
		key := pad + quote(f.key, mappingKey) + ":"
		v := f.val
		switch {
		case v.scalar != nil:
			out = append(out, key+" "+v.scalar.render(blockValue))
		case v.isList && (l.flowLists || len(v.list) == 0):
			out = append(out, key+" "+l.flow(v))
		case v.isList:
			out = append(out, key)
			for _, s := range v.list {
				out = append(out, pad+strings.Repeat(" ", l.seqIndent)+"- "+s.render(blockValue))
			}
		case v.items != nil:
			out = append(out, key)
			for _, it := range v.items {
				out = append(out, l.blockItem(col+l.seqIndent, l.itemIndent, it)...)
			}
		default:
			out = append(out, key)
			out = append(out, l.blockFields(col+l.indent, v.mapping)...)
		}
	}
	return out
}

// blockItem renders a mapping as a block list item whose "-" is at column
// dash and whose keys are inner columns further right.
func (l layout) blockItem(dash, inner int, fs []field) []string {
	out := l.blockFields(dash+inner, fs)
	if len(out) > 0 {
		out[0] = strings.Repeat(" ", dash) + "-" + strings.Repeat(" ", inner-1) + out[0][dash+inner:]
	}
	return out
}

// flow renders v in flow style, on one line.
func (l layout) flow(v value) string {
	switch {
	case v.scalar != nil:
		return v.scalar.render(flowValue)
	case v.isList:
		parts := make([]string, len(v.list))
		for i, s := range v.list {
			parts[i] = s.render(flowValue)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case v.items != nil:
		parts := make([]string, len(v.items))
		for i, it := range v.items {
			parts[i] = l.flow(mappingValue(it...))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return "{" + l.flowFields(v.mapping) + "}"
}

// flowFields renders fields as the inside of a flow mapping: "k: v, k2: v2".
func (l layout) flowFields(fs []field) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = quote(f.key, mappingKey) + ": " + l.flow(f.val)
	}
	return strings.Join(parts, ", ")
}
