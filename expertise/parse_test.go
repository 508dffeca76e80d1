package expertise

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/internal/span"
	"gopkg.in/yaml.v3"
)

func parseFixture(t testing.TB, name string) *File {
	t.Helper()
	content, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return Parse(filepath.Join("/ws/.agileflow/experts/x", name), content)
}

// source returns the text a range covers.
func source(f *File, r span.Range) string { return string(f.Content[r.Start.Offset:r.End.Offset]) }

// scalarCase is one value read from a fixture: its value, the exact source
// text its range covers, and where it starts (1-based line, byte column and
// UTF-16 column, as editors show them).
type scalarCase struct {
	name         string
	got          Scalar
	value, text  string
	line, col    int
	col16        int
	checkColumns bool
}

func checkScalars(t *testing.T, f *File, cases []scalarCase) {
	t.Helper()
	for _, c := range cases {
		if !c.got.Present || c.got.Node == nil {
			t.Errorf("%s: not read", c.name)
			continue
		}
		if c.got.Value != c.value {
			t.Errorf("%s: value %q, want %q", c.name, c.got.Value, c.value)
		}
		if got := source(f, c.got.Range); got != c.text {
			t.Errorf("%s: range covers %q, want %q", c.name, got, c.text)
		}
		if s := c.got.Range.Start; s.Line+1 != c.line || c.checkColumns && (s.Col+1 != c.col || s.Col16+1 != c.col16) {
			t.Errorf("%s: starts at %d:%d (utf16 %d), want %d:%d (utf16 %d)", c.name, s.Line+1, s.Col+1, s.Col16+1, c.line, c.col, c.col16)
		}
	}
}

