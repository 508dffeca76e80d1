package syntax

import (
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// Call is one call expression (in Ruby also a command call without
// parentheses, or a method call with a block).
type Call struct {
	Span
	// Callee is the called name as written, normalized by NormalizeCallee:
	// "stripe.webhooks.constructEvent", "Stripe::Webhook.construct_event",
	// "crypto.createHmac.update.digest" for a chain.
	Callee     string
	CalleeSpan Span
	// Args are the arguments in order (comments left out); ArgList is the
	// argument list with its delimiters, empty when the call has none.
	Args    []Span
	ArgList Span
	// Block is a Ruby call's block (do ... end or { ... }), else empty.
	Block Span
}

// CallAt returns the innermost call whose callee contains offset: given the
// offset of a name found by a lexical scan, the call of that name.
func (t *Tree) CallAt(offset int) (Call, bool) { return t.callAt(offset, true) }

// EnclosingCall returns the innermost call that contains offset anywhere
// (callee or arguments).
func (t *Tree) EnclosingCall(offset int) (Call, bool) { return t.callAt(offset, false) }

func (t *Tree) callAt(offset int, inCallee bool) (Call, bool) {
	k := t.kinds()
	if k == nil {
		return Call{}, false
	}
	path := t.ancestors(offset, offset)
	for i := len(path) - 1; i >= 0; i-- {
		if t.kind(path[i]) != k.call {
			continue
		}
		c := t.callOf(path[i])
		if !inCallee || c.CalleeSpan.Contains(offset) || offset == c.CalleeSpan.End {
			return c, true
		}
	}
	return Call{}, false
}

func (t *Tree) callOf(n *sitter.Node) Call {
	c := Call{Span: SpanOf(n)}
	if t.Lang == Ruby {
		method := t.field(n, "method")
		if method != nil {
			c.CalleeSpan = SpanOf(method)
		}
		if recv := t.field(n, "receiver"); recv != nil {
			c.CalleeSpan.Start = int(recv.StartByte())
		}
		if b := t.field(n, "block"); b != nil {
			c.Block = SpanOf(b)
		}
	} else if fn := t.field(n, "function"); fn != nil {
		c.CalleeSpan = SpanOf(fn)
	}
	c.Callee = NormalizeCallee(t.Text(c.CalleeSpan))
	args := t.field(n, "arguments")
	if args == nil {
		return c
	}
	c.ArgList = SpanOf(args)
	for i := range args.NamedChildCount() {
		a := args.NamedChild(i)
		if a == nil || t.kind(a) == "comment" {
			continue
		}
		c.Args = append(c.Args, SpanOf(a))
	}
	return c
}

// NormalizeCallee turns a callee as written into a dotted name: whitespace,
// argument lists and subscripts are dropped, "?." and "!." become ".", and a
// leading "new " or "await " goes. "new Webhook(secret).verify" becomes
// "Webhook.verify"; "stripe\n  .webhooks\n  .constructEvent" becomes
// "stripe.webhooks.constructEvent".
func NormalizeCallee(text string) string {
	out := make([]byte, 0, len(text))
	depth := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if w := string(out); w == "new" || w == "await" {
				out = out[:0]
			}
		case (c == '?' || c == '!') && i+1 < len(text) && text[i+1] == '.':
		default:
			out = append(out, c)
		}
	}
	return string(out)
}
