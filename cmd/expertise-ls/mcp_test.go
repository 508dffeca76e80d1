package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// copyExamples copies ./examples into a temporary workspace.
func copyExamples(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS(filepath.Join("..", "..", "examples"))); err != nil {
		t.Fatal(err)
	}
	return root
}

// callTool calls a tool that must succeed and returns its structured output as JSON.
func callTool(t *testing.T, cs *mcp.ClientSession, name string, args map[string]any) string {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: name, Arguments: args})
	if err != nil || res.IsError {
		t.Fatalf("%s: %v %+v", name, err, res)
	}
	var out strings.Builder
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res.StructuredContent); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestMCPBinary drives the real binary, expertise-ls mcp started in a
// folder of the workspace, with the SDK's client over its stdin and
// stdout: the workflow from the plan to the learning, seen on disk.
func TestMCPBinary(t *testing.T) {
	bin, err := lsptest.Build("github.com/expertise-ls/expertise-ls/cmd/expertise-ls", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	root := copyExamples(t)
	cmd := exec.Command(bin, "mcp")
	cmd.Dir = filepath.Join(root, "src", "integrations") // the root is found from here, as check finds it
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "e2e", Version: "1"}, nil).Connect(context.Background(), &mcp.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := cs.Close(); err != nil {
			t.Errorf("closing: %v", err)
		}
		if stderr.Len() > 0 {
			t.Errorf("the server wrote to stderr: %s", stderr.String())
		}
	}()
	tools, err := cs.ListTools(context.Background(), nil)
	if err != nil || len(tools.Tools) != 7 {
		t.Fatalf("tools: %v %+v", err, tools)
	}
	if plan := callTool(t, cs, "integration_plan", map[string]any{"service": "Stripe"}); !strings.Contains(plan, `"cataloged":true`) ||
		!strings.Contains(plan, `"stripe-signature"`) {
		t.Errorf("plan: %s", plan)
	}
	found := callTool(t, cs, "check", map[string]any{"paths": []string{"src/integrations/clients/stripe.ts"}})
	var report struct {
		Findings []struct {
			Path         string
			Line, Column int
			Code         string
		}
	}
	if err := json.Unmarshal([]byte(found), &report); err != nil || len(report.Findings) != 1 || strings.Contains(found, "sk_live_") {
		t.Fatalf("check: %v %s", err, found)
	}
	if f := report.Findings[0]; f.Path != "src/integrations/clients/stripe.ts" || f.Line != 4 || f.Column != 28 || f.Code != "hardcoded-secret" {
		t.Errorf("check: %+v", f)
	}
	diff := callTool(t, cs, "fix_apply", map[string]any{"path": "src/integrations/clients/stripe.ts", "line": 4, "code": "hardcoded-secret",
		"title": "Move to environment variable STRIPE_API_KEY"})
	if !strings.Contains(diff, `<redacted>`) || strings.Contains(diff, "sk_live_") {
		t.Errorf("fix diff: %s", diff)
	}
	client, _ := os.ReadFile(filepath.Join(root, "src", "integrations", "clients", "stripe.ts"))
	if !strings.Contains(string(client), "new Stripe(process.env.STRIPE_API_KEY, {") {
		t.Errorf("stripe.ts on disk:\n%s", client)
	}
	callTool(t, cs, "learning_add", map[string]any{"insight": "Stripe keys come from STRIPE_API_KEY, never the code", "context": "e2e"})
	expert, _ := os.ReadFile(filepath.Join(root, ".agileflow", "experts", "integrations", "expertise.yaml"))
	if !strings.Contains(string(expert), "insight: \"Stripe keys come from STRIPE_API_KEY, never the code\"") {
		t.Errorf("expert on disk:\n%s", expert)
	}
}

// TestMCPCmdInProcess runs the subcommand on pipes with --root and checks
// that it exits cleanly once the client hangs up.
func TestMCPCmdInProcess(t *testing.T) {
	root := copyExamples(t)
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int)
	go func() {
		code := run([]string{"mcp", "--root", root}, inR, outW, &stderr)
		outW.Close()
		done <- code
	}()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "pipe", Version: "1"}, nil).Connect(context.Background(), &mcp.IOTransport{Reader: outR, Writer: inW}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := callTool(t, cs, "expertise_get", map[string]any{"domain": "analytics"}); !strings.Contains(got, `"expertise-missing-field"`) {
		t.Errorf("expertise_get: %s", got)
	}
	cs.Close()
	if code := <-done; code != exitOK {
		t.Errorf("exit %d, stderr %s", code, stderr.String())
	}
}

func TestMCPCmdUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"mcp", "--root", filepath.Join(t.TempDir(), "missing")}, strings.NewReader(""), &out, &errb); code != exitUsage ||
		!strings.Contains(errb.String(), "--root") || out.Len() > 0 {
		t.Errorf("missing root: exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
	out.Reset()
	if code := run([]string{"help"}, strings.NewReader(""), &out, &errb); code != exitOK || !strings.Contains(out.String(), "\n  mcp ") {
		t.Errorf("usage lacks mcp:\n%s", out.String())
	}
}
