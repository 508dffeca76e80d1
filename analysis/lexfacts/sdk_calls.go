package lexfacts

import (
	"bytes"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
)

// SDK calls: the uses of a provider's SDK through the names its import
// binds (import Stripe from "stripe", from twilio.rest import Client, a Go
// package's name, Ruby's Stripe constant) and the names assigned from
// those (const stripe = new Stripe(key), client := client.New(...),
// self.client = Client(...)). Lexical and file-local, for hovers: a name
// bound twice to different things is taken as the SDK's.

// maxBindingRounds bounds how far assignments are followed from an import
// (stripe = new Stripe(); this.client = stripe).
const maxBindingRounds = 3

// SDKCalls returns the name chains in lx's code that start with a name
// bound to a provider's SDK and go on to a member or a call
// (stripe.customers.create, new Stripe(key), Stripe::Webhook.construct_event),
// from the imports among uses. Each Use's Why is "calls ".
func SDKCalls(lx *codelex.Lexed, family string, uses []Use) []Use {
	bound := map[string]*knowledge.Provider{}
	for _, u := range uses {
		if u.Why != "imports " {
			continue
		}
		for _, name := range importBindings(lx, family, u) {
			if name != "" && name != "_" && name != "." {
				bound[name] = u.Provider
			}
		}
	}
	if len(bound) == 0 {
		return nil
	}
	var calls []Use
	for round := 0; round < maxBindingRounds; round++ {
		calls = calls[:0]
		grew := false
		chains(lx, func(start, end int, segs [][2]int) {
			p, ok := boundHead(lx.Src, segs, bound)
			if !ok {
				return
			}
			next := codelex.SkipBlanks(lx.Src, end)
			if len(segs) > p.segs || next < len(lx.Src) && lx.Src[next] == '(' {
				calls = append(calls, Use{p.provider, start, end, "calls "})
			} // else the bare name: passed or assigned, not a call
			if lhs := assignedTo(lx.Src, start); lhs != "" && bound[lhs] == nil {
				bound[lhs] = p.provider
				grew = true
			}
		})
		if !grew {
			break
		}
	}
	return calls
}

// headMatch is the provider a chain's head is bound to and how many of its
// segments the bound name spans (this.stripe spans two).
type headMatch struct {
	provider *knowledge.Provider
	segs     int
}

// boundHead matches the first one or two segments of a chain against the
// bound names.
func boundHead(src []byte, segs [][2]int, bound map[string]*knowledge.Provider) (headMatch, bool) {
	if p := bound[string(src[segs[0][0]:segs[0][1]])]; p != nil {
		return headMatch{p, 1}, true
	}
	if len(segs) > 1 {
		if p := bound[string(src[segs[0][0]:segs[1][1]])]; p != nil {
			return headMatch{p, 2}, true
		}
	}
	return headMatch{}, false
}

// chains calls fn with every name chain that starts in code: its bounds and
// segments. A chain starts at a name not preceded by a name byte, a dot or
// a colon.
func chains(lx *codelex.Lexed, fn func(start, end int, segs [][2]int)) {
	src := lx.Src
	cur := codelex.Cursor{Spans: lx.Spans}
	var segs [][2]int
	for i := cur.Skip(0); i < len(src); i = cur.Skip(i) {
		c := src[i]
		if !codelex.IsNameStart(c) || c >= 0x80 || i > 0 && (codelex.IsIdentByte(src[i-1]) || src[i-1] == '.' || src[i-1] == ':' || src[i-1] == '@') {
			i++
			continue
		}
		end, s := codelex.ReadNameChain(src, i, segs[:0])
		segs = s
		if end == i {
			i++
			continue
		}
		fn(i, end, segs)
		i = end
	}
}

// assignedTo returns the name a chain starting at start is assigned to
// (x = new C(, x := c.New(, const { a } = ... is not followed), or "".
func assignedTo(src []byte, start int) string {
	p := codelex.SkipBlanksBack(src, start)
	for _, kw := range []string{"new", "await"} {
		if w := codelex.IdentBefore(src, p); string(w) == kw {
			p = codelex.SkipBlanksBack(src, p-len(w))
		}
	}
	if p == 0 || src[p-1] != '=' {
		return ""
	}
	p--
	if p > 0 && src[p-1] == ':' {
		p--
	} else if p > 0 && strings.IndexByte("=!<>+-*/%&|^", src[p-1]) >= 0 {
		return "" // ==, !=, <=, +=, ...
	}
	e := codelex.SkipBlanksBack(src, p)
	s := e
	for s > 0 && (codelex.IsIdentByte(src[s-1]) || src[s-1] == '.' || src[s-1] == '@') {
		s--
	}
	name := string(src[s:e])
	if name == "" || strings.Count(name, ".") > 1 {
		return ""
	}
	if head, _, dotted := strings.Cut(name, "."); dotted && head != "this" && head != "self" {
		return ""
	}
	return name
}

