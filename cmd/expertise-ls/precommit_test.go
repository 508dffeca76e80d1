package main

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPreCommitHook runs this repository's .pre-commit-hooks.yaml the way a
// user's pre-commit does: `pre-commit try-repo` clones the repository (a
// snapshot of the working tree, see worktreeSnapshot), installs the hook with `go
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
	self := worktreeSnapshot(t)
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

// worktreeSnapshot commits the working tree as it is (tracked files and
// the untracked ones git does not ignore) into a new repository, so that
// try-repo, which clones HEAD and copies changes to tracked files only,
// builds exactly the code under test, new files included.
func worktreeSnapshot(t *testing.T) string {
	t.Helper()
	self := strings.TrimSpace(runGit(t, ".", "rev-parse", "--show-toplevel"))
	files := map[string]string{}
	for _, rel := range strings.Split(runGit(t, self, "ls-files", "-z", "--cached", "--others", "--exclude-standard"), "\x00") {
		if rel == "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(self, filepath.FromSlash(rel)))
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		files[rel] = string(data)
	}
	return gitRepo(t, files)
}
