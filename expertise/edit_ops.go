package expertise

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Keys of the sections and fields the edits write.
const (
	keyLastUpdated   = "last_updated"
	keyCatalog       = "integrations_catalog"
	keyLearnings     = "learnings"
	keyName          = "name"
	keyEnvVars       = "env_vars"
	keyWebhooks      = "webhooks"
	keyDate          = "date"
	keyInsight       = "insight"
	keyFilesAffected = "files_affected"
	keyContext       = "context"
)

// dateLayout is how expertise files write dates.
const dateLayout = "2006-01-02"

// NewLearning is a learning to record. It is written in the documented
// shape {date, insight, files_affected, context}; empty parts are left out.
type NewLearning struct {
	Insight       string
	Context       string
	FilesAffected []string
}

// SetLastUpdated sets last_updated to today's date: it replaces the value
// (keeping its quoting) or adds the key after version (or domain, or at the
// top). No edits when it already holds today.
func SetLastUpdated(f *File, today time.Time) ([]Edit, error) {
	e, err := newEditor(f)
	if err != nil {
		return nil, err
	}
	e.setLastUpdated(today)
	if len(e.edits) == 0 {
		return nil, nil
	}
	return e.checked(e.edits)
}

func (e *editor) setLastUpdated(today time.Time) {
	date := scalar{s: today.Format(dateLayout), date: true}
	if e.root == nil {
		e.insertLines(e.lastContentLine(), e.lay.blockFields(0, []field{{keyLastUpdated, scalarValue(date)}}))
		return
	}
	k, v, _ := pair(e.root, keyLastUpdated, false)
	if k != nil {
		if v.Kind == yaml.ScalarNode && v.Value == date.s {
			return
		}
		if isEmptyNull(v) {
			e.setValue(k, v, isFlow(e.root), scalarValue(date))
			return
		}
		text := date.s // in the value's own quotes
		switch {
		case v.Kind == yaml.ScalarNode && v.Style&yaml.DoubleQuotedStyle != 0:
			text = `"` + text + `"`
		case v.Kind == yaml.ScalarNode && v.Style&yaml.SingleQuotedStyle != 0:
			text = "'" + text + "'"
		}
		e.add(e.t.start(v), e.t.end(v), text)
		return
	}
	fs := []field{{keyLastUpdated, scalarValue(date)}}
	for _, after := range []string{"version", "domain"} {
		if _, _, i := pair(e.root, after, false); i >= 0 {
			e.insertFieldsAfter(e.root, i, fs...)
			return
		}
	}
	e.insertFieldsBefore(e.root, 0, fs...)
}

// AddLearning adds a learning at the end of `learnings`, creating the section
// (at the end of the file) when it is missing and turning a null or `[]` into
// a block list. insightOffset is where the insight's value starts in the
// content after the edits, for an editor to show.
func AddLearning(f *File, l NewLearning, today time.Time) (edits []Edit, insightOffset int, err error) {
	insight := strings.TrimSpace(l.Insight)
	if insight == "" {
		return nil, 0, errors.New("a learning needs an insight: what was learned")
	}
	e, err := newEditor(f)
	if err != nil {
		return nil, 0, err
	}
	fs := []field{
		{keyDate, scalarValue(scalar{s: today.Format(dateLayout), date: true})},
		{keyInsight, scalarValue(scalar{s: insight})},
	}
	if files := cleanList(l.FilesAffected); len(files) > 0 {
		fs = append(fs, field{keyFilesAffected, listValue(files)})
	}
	if c := strings.TrimSpace(l.Context); c != "" {
		fs = append(fs, field{keyContext, scalarValue(scalar{s: c})})
	}
	if err := e.addItem(keyLearnings, fs); err != nil {
		return nil, 0, err
	}
	if edits, err = e.finish(today); err != nil {
		return nil, 0, err
	}
	return edits, insightStart(edits), nil
}

// addItem adds a mapping item to the top-level list key, creating it when missing.
func (e *editor) addItem(key string, fs []field) error {
	if e.root == nil {
		e.insertLines(e.lastContentLine(), e.lay.blockFields(0, []field{{key, itemsValue(fs)}}))
		return nil
	}
	k, v, _ := pair(e.root, key, false)
	switch {
	case k == nil:
		e.appendFields(e.root, field{key, itemsValue(fs)})
	case isEmptyNull(v) || isFlow(v) && len(v.Content) == 0:
		e.setValue(k, v, isFlow(e.root), itemsValue(fs))
	case v.Kind == yaml.SequenceNode:
		if prev := v.Content[len(v.Content)-1]; prev.Kind == yaml.MappingNode {
			followQuoting(prev, fs)
		}
		e.appendItems(v, e.t.col(e.t.start(k)), []value{mappingValue(fs...)})
	default:
		return e.errorf(e.t.offset(v), "%s is %s; expected a list. Fix it by hand, then retry", key, kindName(v))
	}
	return nil
}

// insightStart returns where the insight's value begins in the edited
// content: the offset of "insight: " in the edit that writes it, moved by the
// edits applied before it.
func insightStart(edits []Edit) int {
	sorted := sortedEdits(edits)
	shift := 0
	for _, ed := range sorted {
		if i := strings.Index(ed.NewText, keyInsight+": "); i >= 0 {
			return ed.Start + shift + i + len(keyInsight) + 2
		}
		shift += len(ed.NewText) - (ed.End - ed.Start)
	}
	return 0
}

// cleanList trims items, drops empty ones and repeats, and keeps the order.
func cleanList(items []string) []scalar {
	var out []scalar
	seen := map[string]bool{}
	for _, s := range items {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, scalar{s: s})
		}
	}
	return out
}

// errNoEntry is returned when a catalog entry to extend does not exist.
var errNoEntry = errors.New("no such catalog entry")

// AddCatalogEntry adds the integration name to category in
// integrations_catalog, creating the catalog (before learnings) or the
// category as needed. When an entry of that name exists (ignoring case; in
// that category first, else in any), its env_vars and webhooks are extended
// with the missing values instead. No edits when nothing is missing.
func AddCatalogEntry(f *File, category, name string, envVars, webhooks []string, today time.Time) ([]Edit, error) {
	category, name = strings.TrimSpace(category), strings.TrimSpace(name)
	if category == "" || name == "" {
		return nil, errors.New("a catalog entry needs a category and a name")
	}
	e, err := newEditor(f)
	if err != nil {
		return nil, err
	}
	env, hooks := cleanList(envVars), cleanList(webhooks)
	err = e.extendEntry(category, name, env, hooks)
	if errors.Is(err, errNoEntry) {
		err = e.addEntry(category, name, env, hooks)
	}
	if err != nil {
		return nil, err
	}
	return e.finish(today)
}

// AddCatalogEnvVar adds envVar to the env_vars of the catalog entry named
// integration (ignoring case, in any category). No edits when it is there.
func AddCatalogEnvVar(f *File, integration, envVar string, today time.Time) ([]Edit, error) {
	e, err := newEditor(f)
	if err != nil {
		return nil, err
	}
	if err := e.extendEntry("", integration, cleanList([]string{envVar}), nil); err != nil {
		if errors.Is(err, errNoEntry) {
			return nil, fmt.Errorf("%s: no integrations_catalog entry named %q; add one first (expertise-ls catalog add)", f.Path, integration)
		}
		return nil, err
	}
	return e.finish(today)
}
