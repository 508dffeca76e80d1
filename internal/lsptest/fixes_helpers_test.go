package lsptest_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// modern is an editor like VS Code: versioned documentChanges that create
// files, resolved edits, showDocument and file watchers.
var modern = lsptest.Options{DocumentChanges: true, ResolveEdits: true, ShowDocument: true, WatchFiles: true}

// stripeSecret is a Stripe live key of the right shape, built at run time.
var stripeSecret = "sk_live_" + "71puIjxIh9UesmQqmjR4YfKNQQhQhX4j82keKPgClQA71L2G5K5anTNrufuMcTaztt5En"

// integrationsExpert is the integrations expert with a Stripe catalog entry.
func integrationsExpert(lastUpdated string) string {
	return "domain: integrations\nversion: 1.0\nlast_updated: " + lastUpdated + "\n" +
		"conventions:\n  - NEVER hardcode API keys\n" +
		"integrations_catalog:\n  payment:\n    - name: Stripe\n      env_vars: [STRIPE_SECRET_KEY]\n" +
		"learnings:\n  - date: " + lastUpdated + "\n    insight: Stripe webhooks need express.raw()\n"
}

// startWorkspace writes files (relative path -> content) into a new
// workspace, then starts the server on it, so that the first index holds
// them. With file watchers it waits for their registration.
func startWorkspace(t *testing.T, opts lsptest.Options, files map[string]string) *lsptest.Process {
	t.Helper()
	root := t.TempDir()
	for rel, content := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts.Root = root
	p := lsptest.Start(t, serverBin, opts)
	if opts.WatchFiles {
		p.Await("file watchers registered", func() bool {
			for _, r := range p.Registrations() {
				if r.Method == protocol.MethodWorkspaceDidChangeWatchedFiles {
					return true
				}
			}
			return false
		})
	}
	return p
}

// onDisk returns a workspace file's content on disk ("" when it does not exist).
func onDisk(t *testing.T, p *lsptest.Process, rel string) string {
	t.Helper()
	b, err := os.ReadFile(p.Path(rel))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return string(b)
}

// parseExpert parses expertise content and fails the test on a YAML error.
func parseExpert(t *testing.T, content string) *expertise.File {
	t.Helper()
	f := expertise.Parse("expertise.yaml", []byte(content))
	for _, p := range f.Problems {
		if p.Code == expertise.CodeSyntax {
			t.Fatalf("the expertise file is no longer valid YAML: %s\n%s", p.Message, content)
		}
	}
	return f
}

// awaitFinding opens rel and waits for a published finding with code.
func awaitFinding(t *testing.T, p *lsptest.Process, rel, code string) protocol.Diagnostic {
	t.Helper()
	p.OpenFile(rel)
	return finding(t, p.AwaitDiagnostics(rel, code, func(pub lsptest.Publication) bool { return pub.Has(code) }), code)
}

// finding returns the first diagnostic of pub with code.
func finding(t *testing.T, pub lsptest.Publication, code string) protocol.Diagnostic {
	t.Helper()
	for _, d := range pub.Diagnostics {
		if lsptest.Code(d) == code {
			return d
		}
	}
	t.Fatalf("no %s in %v", code, pub.Codes())
	return protocol.Diagnostic{}
}

// openAndAwait opens rel and waits for its first judgement, so that no
// judgement of the open is pending when the test goes on.
func openAndAwait(t *testing.T, p *lsptest.Process, rel string) {
	t.Helper()
	p.OpenFile(rel)
	p.AwaitDiagnostics(rel, "the judgement of the open file", func(pub lsptest.Publication) bool { return pub.Version == 1 })
}

// saveAndAwait saves rel and waits for the judgement of the saved version:
// a publication after the save, at the buffer's version. (The judgement of
// the open must have been published before: see openAndAwait.)
func saveAndAwait(t *testing.T, p *lsptest.Process, rel, what string, pred func(lsptest.Publication) bool) lsptest.Publication {
	t.Helper()
	v, seen := p.Version(rel), len(p.Publications(rel))
	p.SaveFile(rel)
	var got lsptest.Publication
	p.Await("diagnostics of "+rel+" after saving: "+what, func() bool {
		pubs := p.Publications(rel)
		if len(pubs) <= seen {
			return false
		}
		got = pubs[len(pubs)-1]
		return got.Version == v && pred(got)
	})
	return got
}

// wantError checks that err is an LSP error with code whose message holds
// every one of parts.
func wantError(t *testing.T, err error, code jsonrpc2.Code, parts ...string) {
	t.Helper()
	var rpc *jsonrpc2.Error
	if !errors.As(err, &rpc) {
		t.Fatalf("error %v (%T), want an LSP error with code %d", err, err, code)
	}
	if rpc.Code != code {
		t.Errorf("error code %d (%q), want %d", rpc.Code, rpc.Message, code)
	}
	for _, part := range parts {
		if !strings.Contains(rpc.Message, part) {
			t.Errorf("error %q does not say %q", rpc.Message, part)
		}
	}
}

// checkEditingCapabilities checks what initialize advertises of code actions and commands.
func checkEditingCapabilities(t *testing.T, caps protocol.ServerCapabilities) {
	t.Helper()
	opts, ok := caps.CodeActionProvider.(*protocol.CodeActionOptions)
	if !ok || opts.ResolveProvider == nil || !*opts.ResolveProvider {
		t.Errorf("codeActionProvider = %#v, want options with resolveProvider", caps.CodeActionProvider)
	} else if got := opts.CodeActionKinds; len(got) != 2 || got[0] != protocol.CodeActionKindQuickFix || got[1] != "source.fixAll.expertise-ls" {
		t.Errorf("codeActionKinds = %v, want quickfix and source.fixAll.expertise-ls", got)
	}
	want := []string{"expertise.addCatalogEntry", "expertise.addLearning", "expertise.documentEnvVar", "expertise.show", "expertise.touch"}
	if got := caps.ExecuteCommandProvider.Commands; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("executeCommandProvider.commands = %v, want %v", got, want)
	}
}
