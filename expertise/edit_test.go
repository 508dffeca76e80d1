package expertise

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestQuote(t *testing.T) {
	tests := []struct {
		s     string
		ctx   scalarContext
		plain bool
	}{
		{"STRIPE_API_KEY", flowValue, true},
		{"src/integrations/webhooks/StripeWebhookHandler.ts", flowValue, true},
		{"payment_intent.succeeded", flowValue, true},
		{"Stripe webhooks need express.raw() before JSON parsing", blockValue, true},
		{"it's \"quoted\" inside", blockValue, true},
		{"Stripé 💳", blockValue, true},
		{"a, b", blockValue, true},
		{"a, b", flowValue, false},
		{"x]", flowValue, false},
		{"{x}", blockValue, false},
		{"US-0101: Stripe", blockValue, false},
		{"issue#12", blockValue, true},
		{"issue#12", flowValue, true},
		{"see #12", blockValue, false},
		{"note #", blockValue, false},
		{"#b", blockValue, false},
		{"", blockValue, false},
		{" padded", blockValue, false},
		{"trailing ", blockValue, false},
		{"true", blockValue, false},
		{"null", blockValue, false},
		{"~", blockValue, false},
		{"123", blockValue, false},
		{"1.5", blockValue, false},
		{"0x1F", blockValue, false},
		{".inf", blockValue, false},
		{"2025-12-16", blockValue, false},
		{"- item", blockValue, false},
		{"*alias", blockValue, false},
		{"&anchor", blockValue, false},
		{"!tag", blockValue, false},
		{"|", blockValue, false},
		{">", blockValue, false},
		{"'single", blockValue, false},
		{"\"double", blockValue, false},
		{"%directive", blockValue, false},
		{"@at", blockValue, false},
		{"`tick", blockValue, false},
		{"two\nlines", blockValue, false},
		{"tab\there", blockValue, false},
		{"nul\x00", blockValue, false},
		{"line\u2028sep", blockValue, false},
		{"bad \xff utf8", blockValue, false},
		{"email", mappingKey, true},
		{"a: b", mappingKey, false},
		{"a,b", mappingKey, false},
		{"?x", mappingKey, false},
	}
	for _, tt := range tests {
		got := quote(tt.s, tt.ctx)
		if (got == tt.s) != tt.plain {
			t.Errorf("quote(%q, %d) = %s; want plain: %v", tt.s, tt.ctx, got, tt.plain)
		}
		if want := strings.ToValidUTF8(tt.s, "\uFFFD"); readBack(t, got, tt.ctx) != want {
			t.Errorf("quote(%q, %d) = %s reads back as %q", tt.s, tt.ctx, got, readBack(t, got, tt.ctx))
		}
	}
}

// readBack places a rendered scalar in a document as ctx says and returns what YAML reads.
func readBack(t *testing.T, rendered string, ctx scalarContext) string {
	t.Helper()
	var doc string
	switch ctx {
	case blockValue:
		doc = "k: " + rendered
	case flowValue:
		doc = "k: [" + rendered + "]"
	case mappingKey:
		doc = "{" + rendered + ": v}"
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(doc), &n); err != nil {
		t.Fatalf("%s: %v", doc, err)
	}
	m := n.Content[0]
	switch ctx {
	case flowValue:
		return m.Content[1].Content[0].Value
	case mappingKey:
		return m.Content[0].Value
	}
	return m.Content[1].Value
}

