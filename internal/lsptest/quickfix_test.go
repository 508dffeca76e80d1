package lsptest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// TestMoveSecretToEnv applies "Move to environment variable" to a Stripe key
// hardcoded in TypeScript, in editors with and without versioned document
// changes and resolve: the buffer reads process.env.STRIPE_API_KEY, the env
// example documents the name once and never holds the value, and the finding
// is gone once the buffer is saved.
func TestMoveSecretToEnv(t *testing.T) {
	const rel = "src/pay.ts"
	src := "import Stripe from \"stripe\";\n\nexport const stripe = new Stripe(\"" + stripeSecret + "\");\n"
	tests := []struct {
		name       string
		opts       lsptest.Options
		envExample string // "" : none yet, the fix creates it
		deferred   bool   // the action comes without its edit
	}{
		{"documentChanges and resolve, new .env.example", modern, "", true},
		{"documentChanges, new .env.example", lsptest.Options{DocumentChanges: true}, "", false},
		{"plain changes, existing .env.example", lsptest.Options{}, "# Stripe\nSTRIPE_SECRET_KEY=", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{expertPath: integrationsExpert(today()), rel: src}
			if tt.envExample != "" {
				files[".env.example"] = tt.envExample
			}
			p := startWorkspace(t, tt.opts, files)
			d := awaitFinding(t, p, rel, "hardcoded-secret")
			a := p.QuickFix(rel, d, "Move to environment variable STRIPE_API_KEY")
			if (a.Edit == nil) != tt.deferred || tt.deferred && len(a.Data) == 0 {
				t.Errorf("action has edit %v and data %s; want the edit deferred: %v", a.Edit != nil, a.Data, tt.deferred)
			}
			if a.IsPreferred == nil || !*a.IsPreferred {
				t.Error("the move to the environment is the preferred fix")
			}
			p.ApplyCodeAction(a)

			want := "export const stripe = new Stripe(process.env.STRIPE_API_KEY);"
			if got := p.Text(rel); !strings.Contains(got, want) || strings.Contains(got, stripeSecret) {
				t.Errorf("buffer after the fix:\n%s\nwant it to hold %q and no secret", got, want)
			}
			env := onDisk(t, p, ".env.example")
			if strings.Count(env, "STRIPE_API_KEY=") != 1 || strings.Contains(env, "sk_live") || !strings.HasPrefix(env, tt.envExample) {
				t.Errorf(".env.example = %q: want STRIPE_API_KEY= once, no value, what was there kept", env)
			}
			if onDisk(t, p, rel) != src {
				t.Error("the fix saved the buffer; an editor leaves it unsaved")
			}
			saveAndAwait(t, p, rel, "no hardcoded-secret once saved", func(pub lsptest.Publication) bool { return !pub.Has("hardcoded-secret") })
		})
	}
}

// TestRecordLearning applies "Record a learning about this": the
// expertise file on disk gains a learning dated today about the finding, and
// the editor is asked to show its insight line.
func TestRecordLearning(t *testing.T) {
	const rel = "src/notify.ts"
	p := startWorkspace(t, modern, map[string]string{
		expertPath: integrationsExpert(today()),
		rel:        "export const hook = process.env.SLACK_WEBHOOK_URL;\n",
	})
	d := awaitFinding(t, p, rel, "missing-env-var")
	a := p.QuickFix(rel, d, "Record a learning about this")
	if a.Edit != nil || a.Command.Command != "expertise.show" {
		t.Errorf("action: edit %v, command %q; want the edit deferred to resolve and the expertise.show command", a.Edit != nil, a.Command.Command)
	}
	p.ApplyCodeAction(a)

	content := onDisk(t, p, expertPath)
	learnings := parseExpert(t, content).Learnings
	last := learnings[len(learnings)-1]
	if len(learnings) != 2 || last.Date.Value != today() || !strings.Contains(last.Insight.Value, "SLACK_WEBHOOK_URL") ||
		len(last.FilesAffected) != 1 || last.FilesAffected[0].Value != rel {
		t.Fatalf("learnings after the fix: %+v\n%s", learnings, content)
	}
	shown := p.Shown()
	if len(shown) != 1 || shown[0].URI != p.URI(expertPath) || shown[0].Selection == nil {
		t.Fatalf("showDocument requests %+v, want one of the expertise file with a selection", shown)
	}
	line := strings.Split(content, "\n")[shown[0].Selection.Start.Line]
	if col := int(shown[0].Selection.Start.Character); !strings.HasPrefix(line, "    insight: ") || col != len("    insight: ") {
		t.Errorf("shown at line %q, character %d: want the start of the new insight", line, col)
	}
}

