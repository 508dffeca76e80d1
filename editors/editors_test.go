// Package editors_test runs the editor clients' tests from `go test ./...`:
// the VS Code extension's unit tests and its end-to-end test over the
// server's stdio (Node), the Neovim plugin's headless test and the Emacs
// (Eglot) batch test. The server is built once into a temporary directory.
// A test whose program (node, the extension's node_modules, nvim, emacs) is
// missing skips, except with CI=true, where it fails: CI installs them
// (.ci/run).
package editors_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/expertise-ls/expertise-ls/analysis/checks"
)

// editorTimeout bounds one editor test run; a hung editor fails the test instead of the whole go test run.
const editorTimeout = 5 * time.Minute

var (
	buildOnce sync.Once
	serverBin string
	buildErr  error
	buildOut  []byte

	compileOnce sync.Once
	compileErr  error
	compileOut  []byte
)

// serverBinary builds cmd/expertise-ls once per test binary and returns its path.
func serverBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "expertise-ls-editors-")
		if err != nil {
			buildErr = err
			return
		}
		serverBin = filepath.Join(dir, "expertise-ls")
		cmd := exec.Command("go", "build", "-o", serverBin, "../cmd/expertise-ls")
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("go build ../cmd/expertise-ls: %v\n%s", buildErr, buildOut)
	}
	return serverBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if serverBin != "" {
		_ = os.RemoveAll(filepath.Dir(serverBin))
	}
	os.Exit(code)
}

// require skips the test when ok is false, or fails it when CI=true.
func require(t *testing.T, ok bool, what string) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s: required when CI=true (.ci/run installs it)", what)
	}
	t.Skipf("%s; skipping (set up by .ci/run)", what)
}

func lookPath(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}

// requireVSCodeDeps checks for node and the extension's npm packages.
func requireVSCodeDeps(t *testing.T) {
	t.Helper()
	require(t, lookPath("node"), "node is not on PATH")
	_, err := os.Stat(filepath.Join("vscode", "node_modules", "typescript"))
	require(t, err == nil, "editors/vscode/node_modules is missing (run npm ci in editors/vscode)")
}

// compileExtension type-checks and compiles the extension and its tests to out/, once.
func compileExtension(t *testing.T) {
	t.Helper()
	compileOnce.Do(func() {
		cmd := exec.Command("node", filepath.Join("node_modules", "typescript", "bin", "tsc"), "-p", ".")
		cmd.Dir = "vscode"
		compileOut, compileErr = cmd.CombinedOutput()
	})
	if compileErr != nil {
		t.Fatalf("tsc -p editors/vscode: %v\n%s", compileErr, compileOut)
	}
}

// run runs cmd with a deadline, logs its output and fails the test if it fails.
func run(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	t.Logf("%s (%s):\n%s", strings.Join(cmd.Args, " "), time.Since(start).Round(time.Millisecond), out.String())
	if err != nil {
		t.Fatalf("%s: %v (output above)", strings.Join(cmd.Args, " "), err)
	}
	return out.String()
}

func TestVSCodeUnit(t *testing.T) {
	requireVSCodeDeps(t)
	compileExtension(t)
	ctx, cancel := context.WithTimeout(context.Background(), editorTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "--test", filepath.Join("out", "test", "unit")+string(filepath.Separator))
	cmd.Dir = "vscode"
	run(t, cmd)
}

func TestVSCodeEndToEnd(t *testing.T) {
	requireVSCodeDeps(t)
	compileExtension(t)
	bin := serverBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), editorTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "--test", filepath.Join("out", "test", "e2e")+string(filepath.Separator))
	cmd.Dir = "vscode"
	cmd.Env = append(os.Environ(), "EXPERTISE_LS_BIN="+bin)
	run(t, cmd)
}

func TestNeovimHeadless(t *testing.T) {
	require(t, lookPath("nvim"), "nvim is not on PATH")
	bin := serverBinary(t)
	workspace := copyExamples(t)
	home := t.TempDir() // Neovim's config, data, state and cache (its lsp.log) stay out of the user's
	initLua, err := filepath.Abs(filepath.Join("nvim", "test", "init.lua"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), editorTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "nvim", "--headless", "-i", "NONE", "-u", initLua)
	cmd.Dir = workspace
	cmd.Env = append(os.Environ(),
		"EXPERTISE_LS_BIN="+bin,
		"EXPERTISE_WORKSPACE="+workspace,
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_STATE_HOME="+filepath.Join(home, "state"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
	)
	defer func() {
		if t.Failed() {
			if log, err := os.ReadFile(filepath.Join(home, "cache", "nvim", "lsp.log")); err == nil {
				t.Logf("Neovim's lsp.log (last 4000 bytes):\n%s", log[max(0, len(log)-4000):])
			}
		}
	}()
	out := run(t, cmd)
	if !strings.Contains(out, "steps passed") {
		t.Fatalf("the Neovim test exited 0 without finishing its steps")
	}
}

func TestEmacsEglot(t *testing.T) {
	require(t, lookPath("emacs"), "emacs is not on PATH")
	bin := serverBinary(t)
	workspace := copyExamples(t)
	testEl, err := filepath.Abs(filepath.Join("emacs", "test", "eglot-test.el"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), editorTimeout)
	defer cancel()
	// Batch mode reads no init file; Debian's site-start puts its elpa-eglot on the load-path.
	cmd := exec.CommandContext(ctx, "emacs", "--batch", "-l", testEl)
	cmd.Dir = workspace
	cmd.Env = append(os.Environ(), "EXPERTISE_LS_BIN="+bin, "EXPERTISE_WORKSPACE="+workspace, "HOME="+t.TempDir())
	out := run(t, cmd)
	if !strings.Contains(out, "steps passed") {
		t.Fatalf("the Emacs test exited 0 without finishing its steps")
	}
}

// copyExamples copies the repository's examples/ into a temporary directory:
// the editors edit the copy, never the shipped one.
func copyExamples(t *testing.T) string {
	t.Helper()
	workspace := filepath.Join(t.TempDir(), "examples")
	if err := os.CopyFS(workspace, os.DirFS(filepath.Join("..", "examples"))); err != nil {
		t.Fatalf("copying examples/: %v", err)
	}
	return workspace
}

// TestRuleCodesInEditorDocs checks that the extension's settings schema lists
// exactly the server's diagnostic codes, and that the editors' docs name each.
func TestRuleCodesInEditorDocs(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("vscode", "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var manifest struct {
		Contributes struct {
			Configuration struct {
				Properties map[string]struct {
					PropertyNames struct {
						Enum []string `json:"enum"`
					} `json:"propertyNames"`
				} `json:"properties"`
			} `json:"configuration"`
		} `json:"contributes"`
	}
	if err := json.Unmarshal(raw, &manifest); err != nil {
		t.Fatalf("editors/vscode/package.json: %v", err)
	}
	got := manifest.Contributes.Configuration.Properties["expertise-ls.rules"].PropertyNames.Enum
	var want []string
	for _, r := range checks.Rules() {
		want = append(want, r.Code)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("expertise-ls.rules in editors/vscode/package.json lists\n  %v\nthe server's codes are\n  %v\n(update package.json and RULE_CODES in editors/vscode/src/settings.ts)", got, want)
	}
	for _, doc := range []string{"vscode/README.md", "nvim/doc/expertise_ls.txt"} {
		text, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, code := range want {
			if !bytes.Contains(text, []byte(code)) {
				t.Errorf("editors/%s does not name the rule %s", doc, code)
			}
		}
	}
}
