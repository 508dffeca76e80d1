package syntax

import (
	"sync"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// Navigation helpers. Every cgo call into tree-sitter costs about 170 ns, so
// these helpers never walk a whole tree: callers find a candidate offset with a
// lexical scan of the source and ask for the few nodes around it. Each helper
// costs a handful of calls per level of nesting it climbs.

// Span is a half-open byte range [Start, End) of a tree's source. The zero
// Span is empty.
type Span struct{ Start, End int }

// Empty reports whether s covers no bytes.
func (s Span) Empty() bool { return s.End <= s.Start }

// Contains reports whether offset lies in s.
func (s Span) Contains(offset int) bool { return offset >= s.Start && offset < s.End }

// SpanOf returns the byte range of n.
func SpanOf(n *sitter.Node) Span { return Span{int(n.StartByte()), int(n.EndByte())} }

// Text returns the source text of s, clamped to the source.
func (t *Tree) Text(s Span) string {
	if s.Start < 0 {
		s.Start = 0
	}
	if s.End > len(t.Src) {
		s.End = len(t.Src)
	}
	if s.Empty() {
		return ""
	}
	return string(t.Src[s.Start:s.End])
}

// NodeAt returns the smallest named node that spans [start, end), or nil when
// the range lies outside the source.
func (t *Tree) NodeAt(start, end int) *sitter.Node {
	if t.closed() || start < 0 || end > len(t.Src) || end < start {
		return nil
	}
	return t.rootFor(start, end).NamedDescendantForByteRange(uint(start), uint(end))
}

// kinds holds the node kinds of one language that the helpers care about.
type kinds struct {
	function map[string]bool // function-like nodes
	anon     map[string]bool // function-like nodes that never carry a name (Ruby blocks)
	class    map[string]bool // class-like nodes (classes, modules)
	call     string          // the call node
	comment  map[string]bool // comments and string literals: code never lives inside them
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

var jsKinds = &kinds{
	function: set("function_declaration", "function_expression", "function", "arrow_function", "method_definition",
		"generator_function_declaration", "generator_function"),
	class:   set("class_declaration", "class", "abstract_class_declaration"),
	call:    "call_expression",
	comment: set("comment", "string", "string_fragment", "template_string", "regex", "regex_pattern"),
}

var langKinds = map[Lang]*kinds{
	TypeScript: jsKinds,
	TSX:        jsKinds,
	JavaScript: jsKinds,
	Python: {
		function: set("function_definition"),
		class:    set("class_definition"),
		call:     "call",
		comment:  set("comment", "string", "string_content", "concatenated_string"),
	},
	Go: {
		function: set("function_declaration", "method_declaration", "func_literal"),
		class:    set(),
		call:     "call_expression",
		comment: set("comment", "interpreted_string_literal", "raw_string_literal",
			"interpreted_string_literal_content", "raw_string_literal_content"),
	},
	Ruby: {
		function: set("method", "singleton_method", "do_block", "block", "lambda"),
		anon:     set("do_block", "block", "lambda"),
		class:    set("class", "module", "singleton_class"),
		call:     "call",
		comment:  set("comment", "string", "string_content", "heredoc_body", "heredoc_content", "regex"),
	},
}

func (t *Tree) kinds() *kinds {
	if t == nil {
		return nil
	}
	return langKinds[t.Lang]
}

// symbols holds a language's node kind names by symbol id and its field ids
// by name, so that asking a node's kind or field costs one cgo call and no
// C string.
type symbols struct {
	names  []string
	fields map[string]uint16
}

var symbolTables = sync.OnceValue(func() map[Lang]*symbols {
	out := map[Lang]*symbols{}
	for l, lang := range languages() {
		s := &symbols{fields: map[string]uint16{}}
		for id := range lang.NodeKindCount() {
			s.names = append(s.names, lang.NodeKindForId(uint16(id)))
		}
		for id := uint16(1); uint32(id) <= lang.FieldCount(); id++ {
			s.fields[lang.FieldNameForId(id)] = id
		}
		out[l] = s
	}
	return out
})

// kind returns n's kind name.
func (t *Tree) kind(n *sitter.Node) string {
	names := symbolTables()[t.Lang].names
	if id := int(n.KindId()); id < len(names) {
		return names[id]
	}
	return n.Kind()
}

// field returns n's child in the named field, or nil.
func (t *Tree) field(n *sitter.Node, name string) *sitter.Node {
	id := symbolTables()[t.Lang].fields[name]
	if id == 0 {
		return nil
	}
	return n.ChildByFieldId(id)
}

// ancestors returns the nodes from the root down to the smallest named node
// that spans [start, end), outermost first. Descending from the root costs
// one call per level, where climbing with Parent costs a descent per level.
func (t *Tree) ancestors(start, end int) []*sitter.Node {
	target := t.NodeAt(start, end)
	if target == nil {
		return nil
	}
	n := t.rootFor(start, end)
	out := make([]*sitter.Node, 1, 24)
	out[0] = n
	for n.Id() != target.Id() && len(out) < 512 {
		c := n.ChildWithDescendant(target)
		if c == nil || c.Id() == n.Id() {
			break
		}
		n = c
		out = append(out, n)
	}
	return out
}

// InCommentOrString reports whether the bytes [start, end) lie inside a
// comment or a string literal (where a name is prose, not code).
func (t *Tree) InCommentOrString(start, end int) bool {
	k := t.kinds()
	n := t.NodeAt(start, end)
	if k == nil || n == nil {
		return false
	}
	return k.comment[t.kind(n)]
}

// Func is a function-like node: a declaration, a method, a function
// expression or arrow function, a Go func literal, a Ruby method or block.
type Func struct {
	Span
	// Name is the declared name, or for an anonymous function the variable,
	// property or key it is assigned to; empty when there is none.
	Name Span
	// Params is the parameter list (empty when absent); Body the body.
	Params, Body Span
	// Kind is the tree-sitter node kind.
	Kind string
}

// EnclosingFunction returns the innermost function-like node that contains
// offset.
func (t *Tree) EnclosingFunction(offset int) (Func, bool) {
	return t.enclosingFunction(offset, false)
}

// EnclosingNamedFunction returns the innermost function that contains offset
// and has a name (declared, or assigned to a variable, property or key),
// skipping anonymous callbacks and blocks.
func (t *Tree) EnclosingNamedFunction(offset int) (Func, bool) {
	return t.enclosingFunction(offset, true)
}

func (t *Tree) enclosingFunction(offset int, named bool) (Func, bool) {
	k := t.kinds()
	if k == nil {
		return Func{}, false
	}
	path := t.ancestors(offset, offset)
	for i := len(path) - 1; i > 0; i-- {
		kind := t.kind(path[i])
		if !k.function[kind] {
			continue
		}
		f := t.funcOf(path[i], path[i-1], kind)
		if !named || !f.Name.Empty() {
			return f, true
		}
	}
	return Func{}, false
}

// FunctionNamedAt returns the function whose name occupies [start, end): a
// declaration's name, or the variable, property or key that an anonymous
// function is assigned to.
func (t *Tree) FunctionNamedAt(start, end int) (Func, bool) {
	k := t.kinds()
	path := t.ancestors(start, end)
	if k == nil || len(path) < 3 {
		return Func{}, false
	}
	n, p := path[len(path)-1], path[len(path)-2]
	if int(n.StartByte()) != start || int(n.EndByte()) != end {
		return Func{}, false
	}
	if kind := t.kind(p); k.function[kind] {
		f := t.funcOf(p, path[len(path)-3], kind)
		if f.Name == (Span{start, end}) {
			return f, true
		}
		return Func{}, false
	}
	// An assignment, declarator, pair or field whose value is a function.
	for _, field := range []string{"value", "right"} {
		if v := t.field(p, field); v != nil {
			if kind := t.kind(v); k.function[kind] && !k.anon[kind] {
				return t.funcOf(v, p, kind), true
			}
		}
	}
	return Func{}, false
}

func (t *Tree) funcOf(n, parent *sitter.Node, kind string) Func {
	f := Func{Span: SpanOf(n), Kind: kind}
	if b := t.field(n, "body"); b != nil {
		f.Body = SpanOf(b)
	} else {
		f.Body = f.Span
	}
	for _, field := range []string{"parameters", "parameter"} {
		if p := t.field(n, field); p != nil {
			f.Params = SpanOf(p)
			break
		}
	}
	if t.kinds().anon[kind] {
		return f
	}
	if name := t.field(n, "name"); name != nil {
		f.Name = SpanOf(name)
		return f
	}
	f.Name = t.assignedName(parent)
	return f
}

// assignedName returns the name an anonymous function is assigned to: the
// declarator, the last part of an assignment's left side, the key of a pair
// or the name of a class field.
func (t *Tree) assignedName(p *sitter.Node) Span {
	if p == nil {
		return Span{}
	}
	var name *sitter.Node
	switch t.kind(p) {
	case "variable_declarator", "public_field_definition":
		name = t.field(p, "name")
	case "field_definition":
		name = t.field(p, "property")
	case "pair":
		name = t.field(p, "key")
	case "assignment_expression", "assignment":
		name = t.field(p, "left")
		if name != nil && t.kind(name) == "member_expression" {
			name = t.field(name, "property")
		}
	}
	if name == nil || !name.IsNamed() {
		return Span{}
	}
	switch t.kind(name) {
	case "identifier", "property_identifier", "private_property_identifier", "string", "constant":
		return SpanOf(name)
	}
	return Span{}
}

// Class is a class-like node: a class, a Ruby module.
type Class struct {
	Span
	Name Span
	Body Span
}

// EnclosingClass returns the innermost class-like node that contains offset.
func (t *Tree) EnclosingClass(offset int) (Class, bool) {
	k := t.kinds()
	if k == nil {
		return Class{}, false
	}
	path := t.ancestors(offset, offset)
	for i := len(path) - 1; i >= 0; i-- {
		n := path[i]
		if !k.class[t.kind(n)] {
			continue
		}
		c := Class{Span: SpanOf(n)}
		if name := t.field(n, "name"); name != nil {
			c.Name = SpanOf(name)
		}
		if b := t.field(n, "body"); b != nil {
			c.Body = SpanOf(b)
		} else {
			c.Body = c.Span
		}
		return c, true
	}
	return Class{}, false
}
