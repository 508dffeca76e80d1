package mcpserver

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayers: mcpserver is glue beside lsp, never above it, and no MCP type
// reaches the packages that judge and edit.
func TestLayers(t *testing.T) {
	deps := func(pkgs ...string) []string {
		out, err := exec.Command("go", append([]string{"list", "-deps"}, pkgs...)...).Output()
		if err != nil {
			t.Fatalf("go list -deps %v: %v", pkgs, err)
		}
		return strings.Fields(string(out))
	}
	const module = "github.com/expertise-ls/expertise-ls/"
	for _, d := range deps(".") {
		if d == module+"lsp" || strings.HasPrefix(d, module+"lsp/") || strings.HasPrefix(d, "go.lsp.dev/") {
			t.Errorf("mcpserver depends on %s", d)
		}
	}
	for _, d := range deps("../analysis/...", "../expertise/...") {
		if strings.HasPrefix(d, "github.com/modelcontextprotocol/") || d == module+"mcpserver" {
			t.Errorf("analysis or expertise depends on %s", d)
		}
	}
}
