package expertise

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// editToday is the date the edit tests write.
var editToday = time.Date(2026, 1, 15, 9, 30, 0, 0, time.Local)

const todayText = "2026-01-15"

// The data the operations write: chosen to need quoting (": ", " #", a
// comma in a flow list, quotes) so that the quoter is exercised everywhere.
var (
	testLearning = NewLearning{
		Insight:       `Stripe webhooks need express.raw(): verify before JSON parsing #security`,
		Context:       `US-0101 it's "done"`,
		FilesAffected: []string{"src/webhooks/stripe.ts", "docs/a, b.md"},
	}
	testEnv   = []string{"MAILGUN_API_KEY", "MAILGUN_SIGNING_KEY"}
	testHooks = []string{"delivered", "failed: permanent"}
)

// editOp is one operation of the round-trip table.
type editOp struct {
	name string
	// removes is set for operations that take text out rather than add it.
	removes bool
	// run applies the operation to f; ok is false when f offers nothing to
	// apply it to. marker is text the diff must add (or remove).
	run func(f *File) (edits []Edit, marker string, ok bool, err error)
	// check asserts the change is in the re-parsed file.
	check func(t *testing.T, before, after *File, edits []Edit)
}

// firstEntry returns the first named catalog entry of f and its category.
func firstEntry(f *File) (category string, entry *CatalogEntry) {
	for _, c := range f.Catalog {
		for i := range c.Entries {
			if c.Entries[i].Name.Value != "" {
				return c.Name.Value, &c.Entries[i]
			}
		}
	}
	return "", nil
}

// findEntry returns the catalog entry named name in category, or nil.
func findEntry(f *File, category, name string) *CatalogEntry {
	for _, c := range f.Catalog {
		if !strings.EqualFold(c.Name.Value, category) {
			continue
		}
		for i := range c.Entries {
			if strings.EqualFold(c.Entries[i].Name.Value, name) {
				return &c.Entries[i]
			}
		}
	}
	return nil
}

func values(ss []Scalar) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Value
	}
	return out
}

func insights(ls []Learning) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Insight.Value
	}
	return out
}

var editOps = []editOp{
	{
		name: "learn",
		run: func(f *File) ([]Edit, string, bool, error) {
			edits, _, err := AddLearning(f, testLearning, editToday)
			return edits, "express.raw()", true, err
		},
		check: func(t *testing.T, before, after *File, edits []Edit) {
			if len(after.Learnings) != len(before.Learnings)+1 {
				t.Fatalf("learnings: %d, want %d", len(after.Learnings), len(before.Learnings)+1)
			}
			l := after.Learnings[len(after.Learnings)-1]
			if l.Insight.Value != testLearning.Insight || l.Context.Value != testLearning.Context || l.Date.Value != todayText ||
				!slices.Equal(values(l.FilesAffected), testLearning.FilesAffected) {
				t.Errorf("new learning reads back as %+v", l)
			}
			_, off, _ := AddLearning(before, testLearning, editToday)
			if off != l.Insight.Range.Start.Offset {
				t.Errorf("insightOffset %d, want %d (the insight's start in the new content)", off, l.Insight.Range.Start.Offset)
			}
		},
	},
	{
		name: "catalog-new",
		run: func(f *File) ([]Edit, string, bool, error) {
			edits, err := AddCatalogEntry(f, "email", "Mailgun", testEnv, testHooks, editToday)
			return edits, "Mailgun", true, err
		},
		check: func(t *testing.T, before, after *File, edits []Edit) {
			e := findEntry(after, "email", "Mailgun")
			if e == nil || !slices.Equal(values(e.EnvVars), testEnv) || !slices.Equal(values(e.Webhooks), testHooks) {
				t.Errorf("new entry reads back as %+v", e)
			}
		},
	},
	{
		name: "catalog-merge",
		run: func(f *File) ([]Edit, string, bool, error) {
			cat, e := firstEntry(f)
			if e == nil {
				return nil, "", false, nil
			}
			edits, err := AddCatalogEntry(f, strings.ToUpper(cat), strings.ToUpper(e.Name.Value), []string{"NEW_SECRET"}, nil, editToday)
			return edits, "NEW_SECRET", true, err
		},
		check: func(t *testing.T, before, after *File, edits []Edit) {
			cat, old := firstEntry(before)
			e := findEntry(after, cat, old.Name.Value)
			if e == nil || !slices.Equal(values(e.EnvVars), append(values(old.EnvVars), "NEW_SECRET")) ||
				!slices.Equal(values(e.Webhooks), values(old.Webhooks)) {
				t.Errorf("merged entry reads back as %+v", e)
			}
		},
	},
	{
		name: "env-var",
		run: func(f *File) ([]Edit, string, bool, error) {
			_, e := firstEntry(f)
			if e == nil {
				return nil, "", false, nil
			}
			edits, err := AddCatalogEnvVar(f, e.Name.Value, "NEW_TOKEN", editToday)
			return edits, "NEW_TOKEN", true, err
		},
		check: func(t *testing.T, before, after *File, edits []Edit) {
			cat, old := firstEntry(before)
			if e := findEntry(after, cat, old.Name.Value); e == nil || !slices.Contains(values(e.EnvVars), "NEW_TOKEN") {
				t.Errorf("entry reads back as %+v", e)
			}
		},
	},
	{
		name: "touch",
		run: func(f *File) ([]Edit, string, bool, error) {
			edits, err := SetLastUpdated(f, editToday)
			return edits, "", true, err
		},
		check: func(t *testing.T, before, after *File, edits []Edit) {
			if after.LastUpdated.Value != todayText || len(edits) != 1 {
				t.Errorf("last_updated %q in %d edits, want %s in 1", after.LastUpdated.Value, len(edits), todayText)
			}
		},
	},
	{
		name:    "remove-learning",
		removes: true,
		run: func(f *File) ([]Edit, string, bool, error) {
			if len(f.Learnings) == 0 {
				return nil, "", false, nil
			}
			l := f.Learnings[0]
			edits, err := RemoveSequenceItem(f, l.Insight.Range.Start.Offset, editToday)
			return edits, string(f.Content[l.Insight.Range.Start.Offset:l.Insight.Range.End.Offset]), true, err
		},
		check: func(t *testing.T, before, after *File, edits []Edit) {
			if got, want := insights(after.Learnings), insights(before.Learnings)[1:]; !slices.Equal(got, want) {
				t.Errorf("learnings after removing the first: %q, want %q", got, want)
			}
		},
	},
	{
		name:    "remove-file",
		removes: true,
		run: func(f *File) ([]Edit, string, bool, error) {
			for _, l := range f.Learnings {
				if len(l.FilesAffected) > 0 {
					p := l.FilesAffected[0]
					edits, err := RemoveSequenceItem(f, p.Range.Start.Offset, editToday)
					return edits, p.Value, true, err
				}
			}
			return nil, "", false, nil
		},
		check: func(t *testing.T, before, after *File, edits []Edit) {
			for i, l := range before.Learnings {
				if len(l.FilesAffected) > 0 {
					if got, want := values(after.Learnings[i].FilesAffected), values(l.FilesAffected)[1:]; !slices.Equal(got, want) {
						t.Errorf("files_affected after removing the first: %q, want %q", got, want)
					}
					return
				}
			}
		},
	},
}

