package expertise

import (
	"fmt"
	"strings"

	"github.com/expertise-ls/expertise-ls/internal/span"
	"gopkg.in/yaml.v3"
)

// SymbolKind says what an outline symbol is.
type SymbolKind int

const (
	SymbolSection     SymbolKind = iota // a top-level key: files, conventions, learnings, ...
	SymbolCategory                      // a files or integrations_catalog category
	SymbolIntegration                   // an integrations_catalog entry
	SymbolFileEntry                     // a files entry (its path)
	SymbolPattern                       // a patterns entry
	SymbolLearning                      // a learnings entry
	SymbolEnvVar                        // an env var a catalog entry lists
)

// Symbol is one node of an expertise file's outline: Range is all of its
// text, Name's range (Select) the part an editor highlights.
type Symbol struct {
	Name     string
	Detail   string
	Kind     SymbolKind
	Range    span.Range
	Select   span.Range
	Children []Symbol
}

// Outline returns the file's sections in order, with the catalog's
// categories and integrations (and their env vars), the files categories
// and entries, the patterns and the learnings (by date and insight) below
// them. A file that is not a mapping has no outline.
func Outline(f *File) []Symbol {
	if f.Root == nil {
		return nil
	}
	t := newText(f.Content, f.Lines)
	t.loc.measure(f.Root, -1)
	o := outliner{f: f, t: t}
	var out []Symbol
	for i := 0; i+1 < len(f.Root.Content); i += 2 {
		k, v := f.Root.Content[i], f.Root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		sec := Symbol{Name: k.Value, Kind: SymbolSection, Range: o.rng(k, v), Select: o.rng(k, k)}
		switch k.Value {
		case "integrations_catalog":
			sec.Children = o.catalog()
		case "files":
			sec.Children = o.files()
		case "patterns":
			sec.Children = o.patterns()
		case "learnings":
			sec.Children = o.learnings()
			sec.Detail = Plural(len(f.Learnings), "learning")
		case "conventions":
			sec.Detail = Plural(len(f.Conventions), "convention")
		case "domain", "version", "last_updated":
			if v.Kind == yaml.ScalarNode {
				sec.Detail = v.Value
			}
		}
		out = append(out, sec)
	}
	return out
}

type outliner struct {
	f *File
	t *text
}

// rng is the range from the start of from to the end of to.
func (o outliner) rng(from, to *yaml.Node) span.Range {
	start, end := o.t.start(from), o.t.end(to)
	if end < start {
		end = start
	}
	return o.f.Lines.Range(start, end)
}

// node is the range of n alone.
func (o outliner) node(n *yaml.Node) span.Range { return o.rng(n, n) }

// category is the symbol of a files or catalog category named name whose
// entries are the sequence node list (nil when empty).
func (o outliner) category(name Scalar, list *yaml.Node) (Symbol, bool) {
	if !name.Present || name.Node == nil {
		return Symbol{}, false
	}
	c := Symbol{Name: name.Value, Kind: SymbolCategory, Select: name.Range, Range: name.Range}
	if list != nil {
		c.Range = o.rng(name.Node, list)
	}
	return c, true
}

func (o outliner) catalog() []Symbol {
	var out []Symbol
	for _, cat := range o.f.Catalog {
		c, ok := o.category(cat.Name, cat.Node)
		if !ok {
			continue
		}
		for _, e := range cat.Entries {
			if e.Node == nil || e.Name.Value == "" {
				continue
			}
			s := Symbol{Name: e.Name.Value, Kind: SymbolIntegration, Range: o.node(e.Node), Select: e.Name.Range}
			var names []string
			for _, v := range e.EnvVars {
				if v.Value != "" {
					names = append(names, v.Value)
					s.Children = append(s.Children, Symbol{Name: v.Value, Kind: SymbolEnvVar, Range: v.Range, Select: v.Range})
				}
			}
			s.Detail = strings.Join(names, ", ")
			c.Children = append(c.Children, s)
		}
		c.Detail = Plural(len(c.Children), "integration")
		out = append(out, c)
	}
	return out
}

func (o outliner) files() []Symbol {
	var out []Symbol
	for _, cat := range o.f.Files {
		c, ok := o.category(cat.Name, cat.Node)
		if !ok {
			continue
		}
		for _, e := range cat.Entries {
			if e.Node == nil || e.Path.Value == "" {
				continue
			}
			c.Children = append(c.Children, Symbol{Name: e.Path.Value, Detail: e.Purpose.Value, Kind: SymbolFileEntry, Range: o.node(e.Node), Select: e.Path.Range})
		}
		out = append(out, c)
	}
	return out
}

func (o outliner) patterns() []Symbol {
	var out []Symbol
	for i, p := range o.f.Patterns {
		if p.Node == nil {
			continue
		}
		name, sel := p.Name.Value, p.Name.Range
		if name == "" {
			name, sel = fmt.Sprintf("pattern %d", i+1), o.node(p.Node)
		}
		out = append(out, Symbol{Name: name, Detail: p.Location.Value, Kind: SymbolPattern, Range: o.node(p.Node), Select: sel})
	}
	return out
}

func (o outliner) learnings() []Symbol {
	var out []Symbol
	for i, l := range o.f.Learnings {
		if l.Node == nil {
			continue
		}
		name, sel := FirstValue(l.Title, l.Insight, l.Context)
		if name == "" {
			name, sel = fmt.Sprintf("learning %d", i+1), o.node(l.Node)
		}
		out = append(out, Symbol{Name: clip(name, 80), Detail: l.Date.Value, Kind: SymbolLearning, Range: o.node(l.Node), Select: sel})
	}
	return out
}

// FirstValue returns the first scalar with a value (trimmed), and its range.
func FirstValue(ss ...Scalar) (string, span.Range) {
	for _, s := range ss {
		if v := strings.TrimSpace(s.Value); v != "" {
			return v, s.Range
		}
	}
	return "", span.Range{}
}

// clip shortens s to at most n runes on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// Plural is "1 file" or "n files".
func Plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
