package baseline

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/expertise-ls/expertise-ls/internal/span"
)

// at returns the range of the first occurrence of needle in src.
func at(t *testing.T, src, needle string) (*span.Lines, span.Range) {
	t.Helper()
	i := strings.Index(src, needle)
	if i < 0 {
		t.Fatalf("%q not in source", needle)
	}
	lines := span.NewLines([]byte(src))
	return lines, lines.Range(i, i+len(needle))
}

func fp(t *testing.T, rule, rel, src, needle string) string {
	t.Helper()
	lines, r := at(t, src, needle)
	return Fingerprint(rule, rel, lines, r)
}

func TestFingerprintIgnoresTheFindingsOwnTextAndWhitespace(t *testing.T) {
	a := fp(t, "hardcoded-secret", "a.ts", "const a = 1;\nconst key = \"VALUE_ONE\";\nexport {};\n", "VALUE_ONE")
	b := fp(t, "hardcoded-secret", "a.ts", "const a = 1;\n\n\n   const  key =   \"VALUE_TWO_LONGER\";\t\n\nexport {};\n", "VALUE_TWO_LONGER")
	if a != b {
		t.Errorf("same line but for the range's text and whitespace, blank lines above: %s != %s", a, b)
	}
	if len(a) != Len || strings.Trim(a, "0123456789abcdef") != "" {
		t.Errorf("fingerprint %q is not %d hex digits", a, Len)
	}
	for name, other := range map[string]string{
		"rule":    fp(t, "secret-in-log", "a.ts", "const a = 1;\nconst key = \"VALUE_ONE\";\nexport {};\n", "VALUE_ONE"),
		"path":    fp(t, "hardcoded-secret", "b.ts", "const a = 1;\nconst key = \"VALUE_ONE\";\nexport {};\n", "VALUE_ONE"),
		"line":    fp(t, "hardcoded-secret", "a.ts", "const a = 1;\nlet key = \"VALUE_ONE\";\nexport {};\n", "VALUE_ONE"),
		"context": fp(t, "hardcoded-secret", "a.ts", "const b = 2;\nconst key = \"VALUE_ONE\";\nexport {};\n", "VALUE_ONE"),
	} {
		if other == a {
			t.Errorf("a different %s gives the same fingerprint", name)
		}
	}
	ctx := fp(t, "hardcoded-secret", "a.ts", "const b = 2;\nconst key = \"VALUE_ONE\";\nexport {};\n", "VALUE_ONE")
	if LinePart(ctx) != LinePart(a) {
		t.Error("only the context differs: the line parts must agree")
	}
}

func TestFingerprintHoldsNoOtherSecret(t *testing.T) {
	keyA := "sk_" + "live_" + "71puIjxIh9UesmQqmjR4YfKNQQhQhX4j82keKPgClQA71L2G5"
	keyB := "sk_" + "live_" + "Qx8vR2mTz7LpW4nKc9HsJd3FgYb6NaEu1VoXi5ZqTrMw0PlS"
	// A neighbour's key is a context line; a second key on the finding's line.
	src := func(k string) string {
		return "const a = \"" + k + "\";\nlog(password);\nconst b = \"" + k + "\"; const c = \"" + k + "\";\n"
	}
	if a, b := fp(t, "secret-in-log", "a.ts", src(keyA), "password"), fp(t, "secret-in-log", "a.ts", src(keyB), "password"); a != b {
		t.Error("a key on a context line enters the fingerprint")
	}
	lineA, rA := at(t, src(keyA), "const b = \""+keyA)
	lineB, rB := at(t, src(keyB), "const b = \""+keyB)
	if Fingerprint("hardcoded-secret", "a.ts", lineA, rA) != Fingerprint("hardcoded-secret", "a.ts", lineB, rB) {
		t.Error("a second key on the finding's line enters the fingerprint")
	}
}

func TestFingerprintOfMultiLineRange(t *testing.T) {
	a := fp(t, "r", "a.go", "x\nfoo(bar,\n  baz) // end\ny\n", "bar,\n  baz")
	b := fp(t, "r", "a.go", "x\nfoo(qux,\n\n quux) // end\ny\n", "qux,\n\n quux")
	if a != b {
		t.Errorf("multi-line ranges with the same line heads and tails: %s != %s", a, b)
	}
	if c := fp(t, "r", "a.go", "x\nfoo(bar,\n  baz) // other\ny\n", "bar,\n  baz"); c == a {
		t.Error("the text after the range's end is part of the fingerprint")
	}
}

