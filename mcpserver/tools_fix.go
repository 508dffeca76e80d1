package mcpserver

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// fix_apply: one fix that check offered, applied to disk.

type fixIn struct {
	Path  string `json:"path" jsonschema:"the file of the finding, relative to the workspace root"`
	Line  int    `json:"line" jsonschema:"the 1-based line where the finding starts, as check reports it"`
	Code  string `json:"code" jsonschema:"the finding's code, e.g. hardcoded-secret"`
	Title string `json:"title" jsonschema:"the title of the fix, exactly as check lists it in fixes"`
}

type editOut struct {
	Changes []Change `json:"changes" jsonschema:"the files changed, each with its diff; empty when there was nothing to change"`
}

// fixApply judges the file as it is on disk, finds the finding at
// {path, line, code} with a fix of that title and writes the fix's edits
// (of the file and of the expertise or env example files it also
// changes) all or nothing (see analysis.Index.WriteEdits).
func (w *workspace) fixApply(ctx context.Context, in fixIn) (string, editOut, error) {
	path, err := w.resolve("path", in.Path)
	if err != nil {
		return "", editOut{}, err
	}
	content, err := os.ReadFile(path)
	if err != nil {
		return "", editOut{}, argError("path", "%q cannot be read: %v", in.Path, err)
	}
	ix, err := w.index(ctx)
	if err != nil {
		return "", editOut{}, err
	}
	f := analysis.NewFile(ix.Root, path, syntax.Detect(path), content, nil)
	defer f.Release()
	if in.Line < 1 || in.Line > f.Lines.Count() {
		return "", editOut{}, argError("line", "%d is not a line of %s, which has %d", in.Line, in.Path, f.Lines.Count())
	}
	line := in.Line - 1
	// An analyzer that fails loses its own findings only (see
	// analysis.RunAnalyzers): the fix asked for may be another's.
	found, runErr := checks.Run(ix, f, analysis.FixesAt(f.Lines.Range(f.Lines.LineStart(line), f.Lines.LineEnd(line))))
	fix, err := pickFix(found, path, line, in)
	if err != nil {
		if runErr != nil {
			err = fmt.Errorf("%w (judging %s also failed: %v)", err, in.Path, runErr)
		}
		return "", editOut{}, err
	}
	written, err := ix.WriteEdits(ctx, fix.Edits, map[string][]byte{path: content})
	if err != nil {
		return "", editOut{}, err
	}
	out := editOut{Changes: w.changes(ix, written, &judgedFile{path, content, found})}
	return changesSummary(fmt.Sprintf("applied %q", fix.Title), out.Changes), out, nil
}

// pickFix returns the fix titled in.Title of the finding of code in.Code
// starting on line; the error lists what that line offers instead.
func pickFix(found []analysis.Diagnostic, path string, line int, in fixIn) (analysis.SuggestedFix, error) {
	var offered []string
	codeSeen := false
	for _, d := range found {
		if d.Path != path || d.Range.Start.Line != line {
			continue
		}
		for _, fix := range d.Fixes {
			if d.Code == in.Code && fix.Title == in.Title {
				return fix, nil
			}
			offered = append(offered, fmt.Sprintf("%q (%s)", fix.Title, d.Code))
		}
		codeSeen = codeSeen || d.Code == in.Code
	}
	where := fmt.Sprintf("%s:%d", in.Path, in.Line)
	switch {
	case len(offered) == 0:
		return analysis.SuggestedFix{}, argError("line", "no finding with a fix starts at %s (run check for the findings and their lines)", where)
	case !codeSeen:
		return analysis.SuggestedFix{}, argError("code", "no %s finding starts at %s; the fixes there are: %s", in.Code, where, strings.Join(slices.Compact(offered), ", "))
	}
	return analysis.SuggestedFix{}, argError("title", "no fix titled %q for %s at %s; the fixes there are: %s", in.Title, in.Code, where, strings.Join(slices.Compact(offered), ", "))
}

// changesSummary says what an edit tool did, with the diffs.
func changesSummary(did string, changes []Change) string {
	if len(changes) == 0 {
		return "nothing to change"
	}
	var b strings.Builder
	var paths []string
	for _, c := range changes {
		paths = append(paths, c.Path)
	}
	fmt.Fprintf(&b, "%s: changed %s\n", did, strings.Join(paths, ", "))
	for _, c := range changes {
		b.WriteString(c.Diff)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func addFixTool(s *mcp.Server, w *workspace) {
	addTool(s, "fix_apply", "Apply one fix that check offers for a finding, to the files on disk: the same minimal, "+
		"comment-preserving edits as the editor's quick fix, written atomically under the files' locks, all or nothing. "+
		"Returns the diff of every file changed (secrets shown as <redacted>).", hints(false, true, false), w.fixApply)
}