func TestParseEverySection(t *testing.T) {
	f := parseFixture(t, "integrations.yaml")
	if len(f.Problems) != 0 {
		t.Fatalf("problems: %+v", f.Problems)
	}
	if f.Root == nil || f.Root.Kind != yaml.MappingNode {
		t.Fatalf("Root = %+v, want the top-level mapping", f.Root)
	}
	if len(f.Files) != 2 || len(f.Files[0].Entries) != 2 || len(f.Files[1].Entries) != 1 {
		t.Fatalf("files: %d categories", len(f.Files))
	}
	if len(f.Relationships) != 2 || len(f.Patterns) != 2 || len(f.Conventions) != 3 || len(f.Catalog) != 2 || len(f.Learnings) != 3 {
		t.Fatalf("sections: %d relationships, %d patterns, %d conventions, %d catalog categories, %d learnings",
			len(f.Relationships), len(f.Patterns), len(f.Conventions), len(f.Catalog), len(f.Learnings))
	}
	clients, config := f.Files[0], f.Files[1]
	stripe := f.Catalog[0].Entries[0]
	sendgrid := f.Catalog[1].Entries[0]
	l0, l1, l2 := f.Learnings[0], f.Learnings[1], f.Learnings[2]
	rel := f.Relationships[1].Fields
	checkScalars(t, f, []scalarCase{
		{"domain", f.Domain, "integrations", "integrations", 4, 9, 9, true},
		{"last_updated", f.LastUpdated, "2025-12-21", "2025-12-21", 5, 15, 15, true},
		{"version", f.Version, "1.1", "1.1", 6, 10, 10, true},
		{"files category", clients.Name, "clients", "clients", 9, 3, 3, true},
		{"files path", clients.Entries[0].Path, "src/integrations/", "src/integrations/", 10, 13, 13, true},
		{"double-quoted purpose", clients.Entries[0].Purpose, "Third-party API client implementations", `"Third-party API client implementations"`, 11, 16, 16, true},
		{"flow key_exports[1]", clients.Entries[0].KeyExports[1], "TwilioClient", "TwilioClient", 12, 35, 35, true},
		{"single-quoted purpose", clients.Entries[1].Purpose, "Webhook receivers — “verified” first", "'Webhook receivers — “verified” first'", 15, 16, 16, true},
		{"plain conventions", clients.Entries[1].Conventions, "Named *WebhookHandler.ts", "Named *WebhookHandler.ts", 16, 20, 20, true},
		{"multi-line plain purpose", config.Entries[0].Purpose, "Template for required environment variables", "Template for required\n        environment variables", 19, 16, 16, true},
		{"block key_exports[0]", config.Entries[0].KeyExports[0], "STRIPE_API_KEY", "STRIPE_API_KEY", 22, 11, 11, true},
		{"relationship scalar", f.Relationships[0].Fields["notes"], "Service layer uses API clients", `"Service layer uses API clients"`, 28, 12, 12, true},
		{"relationship list kept as text", rel["files"], "[src/auth/, src/middleware/auth.ts]", "[src/auth/, src/middleware/auth.ts]", 30, 12, 12, true},
		{"pattern name", f.Patterns[0].Name, "Webhook Handler Pattern", "Webhook Handler Pattern", 33, 11, 11, true},
		{"pattern location", f.Patterns[0].Location, "src/integrations/webhooks/", "src/integrations/webhooks/", 35, 15, 15, true},
		{"literal block example", f.Patterns[0].Example, "1. Validate webhook signature\n2. Check if event already processed (idempotency)\n",
			"|\n      1. Validate webhook signature\n      2. Check if event already processed (idempotency)", 36, 14, 14, true},
		{"prose location", f.Patterns[1].Location, "middleware chains", `"middleware chains"`, 42, 15, 15, true},
		{"applies_to[1]", f.Patterns[1].AppliesTo[1], "src/services/**", `"src/services/**"`, 43, 45, 45, true},
		{"convention plain", f.Conventions[1], "ALWAYS validate webhook signatures before processing", "ALWAYS validate webhook signatures before processing", 47, 5, 5, true},
		{"catalog category", f.Catalog[0].Name, "payment", "payment", 51, 3, 3, true},
		{"catalog name", stripe.Name, "Stripe", "Stripe", 52, 13, 13, true},
		{"env_vars[1]", stripe.EnvVars[1], "STRIPE_WEBHOOK_SECRET", "STRIPE_WEBHOOK_SECRET", 53, 34, 34, true},
		{"webhooks[0]", stripe.Webhooks[0], "payment_intent.succeeded", "payment_intent.succeeded", 54, 18, 18, true},
		{"block env_vars[0]", sendgrid.EnvVars[0], "SENDGRID_API_KEY", "SENDGRID_API_KEY", 58, 11, 11, true},
		// The documented learning shape {date, insight, files_affected, context}.
		{"learning date", l0.Date, "2025-12-16", "2025-12-16", 63, 11, 11, true},
		{"learning insight", l0.Insight, "Stripe webhooks need express.raw() before JSON parsing", `"Stripe webhooks need express.raw() before JSON parsing"`, 64, 14, 14, true},
		{"files_affected", l0.FilesAffected[0], "src/integrations/webhooks/StripeWebhookHandler.ts", "src/integrations/webhooks/StripeWebhookHandler.ts", 65, 22, 22, true},
		{"learning context", l0.Context, "US-0101: Stripe payment integration", `"US-0101: Stripe payment integration"`, 66, 14, 14, true},
		// {date, context, insight} with a folded block insight.
		{"folded insight", l1.Insight, "Shared logic in _base-ide.js, overrides per IDE.\n", ">\n      Shared logic in _base-ide.js,\n      overrides per IDE.", 70, 14, 14, true},
		// {title, date, context, learning, impact}, with non-ASCII text.
		{"title", l2.Title, "Café résumé naïve 😀 keys", "Café résumé naïve 😀 keys", 74, 12, 12, true},
		{"quoted date", l2.Date, "2026-01-02", `"2026-01-02"`, 75, 11, 11, true},
		{"learning: read as insight", l2.Insight, "Non-ASCII text keeps exact columns", "Non-ASCII text keeps exact columns", 77, 15, 15, true},
		{"impact", l2.Impact, "high", "high", 78, 13, 13, true},
		{"unknown section", f.Unknown[0], "wcag_checklist", "wcag_checklist", 80, 1, 1, true},
	})
	if len(f.Unknown) != 1 {
		t.Errorf("Unknown = %d keys, want 1 (wcag_checklist)", len(f.Unknown))
	}
	if f.LearningsNode == nil || f.LearningsNode.Kind != yaml.SequenceNode || f.LearningsNode.Line != 63 {
		t.Errorf("LearningsNode = %+v, want the learnings sequence", f.LearningsNode)
	}
	if clients.Node == nil || clients.Node.Kind != yaml.SequenceNode || f.Catalog[0].Node == nil || stripe.Node == nil || l0.Node == nil || f.Patterns[0].Node == nil {
		t.Error("entry and category nodes are not recorded")
	}
	if l1.Title.Present || l0.Impact.Present || clients.Entries[1].KeyExports != nil {
		t.Error("absent keys read as present")
	}
}

func TestParseNonASCIIColumns(t *testing.T) {
	// yaml.v3 counts columns in code points; ranges are in bytes and UTF-16 units.
	f := Parse("x.yaml", []byte("domain: x\nlearnings:\n  - insight: é😀\n    files_affected: [é.ts, 😀.ts, x.ts]\n"))
	fa := f.Learnings[0].FilesAffected
	checkScalars(t, f, []scalarCase{
		{"after é", fa[1], "😀.ts", "😀.ts", 4, 29, 28, true}, // é: 2 bytes, 1 UTF-16 unit
		{"after 😀", fa[2], "x.ts", "x.ts", 4, 38, 35, true}, // 😀: 4 bytes, 2 UTF-16 units
	})
}