// importBindings returns the names an import of a provider's SDK binds.
func importBindings(lx *codelex.Lexed, family string, u Use) []string {
	src := lx.Src
	switch family {
	case "js":
		return jsBindings(src, u.Start)
	case "python":
		return pythonBindings(src, u.Start, u.End)
	case "go":
		return []string{goBinding(src, u.Start, u.End)}
	case "ruby":
		return []string{rubyConstant(u.Provider)}
	}
	return nil
}

// jsBindings reads `import X, { a, b as c } from "m"`, `import * as X from
// "m"`, `const X = require("m")` and `const { a, b: c } = require("m")`;
// the module's literal opens at specStart-1.
func jsBindings(src []byte, specStart int) []string {
	p := codelex.SkipBlanksBack(src, specStart-1)
	call := p > 0 && src[p-1] == '('
	if call {
		p = codelex.SkipBlanksBack(src, p-1)
	}
	w := string(codelex.IdentBefore(src, p))
	switch {
	case w == "from":
		clauseEnd := p - len(w)
		back := max(0, clauseEnd-maxImportLine)
		k := bytes.LastIndex(src[back:clauseEnd], []byte("import"))
		if k < 0 {
			return nil
		}
		if ks := back + k; ks > 0 && codelex.IsIdentByte(src[ks-1]) {
			return nil
		}
		return clauseNames(src[back+k+len("import") : clauseEnd])
	case w == "require" && call:
		lhs := codelex.SkipBlanksBack(src, p-len(w))
		if lhs == 0 || src[lhs-1] != '=' {
			return nil
		}
		e := codelex.SkipBlanksBack(src, lhs-1)
		if e > 0 && src[e-1] == '}' {
			o := bytes.LastIndexByte(src[max(0, e-maxImportLine):e], '{')
			if o < 0 {
				return nil
			}
			return clauseNames(bytes.ReplaceAll(src[max(0, e-maxImportLine)+o:e], []byte(":"), []byte(" as ")))
		}
		return []string{string(codelex.IdentBefore(src, e))}
	}
	return nil
}

// clauseNames returns the local names of an import clause: every name, with
// `x as y` giving y, less the keywords.
func clauseNames(clause []byte) []string {
	var names []string
	words := bytes.FieldsFunc(clause, func(r rune) bool { return r < 0x80 && !codelex.IsIdentByte(byte(r)) })
	for i := 0; i < len(words); i++ {
		switch w := string(words[i]); w {
		case "type", "typeof", "default":
		case "as":
			if i+1 < len(words) && len(names) > 0 {
				names[len(names)-1] = string(words[i+1])
				i++
			} else if i+1 < len(words) {
				names = append(names, string(words[i+1]))
				i++
			}
		default:
			names = append(names, w)
		}
	}
	return names
}

// pythonBindings reads `import a.b as c` (c), `import a.b` (a) and
// `from m import x, y as z` (x, z) around the module name [start, end).
func pythonBindings(src []byte, start, end int) []string {
	lineEnd := codelex.LexLineEnd(src, end)
	rest := bytes.TrimSpace(src[end:lineEnd])
	if bytes.HasPrefix(rest, []byte("import")) {
		list := bytes.Trim(bytes.TrimSpace(rest[len("import"):]), "()\\")
		if bytes.Equal(list, []byte("*")) {
			return nil
		}
		return clauseNames(list)
	}
	if bytes.HasPrefix(rest, []byte("as")) {
		return []string{string(bytes.TrimSpace(bytes.Trim(rest[2:], ",")))}
	}
	head, _, _ := bytes.Cut(src[start:end], []byte("."))
	return []string{string(head)}
}

// goBinding returns the name a Go import binds: its alias, or the last
// element of its path (less a /vN suffix and a go- or -go affix).
func goBinding(src []byte, start, end int) string {
	ls := bytes.LastIndexByte(src[:start], '\n') + 1
	before := bytes.Fields(src[ls : start-1])
	if n := len(before); n > 0 && string(before[n-1]) != "import" && string(before[n-1]) != "(" {
		return string(before[n-1])
	}
	parts := strings.Split(string(src[start:end]), "/")
	last := parts[len(parts)-1]
	if len(parts) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		last = parts[len(parts)-2]
	}
	last = strings.TrimSuffix(strings.TrimPrefix(last, "go-"), "-go")
	return strings.ReplaceAll(last, "-", "")
}

// rubyConstant is the constant a Ruby gem of the provider defines: its
// name's letters and digits (Stripe, SendGrid).
func rubyConstant(p *knowledge.Provider) string {
	var b strings.Builder
	for _, r := range p.Name {
		if r < 0x80 && codelex.IsIdentByte(byte(r)) && r != '$' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
