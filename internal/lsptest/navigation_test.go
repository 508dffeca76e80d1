package lsptest_test

import (
	"context"
	"encoding/json"
	"fmt"
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

// hoverText is the Markdown of a hover at line:col of rel, "" for none.
func hoverText(t *testing.T, p *lsptest.Process, rel string, line, col uint32) string {
	t.Helper()
	h, err := p.Server().Hover(navContext(t), &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: p.URI(rel)},
		Position:     protocol.Position{Line: line, Character: col},
	}})
	if err != nil {
		t.Fatalf("hover at %s:%d:%d: %v", rel, line, col, err)
	}
	if h == nil {
		return ""
	}
	m, ok := h.Contents.(*protocol.MarkupContent)
	if !ok || m.Kind != protocol.MarkupKindMarkdown || h.Range == nil || h.Range.Start.Line != line {
		t.Fatalf("hover at %s:%d:%d: %+v", rel, line, col, h)
	}
	return m.Value
}

func TestHoverOnEnvVarAndProvider(t *testing.T) {
	p := startWorkspace(t, lsptest.Options{}, map[string]string{
		expertPath:      navExpert,
		".env.example":  "STRIPE_SECRET_KEY=\n",
		"src/client.ts": "import Stripe from \"stripe\";\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? \"\");\nconst key = \"sk_live_" + strings.Repeat("a1B2", 6) + "\";\n",
	})
	p.OpenFile("src/client.ts")
	p.AwaitDiagnostics("src/client.ts", "the first judgement", func(lsptest.Publication) bool { return true })
	hover := func(line, col uint32) string { return hoverText(t, p, "src/client.ts", line, col) }
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
	call := hover(1, uint32(strings.Index("export const stripe = new Stripe(", "Stripe(")+2))
	for _, want := range []string{"`Stripe`: Stripe SDK.", "**Stripe** (payment) in the integrations catalog"} {
		if !strings.Contains(call, want) {
			t.Errorf("SDK call hover lacks %q:\n%s", want, call)
		}
	}
	if got := hover(2, 14); got != "" || strings.Contains(env+sdk+call, "a1B2") {
		t.Errorf("hover on a secret literal or a secret value shown: %q", got)
	}
}

