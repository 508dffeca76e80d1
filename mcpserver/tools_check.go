package mcpserver

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// check: the findings of the whole workspace or of some of its files, with
// the fixes fix_apply can apply.

type checkIn struct {
	Paths []string `json:"paths,omitempty" jsonschema:"files or folders to report on, relative to the workspace root; the whole workspace when omitted"`
	Rules []string `json:"rules,omitempty" jsonschema:"report only findings of these codes, e.g. hardcoded-secret, unverified-webhook"`
}

type checkOut struct {
	Findings []Finding      `json:"findings"`
	Files    int            `json:"files_judged" jsonschema:"how many files were judged"`
	Counts   map[string]int `json:"counts" jsonschema:"findings per severity"`
	Problems []string       `json:"problems,omitempty" jsonschema:"files that could not be judged in full"`
}

// maxSummaryFindings bounds the findings the text summary lists.
const maxSummaryFindings = 20

func (w *workspace) check(ctx context.Context, in checkIn) (string, checkOut, error) {
	var targets []string
	for i, p := range in.Paths {
		arg := fmt.Sprintf("paths[%d]", i)
		abs, err := w.resolve(arg, p)
		if err != nil {
			return "", checkOut{}, err
		}
		if _, err := os.Stat(abs); err != nil {
			return "", checkOut{}, argError(arg, "%q does not exist in the workspace", p)
		}
		targets = append(targets, abs)
	}
	if len(targets) == 0 {
		targets = []string{w.root}
	}
	for i, code := range in.Rules {
		if _, ok := checks.RuleFor(code); !ok {
			var codes []string
			for _, r := range checks.Rules() {
				codes = append(codes, r.Code)
			}
			return "", checkOut{}, argError(fmt.Sprintf("rules[%d]", i), "unknown code %q; the codes are: %s", code, strings.Join(codes, ", "))
		}
	}
	ix, err := w.index(ctx)
	if err != nil {
		return "", checkOut{}, err
	}
	var paths []string
	for _, p := range ix.Paths() {
		if slices.ContainsFunc(targets, func(t string) bool { return walk.Within(t, p) }) {
			paths = append(paths, p)
		}
	}
	found, problems := w.judge(ix, paths)
	out := checkOut{Findings: []Finding{}, Files: len(paths), Counts: map[string]int{}, Problems: problems}
	for _, f := range found {
		if len(in.Rules) == 0 || slices.Contains(in.Rules, f.Code) {
			out.Findings = append(out.Findings, f)
			out.Counts[f.Severity]++
		}
	}
	return checkSummary(out), out, nil
}

// checkSummary is the count of findings and the first of them, one a line
// as the check command prints them.
func checkSummary(out checkOut) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s in %s", expertise.Plural(len(out.Findings), "finding"), expertise.Plural(out.Files, "file"))
	var parts []string
	for _, sev := range []string{"error", "warning", "info", "hint"} {
		if n := out.Counts[sev]; n > 0 {
			if sev == "info" {
				parts = append(parts, fmt.Sprintf("%d info", n))
			} else {
				parts = append(parts, expertise.Plural(n, sev))
			}
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	b.WriteString(".")
	for i, f := range out.Findings {
		if i == maxSummaryFindings {
			fmt.Fprintf(&b, "\n... and %d more", len(out.Findings)-i)
			break
		}
		fixes := ""
		if len(f.Fixes) > 0 {
			fixes = " fixes: " + strings.Join(f.Fixes, " | ")
		}
		fmt.Fprintf(&b, "\n%s:%d:%d: %s: %s [%s]%s", f.Path, f.Line, f.Column, f.Severity, f.Message, f.Code, fixes)
	}
	return b.String()
}
