package expertise

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// wantProblem is a problem expected on a 1-based line, with its code, a
// part of its message and the exact text its range covers.
type wantProblem struct {
	line int
	code string
	msg  string
	text string
}

func checkProblems(t *testing.T, f *File, got []Problem, want []wantProblem) {
	t.Helper()
	for i := 0; i < len(got) || i < len(want); i++ {
		switch {
		case i >= len(got):
			t.Errorf("missing problem %d: %+v", i, want[i])
		case i >= len(want):
			t.Errorf("unexpected problem %d: line %d %s: %s", i, got[i].Range.Start.Line+1, got[i].Code, got[i].Message)
		default:
			g, w := got[i], want[i]
			if g.Range.Start.Line+1 != w.line || g.Code != w.code || !strings.Contains(g.Message, w.msg) || source(f, g.Range) != w.text {
				t.Errorf("problem %d: line %d %s: %s [covers %q]\n  want line %d %s: ...%s... [covers %q]",
					i, g.Range.Start.Line+1, g.Code, g.Message, source(f, g.Range), w.line, w.code, w.msg, w.text)
			}
		}
	}
}

func TestParseSyntaxErrors(t *testing.T) {
	tests := []struct {
		fixture string
		want    wantProblem
	}{
		{"tabs.yaml", wantProblem{5, CodeSyntax, "found character that cannot start any token (indent with spaces", "\t- date: 2026-01-10"}},
		{"unterminated.yaml", wantProblem{6, CodeSyntax, "invalid YAML: found unexpected end of stream", `    insight: "unterminated`}},
		// yaml.v3 names line 5 (where the list starts); the fault is on line 7.
		{"bad-indent.yaml", wantProblem{7, CodeSyntax, "did not find expected '-' indicator (check this line's indentation)", "   context: mis-indented"}},
		{"colon.yaml", wantProblem{6, CodeSyntax, `mapping values are not allowed in this context (quote a value that contains ": ")`, "    insight: Stripe: needs raw body"}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			f := parseFixture(t, tt.fixture)
			if f.Root != nil {
				t.Error("Root is set for invalid YAML")
			}
			if len(f.Problems) == 1 && strings.Contains(f.Problems[0].Message, "yaml:") {
				t.Errorf("message keeps the library's prefix: %q", f.Problems[0].Message)
			}
			checkProblems(t, f, f.Problems, []wantProblem{tt.want})
		})
	}
}

func TestParseSyntaxErrorInline(t *testing.T) {
	tests := []struct {
		name, content string
		want          wantProblem
	}{
		{"first line", "a: b: c\n", wantProblem{1, CodeSyntax, "mapping values are not allowed", "a: b: c"}},
		{"unclosed flow list", "domain: x\nenv_vars: [A, B\nversion: 1\n", wantProblem{2, CodeSyntax, "did not find expected ',' or ']'", "env_vars: [A, B"}},
		{"control character", "domain: x\nversion: \x01\n", wantProblem{2, CodeSyntax, "control characters are not allowed", "version: \x01"}},
		{"CRLF and a BOM keep the line", "\ufeffdomain: x\r\nversion: 1\r\n\tx: 1\r\n", wantProblem{3, CodeSyntax, "tabs", "\tx: 1"}},
		{"UTF-16", "\xff\xfed\x00", wantProblem{1, CodeSyntax, "UTF-16: save it as UTF-8", "\xff\xfed\x00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("x.yaml", []byte(tt.content))
			checkProblems(t, f, f.Problems, []wantProblem{tt.want})
		})
	}
}

func TestParseNotAMapping(t *testing.T) {
	tests := []struct {
		fixture string
		want    []wantProblem
	}{
		{"empty.yaml", nil},
		{"comment-only.yaml", nil},
		{"list.yaml", []wantProblem{{1, CodeSchema, "must be a mapping of sections", "- domain: integrations\n- version: 1.1"}}},
		{"scalar.yaml", []wantProblem{{1, CodeSchema, `must be a mapping of sections (domain:, version:, last_updated:, learnings: ...), not a single value ("just a scalar")`, "just a scalar"}}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			f := parseFixture(t, tt.fixture)
			if f.Root != nil || f.LearningsNode != nil {
				t.Errorf("Root = %v, LearningsNode = %v; want nil", f.Root, f.LearningsNode)
			}
			checkProblems(t, f, f.Problems, tt.want)
		})
	}
	if f := Parse("x.yaml", []byte("~\n")); f.Root != nil || len(f.Problems) != 0 {
		t.Errorf("a null document: Root %v, problems %+v; want an empty file", f.Root, f.Problems)
	}
}