func TestCodeLenses(t *testing.T) {
	github := "import { Router } from \"express\";\nexport const hooks = Router();\nhooks.post(\"/webhooks/github\", async (req, res) => {\n  const event = req.headers[\"x-github-event\"];\n  res.sendStatus(202);\n});\n"
	stripe := "import Stripe from \"stripe\";\nimport express from \"express\";\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport const router = express.Router();\n" +
		"router.post(\"/webhooks/stripe\", express.raw({ type: \"application/json\" }), (req, res) => {\n" +
		"  const event = stripe.webhooks.constructEvent(req.body, req.headers[\"stripe-signature\"] as string, process.env.STRIPE_WEBHOOK_SECRET!);\n  res.json({ ok: true });\n});\n"
	p := startWorkspace(t, lsptest.Options{}, map[string]string{
		expertPath:                  navExpert,
		"src/webhooks/stripe.ts":    stripe,
		"src/webhooks/github.ts":    github,
		"src/billing/unrelated.txt": "stripe is mentioned in prose only\n",
	})
	lenses := func(rel string) []string {
		t.Helper()
		got, err := p.Server().CodeLens(navContext(t), &protocol.CodeLensParams{TextDocument: protocol.TextDocumentIdentifier{URI: p.URI(rel)}})
		if err != nil {
			t.Fatalf("codeLens of %s: %v", rel, err)
		}
		var out []string
		for _, l := range got {
			s := fmt.Sprintf("%d: %s", l.Range.Start.Line, l.Command.Title)
			if l.Command.Command != "" {
				var locs []protocol.Location
				if len(l.Command.Arguments) != 3 || json.Unmarshal(l.Command.Arguments[2], &locs) != nil {
					t.Fatalf("lens %q: arguments %s", l.Command.Title, l.Command.Arguments)
				}
				s += " -> " + l.Command.Command
				for _, loc := range locs {
					s += fmt.Sprintf(" %s:%d", strings.TrimPrefix(loc.URI.FsPath(), p.Root()+"/"), loc.Range.Start.Line)
				}
			}
			out = append(out, s)
		}
		return out
	}
	p.OpenFile("src/webhooks/stripe.ts")
	p.OpenFile("src/webhooks/github.ts")
	p.AwaitDiagnostics("src/webhooks/github.ts", "the github handler judged", func(pub lsptest.Publication) bool { return pub.Has("unverified-webhook") })

	if got, want := strings.Join(lenses("src/webhooks/stripe.ts"), "\n"), "4: Stripe webhook · signature verified"; got != want {
		t.Errorf("lenses of stripe.ts:\n%s\nwant:\n%s", got, want)
	}
	if got, want := strings.Join(lenses("src/webhooks/github.ts"), "\n"), "2: GitHub webhook · signature not verified"; got != want {
		t.Errorf("lenses of github.ts:\n%s\nwant:\n%s", got, want)
	}

	// Hovers on the same handlers: the route, and the SDK's verification call.
	route := hoverText(t, p, "src/webhooks/github.ts", 2, uint32(strings.Index(github[strings.Index(github, "hooks.post"):], "/webhooks")+2))
	for _, want := range []string{"**GitHub webhook handler** `POST /webhooks/github`: **signature not verified**", "GitHub** (devtools) is **not in the integrations catalog**", "x-hub-signature-256"} {
		if !strings.Contains(route, want) {
			t.Errorf("route hover lacks %q:\n%s", want, route)
		}
	}
	verify := hoverText(t, p, "src/webhooks/stripe.ts", 5, uint32(strings.Index("  const event = stripe.webhooks.constructEvent(", "constructEvent")+1))
	if want := "`stripe.webhooks.constructEvent`: Stripe SDK; verifies the webhook signature (`stripe-signature`) over the raw request body."; !strings.Contains(verify, want) {
		t.Errorf("verification call hover lacks %q:\n%s", want, verify)
	}
	want := "12: used in 1 file -> expertise.showPlaces src/webhooks/stripe.ts:0\n" +
		"12: 1 learning -> expertise.showPlaces .agileflow/experts/integrations/expertise.yaml:15"
	if got := strings.Join(lenses(expertPath), "\n"); got != want {
		t.Errorf("lenses of the expertise file:\n%s\nwant:\n%s", got, want)
	}
}

func TestCompletion(t *testing.T) {
	p := startWorkspace(t, lsptest.Options{}, map[string]string{
		expertPath:      navExpert,
		".env.example":  "SENDGRID_API_KEY=\n",
		"src/client.ts": "export const k = process.env.SENDGRID_API_KEY\n",
		"src/other.py":  "import os\nos.getenv(\"ONLY_IN_CODE\")\n",
	})
	complete := func(rel string, line, col uint32) []string {
		t.Helper()
		res, err := p.Server().Completion(navContext(t), &protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: p.URI(rel)}, Position: protocol.Position{Line: line, Character: col},
		}})
		if err != nil {
			t.Fatalf("completion in %s at %d:%d: %v", rel, line, col, err)
		}
		var out []string
		for _, it := range res.(protocol.CompletionItemSlice) {
			edit, ok := it.TextEdit.(*protocol.TextEdit)
			if !ok || edit.NewText != it.Label || edit.Range.End.Character != col {
				t.Fatalf("completion %q edits %+v", it.Label, it.TextEdit)
			}
			out = append(out, it.Label)
		}
		return out
	}
	p.OpenFile("src/client.ts")
	p.AwaitDiagnostics("src/client.ts", "the first judgement", func(lsptest.Publication) bool { return true })
	p.ReplaceText("src/client.ts", "SENDGRID_API_KEY", "ST") // being typed
	if got := strings.Join(complete("src/client.ts", 0, uint32(len("export const k = process.env.ST"))), " "); got != "STRIPE_SECRET_KEY SENDGRID_API_KEY ONLY_IN_CODE" {
		t.Errorf("env var completions: %q", got)
	}
	if got := complete("src/client.ts", 0, 5); len(got) != 0 {
		t.Errorf("completions outside an env read: %v", got)
	}
	p.OpenFile(expertPath)
	p.ReplaceText(expertPath, "env_vars: [STRIPE_SECRET_KEY]", "env_vars: [STRIPE_SECRET_KEY, ]")
	line := uint32(strings.Count(navExpert[:strings.Index(navExpert, "env_vars: [STRIPE")], "\n"))
	if got := strings.Join(complete(expertPath, line, uint32(len("      env_vars: [STRIPE_SECRET_KEY, "))), " "); got != "SENDGRID_API_KEY ONLY_IN_CODE" {
		t.Errorf("env_vars completions in the catalog: %q", got)
	}
}