// refusals are the fixture/operation pairs that must fail, and what the error says.
var refusals = map[string]string{
	"anchors.yaml/catalog-merge": "env_vars of \"Stripe\" is an alias",
	"anchors.yaml/env-var":       "env_vars of \"Stripe\" is an alias",
}

func TestEditRoundTrip(t *testing.T) {
	paths, err := filepath.Glob("testdata/edit/*.yaml")
	if err != nil || len(paths) < 30 {
		t.Fatalf("want at least 30 fixtures in testdata/edit, found %d (%v)", len(paths), err)
	}
	for _, path := range paths {
		content, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, op := range editOps {
			name := filepath.Base(path) + "/" + op.name
			t.Run(name, func(t *testing.T) {
				before := Parse(path, content)
				if hasCode(before, CodeSyntax) {
					t.Fatalf("fixture is not valid YAML: %v", before.Problems)
				}
				edits, marker, ok, err := op.run(before)
				if want, refused := refusals[name]; refused {
					if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
						t.Fatalf("error %v, want one naming %s and saying %q", err, path, want)
					}
					return
				}
				if !ok {
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(before.Content, content) {
					t.Fatal("the operation changed the File's content")
				}
				out, err := ApplyEdits(content, edits)
				if err != nil {
					t.Fatal(err)
				}
				after := Parse(path, out)
				if hasCode(after, CodeSyntax) || countCode(after, CodeSchema) > countCode(before, CodeSchema) {
					t.Fatalf("new problems: %v\n%s", after.Problems, out)
				}
				if after.LastUpdated.Value != todayText {
					t.Errorf("last_updated = %q, want %s", after.LastUpdated.Value, todayText)
				}
				op.check(t, before, after, edits)
				small, big := content, out
				if op.removes {
					small, big = out, content
				}
				if !contained(decoded(t, small), decoded(t, big)) {
					t.Errorf("data was lost or changed: the file before is not part of the file after (for removals: the reverse)")
				}
				checkMinimalDiff(t, before, after, op.removes, marker)
				if t.Failed() {
					t.Logf("result:\n%s", out)
				}
			})
		}
	}
}

