package syntax

import (
	"bytes"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// MinChunk is the least a chunk of a chunked tree holds (but the last): the
// statements between the starts given to ParseChunked are grouped up to it,
// so that a query parses a stretch of the file, not a line.
const MinChunk = 2048

// ParseChunked returns a tree of src that parses a chunk of the file at a
// time, when a query first reaches it: a file with one webhook handler
// among many thousand lines costs the parse of the handler's stretch.
// starts are the offsets where top-level statements begin (in order, as
// codelex.TopLevelStarts gives them); each chunk, a run of whole
// statements, is parsed as the only range of the file (tree-sitter's
// included ranges), so its nodes have the file's offsets and are those a
// parse of the whole file would give.
//
// A chunk that does not parse cleanly (a start that cut a statement, or a
// syntax error) gives way to a parse of the whole file, which answers every
// query from then on; so does a query that spans two chunks. Nodes a query
// returned from a chunk stay valid until the tree is closed.
func ParseChunked(l Lang, src []byte, starts []int) *Tree {
	return parseChunked(l, src, starts, MinChunk)
}

// parseChunked is ParseChunked with chunks of at least minChunk bytes.
func parseChunked(l Lang, src []byte, starts []int, minChunk int) *Tree {
	if !l.Parsed() {
		return nil
	}
	c := &chunks{}
	row, at := 0, 0
	for _, s := range starts {
		if s <= at || s >= len(src) || s-at < minChunk {
			continue
		}
		if src[s-1] != '\n' {
			continue // not a line start: the points below would be wrong
		}
		end := row + bytes.Count(src[at:s], []byte{'\n'})
		c.spans = append(c.spans, chunkSpan{start: at, end: s, startRow: row, endRow: end})
		row, at = end, s
	}
	if len(c.spans) == 0 {
		return Parse(l, src)
	}
	end := row + bytes.Count(src[at:], []byte{'\n'})
	endCol := len(src) - (bytes.LastIndexByte(src, '\n') + 1)
	c.spans = append(c.spans, chunkSpan{start: at, end: len(src), startRow: row, endRow: end, endCol: endCol})
	c.trees = make([]*sitter.Tree, len(c.spans))
	return &Tree{Lang: l, Src: src, lazy: c}
}

// chunks are the stretches of a chunked tree and their trees, parsed on
// first use. Like a File, a tree is queried by one goroutine at a time; a
// clone shares nothing that parsing changes.
type chunks struct {
	spans  []chunkSpan
	trees  []*sitter.Tree // nil until parsed
	parsed int            // bytes parsed so far, chunks and the whole file
}

type chunkSpan struct {
	start, end       int
	startRow, endRow int // start is at column 0; end at column endCol of endRow
	endCol           int // 0 but for the last chunk
}

// rootFor returns the root of the chunk's tree that holds [start, end),
// parsing it first, or nil when the whole file's tree must answer.
func (c *chunks) rootFor(t *Tree, start, end int) *sitter.Node {
	i := c.find(start)
	if i < 0 || end > c.spans[i].end {
		return nil
	}
	if c.trees[i] == nil {
		sp := c.spans[i]
		p := getParser(t.Lang)
		err := p.SetIncludedRanges([]sitter.Range{{
			StartByte: uint(sp.start), EndByte: uint(sp.end),
			StartPoint: sitter.Point{Row: uint(sp.startRow)},
			EndPoint:   sitter.Point{Row: uint(sp.endRow), Column: uint(sp.endCol)},
		}})
		var tree *sitter.Tree
		if err == nil {
			tree = p.Parse(t.Src, nil)
		}
		p.SetIncludedRanges(nil) // back to the whole input for the pool's next user
		parsers[t.Lang].Put(p)
		c.parsed += sp.end - sp.start
		if tree == nil {
			return nil
		}
		c.trees[i] = tree
	}
	root := c.trees[i].RootNode()
	if root.HasError() {
		return nil
	}
	return root
}

// find returns the chunk that holds offset (the last chunk holds the end of
// the file), or -1.
func (c *chunks) find(offset int) int {
	lo, hi := 0, len(c.spans)
	for lo < hi {
		m := (lo + hi) / 2
		if c.spans[m].end <= offset {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(c.spans) && offset == c.spans[len(c.spans)-1].end {
		lo--
	}
	if lo >= len(c.spans) || offset < c.spans[lo].start {
		return -1
	}
	return lo
}

// whole returns the whole file's tree, parsing it on first use.
func (t *Tree) whole() *sitter.Tree {
	if t.ts != nil {
		return t.ts
	}
	t.ts = parseWhole(t.Lang, t.Src, nil)
	t.lazy.parsed += len(t.Src)
	return t.ts
}

func (c *chunks) clone(t *Tree) *Tree {
	n := &chunks{spans: c.spans, trees: make([]*sitter.Tree, len(c.trees)), parsed: c.parsed}
	for i, tr := range c.trees {
		if tr != nil {
			n.trees[i] = tr.Clone()
		}
	}
	out := &Tree{Lang: t.Lang, Src: t.Src, lazy: n}
	if t.ts != nil {
		out.ts = t.ts.Clone()
	}
	return out
}

func (c *chunks) close() {
	for i, tr := range c.trees {
		if tr != nil {
			tr.Close()
			c.trees[i] = nil
		}
	}
}

// ParsedBytes returns how much of the source the tree has parsed so far:
// the length of the source for a tree parsed whole, the chunks a query
// reached (and the whole file, if one needed it) for a chunked one.
func (t *Tree) ParsedBytes() int {
	if t.lazy == nil {
		return len(t.Src)
	}
	return t.lazy.parsed
}