func TestParseWrongShapes(t *testing.T) {
	f := parseFixture(t, "wrong-shapes.yaml")
	checkProblems(t, f, f.Problems, []wantProblem{
		{1, CodeSchema, "domain must be a single value, not a list", "[integrations]"},
		{5, CodeSchema, `files.clients must be a list of {path, purpose} entries, not a single value ("src/integrations/")`, "src/integrations/"},
		{7, CodeSchema, "files.services[0] has no path: add path:", "purpose"},
		{8, CodeSchema, "files.services[1] must be a mapping with path and purpose", "just a string"},
		{10, CodeSchema, "files.services[2].key_exports must be a list, e.g. [StripeClient]", "StripeClient"},
		{12, CodeSchema, "relationships must be a list of mappings, not a mapping", "parent: services"},
		{15, CodeSchema, "patterns[0].applies_to must be a list of values, not a mapping", "{dir: src/}"},
		{17, CodeSchema, `conventions[0] must be a single value, not a mapping (quote text that contains ": "`, "NEVER hardcode keys: use env"},
		{22, CodeSchema, "integrations_catalog.payment[0].env_vars must be a list, e.g. [STRIPE_API_KEY]", "STRIPE_API_KEY"},
		{23, CodeSchema, "integrations_catalog.payment[0].webhooks[1] must be a single value, not a list", "[nested]"},
		{24, CodeSchema, "integrations_catalog.payment[1] has no name", "env_vars"},
		{25, CodeSchema, "integrations_catalog.email must be a list of {name, env_vars, webhooks} entries", "SendGrid"},
		{27, CodeSchema, "learnings[0] must be a mapping with date and insight", `"a learning that is a string"`},
		{32, CodeSchema, `duplicate key "insight" (first on line 31): keep one`, "insight"},
	})
	// What can be read is read.
	if f.Domain.Value != "" || !f.Domain.Present || f.Version.Value != "1.0" {
		t.Errorf("domain %+v, version %q", f.Domain, f.Version.Value)
	}
	services := f.Files[1]
	if len(services.Entries) != 2 || services.Entries[1].Path.Value != "src/services/" || services.Entries[1].KeyExports[0].Value != "StripeClient" {
		t.Errorf("files.services read as %+v", services.Entries)
	}
	stripe := f.Catalog[0].Entries[0]
	if len(stripe.EnvVars) != 1 || stripe.EnvVars[0].Value != "STRIPE_API_KEY" || len(stripe.Webhooks) != 1 {
		t.Errorf("Stripe read as env %v, webhooks %v", stripe.EnvVars, stripe.Webhooks)
	}
	if len(f.Conventions) != 1 || len(f.Learnings) != 2 || f.Learnings[1].Insight.Value != "duplicate keys" {
		t.Errorf("%d conventions, %d learnings, second insight %q (the first of duplicate keys wins)", len(f.Conventions), len(f.Learnings), f.Learnings[1].Insight.Value)
	}
}

