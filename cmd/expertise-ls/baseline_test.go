package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Provider-shaped keys, built from pieces so that no scanner flags this file.
var (
	oldKey = "sk_" + "live_" + "71puIjxIh9UesmQqmjR4YfKNQQhQhX4j82keKPgClQA71L2G5"
	newKey = "sk_" + "live_" + "Qx8vR2mTz7LpW4nKc9HsJd3FgYb6NaEu1VoXi5ZqTrMw0PlS"
)

// oldServer is the code a team had before adopting expertise-ls: a
// hardcoded key and a Stripe webhook handler that never verifies.
func oldServer() string {
	return `import express from "express";

const app = express();
const stripeKey = "` + oldKey + `";

function helper() {
  return 1;
}

app.post("/webhooks/stripe", (req, res) => {
  const event = req.body;
  handle(event);
  res.sendStatus(200);
});

app.listen(3000);
`
}

// stripeHandler is oldServer's webhook handler, to move around.
const stripeHandler = `app.post("/webhooks/stripe", (req, res) => {
  const event = req.body;
  handle(event);
  res.sendStatus(200);
});
`

func writeFile(t *testing.T, root, rel, content string) {
	t.Helper()
	path := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// codes lists "path:line [code]" of each finding of text output.
func codes(out string) []string {
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		parts := strings.SplitN(line, ":", 3)
		code := line[strings.LastIndex(line, "[")+1 : len(line)-1]
		got = append(got, parts[0]+":"+parts[1]+" ["+code+"]")
	}
	return got
}