// TestRecordLearningFollowsTheOpenExpert: an open buffer wins over the
// disk: while the expertise file has unsaved edits the fix is computed
// against the buffer and edits it, at its version, keeping the unsaved
// edits and leaving the disk alone.
func TestRecordLearningFollowsTheOpenExpert(t *testing.T) {
	const rel = "src/notify.ts"
	p := startWorkspace(t, modern, map[string]string{
		expertPath: integrationsExpert(today()),
		rel:        "export const hook = process.env.SLACK_WEBHOOK_URL;\n",
	})
	d := awaitFinding(t, p, rel, "missing-env-var")
	openAndAwait(t, p, expertPath)
	saved := onDisk(t, p, expertPath)
	p.ReplaceText(expertPath, "conventions:\n", "conventions:\n  - ALWAYS validate webhook signatures\n")
	p.ApplyCodeAction(p.QuickFix(rel, d, "Record a learning about this"))
	if got := p.Text(expertPath); !strings.Contains(got, "ALWAYS validate webhook signatures") || !strings.Contains(got, "SLACK_WEBHOOK_URL") {
		t.Errorf("expert buffer after the fix:\n%s\nwant the unsaved convention kept and the learning added", got)
	}
	if onDisk(t, p, expertPath) != saved {
		t.Error("the fix wrote the open expertise file on disk; it must edit the buffer")
	}
}

// TestIgnoreFix inserts the ignore comment; the finding is gone once saved.
func TestIgnoreFix(t *testing.T) {
	const rel = "src/notify.ts"
	for _, opts := range []lsptest.Options{modern, {}} {
		p := startWorkspace(t, opts, map[string]string{
			expertPath: integrationsExpert(today()),
			rel:        "export function hook() {\n  return process.env.SLACK_WEBHOOK_URL;\n}\n",
		})
		d := awaitFinding(t, p, rel, "missing-env-var")
		a := p.QuickFix(rel, d, "Ignore missing-env-var here")
		if a.Edit == nil {
			t.Error("an edit of the document alone comes with the action")
		}
		p.ApplyCodeAction(a)
		want := "export function hook() {\n  // expertise-ls:ignore missing-env-var\n  return process.env.SLACK_WEBHOOK_URL;\n}\n"
		if got := p.Text(rel); got != want {
			t.Errorf("buffer = %q, want %q", got, want)
		}
		saveAndAwait(t, p, rel, "no missing-env-var once saved", func(pub lsptest.Publication) bool { return !pub.Has("missing-env-var") })
	}
}

// TestExpertiseFileFixes applies the fixes of an expertise file's own
// findings: "Set last_updated to today" and "Remove this entry".
func TestExpertiseFileFixes(t *testing.T) {
	expert := integrationsExpert("2020-01-01") + "files:\n  clients:\n    - path: src/gone.ts\n      purpose: the old client\n    - path: src/pay.ts\n      purpose: payments\n"
	p := startWorkspace(t, modern, map[string]string{expertPath: expert, "src/pay.ts": "export const x = 1;\n"})
	d := awaitFinding(t, p, expertPath, "expertise-stale")
	p.ApplyCodeAction(p.QuickFix(expertPath, d, "Set last_updated to today"))
	if got := p.Text(expertPath); !strings.Contains(got, "last_updated: "+today()+"\n") {
		t.Fatalf("buffer after the fix:\n%s", got)
	}
	pub := saveAndAwait(t, p, expertPath, "expertise-stale gone", func(pub lsptest.Publication) bool { return !pub.Has("expertise-stale") })

	p.ApplyCodeAction(p.QuickFix(expertPath, finding(t, pub, "expertise-stale-path"), "Remove this entry"))
	got := p.Text(expertPath)
	if strings.Contains(got, "src/gone.ts") || strings.Contains(got, "the old client") || !strings.Contains(got, "    - path: src/pay.ts\n      purpose: payments\n") {
		t.Fatalf("buffer after removing the entry:\n%s", got)
	}
	parseExpert(t, got)
	saveAndAwait(t, p, expertPath, "expertise-stale-path gone", func(pub lsptest.Publication) bool { return !pub.Has("expertise-stale-path") })
}

