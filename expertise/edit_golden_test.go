package expertise

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite the edit golden files")

// goldenOps are the readable cases whose whole output is checked against
// testdata/edit/golden/<fixture>.<op>.golden.
var goldenOps = []struct{ fixture, op string }{
	{"documented.yaml", "learn"},
	{"documented.yaml", "catalog-new"},
	{"documented.yaml", "catalog-merge-both"},
	{"agileflow-integrations.yaml", "catalog-new"},
	{"agileflow-integrations.yaml", "learn"},
	{"learnings-empty-flow-comment.yaml", "learn"},
	{"learnings-flow-multiline.yaml", "learn"},
	{"no-final-newline.yaml", "learn"},
	{"crlf-no-final-newline.yaml", "learn"},
	{"four-space.yaml", "catalog-new"},
	{"non-indented-seqs.yaml", "catalog-merge-both"},
	{"catalog-flow.yaml", "catalog-new"},
	{"catalog-missing.yaml", "catalog-new"},
	{"catalog-category-empty.yaml", "catalog-new"},
	{"catalog-entry-without-lists.yaml", "catalog-merge-both"},
	{"empty.yaml", "learn"},
	{"last-updated-missing.yaml", "touch"},
	{"last-updated-no-version.yaml", "touch"},
	{"files-entries.yaml", "remove-file"},
	{"trailing-comments.yaml", "remove-learning"},
}

// mergeBoth adds an env var and a webhook to the first catalog entry.
var mergeBoth = editOp{
	name: "catalog-merge-both",
	run: func(f *File) ([]Edit, string, bool, error) {
		cat, e := firstEntry(f)
		edits, err := AddCatalogEntry(f, cat, e.Name.Value, []string{"NEW_SECRET"}, []string{"invoice.paid"}, editToday)
		return edits, "", true, err
	},
}

func TestEditGolden(t *testing.T) {
	ops := map[string]editOp{mergeBoth.name: mergeBoth}
	for _, op := range editOps {
		ops[op.name] = op
	}
	for _, c := range goldenOps {
		name := c.fixture + "." + c.op
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata/edit", c.fixture)
			content, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f := Parse(path, content)
			edits, _, _, err := ops[c.op].run(f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ApplyEdits(content, edits)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata/edit/golden", strings.TrimSuffix(c.fixture, ".yaml")+"."+c.op+".golden")
			if *updateGolden {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestEditGolden -update to create it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%s: got\n%s\nwant\n%s", golden, got, want)
			}
		})
	}
}