func TestBaselineAdoption(t *testing.T) {
	root := writeWorkspace(t, map[string]string{
		"src/server.ts": oldServer(),
		expertPath:      expertMissingVersion,
	})
	const file = ".expertise-baseline.json"

	code, out, errs := runCheck(t, root)
	if code != exitFindings || len(codes(out)) < 3 {
		t.Fatalf("before the baseline: exit %d, findings:\n%s", code, out)
	}
	before := len(codes(out))

	code, out, errs = runCheck(t, root, "--write-baseline", file)
	if code != exitOK || out != "" || !strings.Contains(errs, "wrote ") {
		t.Fatalf("--write-baseline: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	written := mustRead(t, filepath.Join(root, file))
	var parsed struct {
		Tool     string           `json:"tool"`
		Version  int              `json:"version"`
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(written), &parsed); err != nil || parsed.Tool != "expertise-ls" || parsed.Version != 1 || len(parsed.Findings) != before {
		t.Fatalf("baseline file (%v):\n%s\nwant %d findings", err, written, before)
	}
	for _, e := range parsed.Findings {
		if len(e) != 4 || e["rule"] == nil || e["path"] == nil || e["fingerprint"] == nil || e["line"] == nil {
			t.Errorf("entry %v: want exactly rule, path, fingerprint, line", e)
		}
	}
	if strings.Contains(written, oldKey[:12]) || strings.Contains(written, "sk_l") {
		t.Fatalf("the baseline holds the key or its masked prefix:\n%s", written)
	}

	code, out, errs = runCheck(t, root, "--baseline", file)
	if code != exitOK || out != "" || errs != "" {
		t.Fatalf("with the baseline: exit %d, stdout %q, stderr %q; want 0 and nothing", code, out, errs)
	}

	// A new secret in a new file and a new unverified handler beside the
	// old one: the only findings.
	writeFile(t, root, "src/billing.ts", "export const billingKey = \""+newKey+"\";\n")
	writeFile(t, root, "src/server.ts", strings.Replace(oldServer(), "app.listen(3000);", `app.post("/webhooks/github", (req, res) => {
  res.sendStatus(204);
});

app.listen(3000);`, 1))
	code, out, errs = runCheck(t, root, "--baseline", file)
	want := []string{"src/billing.ts:1 [hardcoded-secret]", "src/server.ts:16 [unverified-webhook]"}
	if got := codes(out); code != exitFindings || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("new code: exit %d, findings %q, want %q (stderr %s)", code, got, want, errs)
	}
	if strings.Contains(out, newKey) || strings.Contains(errs, newKey) {
		t.Fatal("the report holds the new key")
	}

	// The old code moved: the handler cut and pasted at the end, blank lines
	// above the key. Still baselined.
	os.Remove(filepath.Join(root, "src/billing.ts"))
	moved := strings.Replace(oldServer(), stripeHandler, "", 1)
	moved = strings.Replace(moved, "const stripeKey", "\n\n\nconst stripeKey", 1)
	moved += "\n// moved here\n" + stripeHandler
	writeFile(t, root, "src/server.ts", moved)
	handlerLine := strings.Count(moved[:strings.Index(moved, stripeHandler)], "\n") + 1
	code, out, _ = runCheck(t, root)
	if got, want := codes(out), fmt.Sprintf("src/server.ts:%d [unverified-webhook]", handlerLine); code != exitFindings || len(got) != before || !slices.Contains(got, want) {
		t.Fatalf("moved code without the baseline: exit %d, findings %q; want %s among them", code, got, want)
	}
	code, out, errs = runCheck(t, root, "--baseline", file)
	if code != exitOK || out != "" || errs != "" {
		t.Fatalf("moved old code with the baseline: exit %d, stdout %q, stderr %q; want 0 and nothing", code, out, errs)
	}

	// The old key removed: its entry is stale, counted, then pruned.
	writeFile(t, root, "src/server.ts", strings.Replace(moved, oldKey, "", 1))
	code, out, errs = runCheck(t, root, "--baseline", file)
	if code != exitOK || out != "" || !strings.Contains(errs, "baseline "+file+": 1 entry no longer matches; --baseline-prune removes them") {
		t.Fatalf("stale entry: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if mustRead(t, filepath.Join(root, file)) != written {
		t.Fatal("without --baseline-prune the baseline changed")
	}
	code, _, errs = runCheck(t, root, "--baseline", file, "--baseline-prune")
	if code != exitOK || !strings.Contains(errs, "removed src/server.ts:4 [hardcoded-secret]") {
		t.Fatalf("--baseline-prune: exit %d, stderr %q", code, errs)
	}
	if pruned := mustRead(t, filepath.Join(root, file)); strings.Count(pruned, `"rule"`) != before-1 || strings.Contains(pruned, "hardcoded-secret") {
		t.Fatalf("pruned baseline:\n%s", pruned)
	}
	if code, out, errs = runCheck(t, root, "--baseline", file); code != exitOK || out != "" || errs != "" {
		t.Fatalf("after pruning: exit %d, stdout %q, stderr %q", code, out, errs)
	}

	// The server's setting, in a settings file, is check's --baseline too.
	writeFile(t, root, "settings.json", `{"baseline": "`+file+`"}`)
	if code, out, errs = runCheck(t, filepath.Join(root, "src"), "--config", filepath.Join(root, "settings.json"), ".."); code != exitOK || out != "" {
		t.Fatalf("--config with a baseline setting: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, _ = runCheck(t, root); code != exitFindings {
		t.Fatalf("without the baseline: exit %d, want %d", code, exitFindings)
	}

	// A check of one file counts as stale only the entries of that file.
	code, _, errs = runCheck(t, root, "--baseline", file, "src/server.ts")
	if code != exitOK || errs != "" {
		t.Fatalf("check of one file: exit %d, stderr %q", code, errs)
	}
}

func TestBaselineBadInput(t *testing.T) {
	root := writeWorkspace(t, map[string]string{"src/server.ts": oldServer()})
	for name, c := range map[string]struct{ content, want string }{
		"corrupt.json":  {"{\"tool\": \"expertise-ls\", \"version\": 1, \"findings\": [\n  {\"rule\": \"x\"\n", "line 3"},
		"gitleaks.json": {`[{"Description": "Stripe", "RuleID": "stripe-access-token"}]`, "corrupt"},
		"other.json":    {`{"tool": "semgrep", "version": 1, "findings": []}`, `not an expertise-ls baseline: "tool" is "semgrep"`},
		"future.json":   {`{"tool": "expertise-ls", "version": 9, "findings": []}`, "version 9"},
		"entries.json":  {`{"tool": "expertise-ls", "version": 1, "findings": [{"rule": "r", "path": "a.ts", "fingerprint": "zz", "line": 1}]}`, "findings[0]: fingerprint"},
	} {
		writeFile(t, root, name, c.content)
		code, out, errs := runCheck(t, root, "--baseline", name)
		want := c.want
		if want == "corrupt" {
			want = "not a baseline: line 1"
		}
		if code != exitUsage || out != "" || !strings.Contains(errs, "baseline "+name+": ") || !strings.Contains(errs, want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %d, a message naming the file and %q", name, code, out, errs, exitUsage, want)
		}
	}
	for _, args := range [][]string{
		{"--baseline", "missing.json"},
		{"--baseline-prune"},
		{"--write-baseline", "b.json", "--since", "HEAD"},
		{"--write-baseline", "b.json", "--baseline", "b.json"},
		{"--write-baseline", filepath.Join("no", "such", "dir", "b.json")},
	} {
		code, out, errs := runCheck(t, root, args...)
		if code != exitUsage || out != "" || errs == "" {
			t.Errorf("check %v: exit %d, stdout %q, stderr %q; want %d with a reason", args, code, out, errs, exitUsage)
		}
	}
	two := writeWorkspace(t, map[string]string{"a.ts": "export const a = 1;\n"})
	if code, _, errs := runCheck(t, root, "--write-baseline", "b.json", ".", two); code != exitUsage || !strings.Contains(errs, "one workspace") {
		t.Errorf("two workspaces: exit %d, stderr %q", code, errs)
	}
}

// gitRepo makes a git repository of files, committed, and returns its top.
func gitRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed: ", err)
	}
	top := t.TempDir()
	for _, v := range []string{"GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"} {
		t.Setenv(v, "test")
	}
	for _, v := range []string{"GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"} {
		t.Setenv(v, "test@example.com")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	for rel, content := range files {
		writeFile(t, top, rel, content)
	}
	runGit(t, top, "init", "-q", "-b", "main")
	runGit(t, top, "add", "-A")
	runGit(t, top, "commit", "-q", "-m", "old code")
	return top
}

func runGit(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func TestSinceReportsOnlyChangedLines(t *testing.T) {
	top := gitRepo(t, map[string]string{
		"src/server.ts": oldServer(),
		"src/other.ts":  "export const otherKey = \"" + oldKey + "\";\n",
		"src/gone.ts":   "export const x = 1;\n",
	})
	code, out, _ := runCheck(t, top)
	if got := codes(out); code != exitFindings || len(got) != 3 {
		t.Fatalf("whole tree: exit %d, findings %q; want three", code, got)
	}
	code, out, errs := runCheck(t, top, "--since", "HEAD")
	if code != exitOK || out != "" || errs != "" {
		t.Fatalf("nothing changed: exit %d, stdout %q, stderr %q", code, out, errs)
	}

	// Two lines changed: one line above the old handler (no finding), and
	// a new key replacing a harmless line. An untracked file counts whole;
	// a deleted file and a line added with "++" do not confuse the parse.
	changed := strings.Replace(oldServer(), "function helper() {", "function helper2() {", 1)
	changed = strings.Replace(changed, "  return 1;", "  return \""+newKey+"\";", 1)
	changed += "++ not a header\n"
	writeFile(t, top, "src/server.ts", changed)
	writeFile(t, top, "src/new.ts", "export const k = \""+newKey+"\";\n")
	os.Remove(filepath.Join(top, "src/gone.ts"))
	code, out, errs = runCheck(t, top, "--since", "HEAD")
	want := []string{"src/new.ts:1 [hardcoded-secret]", "src/server.ts:7 [hardcoded-secret]"}
	if got := codes(out); code != exitFindings || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("--since HEAD: exit %d, findings %q, want %q (stderr %s)", code, got, want, errs)
	}
	// Staged changes count too; against the first commit by name as well.
	runGit(t, top, "add", "-A")
	if code, out, _ = runCheck(t, top, "--since", "main"); strings.Join(codes(out), "\n") != strings.Join(want, "\n") {
		t.Errorf("--since main after staging: exit %d, findings %q", code, codes(out))
	}
	// Committed: nothing changed since HEAD, everything new since HEAD~1.
	runGit(t, top, "commit", "-q", "-m", "new code")
	if code, out, _ = runCheck(t, top, "--since", "HEAD"); code != exitOK || out != "" {
		t.Errorf("after commit, --since HEAD: exit %d, %q", code, out)
	}
	if code, out, _ = runCheck(t, top, "--since", "HEAD~1"); strings.Join(codes(out), "\n") != strings.Join(want, "\n") {
		t.Errorf("--since HEAD~1: exit %d, findings %q", code, codes(out))
	}

	for _, rev := range []string{"no-such-branch", "HEAD~5", "--output=x"} {
		code, out, errs = runCheck(t, top, "--since", rev)
		if code != exitUsage || out != "" || !strings.Contains(errs, rev) {
			t.Errorf("--since %s: exit %d, stdout %q, stderr %q; want %d naming it", rev, code, out, errs, exitUsage)
		}
	}
	notGit := writeWorkspace(t, map[string]string{"a.ts": "export const a = 1;\n"})
	os.Remove(filepath.Join(notGit, ".git"))
	os.MkdirAll(filepath.Join(notGit, ".agileflow"), 0o755)
	if code, _, errs = runCheck(t, notGit, "--since", "HEAD"); code != exitUsage || !strings.Contains(errs, "not in a git repository") {
		t.Errorf("outside git: exit %d, stderr %q", code, errs)
	}
}

func TestSinceInAWorkspaceBelowTheRepositoryTop(t *testing.T) {
	top := gitRepo(t, map[string]string{
		"app/.agileflow/experts/x/README.md": "x\n",
		"app/src/a.ts":                       "export const a = 1;\nexport const b = 2;\n",
		"src/a.ts":                           "export const a = 1;\nexport const b = 2;\n",
	})
	key := "export const b = \"" + newKey + "\";\n"
	writeFile(t, top, "app/src/a.ts", "export const a = 1;\n"+key)
	writeFile(t, top, "src/a.ts", "export const a = 1;\n"+key) // outside the workspace
	code, out, errs := runCheck(t, filepath.Join(top, "app"), "--since", "HEAD")
	if got := codes(out); code != exitFindings || strings.Join(got, ",") != "src/a.ts:2 [hardcoded-secret]" {
		t.Fatalf("workspace app/: exit %d, findings %q (stderr %s)", code, got, errs)
	}
}

func TestSinceAndBaselineTogether(t *testing.T) {
	top := gitRepo(t, map[string]string{"src/server.ts": oldServer()})
	if code, _, errs := runCheck(t, top, "--write-baseline", "baseline.json"); code != exitOK {
		t.Fatalf("--write-baseline: %d %s", code, errs)
	}
	// The line above the old key changed (its context, not its line) and a
	// new key on a changed line. The baseline is matched before --since
	// drops the findings on unchanged lines, so none of its entries is stale.
	changed := strings.Replace(oldServer(), "const app = express();", "const app = express(); // the API", 1)
	changed = strings.Replace(changed, "  return 1;", "  return \""+newKey+"\";", 1)
	writeFile(t, top, "src/server.ts", changed)
	code, out, errs := runCheck(t, top, "--since", "HEAD", "--baseline", "baseline.json")
	if got := codes(out); code != exitFindings || strings.Join(got, ",") != "src/server.ts:7 [hardcoded-secret]" {
		t.Fatalf("exit %d, findings %q (stderr %s); want only the new key", code, got, errs)
	}
	if errs != "" {
		t.Errorf("stderr %q: no entry is stale", errs)
	}
	// Without --since the old key, whose context changed, stays baselined.
	if code, out, _ := runCheck(t, top, "--baseline", "baseline.json"); strings.Join(codes(out), ",") != "src/server.ts:7 [hardcoded-secret]" {
		t.Errorf("without --since: exit %d, findings %q", code, codes(out))
	}
}

func TestSARIFPartialFingerprintsAreTheBaselines(t *testing.T) {
	root := writeWorkspace(t, map[string]string{"src/server.ts": oldServer()})
	if code, _, errs := runCheck(t, root, "--write-baseline", "b.json"); code != exitOK {
		t.Fatalf("--write-baseline: %d %s", code, errs)
	}
	var base struct {
		Findings []struct{ Rule, Fingerprint string }
	}
	if err := json.Unmarshal([]byte(mustRead(t, filepath.Join(root, "b.json"))), &base); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, f := range base.Findings {
		want[f.Rule] = f.Fingerprint
	}
	_, out, _ := runCheck(t, root, "--format", "sarif")
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID              string            `json:"ruleId"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs[0].Results) != 2 || len(want) != 2 {
		t.Fatalf("results %+v, baseline %v", log.Runs[0].Results, want)
	}
	for _, r := range log.Runs[0].Results {
		if got := r.PartialFingerprints[sarifFingerprintKey]; got == "" || got != want[r.RuleID] {
			t.Errorf("%s: partialFingerprints %v, want %s: %s", r.RuleID, r.PartialFingerprints, sarifFingerprintKey, want[r.RuleID])
		}
	}
	if strings.Contains(out, oldKey) {
		t.Error("the SARIF log holds the key")
	}
}
