package expertise

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// catalogEntry is one mapping entry of the catalog and the key of its category.
type catalogEntry struct {
	category, node *yaml.Node
}

// entries returns the catalog's mapping entries in file order.
func (e *editor) entries() []catalogEntry {
	_, cat, _ := pair(e.root, keyCatalog, false)
	if cat == nil || cat.Kind != yaml.MappingNode {
		return nil
	}
	var out []catalogEntry
	for i := 0; i+1 < len(cat.Content); i += 2 {
		if cv := cat.Content[i+1]; cv.Kind == yaml.SequenceNode {
			for _, it := range cv.Content {
				if it.Kind == yaml.MappingNode {
					out = append(out, catalogEntry{cat.Content[i], it})
				}
			}
		}
	}
	return out
}

// findEntry returns the catalog entry named name (ignoring case): in
// category first when one is given, else the first in any category.
func (e *editor) findEntry(category, name string) *yaml.Node {
	var found *yaml.Node
	for _, ce := range e.entries() {
		if _, n, _ := pair(ce.node, keyName, false); n == nil || !sameName(n.Value, name) {
			continue
		}
		if sameName(ce.category.Value, category) {
			return ce.node
		}
		if found == nil {
			found = ce.node
		}
	}
	return found
}

// sameName reports whether two names are equal, ignoring case and surrounding space.
func sameName(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }

// extendEntry adds the env vars and webhooks the entry named name lacks;
// errNoEntry when there is no such entry.
func (e *editor) extendEntry(category, name string, env, hooks []scalar) error {
	entry := e.findEntry(category, name)
	if entry == nil {
		return errNoEntry
	}
	_, named, _ := pair(entry, keyName, false)
	var newFields []field
	for _, want := range []struct {
		key    string
		values []scalar
	}{{keyEnvVars, env}, {keyWebhooks, hooks}} {
		k, v, _ := pair(entry, want.key, false)
		missing := missingValues(v, want.values)
		switch {
		case len(missing) == 0:
		case k == nil:
			newFields = append(newFields, field{want.key, listValue(missing)})
		case isEmptyNull(v):
			e.setValue(k, v, isFlow(entry), listValue(missing))
		case v.Kind == yaml.SequenceNode:
			items := make([]value, len(missing))
			double := len(v.Content) > 0 && v.Content[len(v.Content)-1].Style&yaml.DoubleQuotedStyle != 0
			for i, s := range missing {
				s.double = double
				items[i] = scalarValue(s)
			}
			e.appendItems(v, e.t.col(e.t.start(k)), items)
		default:
			return e.errorf(e.t.offset(v), "%s of %q is %s; expected a list. Fix it by hand, then retry", want.key, named.Value, kindName(v))
		}
	}
	if len(newFields) > 0 {
		e.appendFields(entry, newFields...)
	}
	return nil
}

// missingValues returns the values of want that list (a sequence, or nil) lacks.
func missingValues(list *yaml.Node, want []scalar) []scalar {
	have := map[string]bool{}
	if list != nil && list.Kind == yaml.SequenceNode {
		for _, it := range list.Content {
			have[it.Value] = true
		}
	}
	var out []scalar
	for _, w := range want {
		if !have[w.s] {
			out = append(out, w)
		}
	}
	return out
}

// addEntry adds a new catalog entry to category, creating what is missing:
// the catalog goes before learnings (or at the end), the category at the
// end of the catalog.
func (e *editor) addEntry(category, name string, env, hooks []scalar) error {
	fs := []field{{keyName, scalarValue(scalar{s: name})}}
	if len(env) > 0 {
		fs = append(fs, field{keyEnvVars, listValue(env)})
	}
	if len(hooks) > 0 {
		fs = append(fs, field{keyWebhooks, listValue(hooks)})
	}
	if prev := e.lastEntry(category); prev != nil {
		followQuoting(prev, fs)
	}
	inCategory := field{category, itemsValue(fs)}
	section := field{keyCatalog, mappingValue(inCategory)}
	if e.root == nil {
		e.insertLines(e.lastContentLine(), e.lay.blockFields(0, []field{section}))
		return nil
	}
	k, cat, _ := pair(e.root, keyCatalog, false)
	switch {
	case k == nil:
		if _, _, i := pair(e.root, keyLearnings, false); i >= 0 {
			e.insertFieldsBefore(e.root, i, section)
		} else {
			e.appendFields(e.root, section)
		}
	case isEmptyNull(cat) || isFlow(cat) && len(cat.Content) == 0:
		e.setValue(k, cat, isFlow(e.root), section.val)
	case cat.Kind == yaml.MappingNode:
		ck, cv, _ := pair(cat, category, true)
		switch {
		case ck == nil:
			e.appendFields(cat, inCategory)
		case isEmptyNull(cv) || isFlow(cv) && len(cv.Content) == 0:
			e.setValue(ck, cv, isFlow(cat), inCategory.val)
		case cv.Kind == yaml.SequenceNode:
			e.appendItems(cv, e.t.col(e.t.start(ck)), []value{mappingValue(fs...)})
		default:
			return e.errorf(e.t.offset(cv), "catalog category %q is %s; expected a list of integrations. Fix it by hand, then retry", ck.Value, kindName(cv))
		}
	default:
		return e.errorf(e.t.offset(cat), "%s is %s; expected a mapping of category -> list. Fix it by hand, then retry", keyCatalog, kindName(cat))
	}
	return nil
}

// lastEntry returns the last catalog entry of category, else of any
// category, as the example new entries follow; nil when there is none.
func (e *editor) lastEntry(category string) *yaml.Node {
	var last *yaml.Node
	for _, ce := range e.entries() {
		if last == nil || sameName(ce.category.Value, category) {
			last = ce.node
		}
	}
	return last
}