func TestParseLineEndsAndBOM(t *testing.T) {
	base := "domain: integrations\nlearnings:\n  - date: 2026-01-10\n    insight: |\n      kept\n      exact\n    context: \"two\n      lines\"\n"
	tests := []struct {
		name    string
		content []byte
		bomLen  int
		// yaml.v3 also breaks lines at U+2028, where editors do not: values
		// are still found, on span's single line.
		editorLines bool
	}{
		{"LF", []byte(base), 0, true},
		{"CRLF", []byte(strings.ReplaceAll(base, "\n", "\r\n")), 0, true},
		{"CR", []byte(strings.ReplaceAll(base, "\n", "\r")), 0, true},
		{"BOM", append([]byte("\ufeff"), base...), 3, true},
		{"BOM and CRLF", append([]byte("\ufeff"), strings.ReplaceAll(base, "\n", "\r\n")...), 3, true},
		{"U+2028", []byte(strings.ReplaceAll(base, "\n", "\u2028")), 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("x.yaml", tt.content)
			if len(f.Problems) != 0 {
				t.Fatalf("problems: %+v", f.Problems)
			}
			if f.Domain.Range.Start.Offset != tt.bomLen+8 || source(f, f.Domain.Range) != "integrations" {
				t.Errorf("domain at offset %d covers %q, want offset %d", f.Domain.Range.Start.Offset, source(f, f.Domain.Range), tt.bomLen+8)
			}
			l := f.Learnings[0]
			if source(f, l.Date.Range) != "2026-01-10" || tt.editorLines && (l.Date.Range.Start.Line != 2 || l.Date.Range.Start.Col != 10) {
				t.Errorf("date at %+v covers %q", l.Date.Range.Start, source(f, l.Date.Range))
			}
			if got := source(f, l.Insight.Range); !strings.HasPrefix(got, "|") || !strings.HasSuffix(got, "exact") || tt.editorLines && l.Insight.Range.End.Line != 5 {
				t.Errorf("block insight covers %q, ending on line %d", got, l.Insight.Range.End.Line+1)
			}
			if got := source(f, l.Context.Range); !strings.HasPrefix(got, `"two`) || !strings.HasSuffix(got, `lines"`) || tt.editorLines && l.Context.Range.Start.Line != 6 {
				t.Errorf("context %q covers %q from line %d", l.Context.Value, got, l.Context.Range.Start.Line+1)
			}
		})
	}
}

func TestParseFixturesWithLineEnds(t *testing.T) {
	crlf := parseFixture(t, "crlf.yaml")
	if !bytes.Contains(crlf.Content, []byte("\r\n")) {
		t.Fatal("crlf.yaml lost its CRLF line ends")
	}
	bom := parseFixture(t, "bom.yaml")
	if !bytes.HasPrefix(bom.Content, []byte("\ufeff")) {
		t.Fatal("bom.yaml lost its BOM")
	}
	tabs := parseFixture(t, "tabs-inline.yaml")
	checkScalars(t, crlf, []scalarCase{
		{"crlf domain", crlf.Domain, "integrations", "integrations", 1, 9, 9, true},
		{"crlf block", crlf.Learnings[0].Insight, "CRLF line ends\nstay exact\n", "|\r\n      CRLF line ends\r\n      stay exact", 8, 14, 14, true},
		{"crlf after block", crlf.Learnings[0].Context, "crlf", "crlf", 11, 14, 14, true},
	})
	checkScalars(t, bom, []scalarCase{
		{"bom domain", bom.Domain, "integrations", "integrations", 1, 12, 10, true}, // bytes count the BOM's 3, UTF-16 its 1
		{"bom second line", bom.LastUpdated, "2026-01-10", "2026-01-10", 2, 15, 15, true},
	})
	checkScalars(t, tabs, []scalarCase{
		{"value before a tab and comment", tabs.Domain, "integrations", "integrations", 1, 9, 9, true},
		{"value after a tab", tabs.LastUpdated, "2026-01-10", "2026-01-10", 2, 15, 15, true},
		{"tab inside quotes", tabs.Learnings[0].Insight, "tab\there", "\"tab\there\"", 6, 14, 14, true},
	})
}

func BenchmarkParseAndValidate(b *testing.B) {
	content, err := os.ReadFile(filepath.Join("testdata", "integrations.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	stat := func(string) (bool, bool) { return true, true }
	b.SetBytes(int64(len(content)))
	for b.Loop() {
		f := Parse("/ws/.agileflow/experts/integrations/expertise.yaml", content)
		Validate(f, ValidateOptions{Today: testToday, Root: "/ws", Stat: stat})
	}
}