func TestEditRefusals(t *testing.T) {
	learn := func(f *File) error { _, _, err := AddLearning(f, testLearning, editToday); return err }
	catalog := func(f *File) error {
		_, err := AddCatalogEntry(f, "payment", "Stripe", []string{"X"}, nil, editToday)
		return err
	}
	tests := []struct {
		name, content string
		op            func(*File) error
		want          string // the error holds this, after "<path>:"
	}{
		{"invalid YAML", "domain: x\nlearnings:\n  - a\n - b\n", learn, ":4:1: invalid YAML"},
		{"top-level list", "- a\n- b\n", learn, ":1:1: the top level is a list"},
		{"top-level scalar", "just text\n", catalog, ":1:1: the top level is a single value"},
		{"learnings is a mapping", "domain: x\nlearnings:\n  a: 1\n", learn, ":3:3: learnings is a mapping; expected a list"},
		{"catalog is a list", "integrations_catalog:\n  - Stripe\n", catalog, ":2:3: integrations_catalog is a list; expected a mapping"},
		{"category is a value", "integrations_catalog:\n  payment: Stripe\n", catalog, `:2:12: catalog category "payment" is a single value`},
		{"env_vars is a value", "integrations_catalog:\n  payment:\n    - name: Stripe\n      env_vars: X_KEY\n", catalog, `:4:17: env_vars of "Stripe" is a single value`},
		{"empty insight", "domain: x\n", func(f *File) error {
			_, _, err := AddLearning(f, NewLearning{Insight: "  "}, editToday)
			return err
		}, "needs an insight"},
		{"empty catalog name", "domain: x\n", func(f *File) error {
			_, err := AddCatalogEntry(f, "payment", "", nil, nil, editToday)
			return err
		}, "needs a category and a name"},
		{"env var of an unknown entry", "integrations_catalog:\n  payment:\n    - name: Stripe\n", func(f *File) error {
			_, err := AddCatalogEnvVar(f, "PayPal", "PAYPAL_SECRET", editToday)
			return err
		}, `no integrations_catalog entry named "PayPal"`},
		{"remove outside any list", "domain: x\nlearnings: []\n", func(f *File) error {
			_, err := RemoveSequenceItem(f, 3, editToday)
			return err
		}, ":1:4: no list item here"},
		{"remove a compact nested item", "matrix:\n  - - a\n    - b\n", func(f *File) error {
			_, err := RemoveSequenceItem(f, strings.Index("matrix:\n  - - a\n    - b\n", "a\n"), editToday)
			return err
		}, "shares its line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := "/ws/experts/x/expertise.yaml"
			err := tt.op(Parse(path, []byte(tt.content)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one holding %q", err, tt.want)
			}
			if strings.HasPrefix(tt.want, ":") && !strings.HasPrefix(err.Error(), path+tt.want) {
				t.Errorf("error %q should start with the file and position %q", err, path+tt.want)
			}
		})
	}
}

func TestEditNothingToChange(t *testing.T) {
	f := Parse("e.yaml", []byte("last_updated: 2026-01-15\nintegrations_catalog:\n  payment:\n    - name: Stripe\n      env_vars: [A, B]\n"))
	if edits, err := SetLastUpdated(f, editToday); err != nil || edits != nil {
		t.Errorf("SetLastUpdated on today's date: %v, %v; want no edits", edits, err)
	}
	if edits, err := AddCatalogEntry(f, "other", "stripe", []string{"B"}, nil, editToday); err != nil || edits != nil {
		t.Errorf("AddCatalogEntry of what is there: %v, %v; want no edits", edits, err)
	}
}

func TestApplyEdits(t *testing.T) {
	got, err := ApplyEdits([]byte("abcdef"), []Edit{{4, 5, "E"}, {1, 1, "x"}, {1, 2, "B"}, {6, 6, "!"}})
	if err != nil || string(got) != "axBcdEf!" {
		t.Errorf("got %q, %v; want axBcdEf!", got, err)
	}
	for _, bad := range [][]Edit{{{1, 3, ""}, {2, 4, ""}}, {{3, 2, ""}}, {{5, 9, ""}}} {
		if _, err := ApplyEdits([]byte("abcdef"), bad); err == nil {
			t.Errorf("ApplyEdits(%v) should fail", bad)
		}
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "expertise.yaml")
	orig := []byte("domain: x\nlast_updated: 2025-01-01\n")
	if err := os.WriteFile(path, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	f := Parse(path, orig)
	edits, err := SetLastUpdated(f, editToday)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(f, edits); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "domain: x\nlast_updated: 2026-01-15\n" {
		t.Errorf("wrote %q", got)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", info.Mode().Perm())
	}
	// f now differs from the disk: a second write must refuse and change nothing.
	err = WriteFile(f, edits)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "changed on disk") {
		t.Errorf("writing a stale File: %v, want a refusal naming the file", err)
	}
	if again, _ := os.ReadFile(path); string(again) != string(got) {
		t.Errorf("a refused write changed the file to %q", again)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}