// checkMinimalDiff asserts that, last_updated aside, the new content is the
// old one with exactly one contiguous change that adds marker (or, for
// removals, takes it out); an empty "[]" or "{}" may go (or, for removals,
// appear) besides. Line breaks match the file's.
func checkMinimalDiff(t *testing.T, before, after *File, removes bool, marker string) {
	t.Helper()
	old, norm := string(before.Content), string(withOldLastUpdated(t, before, after))
	if marker == "" { // only last_updated changes
		if taken, put := oneChange(old, norm); taken != "" || put != "" {
			t.Errorf("besides last_updated, the edit changed %q into %q", taken, put)
		}
		return
	}
	if d := strings.Count(norm, marker) - strings.Count(old, marker); removes && d >= 0 || !removes && d <= 0 {
		t.Errorf("the edit should %s %q", map[bool]string{false: "add", true: "remove"}[removes], marker)
	}
	// The side that only grows (or shrinks) by one chunk, with any empty
	// collection the change replaced taken out of the other side.
	small, big := old, norm
	if removes {
		small, big = norm, old
	}
	candidates := []string{small}
	for _, empty := range []string{" []", "[]", " {}", "{}"} {
		for i := strings.Index(small, empty); i >= 0; i = nextIndex(small, empty, i) {
			candidates = append(candidates, small[:i]+small[i+len(empty):])
		}
	}
	ok := false
	for _, c := range candidates {
		if taken, _ := oneChange(c, big); taken == "" {
			ok = true
			break
		}
	}
	if !ok {
		taken, added := oneChange(small, big)
		t.Errorf("besides last_updated, the edit should only add %q, yet it also takes out %q", added, taken)
	}
	crlf := strings.Contains(old, "\r\n")
	_, inserted := oneChange(old, norm)
	for i := 0; i < len(inserted); i++ {
		if inserted[i] == '\n' && crlf != (i > 0 && inserted[i-1] == '\r') || inserted[i] == '\r' && !crlf {
			t.Errorf("inserted text %q does not use the file's line breaks (CRLF: %v)", inserted, crlf)
			break
		}
	}
}

func nextIndex(s, sub string, after int) int {
	if i := strings.Index(s[after+1:], sub); i >= 0 {
		return after + 1 + i
	}
	return -1
}

// oneChange returns what a single contiguous replacement turning a into b
// takes out of a and puts in, after their common prefix and suffix.
func oneChange(a, b string) (taken, put string) {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	return a[p : len(a)-s], b[p : len(b)-s]
}

// withOldLastUpdated returns after's content with last_updated put back as
// it was in before (the key removed when before had none).
func withOldLastUpdated(t *testing.T, before, after *File) []byte {
	t.Helper()
	lu := after.LastUpdated
	if !lu.Present {
		t.Fatal("last_updated missing after the edit")
	}
	c := after.Content
	start, end := lu.Range.Start.Offset, lu.Range.End.Offset
	old := ""
	switch {
	case !before.LastUpdated.Present: // the whole line was added
		line := lu.Range.Start.Line
		start, end = after.Lines.LineStart(line), after.Lines.LineStart(line+1)
		if start == 0 && bytes.HasPrefix(c, []byte("\ufeff")) {
			start = 3
		}
		if line+1 >= after.Lines.Count() {
			start, end = after.Lines.LineEnd(line-1), len(c)
		}
	case before.LastUpdated.Range.Start.Offset == before.LastUpdated.Range.End.Offset: // an empty value got one
		start--
	default:
		r := before.LastUpdated.Range
		old = string(before.Content[r.Start.Offset:r.End.Offset])
	}
	return append(append(append([]byte(nil), c[:start]...), old...), c[end:]...)
}

// decoded returns content as plain Go values, last_updated left out.
func decoded(t *testing.T, content []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(content, &v); err != nil {
		t.Fatal(err)
	}
	if m, ok := v.(map[string]any); ok {
		delete(m, "last_updated")
	}
	return v
}

// contained reports whether a is part of b: every key of a mapping is in b
// with a contained value, a list's items are contained in b's in order
// (b may have more), a null is part of anything, and other values are equal.
func contained(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return true
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range a {
			if bv, ok := bm[k]; !ok || !contained(v, bv) {
				return false
			}
		}
		return true
	case []any:
		bl, ok := b.([]any)
		if !ok {
			return false
		}
		j := 0
		for _, v := range a {
			for j < len(bl) && !contained(v, bl[j]) {
				j++
			}
			if j == len(bl) {
				return false
			}
			j++
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

func hasCode(f *File, code string) bool { return countCode(f, code) > 0 }

func countCode(f *File, code string) int {
	n := 0
	for _, p := range f.Problems {
		if p.Code == code {
			n++
		}
	}
	return n
}
