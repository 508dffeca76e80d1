package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeWorkspace creates files (slash paths -> content) under a new temp root
// marked as a workspace by a .git directory, and returns the root.
func writeWorkspace(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for rel, content := range files {
		writeFile(t, root, rel, content)
	}
	return root
}

const expertPath = ".agileflow/experts/integrations/expertise.yaml"

// A file missing version (a warning) and with a non-ASCII domain before the
// problem's column on a later line.
const expertMissingVersion = "domain: intégrations\nlast_updated: 2999-01-01\nlearnings:\n  - date: 2026-01-01\n    insight: \"x\"\n"

func runCheck(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code = run(append([]string{"check"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestCheckTextFormatAndExitCodes(t *testing.T) {
	root := writeWorkspace(t, map[string]string{expertPath: expertMissingVersion})
	code, out, errs := runCheck(t, root)
	if code != exitFindings {
		t.Fatalf("exit = %d, want %d; stderr: %s", code, exitFindings, errs)
	}
	wantPrefix := expertPath + ":1:1: warning: "
	if !strings.Contains(out, wantPrefix) || !strings.Contains(out, "[expertise-missing-field]") {
		t.Errorf("text output lacks %q ... [expertise-missing-field]:\n%s", wantPrefix, out)
	}
	if !strings.Contains(out, "[expertise-stale]") {
		t.Errorf("a last_updated in the future should be stale:\n%s", out)
	}
	// Only warnings: --fail-on error passes, and the findings are still printed.
	code, out, _ = runCheck(t, root, "--fail-on", "error")
	if code != exitOK || out == "" {
		t.Errorf("--fail-on error: exit %d, output %q; want 0 with findings printed", code, out)
	}
}

func TestCheckPathsRelativeToCurrentDirectory(t *testing.T) {
	root := writeWorkspace(t, map[string]string{expertPath: expertMissingVersion})
	code, out, errs := runCheck(t, filepath.Join(root, ".agileflow"), ".")
	if code != exitFindings {
		t.Fatalf("exit = %d; stderr: %s", code, errs)
	}
	if !strings.HasPrefix(out, "experts/integrations/expertise.yaml:1:1:") {
		t.Errorf("path not relative to the current directory:\n%s", out)
	}
}

func TestCheckJSON(t *testing.T) {
	root := writeWorkspace(t, map[string]string{expertPath: "domain: x\nversion: 1\nlast_updated: \"2026/01/01\"\nlearnings: [{date: 2026-01-01, insight: ok}]\n"})
	code, out, errs := runCheck(t, root, "--format", "json")
	if code != exitFindings {
		t.Fatalf("exit = %d; stderr: %s", code, errs)
	}
	var report struct {
		Version     int `json:"version"`
		Diagnostics []struct {
			Path  string `json:"path"`
			Range struct {
				Start struct{ Line, Character int }
				End   struct{ Line, Character int }
			} `json:"range"`
			Severity, Code, Message, Source string
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if report.Version != 1 || len(report.Diagnostics) == 0 {
		t.Fatalf("report = %+v", report)
	}
	var found bool
	for _, d := range report.Diagnostics {
		if d.Code == "expertise-schema" && strings.Contains(d.Message, "YYYY-MM-DD") {
			found = true
			// last_updated's value: line 2 (0-based), from column 14 (after the key and a space).
			if d.Range.Start.Line != 2 || d.Range.Start.Character != 14 || d.Source != "expertise-ls" || d.Path != expertPath {
				t.Errorf("diagnostic = %+v", d)
			}
		}
	}
	if !found {
		t.Errorf("no expertise-schema date finding in %s", out)
	}
}

func TestCheckSARIF(t *testing.T) {
	root := writeWorkspace(t, map[string]string{expertPath: "domain: x\nversion: [\n"})
	code, out, errs := runCheck(t, root, "--format", "sarif", "--fail-on", "error")
	if code != exitFindings {
		t.Fatalf("exit = %d; stderr: %s", code, errs)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string `json:"id"`
						ShortDescription struct{ Text string }
						Help             struct{ Text string }
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct{ StartLine, StartColumn int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if base := run.OriginalURIBaseIDs["SRCROOT"].URI; !strings.HasPrefix(base, "file://") || !strings.HasSuffix(base, "/") {
		t.Errorf("SRCROOT = %q", base)
	}
	rules := map[string]int{}
	for i, r := range run.Tool.Driver.Rules {
		if r.ShortDescription.Text == "" || r.Help.Text == "" {
			t.Errorf("rule %s lacks description or help", r.ID)
		}
		rules[r.ID] = i
	}
	if len(run.Results) == 0 {
		t.Fatal("no results")
	}
	for _, res := range run.Results {
		if i, ok := rules[res.RuleID]; !ok || i != res.RuleIndex {
			t.Errorf("result %s has ruleIndex %d, rules list it at %d (%v)", res.RuleID, res.RuleIndex, i, ok)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != expertPath || loc.ArtifactLocation.URIBaseID != "SRCROOT" || loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 {
			t.Errorf("location = %+v", loc)
		}
		if res.RuleID == "expertise-syntax" && res.Level != "error" {
			t.Errorf("syntax error level = %q", res.Level)
		}
	}
}

func TestCheckUsageErrors(t *testing.T) {
	root := writeWorkspace(t, map[string]string{"a.ts": "export const x = 1;\n"})
	for _, args := range [][]string{
		{"--format", "xml"},
		{"--fail-on", "fatal"},
		{"no/such/path"},
		{"--config", "missing.json"},
		{"--bogus"},
	} {
		code, _, errs := runCheck(t, root, args...)
		if code != exitUsage || errs == "" {
			t.Errorf("check %v: exit %d, stderr %q; want %d with a message", args, code, errs, exitUsage)
		}
	}
}

func TestCheckCleanWorkspaceExitsZero(t *testing.T) {
	root := writeWorkspace(t, map[string]string{"src/a.ts": "export const greeting = \"hello\";\n"})
	code, out, errs := runCheck(t, root)
	if code != exitOK || out != "" {
		t.Errorf("exit %d, output %q, stderr %q; want 0 and nothing", code, out, errs)
	}
}
