package expertise

import (
	"time"

	"gopkg.in/yaml.v3"
)

// listItem is one item of a sequence, as found by itemAt.
type listItem struct {
	seq    *yaml.Node
	idx    int
	key    *yaml.Node // the key whose value seq is; nil when seq is not a mapping value
	inFlow bool
}

// RemoveSequenceItem removes the innermost list item whose text holds
// offset: the item's lines in a block list (with the comments indented under
// it; comments above it stay), the item and its comma in a flow list. A list
// left empty becomes `[]`.
func RemoveSequenceItem(f *File, offset int, today time.Time) ([]Edit, error) {
	e, err := newEditor(f)
	if err != nil {
		return nil, err
	}
	var found *listItem
	if e.root != nil {
		found = e.itemAt(e.root, offset, false, nil)
	}
	if found == nil {
		return nil, e.errorf(offset, "no list item here to remove")
	}
	if found.inFlow {
		e.removeFlowItem(found)
	} else if err := e.removeBlockItem(found); err != nil {
		return nil, err
	}
	return e.finish(today)
}

// itemAt returns the innermost list item under n whose text holds offset.
func (e *editor) itemAt(n *yaml.Node, offset int, inFlow bool, key *yaml.Node) *listItem {
	inFlow = inFlow || isFlow(n)
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if it := e.itemAt(n.Content[i+1], offset, inFlow, n.Content[i]); it != nil {
				return it
			}
		}
	case yaml.SequenceNode:
		for i, it := range n.Content {
			start, end := e.t.start(it), e.t.end(it)
			if offset < start || offset > end || offset == end && end > start {
				continue
			}
			if inner := e.itemAt(it, offset, inFlow, nil); inner != nil {
				return inner
			}
			return &listItem{seq: n, idx: i, key: key, inFlow: inFlow}
		}
	}
	return nil
}

// removeFlowItem removes a flow list item with the comma that separates it.
func (e *editor) removeFlowItem(li *listItem) {
	items := li.seq.Content
	it := items[li.idx]
	switch {
	case len(items) == 1:
		e.add(e.t.offset(it), e.t.end(it), "")
	case li.idx < len(items)-1:
		e.add(e.t.offset(it), e.t.offset(items[li.idx+1]), "")
	default:
		e.add(e.t.end(items[li.idx-1]), e.t.end(it), "")
	}
}

// removeBlockItem removes the lines of a block list item, from its "-" to
// its last line or the last comment below indented under it. The last item
// of a mapping value leaves `key: []`.
func (e *editor) removeBlockItem(li *listItem) error {
	it := li.seq.Content[li.idx]
	dash := e.t.dashBefore(e.t.offset(it))
	if dash < 0 || e.t.indent(e.t.lines.LineOf(dash)) != e.t.col(dash) {
		return e.errorf(e.t.start(it), "this item shares its line with another list's item; remove it by hand")
	}
	if len(li.seq.Content) == 1 && li.key != nil {
		colon := e.t.end(li.key)
		for colon < len(e.t.c) && e.t.c[colon] != ':' {
			colon++
		}
		e.add(colon+1, colon+1, " []") // first: it may touch the removal's start
	}
	first, last := e.t.lines.LineOf(dash), e.t.ownedLastLine(it, e.t.col(dash))
	switch {
	case last+1 < e.t.lines.Count():
		e.add(e.t.lines.LineStart(first), e.t.lines.LineStart(last+1), "")
	case first > 0: // the file's last line, without a line break: keep it without one
		e.add(e.t.lines.LineEnd(first-1), len(e.t.c), "")
	default:
		e.add(0, len(e.t.c), "")
	}
	return nil
}
