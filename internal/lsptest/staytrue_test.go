package lsptest_test

import (
	"os"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// Issue 10, "Stay true after every edit": judgements follow files that
// change on disk with no notification (no file watching, another program,
// an expertise file edited elsewhere); the next save judges them afresh.

const stayTrueSrc = "src/notify.ts"

// stayTrueFiles has a source reading two undocumented env vars and an env
// example that documents neither.
func stayTrueFiles() map[string]string {
	return map[string]string{
		expertPath:     integrationsExpert(today()),
		".env.example": "STRIPE_SECRET_KEY=\n",
		stayTrueSrc:    "export const hook = process.env.SLACK_WEBHOOK_URL;\nexport const secret = process.env.STRIPE_WEBHOOK_SECRET;\n",
	}
}

// missing reports whether pub has a missing-env-var finding naming env.
func missing(pub lsptest.Publication, env string) bool {
	for _, d := range pub.Diagnostics {
		if lsptest.Code(d) == "missing-env-var" && strings.Contains(lsptest.Message(d), env) {
			return true
		}
	}
	return false
}

// TestDocumentTwoEnvVarsWithoutWatching: an editor that does not watch
// files applies one "Document ..." fix (written to disk, no notification),
// saves the source, and the finding is gone; the second fix is then offered
// and applies, and .env.example holds both names.
func TestDocumentTwoEnvVarsWithoutWatching(t *testing.T) {
	for _, opts := range []lsptest.Options{{}, {ResolveEdits: true}} {
		t.Run("resolve="+map[bool]string{true: "yes", false: "no"}[opts.ResolveEdits], func(t *testing.T) {
			p := startWorkspace(t, opts, stayTrueFiles())
			p.OpenFile(stayTrueSrc)
			pub := p.AwaitDiagnostics(stayTrueSrc, "both missing-env-var", func(pub lsptest.Publication) bool {
				return missing(pub, "SLACK_WEBHOOK_URL") && missing(pub, "STRIPE_WEBHOOK_SECRET")
			})
			p.ApplyCodeAction(p.QuickFix(stayTrueSrc, findingNaming(t, pub, "SLACK_WEBHOOK_URL"), "Document SLACK_WEBHOOK_URL in .env.example"))
			pub = saveAndAwait(t, p, stayTrueSrc, "SLACK_WEBHOOK_URL documented", func(pub lsptest.Publication) bool {
				return !missing(pub, "SLACK_WEBHOOK_URL")
			})
			p.ApplyCodeAction(p.QuickFix(stayTrueSrc, findingNaming(t, pub, "STRIPE_WEBHOOK_SECRET"), "Document STRIPE_WEBHOOK_SECRET in .env.example"))
			env := onDisk(t, p, ".env.example")
			if !strings.Contains(env, "SLACK_WEBHOOK_URL=") || !strings.Contains(env, "STRIPE_WEBHOOK_SECRET=") {
				t.Errorf(".env.example = %q, want both names", env)
			}
			saveAndAwait(t, p, stayTrueSrc, "both documented", func(pub lsptest.Publication) bool {
				return !pub.Has("missing-env-var")
			})
		})
	}
}

// TestEnvExampleChangedBehindTheServer: another program documents the var
// with no notification at all; the next save of the source sees it.
func TestEnvExampleChangedBehindTheServer(t *testing.T) {
	p := startWorkspace(t, lsptest.Options{}, stayTrueFiles())
	p.OpenFile(stayTrueSrc)
	p.AwaitDiagnostics(stayTrueSrc, "SLACK_WEBHOOK_URL missing", func(pub lsptest.Publication) bool {
		return pub.Version == 1 && missing(pub, "SLACK_WEBHOOK_URL")
	})
	if err := os.WriteFile(p.Path(".env.example"), []byte("STRIPE_SECRET_KEY=\nSLACK_WEBHOOK_URL=\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	saveAndAwait(t, p, stayTrueSrc, "SLACK_WEBHOOK_URL documented on disk", func(pub lsptest.Publication) bool {
		return !missing(pub, "SLACK_WEBHOOK_URL") && missing(pub, "STRIPE_WEBHOOK_SECRET")
	})
}

// TestExpertiseChangedBehindTheServer: the expert gains the env var in its
// catalog on disk, unnotified; the next save of the source reflects it.
func TestExpertiseChangedBehindTheServer(t *testing.T) {
	p := startWorkspace(t, lsptest.Options{}, stayTrueFiles())
	p.OpenFile(stayTrueSrc)
	p.AwaitDiagnostics(stayTrueSrc, "STRIPE_WEBHOOK_SECRET missing", func(pub lsptest.Publication) bool {
		return pub.Version == 1 && missing(pub, "STRIPE_WEBHOOK_SECRET")
	})
	expert := strings.Replace(integrationsExpert(today()), "[STRIPE_SECRET_KEY]", "[STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET]", 1)
	if err := os.WriteFile(p.Path(expertPath), []byte(expert), 0o644); err != nil {
		t.Fatal(err)
	}
	saveAndAwait(t, p, stayTrueSrc, "STRIPE_WEBHOOK_SECRET catalogued on disk", func(pub lsptest.Publication) bool {
		return !missing(pub, "STRIPE_WEBHOOK_SECRET")
	})
}

// findingNaming returns the missing-env-var diagnostic of pub naming env.
func findingNaming(t *testing.T, pub lsptest.Publication, env string) protocol.Diagnostic {
	t.Helper()
	for _, d := range pub.Diagnostics {
		if lsptest.Code(d) == "missing-env-var" && strings.Contains(lsptest.Message(d), env) {
			return d
		}
	}
	t.Fatalf("no missing-env-var naming %s in %v", env, pub.Codes())
	return protocol.Diagnostic{}
}

// TestFixesIntoHiddenBuffers is Neovim 0.7's sequence: a fix of a file that
// is not open lands in an unsaved buffer the server is not told about; the
// user saves all, then the source, and the finding is gone; the second fix,
// computed against the saved file, applies the same way.
func TestFixesIntoHiddenBuffers(t *testing.T) {
	p := startWorkspace(t, lsptest.Options{HiddenBuffers: true}, stayTrueFiles())
	p.OpenFile(stayTrueSrc)
	pub := p.AwaitDiagnostics(stayTrueSrc, "both missing-env-var", func(pub lsptest.Publication) bool {
		return missing(pub, "SLACK_WEBHOOK_URL") && missing(pub, "STRIPE_WEBHOOK_SECRET")
	})
	for _, env := range []string{"SLACK_WEBHOOK_URL", "STRIPE_WEBHOOK_SECRET"} {
		p.ApplyCodeAction(p.QuickFix(stayTrueSrc, findingNaming(t, pub, env), "Document "+env+" in .env.example"))
		p.SaveAll()
		pub = saveAndAwait(t, p, stayTrueSrc, env+" documented once saved", func(pub lsptest.Publication) bool { return !missing(pub, env) })
	}
	if got := onDisk(t, p, ".env.example"); got != "STRIPE_SECRET_KEY=\nSLACK_WEBHOOK_URL=\nSTRIPE_WEBHOOK_SECRET=\n" {
		t.Errorf(".env.example = %q, want both names once", got)
	}
}

// TestCommandsIntoHiddenBuffers: an edit a command had the client apply
// counts at once, though the client keeps it unsaved and says nothing: the
// finding goes on the next save of the source, and a second command builds
// on the first's edit, not on the disk.
func TestCommandsIntoHiddenBuffers(t *testing.T) {
	p := startWorkspace(t, lsptest.Options{HiddenBuffers: true}, stayTrueFiles())
	p.OpenFile(stayTrueSrc)
	p.AwaitDiagnostics(stayTrueSrc, "both missing-env-var", func(pub lsptest.Publication) bool {
		return missing(pub, "SLACK_WEBHOOK_URL") && missing(pub, "STRIPE_WEBHOOK_SECRET")
	})
	for _, env := range []string{"SLACK_WEBHOOK_URL", "STRIPE_WEBHOOK_SECRET"} {
		if _, err := p.ExecuteCommand("expertise.documentEnvVar", map[string]any{"name": env}); err != nil {
			t.Fatalf("documentEnvVar %s: %v", env, err)
		}
		saveAndAwait(t, p, stayTrueSrc, env+" documented in the unsaved buffer", func(pub lsptest.Publication) bool { return !missing(pub, env) })
	}
	if got := onDisk(t, p, ".env.example"); got != "STRIPE_SECRET_KEY=\n" {
		t.Errorf(".env.example on disk = %q before saving, want it unchanged", got)
	}
	p.SaveAll()
	if got := onDisk(t, p, ".env.example"); got != "STRIPE_SECRET_KEY=\nSLACK_WEBHOOK_URL=\nSTRIPE_WEBHOOK_SECRET=\n" {
		t.Errorf(".env.example = %q, want both names once", got)
	}
	saveAndAwait(t, p, stayTrueSrc, "still documented once saved", func(pub lsptest.Publication) bool { return !pub.Has("missing-env-var") })
}
