package syntax

import (
	"slices"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// exactNode returns the outermost named node whose range is exactly s and
// its parent, or nil.
func (t *Tree) exactNode(s Span) (n, parent *sitter.Node) {
	path := t.ancestors(s.Start, s.End)
	for i, a := range path {
		if int(a.StartByte()) == s.Start && int(a.EndByte()) == s.End {
			if i > 0 {
				parent = path[i-1]
			}
			return a, parent
		}
	}
	return nil, nil
}

// Decorators returns the decorators that apply to the function or class at
// s (a Func's or Class's Span): Python decorators, TypeScript decorators on
// methods (written before them in the class body) and on classes (also when
// the class is exported).
func (t *Tree) Decorators(s Span) []Span {
	n, p := t.exactNode(s)
	if n == nil {
		return nil
	}
	var out []Span
	for i := range n.NamedChildCount() {
		c := n.NamedChild(i)
		if c == nil || t.kind(c) != "decorator" {
			break
		}
		out = append(out, SpanOf(c))
	}
	for prev := n.PrevNamedSibling(); prev != nil && t.kind(prev) == "decorator"; prev = prev.PrevNamedSibling() {
		out = append(out, SpanOf(prev))
	}
	if p != nil {
		switch t.kind(p) {
		case "decorated_definition", "export_statement":
			for i := range p.NamedChildCount() {
				if c := p.NamedChild(i); c != nil && t.kind(c) == "decorator" && !slices.Contains(out, SpanOf(c)) {
					out = append(out, SpanOf(c))
				}
			}
		}
	}
	return out
}

// DecoratedFunction returns the function or method that the decorator
// containing offset applies to.
func (t *Tree) DecoratedFunction(offset int) (Func, bool) {
	k := t.kinds()
	if k == nil {
		return Func{}, false
	}
	path := t.ancestors(offset, offset)
	i := len(path) - 1
	for i > 0 && t.kind(path[i]) != "decorator" {
		i--
	}
	if i <= 0 {
		return Func{}, false
	}
	deco, target, parent := path[i], path[i-1], path[i-1]
	if t.kind(target) == "decorated_definition" {
		target = t.field(target, "definition")
	} else if !k.function[t.kind(target)] {
		target = deco.NextNamedSibling()
		for target != nil && t.kind(target) == "decorator" {
			target = target.NextNamedSibling()
		}
	}
	if target == nil || !k.function[t.kind(target)] {
		return Func{}, false
	}
	return t.funcOf(target, parent, t.kind(target)), true
}

// Binary is a binary expression or comparison.
type Binary struct {
	Span
	Op          string
	Left, Right Span
}

// BinaryAt returns the binary expression whose operator occupies
// [opStart, opEnd): for a "===" found by a lexical scan, its comparison.
func (t *Tree) BinaryAt(opStart, opEnd int) (Binary, bool) {
	if t.closed() || opStart < 0 || opEnd > len(t.Src) || opEnd <= opStart {
		return Binary{}, false
	}
	op := t.rootFor(opStart, opEnd).DescendantForByteRange(uint(opStart), uint(opEnd))
	if op == nil || op.IsNamed() || int(op.StartByte()) != opStart || int(op.EndByte()) != opEnd {
		return Binary{}, false
	}
	p := op.Parent()
	if p == nil {
		return Binary{}, false
	}
	switch t.kind(p) {
	case "binary_expression", "binary":
		l, r := t.field(p, "left"), t.field(p, "right")
		if l == nil || r == nil {
			return Binary{}, false
		}
		return Binary{Span: SpanOf(p), Op: string(t.Src[opStart:opEnd]), Left: SpanOf(l), Right: SpanOf(r)}, true
	case "comparison_operator":
		// Python: operands are the named children around the operator.
		l, r := op.PrevNamedSibling(), op.NextNamedSibling()
		if l == nil || r == nil {
			return Binary{}, false
		}
		return Binary{Span: SpanOf(p), Op: string(t.Src[opStart:opEnd]), Left: SpanOf(l), Right: SpanOf(r)}, true
	}
	return Binary{}, false
}