func TestParseRejectsWhatIsNotOurs(t *testing.T) {
	good := `{"rule": "r", "path": "a.ts", "fingerprint": "0123456789abcdef0123", "line": 1}`
	for _, c := range []struct{ name, data, want string }{
		{"not JSON", "{\n  \"tool\": \"expertise-ls\",\n  oops\n}", "line 3, column 3"},
		{"empty", "", "not JSON"},
		{"other tool", `{"tool": "gitleaks", "version": 1, "findings": []}`, `"tool" is "gitleaks"`},
		{"no tool", `{"version": 1, "findings": []}`, `no "tool"`},
		{"version", `{"tool": "expertise-ls", "version": 2, "findings": []}`, "version 2"},
		{"no findings", `{"tool": "expertise-ls", "version": 1}`, `no "findings"`},
		{"wrong type", `{"tool": "expertise-ls", "version": 1, "findings": {}}`, "line 1"},
		{"short fingerprint", `{"tool": "expertise-ls", "version": 1, "findings": [` + good + `, {"rule": "r", "path": "a.ts", "fingerprint": "abc", "line": 1}]}`, "findings[1]: fingerprint"},
		{"absolute path", `{"tool": "expertise-ls", "version": 1, "findings": [{"rule": "r", "path": "/etc/a", "fingerprint": "0123456789abcdef0123", "line": 1}]}`, "findings[0]: path"},
		{"outside", `{"tool": "expertise-ls", "version": 1, "findings": [{"rule": "r", "path": "../a", "fingerprint": "0123456789abcdef0123", "line": 1}]}`, "findings[0]: path"},
		{"no rule", `{"tool": "expertise-ls", "version": 1, "findings": [{"path": "a", "fingerprint": "0123456789abcdef0123", "line": 1}]}`, `no "rule"`},
		{"line", `{"tool": "expertise-ls", "version": 1, "findings": [{"rule": "r", "path": "a", "fingerprint": "0123456789abcdef0123", "line": 0}]}`, "line 0"},
	} {
		_, err := Parse([]byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	b, err := Parse([]byte(`{"tool": "expertise-ls", "version": 1, "findings": [` + good + `]}`))
	if err != nil || b.Len() != 1 {
		t.Fatalf("a good file: %v, %v", b, err)
	}
}

func TestWriteIsSortedStableAndLoads(t *testing.T) {
	entries := []Entry{
		{Rule: "r2", Path: "b.ts", Fingerprint: strings.Repeat("b", Len), Line: 3},
		{Rule: "r1", Path: "a.ts", Fingerprint: strings.Repeat("a", Len), Line: 9},
		{Rule: "r1", Path: "a.ts", Fingerprint: strings.Repeat("c", Len), Line: 2},
	}
	name := filepath.Join(t.TempDir(), "baseline.json")
	if err := Write(name, entries); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"tool\": \"expertise-ls\",\n  \"version\": 1,\n  \"findings\": [\n" +
		`    {"rule":"r1","path":"a.ts","fingerprint":"` + strings.Repeat("c", Len) + `","line":2},` + "\n" +
		`    {"rule":"r1","path":"a.ts","fingerprint":"` + strings.Repeat("a", Len) + `","line":9},` + "\n" +
		`    {"rule":"r2","path":"b.ts","fingerprint":"` + strings.Repeat("b", Len) + `","line":3}` + "\n  ]\n}\n"
	if string(data) != want {
		t.Errorf("written:\n%s\nwant:\n%s", data, want)
	}
	b, err := Load(name)
	if err != nil || b.Len() != 3 {
		t.Fatalf("Load: %v, %v", b, err)
	}
	if string(Encode(b.Entries())) != want {
		t.Error("loading and encoding again changes the file")
	}
	if empty := string(Encode(nil)); empty != "{\n  \"tool\": \"expertise-ls\",\n  \"version\": 1,\n  \"findings\": []\n}\n" {
		t.Errorf("empty baseline:\n%s", empty)
	}
	if _, err := Parse(Encode(nil)); err != nil {
		t.Errorf("an empty baseline does not load: %v", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: %v", err)
	}
}

func TestMatchByCountThenByLine(t *testing.T) {
	x, y, z := strings.Repeat("1", Len), strings.Repeat("2", Len), strings.Repeat("3", Len)
	moved := LinePart(y) + strings.Repeat("f", contextLen) // y's line, another context
	b := New([]Entry{
		{Rule: "r", Path: "a", Fingerprint: x, Line: 1},
		{Rule: "r", Path: "a", Fingerprint: x, Line: 2},
		{Rule: "r", Path: "a", Fingerprint: y, Line: 3},
		{Rule: "r", Path: "b", Fingerprint: z, Line: 1},
		{Rule: "r", Path: "gone", Fingerprint: z, Line: 1},
	})
	findings := []Entry{
		{Rule: "r", Path: "a", Fingerprint: x, Line: 10},
		{Rule: "r", Path: "a", Fingerprint: x, Line: 11},
		{Rule: "r", Path: "a", Fingerprint: x, Line: 12}, // a third, new
		{Rule: "r", Path: "a", Fingerprint: moved, Line: 40},
		{Rule: "q", Path: "b", Fingerprint: z, Line: 1}, // another rule
	}
	matched, stale := b.Match(findings, func(p string) bool { return p != "gone" })
	if want := []bool{true, true, false, true, false}; !slices.Equal(matched, want) {
		t.Errorf("matched = %v, want %v", matched, want)
	}
	if len(stale) != 1 || stale[0].Path != "b" {
		t.Errorf("stale = %+v, want b's entry (gone's path was not judged)", stale)
	}
	_, stale = b.Match(nil, nil)
	if len(stale) != 5 {
		t.Errorf("no findings, every path judged: %d stale, want 5", len(stale))
	}
}

func TestWatchedReadsAgainWhenTheFileChanges(t *testing.T) {
	name := filepath.Join(t.TempDir(), "b.json")
	w := NewWatched(name)
	if _, changed, err := w.Get(); err == nil || !changed {
		t.Fatalf("missing file: changed %v, err %v", changed, err)
	}
	if err := Write(name, []Entry{{Rule: "r", Path: "a", Fingerprint: strings.Repeat("1", Len), Line: 1}}); err != nil {
		t.Fatal(err)
	}
	b, changed, err := w.Get()
	if err != nil || !changed || b.Len() != 1 {
		t.Fatalf("after writing: %v %v %v", b, changed, err)
	}
	if _, changed, _ := w.Get(); changed {
		t.Error("unchanged file reported changed")
	}
	if err := os.WriteFile(name, []byte("{corrupt"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(2 * time.Second)
	os.Chtimes(name, later, later)
	if _, changed, err := w.Get(); !changed || err == nil {
		t.Errorf("corrupted: changed %v, err %v", changed, err)
	}
}