func TestParseLearningShapes(t *testing.T) {
	tests := []struct {
		name, yaml          string
		count               int
		insight, title, ctx string
	}{
		{"documented", "learnings:\n  - date: 2025-12-16\n    insight: raw body\n    files_affected: [a.ts]\n    context: US-1\n", 1, "raw body", "", "US-1"},
		{"date, context, insight", "learnings:\n  - date: 2025-12-21\n    context: IDE\n    insight: shared logic\n", 1, "shared logic", "", "IDE"},
		{"titled", "learnings:\n  - title: Retry\n    date: 2025-12-21\n    context: outage\n    learning: back off\n    impact: high\n", 1, "back off", "Retry", "outage"},
		{"insight wins over learning", "learnings:\n  - learning: second\n    insight: first\n", 1, "first", "", ""},
		{"empty flow list", "learnings: []\n", 0, "", "", ""},
		{"no value", "learnings:\n", 0, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("x.yaml", []byte("domain: x\n"+tt.yaml))
			if len(f.Problems) != 0 {
				t.Fatalf("problems: %+v", f.Problems)
			}
			if f.LearningsNode == nil {
				t.Fatal("LearningsNode not recorded")
			}
			if len(f.Learnings) != tt.count {
				t.Fatalf("%d learnings, want %d", len(f.Learnings), tt.count)
			}
			if tt.count == 0 {
				return
			}
			l := f.Learnings[0]
			if l.Insight.Value != tt.insight || l.Title.Value != tt.title || l.Context.Value != tt.ctx {
				t.Errorf("read insight %q, title %q, context %q", l.Insight.Value, l.Title.Value, l.Context.Value)
			}
		})
	}
	f := parseFixture(t, "learnings-empty.yaml")
	if f.LearningsNode == nil || f.LearningsNode.Kind != yaml.SequenceNode || len(f.Learnings) != 0 || len(f.Unknown) != 1 {
		t.Errorf("learnings: [] read as node %v, %d learnings, unknown %v", f.LearningsNode, len(f.Learnings), f.Unknown)
	}
}

func TestParseAliasesAndTags(t *testing.T) {
	f := Parse("x.yaml", []byte("domain: !!str integrations\nversion: &v 1.0\nlast_updated: *v\nconventions: [&c NEVER hardcode keys, *c]\n"))
	if len(f.Problems) != 0 {
		t.Fatalf("problems: %+v", f.Problems)
	}
	checkScalars(t, f, []scalarCase{
		{"tagged", f.Domain, "integrations", "integrations", 1, 15, 15, true},
		{"anchored", f.Version, "1.0", "1.0", 2, 13, 13, true},
		{"alias", f.LastUpdated, "1.0", "*v", 3, 15, 15, true},
		{"alias in a list", f.Conventions[1], "NEVER hardcode keys", "*c", 4, 39, 39, true},
	})
}

func FuzzParse(f *testing.F) {
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	for _, p := range fixtures {
		content, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(content)
	}
	f.Add([]byte("a: [\n"))
	f.Add([]byte("learnings: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, content []byte) {
		file := Parse("fuzz.yaml", content)
		problems := Validate(file, ValidateOptions{StaleDays: 30, MaxLines: 200})
		for _, p := range problems {
			r := p.Range
			if r.Start.Offset < 0 || r.Start.Offset > r.End.Offset || r.End.Offset > len(content) {
				t.Fatalf("%s problem has range %+v in %d bytes", p.Code, r, len(content))
			}
			if p.Code == "" || p.Message == "" {
				t.Fatalf("problem without code or message: %+v", p)
			}
		}
		checkModelRanges(t, file)
	})
}

// checkModelRanges checks that every scalar's range lies inside the content.
func checkModelRanges(t *testing.T, f *File) {
	var all []Scalar
	all = append(all, f.Domain, f.Version, f.LastUpdated)
	all = append(all, f.Conventions...)
	all = append(all, f.Unknown...)
	for _, c := range f.Files {
		all = append(all, c.Name)
		for _, e := range c.Entries {
			all = append(all, e.Path, e.Purpose, e.Conventions)
			all = append(all, e.KeyExports...)
		}
	}
	for _, c := range f.Catalog {
		all = append(all, c.Name)
		for _, e := range c.Entries {
			all = append(all, e.Name)
			all = append(all, e.EnvVars...)
			all = append(all, e.Webhooks...)
		}
	}
	for _, l := range f.Learnings {
		all = append(all, l.Date, l.Title, l.Insight, l.Context, l.Impact)
		all = append(all, l.FilesAffected...)
	}
	for _, p := range f.Patterns {
		all = append(all, p.Name, p.Description, p.Location, p.Example)
		all = append(all, p.AppliesTo...)
	}
	for i, s := range all {
		if r := s.Range; r.Start.Offset > r.End.Offset || r.End.Offset > len(f.Content) {
			t.Fatalf("scalar %d %s has range %+v in %d bytes", i, fmt.Sprintf("%q", s.Value), r, len(f.Content))
		}
	}
}
