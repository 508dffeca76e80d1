package expertise

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// keyValue is one key and value of a mapping.
type keyValue struct {
	key   Scalar
	value *yaml.Node
}

// pairs returns a mapping's keys and values, skipping repeated keys (reported
// by duplicateKeys) and reporting keys that are not plain names.
func (p *fileParser) pairs(m *yaml.Node) []keyValue {
	var out []keyValue
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.schema(k, "a key must be a name, not %s", shapeOf(k))
			continue
		}
		if seen[k.Value] {
			continue
		}
		seen[k.Value] = true
		out = append(out, keyValue{key: Scalar{Value: k.Value, Range: p.rng(k), Present: true, Node: k}, value: v})
	}
	return out
}

// resolveAlias returns the node an alias stands for.
func resolveAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func isNullNode(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// scalar reads a single value. Anything else is a schema problem, and the
// Scalar is then present with an empty value.
func (p *fileParser) scalar(n *yaml.Node, where string) Scalar {
	s := Scalar{Range: p.rng(n), Present: true, Node: n}
	if t := resolveAlias(n); t.Kind == yaml.ScalarNode {
		s.Value = t.Value
		return s
	}
	p.schema(n, "%s must be a single value, not %s", where, shapeOf(n))
	return s
}

// scalars reads a list of single values; a lone value is read as a list of
// one and reported.
func (p *fileParser) scalars(n *yaml.Node, where string) []Scalar {
	t := resolveAlias(n)
	switch {
	case isNullNode(t):
		return nil
	case t.Kind == yaml.ScalarNode:
		p.schema(n, "%s must be a list, e.g. [%s]", where, shortValue(t.Value))
		return []Scalar{p.scalar(n, where)}
	case t.Kind != yaml.SequenceNode:
		p.schema(n, "%s must be a list of values, not %s", where, shapeOf(t))
		return nil
	}
	out := make([]Scalar, 0, len(t.Content))
	for i, item := range t.Content {
		if t := resolveAlias(item); t.Kind != yaml.ScalarNode {
			hint := ""
			if t.Kind == yaml.MappingNode && t.Style&yaml.FlowStyle == 0 {
				hint = ` (quote text that contains ": ", or it reads as a mapping)`
			}
			p.schema(item, "%s[%d] must be a single value, not %s%s", where, i, shapeOf(item), hint)
			continue
		}
		out = append(out, p.scalar(item, where))
	}
	return out
}

// list returns the items of a list (none when the value is empty), or
// reports that the value is not a list of want.
func (p *fileParser) list(n *yaml.Node, where, want string) []*yaml.Node {
	t := resolveAlias(n)
	if isNullNode(t) {
		return nil
	}
	if t.Kind != yaml.SequenceNode {
		p.schema(n, "%s must be a list of %s, not %s", where, want, shapeOf(t))
		return nil
	}
	return t.Content
}

// entry returns a list item that must be a mapping, or reports it and returns nil.
func (p *fileParser) entry(n *yaml.Node, where, want string) *yaml.Node {
	if t := resolveAlias(n); t.Kind == yaml.MappingNode {
		return t
	}
	p.schema(n, "%s must be a mapping with %s, not %s", where, want, shapeOf(n))
	return nil
}

// categories returns the pairs of a mapping of categories, or reports that the value is not one.
func (p *fileParser) categories(n *yaml.Node, where, want string) []keyValue {
	t := resolveAlias(n)
	if isNullNode(t) {
		return nil
	}
	if t.Kind != yaml.MappingNode {
		p.schema(n, "%s must map categories to lists of %s, not %s", where, want, shapeOf(t))
		return nil
	}
	return p.pairs(t)
}

// missing reports an entry that lacks a required key, on the entry's first key.
func (p *fileParser) missing(m *yaml.Node, format string, args ...any) {
	at := m
	if len(m.Content) > 0 {
		at = m.Content[0]
	}
	p.schema(at, format, args...)
}

// sections reads the top-level mapping. Keys it does not know are kept in Unknown.
func (p *fileParser) sections(root *yaml.Node) {
	f := p.f
	for _, kv := range p.pairs(root) {
		v := kv.value
		switch kv.key.Value {
		case "domain":
			f.Domain = p.scalar(v, "domain")
		case "version":
			f.Version = p.scalar(v, "version")
		case "last_updated":
			f.LastUpdated = p.scalar(v, "last_updated")
		case "files":
			f.Files = p.files(v)
		case "relationships":
			f.Relationships = p.relationships(v)
		case "patterns":
			f.Patterns = p.patterns(v)
		case "conventions":
			f.Conventions = p.scalars(v, "conventions")
		case "integrations_catalog":
			f.Catalog = p.catalog(v)
		case "learnings":
			f.LearningsNode = v
			f.Learnings = p.learnings(v)
		default:
			f.Unknown = append(f.Unknown, kv.key)
		}
	}
}

const fileEntryShape = "{path, purpose} entries"

// files reads `files:`: category -> [{path, purpose, key_exports, conventions}].
func (p *fileParser) files(n *yaml.Node) []FileCategory {
	var out []FileCategory
	for _, cat := range p.categories(n, "files", fileEntryShape) {
		where := "files." + cat.key.Value
		fc := FileCategory{Name: cat.key, Node: resolveAlias(cat.value)}
		for i, item := range p.list(cat.value, where, fileEntryShape) {
			w := fmt.Sprintf("%s[%d]", where, i)
			m := p.entry(item, w, "path and purpose")
			if m == nil {
				continue
			}
			e := FileEntry{Node: m}
			for _, kv := range p.pairs(m) {
				switch kv.key.Value {
				case "path":
					e.Path = p.scalar(kv.value, w+".path")
				case "purpose":
					e.Purpose = p.scalar(kv.value, w+".purpose")
				case "key_exports":
					e.KeyExports = p.scalars(kv.value, w+".key_exports")
				case "conventions":
					e.Conventions = p.scalar(kv.value, w+".conventions")
				}
			}
			if !e.Path.Present {
				p.missing(m, "%s has no path: add path: <file, or folder ending in />", w)
			}
			fc.Entries = append(fc.Entries, e)
		}
		out = append(out, fc)
	}
	return out
}

// relationships reads `relationships:`, a list of free-form mappings. A value
// that is not a single value is kept as its source text.
func (p *fileParser) relationships(n *yaml.Node) []Relationship {
	var out []Relationship
	for i, item := range p.list(n, "relationships", "mappings") {
		m := p.entry(item, fmt.Sprintf("relationships[%d]", i), "fields such as parent, child and type")
		if m == nil {
			continue
		}
		r := Relationship{Fields: map[string]Scalar{}, Node: m}
		for _, kv := range p.pairs(m) {
			s := Scalar{Range: p.rng(kv.value), Present: true, Node: kv.value}
			if t := resolveAlias(kv.value); t.Kind == yaml.ScalarNode {
				s.Value = t.Value
			} else {
				s.Value = p.text(kv.value)
			}
			r.Fields[kv.key.Value] = s
		}
		out = append(out, r)
	}
	return out
}

// patterns reads `patterns:`: [{name, description, location, example | applies_to}].
func (p *fileParser) patterns(n *yaml.Node) []Pattern {
	var out []Pattern
	for i, item := range p.list(n, "patterns", "{name, description} entries") {
		w := fmt.Sprintf("patterns[%d]", i)
		m := p.entry(item, w, "name and description")
		if m == nil {
			continue
		}
		pat := Pattern{Node: m}
		for _, kv := range p.pairs(m) {
			switch kv.key.Value {
			case "name":
				pat.Name = p.scalar(kv.value, w+".name")
			case "description":
				pat.Description = p.scalar(kv.value, w+".description")
			case "location":
				pat.Location = p.scalar(kv.value, w+".location")
			case "example":
				pat.Example = p.scalar(kv.value, w+".example")
			case "applies_to":
				pat.AppliesTo = p.scalars(kv.value, w+".applies_to")
			}
		}
		out = append(out, pat)
	}
	return out
}

const catalogEntryShape = "{name, env_vars, webhooks} entries"

// catalog reads `integrations_catalog:`: category -> [{name, env_vars, webhooks}].
func (p *fileParser) catalog(n *yaml.Node) []CatalogCategory {
	var out []CatalogCategory
	for _, cat := range p.categories(n, "integrations_catalog", catalogEntryShape) {
		where := "integrations_catalog." + cat.key.Value
		cc := CatalogCategory{Name: cat.key, Node: resolveAlias(cat.value)}
		for i, item := range p.list(cat.value, where, catalogEntryShape) {
			w := fmt.Sprintf("%s[%d]", where, i)
			m := p.entry(item, w, "name, env_vars and webhooks")
			if m == nil {
				continue
			}
			e := CatalogEntry{Node: m}
			for _, kv := range p.pairs(m) {
				switch kv.key.Value {
				case "name":
					e.Name = p.scalar(kv.value, w+".name")
				case "env_vars":
					e.EnvVars = p.scalars(kv.value, w+".env_vars")
				case "webhooks":
					e.Webhooks = p.scalars(kv.value, w+".webhooks")
				}
			}
			if !e.Name.Present {
				p.missing(m, "%s has no name: add name: <service>", w)
			}
			cc.Entries = append(cc.Entries, e)
		}
		out = append(out, cc)
	}
	return out
}

// learnings reads `learnings:` in every shape real files use:
// {date, insight, files_affected, context}, {date, context, insight} and
// {title, date, context, learning, impact}.
func (p *fileParser) learnings(n *yaml.Node) []Learning {
	var out []Learning
	for i, item := range p.list(n, "learnings", "{date, insight} entries") {
		w := fmt.Sprintf("learnings[%d]", i)
		m := p.entry(item, w, "date and insight")
		if m == nil {
			continue
		}
		l := Learning{Node: m}
		var learning Scalar
		for _, kv := range p.pairs(m) {
			switch kv.key.Value {
			case "date":
				l.Date = p.scalar(kv.value, w+".date")
			case "title":
				l.Title = p.scalar(kv.value, w+".title")
			case "insight":
				l.Insight = p.scalar(kv.value, w+".insight")
			case "learning":
				learning = p.scalar(kv.value, w+".learning")
			case "context":
				l.Context = p.scalar(kv.value, w+".context")
			case "impact":
				l.Impact = p.scalar(kv.value, w+".impact")
			case "files_affected":
				l.FilesAffected = p.scalars(kv.value, w+".files_affected")
			}
		}
		if !l.Insight.Present {
			l.Insight = learning
		}
		out = append(out, l)
	}
	return out
}