// TestFixAll asks for source.fixAll (by its own kind, or as source): the safe
// fixes apply (env vars documented in a new .env.example), the unsafe ones
// do not (the secret stays for the user to decide).
func TestFixAll(t *testing.T) {
	const rel = "src/pay.ts"
	src := "import Stripe from \"stripe\";\nconst stripe = new Stripe(\"" + stripeSecret + "\");\nconst hook = process.env.STRIPE_WEBHOOK_SECRET;\nconst slack = process.env.SLACK_WEBHOOK_URL;\n"
	tests := []struct {
		name string
		only []protocol.CodeActionKind
		want bool // a fix-all action
	}{
		{"source.fixAll.expertise-ls", []protocol.CodeActionKind{"source.fixAll.expertise-ls"}, true},
		{"source.fixAll", []protocol.CodeActionKind{protocol.CodeActionKindSourceFixAll}, true},
		{"source", []protocol.CodeActionKind{protocol.CodeActionKindSource}, true},
		{"quickfix only", []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}, false},
		{"no filter", nil, false},
		{"refactor", []protocol.CodeActionKind{protocol.CodeActionKindRefactor}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := startWorkspace(t, modern, map[string]string{expertPath: integrationsExpert(today()), rel: src})
			p.OpenFile(rel)
			pub := p.AwaitDiagnostics(rel, "two missing-env-var", func(pub lsptest.Publication) bool {
				return strings.Count(strings.Join(pub.Codes(), " "), "missing-env-var") == 2
			})
			whole := protocol.Range{End: protocol.Position{Line: 4}}
			var fixAll []*protocol.CodeAction
			for _, a := range p.CodeActions(rel, whole, pub.Diagnostics, tt.only...) {
				if a.Kind != nil && *a.Kind == "source.fixAll.expertise-ls" {
					fixAll = append(fixAll, a)
				}
			}
			if got := len(fixAll) == 1; got != tt.want {
				t.Fatalf("%d fix-all actions, want one: %v", len(fixAll), tt.want)
			}
			if !tt.want {
				return
			}
			p.ApplyCodeAction(fixAll[0])
			if env := onDisk(t, p, ".env.example"); env != "STRIPE_WEBHOOK_SECRET=\nSLACK_WEBHOOK_URL=\n" {
				t.Errorf(".env.example = %q, want both names documented", env)
			}
			if p.Text(rel) != src {
				t.Errorf("fix-all changed the code:\n%s\nthe move of the secret is not safe", p.Text(rel))
			}
		})
	}
}

// TestFixAllInExpertiseFile: the stale last_updated is the safe fix there.
func TestFixAllInExpertiseFile(t *testing.T) {
	p := startWorkspace(t, modern, map[string]string{expertPath: integrationsExpert("2020-01-01")})
	awaitFinding(t, p, expertPath, "expertise-stale")
	actions := p.CodeActions(expertPath, protocol.Range{}, nil, protocol.CodeActionKindSourceFixAll)
	if len(actions) != 1 {
		t.Fatalf("%d actions, want the fix-all", len(actions))
	}
	p.ApplyCodeAction(actions[0])
	want := strings.Replace(integrationsExpert("2020-01-01"), "last_updated: 2020-01-01", "last_updated: "+today(), 1)
	if got := p.Text(expertPath); got != want {
		t.Errorf("buffer after fix-all:\n%s", got)
	}
}

// TestRecordLearningInABasicEditor: without resolve and showDocument the
// action carries its edit and no command, and nothing is shown.
func TestRecordLearningInABasicEditor(t *testing.T) {
	const rel = "src/notify.ts"
	p := startWorkspace(t, lsptest.Options{DocumentChanges: true}, map[string]string{
		expertPath: integrationsExpert(today()),
		rel:        "export const hook = process.env.SLACK_WEBHOOK_URL;\n",
	})
	a := p.QuickFix(rel, awaitFinding(t, p, rel, "missing-env-var"), "Record a learning about this")
	if a.Edit == nil || a.Command.Command != "" || len(a.Data) != 0 {
		t.Errorf("action: edit %v, command %q, data %s; want the edit and nothing else", a.Edit != nil, a.Command.Command, a.Data)
	}
	p.ApplyCodeAction(a)
	if ls := parseExpert(t, onDisk(t, p, expertPath)).Learnings; len(ls) != 2 {
		t.Errorf("%d learnings after the fix, want 2", len(ls))
	}
	if shown := p.Shown(); len(shown) != 0 {
		t.Errorf("showDocument requests %+v to an editor that does not support them", shown)
	}
}

