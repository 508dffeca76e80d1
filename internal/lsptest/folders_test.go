package lsptest_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// Issue 10: every workspace folder has its own root, expertise and env
// files, and a file is judged against its own folder.

// twoFolders has the same source in folders a and b; only a's
// .env.example documents the env var it reads.
func twoFolders() map[string]string {
	src := "export const hook = process.env.SLACK_WEBHOOK_URL;\n"
	return map[string]string{
		"a/" + expertPath:  integrationsExpert(today()),
		"a/.env.example":   "SLACK_WEBHOOK_URL=\n",
		"a/" + stayTrueSrc: src,
		"b/" + expertPath:  integrationsExpert(today()),
		"b/.env.example":   "STRIPE_SECRET_KEY=\n",
		"b/" + stayTrueSrc: src,
	}
}

// TestTwoFoldersJudgedPerFolder: a's file is judged against a's env
// example (documented), b's against b's (not); b's fix writes b's env
// example and leaves a's alone.
func TestTwoFoldersJudgedPerFolder(t *testing.T) {
	p := startWorkspace(t, lsptest.Options{Folders: []string{"a", "b"}}, twoFolders())
	p.OpenFile("a/" + stayTrueSrc)
	p.OpenFile("b/" + stayTrueSrc)
	p.AwaitDiagnostics("a/"+stayTrueSrc, "a's file judged against a", func(pub lsptest.Publication) bool {
		return pub.Version == 1 && !missing(pub, "SLACK_WEBHOOK_URL")
	})
	pub := p.AwaitDiagnostics("b/"+stayTrueSrc, "b's file judged against b", func(pub lsptest.Publication) bool {
		return pub.Version == 1 && missing(pub, "SLACK_WEBHOOK_URL")
	})
	p.ApplyCodeAction(p.QuickFix("b/"+stayTrueSrc, findingNaming(t, pub, "SLACK_WEBHOOK_URL"), "Document SLACK_WEBHOOK_URL in .env.example"))
	if got := onDisk(t, p, "b/.env.example"); got != "STRIPE_SECRET_KEY=\nSLACK_WEBHOOK_URL=\n" {
		t.Errorf("b/.env.example = %q, want SLACK_WEBHOOK_URL added", got)
	}
	if got := onDisk(t, p, "a/.env.example"); got != "SLACK_WEBHOOK_URL=\n" {
		t.Errorf("a/.env.example = %q, want it untouched", got)
	}
	saveAndAwait(t, p, "b/"+stayTrueSrc, "b's finding gone", func(pub lsptest.Publication) bool { return !missing(pub, "SLACK_WEBHOOK_URL") })

	// A command names its folder when several could take it.
	_, err := p.ExecuteCommand("expertise.addLearning", map[string]any{"insight": "Slack hooks rotate"})
	wantError(t, err, -32803, "folder")
	if _, err := p.ExecuteCommand("expertise.addLearning", map[string]any{"insight": "Slack hooks rotate", "folder": string(p.URI("b"))}); err != nil {
		t.Fatalf("addLearning in folder b: %v", err)
	}
	if !strings.Contains(onDisk(t, p, "b/"+expertPath), "Slack hooks rotate") || strings.Contains(onDisk(t, p, "a/"+expertPath), "Slack hooks rotate") {
		t.Error("the learning went elsewhere than folder b's expert")
	}
}

// TestWorkspaceFolderAdded: a file of a folder that is not open yet is
// judged without its folder's env example; once its folder is added,
// against it; once removed, without it again.
func TestWorkspaceFolderAdded(t *testing.T) {
	files := twoFolders()
	files["b/.env.example"] = "SLACK_WEBHOOK_URL=\n"
	p := startWorkspace(t, lsptest.Options{Folders: []string{"a"}}, files)
	rel := "b/" + stayTrueSrc
	p.OpenFile(rel)
	p.AwaitDiagnostics(rel, "judged without a folder", func(pub lsptest.Publication) bool {
		return pub.Version == 1 && missing(pub, "SLACK_WEBHOOK_URL")
	})
	p.ChangeWorkspaceFolders([]string{"b"}, nil)
	p.AwaitDiagnostics(rel, "judged against folder b", func(pub lsptest.Publication) bool { return !missing(pub, "SLACK_WEBHOOK_URL") })
	p.ChangeWorkspaceFolders(nil, []string{"b"})
	p.AwaitDiagnostics(rel, "judged without a folder again", func(pub lsptest.Publication) bool { return missing(pub, "SLACK_WEBHOOK_URL") })
}

// TestWatchersFollowExpertisePaths: changing expertise.paths replaces the
// file watchers' registration with one that watches the new globs.
func TestWatchersFollowExpertisePaths(t *testing.T) {
	opts := lsptest.Options{WatchFiles: true, Settings: map[string]any{}}
	p := startWorkspace(t, opts, map[string]string{expertPath: integrationsExpert(today())})
	p.ChangeSettings(map[string]any{"expertise": map[string]any{"paths": []string{"docs/experts/*.yaml"}}})
	p.Await("the watchers registered again with docs/experts/*.yaml", func() bool {
		return p.Unregistrations() == 1 && slices.Contains(watchedGlobs(t, p.Registrations()), "docs/experts/*.yaml")
	})
	if n := len(p.Registrations()); n != 1 {
		t.Errorf("%d registrations in force, want 1", n)
	}
}

// watchedGlobs returns the glob patterns of file watcher registrations.
func watchedGlobs(t *testing.T, regs []protocol.Registration) []string {
	t.Helper()
	var out []string
	for _, r := range regs {
		if r.Method != protocol.MethodWorkspaceDidChangeWatchedFiles {
			continue
		}
		var opts struct {
			Watchers []struct {
				GlobPattern string `json:"globPattern"`
			} `json:"watchers"`
		}
		raw, err := json.Marshal(r.RegisterOptions)
		if err == nil {
			err = json.Unmarshal(raw, &opts)
		}
		if err != nil {
			t.Fatalf("registration options: %v", err)
		}
		for _, w := range opts.Watchers {
			out = append(out, w.GlobPattern)
		}
	}
	return out
}
