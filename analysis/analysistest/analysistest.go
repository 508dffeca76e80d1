// Package analysistest runs analyzers over fixture workspaces and checks their
// diagnostics against expectations written in the fixtures themselves, in the
// manner of golang.org/x/tools/go/analysis/analysistest.
//
// A comment containing `want "regexp"` (after //, #, or inside /* */) expects
// a diagnostic starting on that line whose "code: message" matches the
// regexp; several quoted regexps expect several diagnostics. `want+N` and
// `want-N` put the expectation N lines below or above the comment. Every
// diagnostic must be expected and every expectation met.
//
// A fixture workspace may hold expertise-ls.json (settings, as a client would
// send them). The clock is pinned to Today.
package analysistest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// Today is the date fixtures are judged on.
var Today = time.Date(2026, 1, 15, 12, 0, 0, 0, time.Local)

// Result is one file's diagnostics.
type Result struct {
	File        *analysis.File
	Diagnostics []analysis.Diagnostic
}

// Load indexes the fixture workspace at dir with its settings, computing
// the facts that analyzers declare.
func Load(t testing.TB, dir string, analyzers ...*analysis.Analyzer) *analysis.Index {
	t.Helper()
	root, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := analysis.DefaultConfig()
	if raw, err := os.ReadFile(filepath.Join(root, "expertise-ls.json")); err == nil {
		if cfg, err = analysis.DecodeConfig(raw); err != nil {
			t.Fatalf("%s/expertise-ls.json: %v", dir, err)
		}
	}
	cfg.Now = func() time.Time { return Today }
	ix := analysis.NewIndex(root, cfg, analyzers...)
	if err := ix.Build(context.Background()); err != nil {
		t.Fatalf("indexing %s: %v", dir, err)
	}
	return ix
}

// Run indexes the workspace at dir, runs analyzers over every indexed file
// and checks the want expectations. It returns the results for further checks.
func Run(t *testing.T, dir string, analyzers ...*analysis.Analyzer) []Result {
	t.Helper()
	ix := Load(t, dir, analyzers...)
	var results []Result
	for _, path := range ix.Paths() {
		if filepath.Base(path) == "expertise-ls.json" || strings.HasSuffix(path, ".golden") {
			continue
		}
		content, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f := analysis.NewFile(ix.Root, path, syntax.Detect(path), content, nil)
		diags, err := analysis.RunAnalyzers(ix, f, analyzers, analysis.AllFixes)
		if err != nil {
			t.Errorf("%s: %v", f.Rel, err)
		}
		check(t, f, diags)
		results = append(results, Result{File: f, Diagnostics: diags})
		f.Release()
	}
	return results
}

// RunWithFixes is Run, then applies the first fix of every diagnostic in
// each file (edits to that file only) and compares the result with the file's
// .golden twin when one exists.
func RunWithFixes(t *testing.T, dir string, analyzers ...*analysis.Analyzer) []Result {
	t.Helper()
	results := Run(t, dir, analyzers...)
	for _, r := range results {
		golden := r.File.Path + ".golden"
		want, err := os.ReadFile(golden)
		if err != nil {
			continue
		}
		var edits []analysis.TextEdit
		for _, d := range r.Diagnostics {
			if len(d.Fixes) == 0 {
				continue
			}
			for _, e := range d.Fixes[0].Edits {
				if e.Path == r.File.Path {
					edits = append(edits, e)
				}
			}
		}
		got, err := analysis.ApplyEdits(r.File.Content, edits)
		if err != nil {
			t.Errorf("%s: applying fixes: %v", r.File.Rel, err)
			continue
		}
		if string(got) != string(want) {
			t.Errorf("%s: fixed content differs from %s\n--- got ---\n%s\n--- want ---\n%s", r.File.Rel, filepath.Base(golden), got, want)
		}
	}
	return results
}

type expectation struct {
	line int
	re   *regexp.Regexp
	met  bool
}

var wantRE = regexp.MustCompile(`\bwant([+-]\d+)?((?:\s+"(?:[^"\\]|\\.)*")+)`)
var quotedRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// expectations parses the want comments of f.
func expectations(t *testing.T, f *analysis.File) []*expectation {
	var out []*expectation
	for line := 0; line < f.Lines.Count(); line++ {
		text := string(f.Lines.LineText(line))
		if !strings.Contains(text, "want") {
			continue
		}
		for _, m := range wantRE.FindAllStringSubmatch(text, -1) {
			target := line
			if m[1] != "" {
				n, _ := strconv.Atoi(m[1])
				target += n
			}
			for _, q := range quotedRE.FindAllString(m[2], -1) {
				pat, err := strconv.Unquote(q)
				if err != nil {
					t.Errorf("%s:%d: bad want %s: %v", f.Rel, line+1, q, err)
					continue
				}
				re, err := regexp.Compile(pat)
				if err != nil {
					t.Errorf("%s:%d: bad want regexp %q: %v", f.Rel, line+1, pat, err)
					continue
				}
				out = append(out, &expectation{line: target, re: re})
			}
		}
	}
	return out
}

func check(t *testing.T, f *analysis.File, diags []analysis.Diagnostic) {
	t.Helper()
	wants := expectations(t, f)
	var problems []string
	for _, d := range diags {
		if d.Path != f.Path {
			continue // a finding about another file
		}
		text := d.Code + ": " + d.Message
		matched := false
		for _, w := range wants {
			if !w.met && w.line == d.Range.Start.Line && w.re.MatchString(text) {
				w.met, matched = true, true
				break
			}
		}
		if !matched {
			problems = append(problems, fmt.Sprintf("%s:%d:%d: unexpected diagnostic: %s", f.Rel, d.Range.Start.Line+1, d.Range.Start.Col+1, text))
		}
	}
	for _, w := range wants {
		if !w.met {
			problems = append(problems, fmt.Sprintf("%s:%d: no diagnostic matched %q", f.Rel, w.line+1, w.re))
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
}
