package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/mcpserver"
)

// TestREADMEListsEveryCode keeps the README's codes table true to the analyzers.
func TestREADMEListsEveryCode(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range checks.Rules() {
		row := "| `" + r.Code + "` | " + r.Severity.String()
		if !strings.Contains(string(readme), row) {
			t.Errorf("README.md's codes table lacks a row starting %q", row)
		}
	}
}

// TestREADMEForAgents keeps the README's agents section true to the server:
// a row for every tool and the clients' config snippets.
func TestREADMEForAgents(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## For agents\n")
	if !ok {
		t.Fatal("README.md has no section ## For agents")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	for _, want := range []string{
		`{"mcpServers": {"expertise-ls": {"command": "expertise-ls", "args": ["mcp"]}}}`,
		`{"servers": {"expertise-ls": {"type": "stdio", "command": "expertise-ls", "args": ["mcp"]}}}`,
		".mcp.json", ".cursor/mcp.json", ".vscode/mcp.json",
	} {
		if !strings.Contains(section, want) {
			t.Errorf("For agents lacks %s", want)
		}
	}
	ctx := context.Background()
	st, ct := mcp.NewInMemoryTransports()
	ss, err := mcpserver.New(mcpserver.Options{Root: t.TempDir()}).Connect(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "readme"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	tools, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tool := range tools.Tools {
		if !strings.Contains(section, "| `"+tool.Name+" {") {
			t.Errorf("For agents' tool table lacks a row for %s", tool.Name)
		}
	}
}
