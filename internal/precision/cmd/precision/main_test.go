package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("corpus/alpha/a.ts", "x", 0o644)
	repos := write("repos.yaml", "- name: alpha\n  repo: o/alpha\n  commit: "+strings.Repeat("a", 40)+"\n", 0o644)
	bin := write("expertise-ls", "#!/bin/sh\necho '{\"version\": 1, \"diagnostics\": [{\"path\": \"a.ts\", \"range\": {\"start\": {\"line\": 0}}, "+
		"\"severity\": \"error\", \"code\": \"c\", \"message\": \"m\"}]}'\nexit 1\n", 0o755)
	fpLabel := write("fp.tsv", "repo\tpath\tline\tcode\tsubject\tverdict\tnote\nalpha\ta.ts\t1\tc\tm\tfp\tn\n", 0o644)
	badLabel := write("bad.tsv", "repo\tpath\tline\tcode\tsubject\tverdict\tnote\nalpha\ta.ts\t1\tc\tm\tmaybe\tn\n", 0o644)
	base := []string{"--corpus", filepath.Join(dir, "corpus"), "--bin", bin, "--repos", repos}
	tests := []struct {
		name     string
		args     []string
		want     int
		wantText string // in stdout or stderr
	}{
		{"report", append(base, "--labels", fpLabel), exitOK, "total"},
		{"precision below the bar", append(base, "--labels", fpLabel, "--fail-below", "0.5"), exitBelow, "precision below 0.50: c"},
		{"bad verdict names file and line", append(base, "--labels", badLabel), exitInput, "bad.tsv:2: verdict"},
		{"bad severity", append(base, "--labels", fpLabel, "--min-severity", "loud"), exitInput, "--min-severity"},
		{"no corpus", []string{"--labels", fpLabel}, exitInput, "want --corpus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			got := run(tt.args, &out, &errb)
			if got != tt.want || !strings.Contains(out.String()+errb.String(), tt.wantText) {
				t.Errorf("exit %d, want %d with %q; stdout:\n%s\nstderr:\n%s", got, tt.want, tt.wantText, out.String(), errb.String())
			}
		})
	}
}
