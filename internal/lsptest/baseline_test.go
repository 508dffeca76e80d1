package lsptest_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// TestBaselineSetting: the editor and CI agree. A baseline that `check
// --write-baseline` wrote hides the old findings from the editor; a new one
// is published; a change of the file on disk (no file watching) applies at
// the next judgement; a broken file is shown and hides nothing.
func TestBaselineSetting(t *testing.T) {
	oldKey := "sk_" + "live_" + "71puIjxIh9UesmQqmjR4YfKNQQhQhX4j82keKPgClQA71L2G5"
	newKey := "sk_" + "live_" + "Qx8vR2mTz7LpW4nKc9HsJd3FgYb6NaEu1VoXi5ZqTrMw0PlS"
	src := "import express from \"express\";\n\nconst app = express();\nconst stripeKey = \"" + oldKey + "\";\n\n" +
		"app.post(\"/webhooks/stripe\", (req, res) => {\n  handle(req.body);\n  res.sendStatus(200);\n});\n"
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := lsptest.Start(t, serverBin, lsptest.Options{Root: root, Settings: map[string]any{"baseline": "ci/baseline.json"}})
	write := p.WriteFile
	write("src/server.ts", src)
	write("ci/README.md", "CI files\n")
	writeBaseline(t, root, "ci/baseline.json")
	written, _ := os.ReadFile(filepath.Join(root, "ci/baseline.json"))
	if strings.Count(string(written), `"rule"`) != 2 {
		t.Fatalf("baseline:\n%s\nwant the key and the handler", written)
	}

	p.OpenFile("src/server.ts")
	first := p.AwaitDiagnostics("src/server.ts", "the first judgement", func(pub lsptest.Publication) bool { return pub.Version == 1 })
	if len(first.Diagnostics) != 0 {
		t.Fatalf("baselined findings published: %v", first.Codes())
	}

	v := p.ReplaceText("src/server.ts", "});\n", "});\n\nexport const billingKey = \""+newKey+"\";\n")
	p.SaveFile("src/server.ts")
	pub := p.AwaitDiagnostics("src/server.ts", "the new key", func(pub lsptest.Publication) bool { return pub.Version == v })
	if len(pub.Diagnostics) != 1 || lsptest.Code(pub.Diagnostics[0]) != "hardcoded-secret" || pub.Diagnostics[0].Range.Start.Line != 10 {
		t.Fatalf("after adding a key on line 11: %v %+v; want only that hardcoded-secret", pub.Codes(), pub.Diagnostics)
	}

	// The baseline emptied on disk, the client says nothing: the next
	// judgement shows every finding.
	time.Sleep(10 * time.Millisecond) // a modification time apart
	write("ci/baseline.json", "{\"tool\": \"expertise-ls\", \"version\": 1, \"findings\": []}\n")
	v = p.ReplaceText("src/server.ts", "handle(req.body);", "handle(req.body); ")
	p.SaveFile("src/server.ts")
	pub = p.AwaitDiagnostics("src/server.ts", "every finding once the baseline is empty", func(pub lsptest.Publication) bool { return pub.Version == v })
	if got := strings.Join(pub.Codes(), ","); strings.Count(got, "hardcoded-secret") != 2 || !strings.Contains(got, "unverified-webhook") {
		t.Fatalf("with an empty baseline: %s; want both keys and the handler", got)
	}

	// A broken baseline: a warning naming it, and every finding.
	write("ci/baseline.json", "{\"tool\": \"gitleaks\"}\n")
	v = p.ReplaceText("src/server.ts", "handle(req.body); ", "handle(req.body);")
	p.SaveFile("src/server.ts")
	pub = p.AwaitDiagnostics("src/server.ts", "every finding with a broken baseline", func(pub lsptest.Publication) bool { return pub.Version == v })
	if len(pub.Diagnostics) != 3 {
		t.Errorf("with a broken baseline: %v; want all three", pub.Codes())
	}
	p.Await("a warning about the broken baseline", func() bool {
		for _, m := range p.Messages() {
			if strings.Contains(m.Message, "ci/baseline.json") && strings.Contains(m.Message, "not an expertise-ls baseline") {
				return true
			}
		}
		return false
	})
	for _, m := range p.Messages() {
		if strings.Contains(m.Message, oldKey[:12]) || strings.Contains(m.Message, newKey[:12]) {
			t.Errorf("a message shows a key: %s", m.Message)
		}
	}
}

// TestBaselineSettingPull: a pulling client's previous result stops being
// current when the baseline file changes on disk, though the document did
// not.
func TestBaselineSettingPull(t *testing.T) {
	key := "sk_" + "live_" + "71puIjxIh9UesmQqmjR4YfKNQQhQhX4j82keKPgClQA71L2G5"
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := lsptest.Start(t, serverBin, lsptest.Options{Root: root, PullDiagnostics: true, Settings: map[string]any{"baseline": filepath.Join(root, "baseline.json")}})
	p.WriteFile("src/pay.ts", "export const key = \""+key+"\";\n")
	writeBaseline(t, root, "baseline.json")
	p.OpenFile("src/pay.ts")
	first := fullReport(t, p.PullDiagnostics("src/pay.ts", ""))
	if len(first.Items) != 0 || first.ResultID == nil {
		t.Fatalf("first pull = %+v, want nothing (baselined) and a result id", first)
	}
	if _, unchanged := p.PullDiagnostics("src/pay.ts", *first.ResultID).(*protocol.RelatedUnchangedDocumentDiagnosticReport); !unchanged {
		t.Fatal("nothing changed: the pull must report unchanged")
	}
	time.Sleep(10 * time.Millisecond)
	p.WriteFile("baseline.json", "{\"tool\": \"expertise-ls\", \"version\": 1, \"findings\": []}\n")
	if got := fullReport(t, p.PullDiagnostics("src/pay.ts", *first.ResultID)); len(got.Items) != 1 || lsptest.Code(got.Items[0]) != "hardcoded-secret" {
		t.Fatalf("after emptying the baseline: %+v, want the key", got.Items)
	}
}

// writeBaseline records the findings of the workspace at root in its file
// rel, as CI would: the binary's check --write-baseline.
func writeBaseline(t *testing.T, root, rel string) {
	t.Helper()
	check := exec.Command(serverBin, "check", "--no-cache", "--write-baseline", rel)
	check.Dir = root
	if out, err := check.CombinedOutput(); err != nil {
		t.Fatalf("check --write-baseline: %v\n%s", err, out)
	}
}
