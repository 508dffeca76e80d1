package precision

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fakeBin writes a shell script that prints, for check run in a directory
// named N, the canned report out[N], and exits 1.
func fakeBin(t *testing.T, out map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	script := "#!/bin/sh\ncase \"$(basename \"$PWD\")\" in\n"
	for name, report := range out {
		os.WriteFile(filepath.Join(dir, name+".json"), []byte(report), 0o644)
		script += name + ") cat '" + filepath.Join(dir, name+".json") + "'; exit 1;;\n"
	}
	script += "*) echo '{\"version\": 1, \"diagnostics\": []}';;\nesac\n"
	bin := filepath.Join(dir, "expertise-ls")
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

// diag is one canned diagnostic of check's JSON report (0-based line).
func diag(path string, line int, severity, code, message string) string {
	return `{"path": "` + path + `", "range": {"start": {"line": ` + strconv.Itoa(line) + `, "character": 0}, "end": {"line": 0, "character": 0}}, "severity": "` +
		severity + `", "code": "` + code + `", "message": "` + message + `", "source": "expertise-ls"}`
}

func TestRunReport(t *testing.T) {
	corpus := t.TempDir()
	for _, name := range []string{"alpha", "beta"} {
		writeFile(t, filepath.Join(corpus, name, "src", "a.ts"), "x")
		writeFile(t, filepath.Join(corpus, name, "node_modules", "m.js"), "x")
	}
	bin := fakeBin(t, map[string]string{
		"alpha": `{"version": 1, "diagnostics": [` +
			diag("src/a.ts", 11, "warning", "missing-env-var", `STRIPE_KEY is read here but documented nowhere: add it to .env.example`) + `, ` +
			diag("src/a.ts", 20, "error", "hardcoded-secret", `Secret hardcoded in token (eyJh…); read it from the environment (TOKEN)`) + `, ` +
			diag("src/a.ts", 30, "error", "hardcoded-secret", `Secret hardcoded in key (abcd…); read it from the environment (KEY)`) + `, ` +
			diag("src/a.ts", 40, "hint", "expertise-no-learnings", `no learnings`) + `]}`,
	})
	commit := strings.Repeat("a", 40)
	labels := []Label{
		{Key: Key{"alpha", "src/a.ts", "missing-env-var", "STRIPE_KEY"}, Line: 10, Verdict: VerdictTP, Source: "l:2"},
		{Key: Key{"alpha", "src/a.ts", "hardcoded-secret", "secret hardcoded in token; read it from the environment"}, Line: 19, Verdict: VerdictFP, Source: "l:3"},
		{Key: Key{"beta", "src/b.ts", "hardcoded-secret", "gone"}, Line: 5, Verdict: VerdictFP, Source: "l:4"},
		{Key: Key{"beta", "src/c.ts", "missing-env-var", "LOST"}, Line: 5, Verdict: VerdictTP, Source: "l:5"},
	}
	var warn bytes.Buffer
	res, err := Run(context.Background(), Options{
		Corpus: corpus, Bin: bin, MinSeverity: "warning", Warn: &warn, Labels: labels,
		Repos: []Repo{{Name: "alpha", Repo: "o/alpha", Commit: commit}, {Name: "beta", Repo: "o/beta", Commit: commit}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want int
	}{
		{"alpha files (node_modules left out)", res.Repos[0].Files, 1},
		{"findings at or above warning", res.Rules.Total().Findings, 3},
		{"secret tp", res.Rules["hardcoded-secret"].TP, 0},
		{"secret fp", res.Rules["hardcoded-secret"].FP, 1},
		{"secret unlabelled", res.Rules["hardcoded-secret"].Unlabelled, 1},
		{"env tp", res.Rules["missing-env-var"].TP, 1},
		{"beta rules", len(res.Repos[1].Rules), 0},
		{"unlabelled", len(res.Unlabelled), 1},
		{"gone", len(res.Gone), 1},
		{"stale", len(res.Stale), 1},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %d, want %d", tt.name, tt.got, tt.want)
		}
	}
	if !strings.Contains(warn.String(), "alpha: no .git") {
		t.Errorf("no warning about the unverifiable checkout: %q", warn.String())
	}
	var out bytes.Buffer
	if err := WriteReport(&out, res); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"hardcoded-secret  2", "0.00", "missing-env-var   1", "1.00", "fixed/gone", "l:4: beta src/b.ts:5", "stale", "l:5: beta src/c.ts:5", "beta   aaaaaaaaaaaa?  1      -"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	var rows bytes.Buffer
	if err := WriteUnlabelled(&rows, res.Unlabelled); err != nil {
		t.Fatal(err)
	}
	if _, err := ParseLabels("rows", strings.NewReader(strings.ReplaceAll(rows.String(), "\t?\t", "\tfp\t"))); err != nil {
		t.Errorf("unlabelled rows, once judged, do not parse: %v\n%s", err, rows.String())
	}
	if strings.Contains(rows.String(), "abcd") {
		t.Errorf("unlabelled rows echo part of a value:\n%s", rows.String())
	}
}

func TestRunErrors(t *testing.T) {
	commit := strings.Repeat("a", 40)
	repos := []Repo{{Name: "alpha", Repo: "o/alpha", Commit: commit}}
	tests := []struct {
		name    string
		o       Options
		wantErr string
	}{
		{"missing tree", Options{Corpus: t.TempDir(), Repos: repos}, "git clone https://github.com/o/alpha"},
		{"unknown --repo", Options{Corpus: t.TempDir(), Repos: repos, Only: "zeta"}, `--repo "zeta"`},
		{"label of an unknown repo", Options{Corpus: t.TempDir(), Repos: repos, Labels: []Label{{Key: Key{Repo: "zeta"}, Source: "labels.tsv:7"}}}, "labels.tsv:7: repo \"zeta\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(context.Background(), tt.o)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
