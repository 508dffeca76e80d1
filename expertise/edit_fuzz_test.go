package expertise

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzEdits applies every operation, with random values, to random files.
// An operation may refuse a file (it is not valid YAML, or its shapes are
// wrong), but whatever it does write must parse, hold the new data and
// introduce no problem; it must never need its own last-resort check.
func FuzzEdits(f *testing.F) {
	paths, _ := filepath.Glob("testdata/edit/*.yaml")
	for i, p := range paths {
		content, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(content, testLearning.Insight, "email", "Mailgun", "MAILGUN_API_KEY", uint16(i*37))
	}
	f.Add([]byte("learnings: [a, {b: c}]\n"), "x: y\n\"z\"", "- c", "#n", "[E]", uint16(12))
	f.Fuzz(func(t *testing.T, content []byte, insight, category, name, env string, at uint16) {
		if len(content) > 8<<10 {
			return
		}
		before := Parse("fuzz.yaml", content)
		check := func(op string, edits []Edit, err error, holds func(after *File) bool) {
			t.Helper()
			if errors.Is(err, errBroken) {
				t.Fatalf("%s: %v", op, err)
			}
			if err != nil {
				return
			}
			if hasCode(before, CodeSyntax) {
				t.Fatalf("%s edited a file that is not valid YAML", op)
			}
			out, err := ApplyEdits(content, edits)
			if err != nil {
				t.Fatalf("%s: %v", op, err)
			}
			after := Parse("fuzz.yaml", out)
			if hasCode(after, CodeSyntax) || countCode(after, CodeSchema) > countCode(before, CodeSchema) {
				t.Fatalf("%s introduced problems %v:\n%s", op, after.Problems, out)
			}
			if edits != nil && !holds(after) {
				t.Fatalf("%s: the new data does not read back:\n%s", op, out)
			}
		}
		edits, _, err := AddLearning(before, NewLearning{Insight: insight, FilesAffected: []string{name}}, editToday)
		check("AddLearning", edits, err, func(after *File) bool {
			n := len(after.Learnings)
			return n > 0 && after.Learnings[n-1].Insight.Value == strings.TrimSpace(strings.ToValidUTF8(insight, "\uFFFD"))
		})
		edits, err = AddCatalogEntry(before, category, name, []string{env}, nil, editToday)
		check("AddCatalogEntry", edits, err, func(after *File) bool {
			for _, c := range after.Catalog {
				for _, e := range c.Entries {
					if strings.EqualFold(strings.TrimSpace(e.Name.Value), strings.TrimSpace(strings.ToValidUTF8(name, "\uFFFD"))) {
						return true
					}
				}
			}
			return false
		})
		edits, err = SetLastUpdated(before, editToday)
		check("SetLastUpdated", edits, err, func(after *File) bool { return after.LastUpdated.Value == todayText })
		if len(content) > 0 {
			edits, err = RemoveSequenceItem(before, int(at)%len(content), editToday)
			check("RemoveSequenceItem", edits, err, func(after *File) bool { return after.LastUpdated.Value == todayText })
		}
	})
}
