package expertise

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// The insertion primitives every change is built from. Each writes in the
// style of what surrounds it: block text at the columns of its siblings,
// flow text inside flow collections.

// pair returns the key and value of m whose key is name (ignoring case when
// fold is set), and the pair's index; nil, nil, -1 when absent.
func pair(m *yaml.Node, name string, fold bool) (k, v *yaml.Node, idx int) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil, -1
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key := m.Content[i].Value
		if key == name || fold && sameName(key, name) {
			return m.Content[i], m.Content[i+1], i / 2
		}
	}
	return nil, nil, -1
}

// appendFields adds fields at the end of mapping m.
func (e *editor) appendFields(m *yaml.Node, fs ...field) {
	switch {
	case isFlow(m) && len(m.Content) == 0:
		at := e.t.end(m) - 1
		e.add(at, at, e.lay.flowFields(fs))
	case isFlow(m):
		at := e.t.end(m.Content[len(m.Content)-1])
		e.add(at, at, ", "+e.lay.flowFields(fs))
	default:
		col := e.t.blockCol(m)
		lines := e.lay.blockFields(col, fs)
		if len(m.Content) >= 4 && e.t.blank(e.aboveKey(m, len(m.Content)/2-1)) {
			lines = append([]string{""}, lines...) // the file separates its keys with blank lines
		}
		e.insertLines(e.t.ownedLastLine(m, col), lines)
	}
}

// aboveKey returns the line above the key of pair idx of block mapping m and
// the comment lines at its column just above it (-1 at the top of the file).
func (e *editor) aboveKey(m *yaml.Node, idx int) int {
	col := e.t.blockCol(m)
	line := e.t.lines.LineOf(e.t.offset(m.Content[2*idx])) - 1
	for line >= 0 && !e.t.blank(line) && e.t.blankOrComment(line) && e.t.indent(line) == col {
		line--
	}
	return line
}

// insertFieldsBefore adds fields to mapping m before its pair idx. Comment
// lines just above that pair's key, at its column, stay with it, except
// above the first pair, where they are the file's header.
func (e *editor) insertFieldsBefore(m *yaml.Node, idx int, fs ...field) {
	key := m.Content[2*idx]
	if isFlow(m) {
		at := e.t.offset(key)
		e.add(at, at, e.lay.flowFields(fs)+", ")
		return
	}
	col := e.t.blockCol(m)
	above := e.t.lines.LineOf(e.t.offset(key)) - 1
	lines := e.lay.blockFields(col, fs)
	if idx > 0 {
		if above = e.aboveKey(m, idx); above >= 0 && e.t.blank(above) {
			lines = append(lines, "") // the file separates its keys with blank lines
		}
	}
	e.insertLines(above, lines)
}

// insertFieldsAfter adds fields to mapping m after its pair idx.
func (e *editor) insertFieldsAfter(m *yaml.Node, idx int, fs ...field) {
	v := m.Content[2*idx+1]
	if isFlow(m) {
		at := e.t.end(v)
		e.add(at, at, ", "+e.lay.flowFields(fs))
		return
	}
	col := e.t.blockCol(m)
	e.insertLines(e.t.ownedLastLine(v, col), e.lay.blockFields(col, fs))
}

// appendItems adds items at the end of sequence seq, the value of a key
// (or item) at column parent.
func (e *editor) appendItems(seq *yaml.Node, parent int, items []value) {
	if isFlow(seq) {
		e.appendFlowItems(seq, items)
		return
	}
	dash := e.t.blockCol(seq)
	inner := e.lay.itemIndent
	first := e.t.offset(seq.Content[0])
	if d := e.t.dashBefore(first); d >= 0 && e.t.lines.LineOf(d) == e.t.lines.LineOf(first) && !isEmptyNull(seq.Content[0]) {
		inner = first - d
	}
	var lines []string
	if n := len(seq.Content); n >= 2 && e.t.blank(e.t.lines.LineOf(e.t.dashBefore(e.t.offset(seq.Content[n-1])))-1) {
		lines = append(lines, "") // the file separates its items with blank lines
	}
	for _, it := range items {
		if it.scalar != nil {
			lines = append(lines, strings.Repeat(" ", dash)+"-"+strings.Repeat(" ", inner-1)+it.scalar.render(blockValue))
		} else {
			lines = append(lines, e.lay.blockItem(dash, inner, it.mapping)...)
		}
	}
	e.insertLines(e.t.ownedLastLine(seq, parent), lines)
}