func TestEnvVarDefinitionReferencesAndWorkspaceSymbols(t *testing.T) {
	p := startWorkspace(t, lsptest.Options{}, map[string]string{
		expertPath:      navExpert,
		".env.example":  "# keys\nSTRIPE_SECRET_KEY=\n",
		"src/client.ts": "export const k = process.env.STRIPE_SECRET_KEY;\n",
		"src/job.py":    "import os\nkey = os.environ[\"STRIPE_SECRET_KEY\"]\n",
	})
	p.OpenFile("src/client.ts")
	p.AwaitDiagnostics("src/client.ts", "the first judgement", func(lsptest.Publication) bool { return true })
	show := func(locs []protocol.Location) string {
		var out []string
		for _, l := range locs {
			out = append(out, fmt.Sprintf("%s:%d", strings.TrimPrefix(l.URI.FsPath(), p.Root()+"/"), l.Range.Start.Line))
		}
		return strings.Join(out, " ")
	}
	pos := func(rel string, line, col uint32) protocol.TextDocumentPositionParams {
		return protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: p.URI(rel)}, Position: protocol.Position{Line: line, Character: col}}
	}
	definition := func(at protocol.TextDocumentPositionParams) string {
		t.Helper()
		res, err := p.Server().Definition(navContext(t), &protocol.DefinitionParams{TextDocumentPositionParams: at})
		if err != nil {
			t.Fatal(err)
		}
		return show(res.(protocol.LocationSlice))
	}
	catalogLine := uint32(strings.Count(navExpert[:strings.Index(navExpert, "env_vars: [STRIPE")], "\n"))
	catalogCol := uint32(len("      env_vars: [STR"))

	// From the read in code to its documentation: the example's line and the catalog's.
	if got, want := definition(pos("src/client.ts", 0, 35)), ".agileflow/experts/integrations/expertise.yaml:13 .env.example:1"; got != want {
		t.Errorf("definition of the read = %q, want %q", got, want)
	}
	// From the catalog's env var to the reads and the example's line.
	if got, want := definition(pos(expertPath, catalogLine, catalogCol)), "src/client.ts:0 src/job.py:1 .env.example:1"; got != want {
		t.Errorf("definition of the catalog env var = %q, want %q", got, want)
	}
	refs, err := p.Server().References(navContext(t), &protocol.ReferenceParams{TextDocumentPositionParams: pos(expertPath, catalogLine, catalogCol)})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := show(refs), "src/client.ts:0 src/job.py:1 .agileflow/experts/integrations/expertise.yaml:13 .env.example:1"; got != want {
		t.Errorf("references = %q, want %q", got, want)
	}

	res, err := p.Server().Symbols(navContext(t), &protocol.WorkspaceSymbolParams{Query: "stri"})
	if err != nil {
		t.Fatal(err)
	}
	// The client library decodes the answer as either union member; both have this shape.
	var syms []struct {
		Name          string
		ContainerName string
		Location      protocol.Location
	}
	if b, err := json.Marshal(res); err != nil || json.Unmarshal(b, &syms) != nil {
		t.Fatalf("workspace symbols %s: %v", b, err)
	}
	if len(syms) != 1 || syms[0].Name != "Stripe" || syms[0].ContainerName != "integrations: integrations_catalog.payment" {
		t.Fatalf("workspace symbols for %q: %+v", "stri", syms)
	}
	if got := show([]protocol.Location{syms[0].Location}); got != ".agileflow/experts/integrations/expertise.yaml:12" {
		t.Errorf("Stripe symbol at %s", got)
	}
	if res, _ := p.Server().Symbols(navContext(t), &protocol.WorkspaceSymbolParams{Query: "nothing-like-it"}); res != nil {
		if b, _ := json.Marshal(res); string(b) != "[]" {
			t.Errorf("symbols for a query nothing matches: %s", b)
		}
	}
}

