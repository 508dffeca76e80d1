package lsptest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// Issue 13: the outline of an expertise file and go to definition from its
// path values, through the real binary.

const navExpert = "domain: integrations\nversion: 1.0\nlast_updated: 2026-12-01\n" +
	"files:\n  webhooks:\n    - path: src/webhooks/\n      purpose: handlers\n" +
	"patterns:\n  - name: Webhook handler\n    location: src/webhooks/stripe.ts:2\n" +
	"integrations_catalog:\n  payment:\n    - name: Stripe\n      env_vars: [STRIPE_SECRET_KEY]\n" +
	"learnings:\n  - date: 2026-12-01\n    insight: Stripe needs the raw body\n    files_affected: [src/webhooks/stripe.ts, src/gone.ts]\n"

func navWorkspace(t *testing.T) *lsptest.Process {
	return startWorkspace(t, lsptest.Options{}, map[string]string{
		expertPath:               navExpert,
		"src/webhooks/stripe.ts": "// handler\nexport const x = 1;\n",
		"src/webhooks/github.ts": "export const y = 2;\n",
	})
}

func navContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestDocumentSymbolsOfExpertise(t *testing.T) {
	p := navWorkspace(t)
	res, err := p.Server().DocumentSymbol(navContext(t), &protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: p.URI(expertPath)}})
	if err != nil {
		t.Fatal(err)
	}
	syms, _ := res.(protocol.DocumentSymbolSlice)
	var got []string
	var walk func(prefix string, ss []protocol.DocumentSymbol)
	walk = func(prefix string, ss []protocol.DocumentSymbol) {
		for _, s := range ss {
			got = append(got, prefix+s.Name)
			walk(prefix+s.Name+"/", s.Children)
		}
	}
	walk("", syms)
	for _, want := range []string{"integrations_catalog/payment/Stripe/STRIPE_SECRET_KEY", "learnings/Stripe needs the raw body", "files/webhooks/src/webhooks/", "patterns/Webhook handler"} {
		if !strings.Contains(strings.Join(got, "\n")+"\n", want+"\n") {
			t.Errorf("outline lacks %s; it has:\n%s", want, strings.Join(got, "\n"))
		}
	}

	// The open buffer, not the disk, is outlined.
	p.OpenFile(expertPath)
	p.ReplaceText(expertPath, "src/gone.ts]\n", "src/gone.ts]\n  - date: 2026-12-02\n    insight: Unsaved learning\n")
	res, err = p.Server().DocumentSymbol(navContext(t), &protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: p.URI(expertPath)}})
	if err != nil {
		t.Fatal(err)
	}
	last := res.(protocol.DocumentSymbolSlice)[len(res.(protocol.DocumentSymbolSlice))-1]
	if last.Name != "learnings" || len(last.Children) != 2 || last.Children[1].Name != "Unsaved learning" {
		t.Errorf("learnings of the open buffer: %+v", last)
	}

	// A source file has no symbols from this server.
	res, err = p.Server().DocumentSymbol(navContext(t), &protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: p.URI("src/webhooks/stripe.ts")}})
	if err != nil || len(res.(protocol.DocumentSymbolSlice)) != 0 {
		t.Errorf("symbols of a source file: %v, %v", res, err)
	}
}

func TestDefinitionFromExpertisePaths(t *testing.T) {
	p := navWorkspace(t)
	at := func(needle string) []protocol.Location {
		t.Helper()
		line, col := -1, 0
		for i, l := range strings.Split(navExpert, "\n") {
			if c := strings.Index(l, needle); c >= 0 {
				line, col = i, c+1
				break
			}
		}
		if line < 0 {
			t.Fatalf("%q not in the expert", needle)
		}
		res, err := p.Server().Definition(navContext(t), &protocol.DefinitionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: p.URI(expertPath)},
			Position:     protocol.Position{Line: uint32(line), Character: uint32(col)},
		}})
		if err != nil {
			t.Fatalf("definition at %q: %v", needle, err)
		}
		locs, _ := res.(protocol.LocationSlice)
		return locs
	}
	show := func(locs []protocol.Location) string {
		var out []string
		for _, l := range locs {
			rel := strings.TrimPrefix(l.URI.FsPath(), p.Root()+"/")
			out = append(out, rel+":"+string(rune('0'+l.Range.Start.Line)))
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct{ needle, want string }{
		{"src/webhooks/stripe.ts, ", "src/webhooks/stripe.ts:0"},
		{"src/webhooks/stripe.ts:2", "src/webhooks/stripe.ts:1"},                 // the line the value names, 0-based
		{"src/webhooks/\n", "src/webhooks/github.ts:0 src/webhooks/stripe.ts:0"}, // a folder: its files
		{"src/gone.ts", ""},
		{"Stripe needs", ""},
	} {
		if got := show(at(strings.TrimSuffix(c.needle, "\n"))); got != c.want {
			t.Errorf("definition at %q = %q, want %q", c.needle, got, c.want)
		}
	}
}

func TestHoverOnEnvVarAndProvider(t *testing.T) {
	p := startWorkspace(t, lsptest.Options{}, map[string]string{
		expertPath:      navExpert,
		".env.example":  "STRIPE_SECRET_KEY=\n",
		"src/client.ts": "import Stripe from \"stripe\";\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? \"\");\nconst key = \"sk_live_" + strings.Repeat("a1B2", 6) + "\";\n",
	})
	p.OpenFile("src/client.ts")
	p.AwaitDiagnostics("src/client.ts", "the first judgement", func(lsptest.Publication) bool { return true })
	hover := func(line, col uint32) string {
		t.Helper()
		h, err := p.Server().Hover(navContext(t), &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: p.URI("src/client.ts")},
			Position:     protocol.Position{Line: line, Character: col},
		}})
		if err != nil {
			t.Fatalf("hover at %d:%d: %v", line, col, err)
		}
		if h == nil {
			return ""
		}
		m, ok := h.Contents.(*protocol.MarkupContent)
		if !ok || m.Kind != protocol.MarkupKindMarkdown || h.Range == nil || h.Range.Start.Line != line {
			t.Fatalf("hover at %d:%d: %+v", line, col, h)
		}
		return m.Value
	}
	env := hover(1, uint32(strings.Index("export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY", "STRIPE_SECRET_KEY")+3))
	for _, want := range []string{"**`STRIPE_SECRET_KEY`**", ".env.example:1", "the catalog entry Stripe (payment)"} {
		if !strings.Contains(env, want) {
			t.Errorf("env var hover lacks %q:\n%s", want, env)
		}
	}
	sdk := hover(0, 21) // in "stripe"
	for _, want := range []string{"**Stripe** (payment) in the integrations catalog", "- env `STRIPE_SECRET_KEY`: documented", "Stripe needs the raw body"} {
		if !strings.Contains(sdk, want) {
			t.Errorf("provider hover lacks %q:\n%s", want, sdk)
		}
	}
	if got := hover(2, 14); got != "" || strings.Contains(env+sdk, "a1B2") {
		t.Errorf("hover on a secret literal or a secret value shown: %q", got)
	}
}
