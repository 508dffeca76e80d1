package syntax

import (
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// Branches: the conditionals and try statements around a spot, in every
// language alike, and whether a call's value is thrown away. They let a rule
// ask "does this verification run on every path" without knowing each
// grammar's node kinds.

// BranchKind tells an if from a try.
type BranchKind uint8

const (
	BranchIf  BranchKind = iota + 1 // if, unless, elif, a Ruby modifier if
	BranchTry                       // try/catch, try/except, begin/rescue
)

// Branch is one conditional or try statement around a spot.
type Branch struct {
	Kind BranchKind
	Stmt Span // the whole statement
	// Cond is an if's condition; Negated is set for Ruby's unless.
	Cond    Span
	Negated bool
	// Then is an if's consequence or a try's protected body; InThen says
	// whether the spot lies in it.
	Then   Span
	InThen bool
	// Else holds an if's alternatives (else, elif, elsif) or a try's
	// handlers (catch, except, rescue).
	Else []Span
	// After runs from the statement's end to the end of the last statement
	// that follows it in the same block (empty when none follows).
	After Span
}

// branchKinds are the if and try node kinds of each language.
var branchKinds = map[Lang]struct{ ifs, mods, tries, handlers, alts map[string]bool }{
	TypeScript: {ifs: set("if_statement"), tries: set("try_statement"), handlers: set("catch_clause"), alts: set("else_clause")},
	Python: {ifs: set("if_statement"), tries: set("try_statement"), handlers: set("except_clause", "except_group_clause"),
		alts: set("elif_clause", "else_clause")},
	Go:   {ifs: set("if_statement")},
	Ruby: {ifs: set("if", "unless", "elsif"), mods: set("if_modifier", "unless_modifier"), tries: set("begin", "body_statement"), handlers: set("rescue"), alts: set("else", "elsif")},
}

func (t *Tree) branchKinds() (ifs, mods, tries, handlers, alts map[string]bool, ok bool) {
	l := t.Lang
	if l == TSX || l == JavaScript {
		l = TypeScript
	}
	k, ok := branchKinds[l]
	return k.ifs, k.mods, k.tries, k.handlers, k.alts, ok
}

// Branches returns the ifs and trys whose statement contains [start, end)
// and lies inside within (a function), innermost first. A Ruby body with a
// rescue clause counts as a try only when it has one.
func (t *Tree) Branches(start, end int, within Span) []Branch {
	ifs, mods, tries, handlers, alts, ok := t.branchKinds()
	if !ok {
		return nil
	}
	path := t.ancestors(start, end)
	var out []Branch
	for i := len(path) - 1; i >= 0; i-- {
		n := path[i]
		s := SpanOf(n)
		if s.Start < within.Start || s.End > within.End {
			break
		}
		kind := t.kind(n)
		var b Branch
		switch {
		case ifs[kind]:
			b = Branch{Kind: BranchIf, Stmt: s, Cond: t.spanOf(t.field(n, "condition")), Then: t.spanOf(t.field(n, "consequence")), Negated: kind == "unless"}
			t.children(n, func(c *sitter.Node) {
				if alts[t.kind(c)] {
					b.Else = append(b.Else, SpanOf(c))
				}
			})
		case mods[kind]:
			b = Branch{Kind: BranchIf, Stmt: s, Cond: t.spanOf(t.field(n, "condition")), Then: t.spanOf(t.field(n, "body")), Negated: kind == "unless_modifier"}
		case tries[kind]:
			b = Branch{Kind: BranchTry, Stmt: s, Then: t.spanOf(t.field(n, "body"))}
			t.children(n, func(c *sitter.Node) {
				if handlers[t.kind(c)] {
					b.Else = append(b.Else, SpanOf(c))
				}
			})
			if len(b.Else) == 0 {
				continue // a Ruby body without rescue
			}
			if b.Then.Empty() { // Ruby: the statements before the first rescue
				b.Then = Span{Start: s.Start, End: b.Else[0].Start}
				if kind == "begin" {
					b.Then.Start += len("begin")
				}
			}
		default:
			continue
		}
		b.InThen = b.Then.Start <= start && end <= b.Then.End
		b.After = t.after(n, handlers)
		out = append(out, b)
	}
	return out
}

// after is the span of the statements that follow n in its block.
func (t *Tree) after(n *sitter.Node, handlers map[string]bool) Span {
	var last *sitter.Node
	for s := n.NextNamedSibling(); s != nil; s = s.NextNamedSibling() {
		if k := t.kind(s); handlers[k] || k == "ensure" || k == "comment" {
			break
		}
		last = s
	}
	if last == nil {
		return Span{Start: int(n.EndByte()), End: int(n.EndByte())}
	}
	return Span{Start: int(n.EndByte()), End: int(last.EndByte())}
}

func (t *Tree) children(n *sitter.Node, fn func(*sitter.Node)) {
	for i := uint(0); i < n.NamedChildCount(); i++ {
		if c := n.NamedChild(i); c != nil {
			fn(c)
		}
	}
}

func (t *Tree) spanOf(n *sitter.Node) Span {
	if n == nil {
		return Span{}
	}
	return SpanOf(n)
}

// ResultIgnored reports whether the value of the call spanning [start, end)
// is thrown away: the call (or its await) is a statement of its own, or in
// Go its last result (the error) is assigned to _.
func (t *Tree) ResultIgnored(start, end int) bool {
	path := t.ancestors(start, end)
	i := len(path) - 1 // the call
	for i > 0 {
		switch t.kind(path[i-1]) {
		case "await_expression", "await", "parenthesized_expression", "expression_list":
			i--
			continue
		}
		break
	}
	if i <= 0 {
		return false
	}
	parent := path[i-1]
	switch t.kind(parent) {
	case "expression_statement":
		return true
	case "body_statement", "then", "begin", "else", "do", "block_body":
		// Ruby: a statement of its own, unless the last one (a method's or
		// block's value).
		return t.Lang == Ruby && path[i].NextNamedSibling() != nil
	case "short_var_declaration", "assignment_statement":
		if t.Lang != Go {
			return false
		}
		left := t.field(parent, "left")
		if left == nil || left.NamedChildCount() == 0 {
			return false
		}
		return t.Text(SpanOf(left.NamedChild(left.NamedChildCount()-1))) == "_"
	}
	return false
}