func TestWorkspaceDiagnostics(t *testing.T) {
	secret := "sk_live_" + "51H8xKjR2eZvKYlo2C9mQwPp7TgX4nLdVb"
	p := startWorkspace(t, lsptest.Options{PullDiagnostics: true}, map[string]string{
		expertPath:      navExpert,
		"src/keys.ts":   "export const key = \"" + secret + "\";\n",
		"src/clean.ts":  "export const n = 1;\n",
		"src/client.ts": "export const k = process.env.STRIPE_SECRET_KEY;\n",
	})
	if dp, ok := p.Result.Capabilities.DiagnosticProvider.(*protocol.DiagnosticOptions); !ok || !dp.WorkspaceDiagnostics {
		t.Fatalf("diagnosticProvider = %+v, want workspaceDiagnostics", p.Result.Capabilities.DiagnosticProvider)
	}
	pull := func(previous []protocol.PreviousResultId) map[string]string {
		t.Helper()
		report, err := p.Server().DiagnosticWorkspace(navContext(t), &protocol.WorkspaceDiagnosticParams{PreviousResultIds: previous})
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := json.Marshal(report); strings.Contains(string(b), secret[:14]) {
			t.Error("a workspace diagnostic reveals the secret")
		}
		out := map[string]string{}
		for _, it := range report.Items {
			switch r := it.(type) {
			case *protocol.WorkspaceFullDocumentDiagnosticReport:
				var codes []string
				for _, d := range r.Items {
					codes = append(codes, fmt.Sprint(d.Code))
				}
				out[strings.TrimPrefix(r.URI.FsPath(), p.Root()+"/")] = "full:" + strings.Join(codes, ",") + "@" + *r.ResultID
			case *protocol.WorkspaceUnchangedDocumentDiagnosticReport:
				out[strings.TrimPrefix(r.URI.FsPath(), p.Root()+"/")] = "unchanged@" + r.ResultID
			}
		}
		return out
	}
	first := pull(nil)
	if !strings.HasPrefix(first["src/keys.ts"], "full:hardcoded-secret@") || !strings.HasPrefix(first["src/clean.ts"], "full:@") {
		t.Fatalf("first pull: %v", first)
	}
	var previous []protocol.PreviousResultId
	for rel, r := range first {
		_, id, _ := strings.Cut(r, "@")
		previous = append(previous, protocol.PreviousResultId{URI: p.URI(rel), Value: id})
	}
	p.WriteFile("src/clean.ts", "export const key = \""+secret+"\";\n") // changed on disk, not open
	second := pull(previous)
	if !strings.HasPrefix(second["src/keys.ts"], "unchanged@") || !strings.HasPrefix(second["src/clean.ts"], "full:hardcoded-secret@") {
		t.Errorf("second pull: %v", second)
	}
}