// TestResolveAfterAChange: a deferred fix offered for one version of the
// document is not resolved against another.
func TestResolveAfterAChange(t *testing.T) {
	const rel = "src/notify.ts"
	p := startWorkspace(t, modern, map[string]string{
		expertPath: integrationsExpert(today()),
		rel:        "export const hook = process.env.SLACK_WEBHOOK_URL;\n",
	})
	a := p.QuickFix(rel, awaitFinding(t, p, rel, "missing-env-var"), "Record a learning about this")
	p.ReplaceText(rel, "export", "export default")
	_, err := p.ResolveCodeAction(a)
	wantError(t, err, -32801, "changed", "ask for the fix again")
	if onDisk(t, p, expertPath) != integrationsExpert(today()) {
		t.Error("the expertise file changed")
	}
}

// TestNoEditLeavesTheWorkspace: an expertise file that is a link to a file
// outside the workspace is never edited: the learning fix is not offered,
// the ignore fix still is.
func TestNoEditLeavesTheWorkspace(t *testing.T) {
	const rel = "src/notify.ts"
	for _, opts := range []lsptest.Options{modern, {DocumentChanges: true}} {
		outside := filepath.Join(t.TempDir(), "expertise.yaml")
		if err := os.WriteFile(outside, []byte(integrationsExpert(today())), 0o644); err != nil {
			t.Fatal(err)
		}
		p := startWorkspace(t, opts, map[string]string{rel: "export const hook = process.env.SLACK_WEBHOOK_URL;\n"})
		if err := os.MkdirAll(filepath.Dir(p.Path(expertPath)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(outside, p.Path(expertPath)); err != nil {
			t.Fatal(err)
		}
		// The walk skips links; a save puts the expert in the index.
		openAndAwait(t, p, expertPath)
		saveAndAwait(t, p, expertPath, "the linked expert judged", func(lsptest.Publication) bool { return true })
		d := awaitFinding(t, p, rel, "missing-env-var")
		var titles []string
		for _, a := range p.CodeActions(rel, d.Range, []protocol.Diagnostic{d}) {
			titles = append(titles, a.Title)
		}
		if !slices.Contains(titles, "Ignore missing-env-var here") || slices.Contains(titles, "Record a learning about this") {
			t.Errorf("offered %q: want the ignore fix and no learning written outside the workspace", titles)
		}
		if got, _ := os.ReadFile(outside); string(got) != integrationsExpert(today()) {
			t.Errorf("the file outside the workspace changed:\n%s", got)
		}
	}
}

// TestCatalogFixes applies the fixes that write the catalog: a provider the
// code uses becomes an entry, an env var it reads is documented both in the
// env example file and in its entry's env_vars.
func TestCatalogFixes(t *testing.T) {
	t.Run("uncataloged integration", func(t *testing.T) {
		const rel = "src/email.ts"
		p := startWorkspace(t, modern, map[string]string{
			expertPath:     integrationsExpert(today()),
			".env.example": "RESEND_API_KEY=\n",
			rel:            "import { Resend } from \"resend\";\n\nexport const resend = new Resend(process.env.RESEND_API_KEY);\n",
		})
		d := awaitFinding(t, p, rel, "uncataloged-integration")
		p.ApplyCodeAction(p.QuickFix(rel, d, "Add Resend to integrations_catalog (email)"))
		content := onDisk(t, p, expertPath)
		f := parseExpert(t, content)
		if e := catalogEntry(f, "email", "Resend"); e == nil || values(e.EnvVars) != "RESEND_API_KEY" || catalogEntry(f, "payment", "Stripe") == nil {
			t.Fatalf("catalog after the fix: %+v\n%s", f.Catalog, content)
		}
		if shown := p.Shown(); len(shown) != 1 || !strings.Contains(strings.Split(content, "\n")[shown[0].Selection.Start.Line], "Resend") {
			t.Errorf("showDocument requests %+v, want the new entry's line", shown)
		}
		saveAndAwait(t, p, rel, "uncataloged-integration gone", func(pub lsptest.Publication) bool { return !pub.Has("uncataloged-integration") })
	})
	t.Run("missing env var", func(t *testing.T) {
		const rel = "src/pay.ts"
		p := startWorkspace(t, lsptest.Options{DocumentChanges: true}, map[string]string{
			expertPath: integrationsExpert(today()),
			rel:        "import Stripe from \"stripe\";\n\nexport const hook = process.env.STRIPE_WEBHOOK_SECRET;\n",
		})
		d := awaitFinding(t, p, rel, "missing-env-var")
		document := p.QuickFix(rel, d, "Document STRIPE_WEBHOOK_SECRET in .env.example")
		catalog := p.QuickFix(rel, d, "Add STRIPE_WEBHOOK_SECRET to Stripe env_vars")
		p.ApplyCodeAction(document)
		p.ApplyCodeAction(catalog)
		if env := onDisk(t, p, ".env.example"); env != "STRIPE_WEBHOOK_SECRET=\n" {
			t.Errorf(".env.example = %q", env)
		}
		f := parseExpert(t, onDisk(t, p, expertPath))
		if e := catalogEntry(f, "payment", "Stripe"); e == nil || values(e.EnvVars) != "STRIPE_SECRET_KEY,STRIPE_WEBHOOK_SECRET" {
			t.Errorf("catalog after the fix: %+v", f.Catalog)
		}
	})
}

// TestNoFileCreationWithoutDocumentChanges: an editor that takes plain
// changes cannot create .env.example, so the fixes that would are not offered.
func TestNoFileCreationWithoutDocumentChanges(t *testing.T) {
	const rel = "src/pay.ts"
	p := startWorkspace(t, lsptest.Options{}, map[string]string{
		expertPath: integrationsExpert(today()),
		rel:        "export const stripe = \"" + stripeSecret + "\";\nexport const hook = process.env.SLACK_WEBHOOK_URL;\n",
	})
	p.OpenFile(rel)
	pub := p.AwaitDiagnostics(rel, "both findings", func(pub lsptest.Publication) bool {
		return pub.Has("hardcoded-secret") && pub.Has("missing-env-var")
	})
	var titles []string
	for _, code := range []string{"hardcoded-secret", "missing-env-var"} {
		d := finding(t, pub, code)
		for _, a := range p.CodeActions(rel, d.Range, []protocol.Diagnostic{d}) {
			titles = append(titles, a.Title)
		}
	}
	for _, title := range titles {
		if strings.HasPrefix(title, "Move to environment variable") || strings.HasPrefix(title, "Document ") {
			t.Errorf("offered %q, which creates .env.example", title)
		}
	}
	if !slices.Contains(titles, "Ignore hardcoded-secret here") || !slices.Contains(titles, "Record a learning about this") {
		t.Errorf("offered %q, want the fixes that edit existing files", titles)
	}
}

// TestRemoveFallbackSecret applies webhook-fail-open's "Remove the fallback
// secret" through the binary: the buffer loses the literal and nothing else,
// no message or edit shows the literal, and the finding is gone once saved.
func TestRemoveFallbackSecret(t *testing.T) {
	const rel = "src/webhooks/stripe.ts"
	fallback := "whsec_" + "local_dev_fallback"
	src := "import express from \"express\";\nimport Stripe from \"stripe\";\n\nconst stripe = new Stripe(process.env.STRIPE_API_KEY!);\n" +
		"const secret = process.env.STRIPE_WEBHOOK_SECRET || \"" + fallback + "\";\nexport const app = express();\n" +
		"app.post(\"/webhooks/stripe\", express.raw({ type: \"application/json\" }), (req, res) => {\n" +
		"  const event = stripe.webhooks.constructEvent(req.body, req.headers[\"stripe-signature\"] as string, secret);\n" +
		"  res.json({ id: event.id });\n});\n"
	p := startWorkspace(t, modern, map[string]string{expertPath: integrationsExpert(today()), rel: src})
	d := awaitFinding(t, p, rel, "webhook-fail-open")
	if strings.Contains(fmt.Sprint(d.Message), fallback) {
		t.Errorf("the message shows the fallback secret: %s", d.Message)
	}
	a := p.QuickFix(rel, d, "Remove the fallback secret")
	p.ApplyCodeAction(a)
	want := strings.Replace(src, " || \""+fallback+"\"", "", 1)
	if got := p.Text(rel); got != want {
		t.Errorf("buffer after the fix:\n%s\nwant:\n%s", got, want)
	}
	saveAndAwait(t, p, rel, "no webhook-fail-open once saved", func(pub lsptest.Publication) bool { return !pub.Has("webhook-fail-open") })
}