// appendFlowItems adds items to a flow sequence: after its last item on
// the same line ([A, B] -> [A, B, C]), or, when the list puts one item per
// line, on lines of their own at the same indentation, keeping a trailing
// comma style.
func (e *editor) appendFlowItems(seq *yaml.Node, items []value) {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = e.lay.flow(it)
	}
	if len(seq.Content) == 0 {
		at := e.t.end(seq) - 1
		e.add(at, at, strings.Join(parts, ", "))
		return
	}
	last := seq.Content[len(seq.Content)-1]
	start, end := e.t.offset(last), e.t.end(last)
	line := e.t.lines.LineOf(start)
	if line == e.t.lines.LineOf(e.t.offset(seq)) || e.t.indent(line) != e.t.col(start) {
		e.add(end, end, ", "+strings.Join(parts, ", "))
		return
	}
	pad := string(e.t.lineText(line)[:e.t.col(start)])
	after := end
	for after < len(e.t.c) && isSpace(e.t.c[after]) {
		after++
	}
	if after < len(e.t.c) && e.t.c[after] == ',' && e.t.lines.LineOf(after) == e.t.lines.LineOf(end) && e.restIsComment(after+1) {
		lines := make([]string, len(parts))
		for i, p := range parts {
			lines[i] = pad + p + ","
		}
		e.insertLines(e.t.lines.LineOf(after), lines)
		return
	}
	e.add(end, end, ","+e.lay.eol+pad+strings.Join(parts, ","+e.lay.eol+pad))
}

// restIsComment reports whether the line holding offset i holds only
// whitespace or a comment from i on.
func (e *editor) restIsComment(i int) bool {
	rest := strings.TrimLeft(string(e.t.c[i:e.t.lines.LineEnd(e.t.lines.LineOf(i))]), " \t")
	return rest == "" || rest[0] == '#'
}

// setValue gives key k, whose value v is null or an empty flow collection,
// the value nv. In a block mapping a collection is written in block style
// below the key (a flow list of scalars stays flow when the file writes its
// lists that way); inFlow writes everything inline.
func (e *editor) setValue(k, v *yaml.Node, inFlow bool, nv value) {
	inline := inFlow || nv.scalar != nil || nv.isList && (e.lay.flowLists || isFlow(v))
	if inline {
		text := e.lay.flow(nv)
		if nv.scalar != nil && !inFlow {
			text = nv.scalar.render(blockValue)
		}
		if isEmptyNull(v) {
			at := e.t.start(v)
			e.add(at, at, " "+text)
			return
		}
		e.add(e.t.start(v), e.t.end(v), text)
		return
	}
	end := e.t.end(k)
	if !isEmptyNull(v) {
		start := e.t.offset(v)
		for start > 0 && isSpace(e.t.c[start-1]) {
			start--
		}
		end = e.t.end(v)
		e.add(start, end, "")
	}
	col := e.t.col(e.t.offset(k))
	e.insertLines(e.t.lines.LineOf(end), e.lay.blockFields(col, []field{{key: k.Value, val: nv}})[1:])
}

// followQuoting makes the scalars of fs double-quoted where the same field of
// prev, a sibling mapping, is double-quoted, so that new entries look like
// the ones before them.
func followQuoting(prev *yaml.Node, fs []field) {
	for i := range fs {
		_, pv, _ := pair(prev, fs[i].key, false)
		if pv == nil {
			continue
		}
		if pv.Kind == yaml.SequenceNode && len(pv.Content) > 0 {
			pv = pv.Content[len(pv.Content)-1]
		}
		if pv.Kind != yaml.ScalarNode || pv.Style&yaml.DoubleQuotedStyle == 0 {
			continue
		}
		if s := fs[i].val.scalar; s != nil {
			s.double = true
		}
		for j := range fs[i].val.list {
			fs[i].val.list[j].double = true
		}
	}
}
