package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestPreCommitHook runs this repository's .pre-commit-hooks.yaml the way a
// user's pre-commit does: `pre-commit try-repo` clones the repository (with
// its uncommitted changes to tracked files), installs the hook with `go
// install ./...` (language: golang) and runs its entry on the staged files
// it selects. A staged hardcoded key fails the commit; a clean file passes.
// The Go module and build caches are this machine's, and the module proxy
// is off: the install builds what the tests already built. About 20 s a run.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the hook install builds the repository")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("pre-commit is required when CI=true (.ci/run installs it): %v", err)
		}
		t.Skipf("pre-commit not installed: %v", err)
	}
	top := runGit(t, ".", "rev-parse", "--show-toplevel")
	self := strings.TrimSpace(top)
	// try-repo installs the hook from HEAD plus changes to tracked files:
	// new files not yet added would be missing from its build.
	for _, line := range strings.Split(runGit(t, self, "status", "--porcelain", "--untracked-files=all"), "\n") {
		if strings.HasPrefix(line, "?? ") && strings.HasSuffix(line, ".go") {
			if os.Getenv("CI") == "true" {
				t.Fatalf("untracked Go file %s: pre-commit try-repo would build without it", line[3:])
			}
			t.Skipf("untracked Go file %s: git add it (pre-commit try-repo builds only tracked files)", line[3:])
		}
	}
	repo := gitRepo(t, map[string]string{"README.md": "a project\n"})
	writeFile(t, repo, "src/pay.ts", "export const key = \""+newKey+"\";\n")
	writeFile(t, repo, "src/clean.ts", "export const greeting = \"hello\";\n")
	runGit(t, repo, "add", "src")

	env := append(os.Environ(), "PRE_COMMIT_HOME="+t.TempDir(), "GOPROXY=off")
	for _, v := range []string{"GOMODCACHE", "GOCACHE"} {
		out, err := exec.Command("go", "env", v).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", v, err)
		}
		env = append(env, v+"="+strings.TrimSpace(string(out)))
	}
	try := func(file string) (int, string) {
		t.Helper()
		start := time.Now()
		cmd := exec.Command("pre-commit", "try-repo", self, "expertise-ls", "--files", file)
		cmd.Dir, cmd.Env = repo, env
		out, err := cmd.CombinedOutput()
		t.Logf("pre-commit try-repo --files %s: %v", file, time.Since(start).Round(time.Millisecond))
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("pre-commit: %v\n%s", err, out)
		}
		return code, string(out)
	}

	code, out := try("src/pay.ts")
	if code == 0 || !strings.Contains(out, "src/pay.ts:1:") || !strings.Contains(out, "[hardcoded-secret]") || !strings.Contains(out, "expertise-ls") {
		t.Fatalf("staged key: exit %d, want a failure naming the finding:\n%s", code, out)
	}
	if strings.Contains(out, newKey) {
		t.Fatalf("the hook's output shows the key:\n%s", out)
	}
	code, out = try("src/clean.ts")
	if code != 0 || !strings.Contains(out, "Passed") {
		t.Fatalf("clean file: exit %d, want 0 and Passed:\n%s", code, out)
	}
}
