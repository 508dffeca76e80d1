package mcpserver

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// workspace is the folder a server serves.
type workspace struct {
	root      string
	cfg       *analysis.Config
	resources *resourceSet          // nil: no resources to keep up to date
	facts     *analysis.MemoryCache // the facts of files read by earlier calls, by their metadata
}

// index builds the workspace's index from disk, as check does: every call
// sees the files as they are now, whoever changed them since. Files whose
// size and modification time have not changed since an earlier call are
// not read again (their facts are in w.facts).
func (w *workspace) index(ctx context.Context) (*analysis.Index, error) {
	ix := checks.NewIndex(w.root, w.cfg)
	if w.facts != nil {
		ix.SetFactCache(w.facts)
	}
	if err := ix.Build(ctx); err != nil {
		return nil, fmt.Errorf("indexing %s: %w", w.root, err)
	}
	if w.resources != nil {
		w.resources.sync(ix.Experts())
	}
	return ix, nil
}

// resolve returns the absolute path a path argument names: relative to the
// workspace root, or absolute. One outside the workspace (by "..", an
// absolute path elsewhere, or a symbolic link out of it) is refused with
// an error naming the argument.
func (w *workspace) resolve(arg, value string) (string, error) {
	if strings.TrimSpace(value) == "" {
		return "", argError(arg, "is empty; give a path relative to the workspace root %s", w.root)
	}
	p, ok := walk.Resolve(w.root, value)
	if !ok {
		return "", argError(arg, "%q is outside the workspace %s; expertise-ls reads and writes only inside it", value, w.root)
	}
	return p, nil
}

// rel returns path relative to the root, with forward slashes.
func (w *workspace) rel(path string) string {
	if r, err := filepath.Rel(w.root, path); err == nil {
		return filepath.ToSlash(r)
	}
	return path
}

// Finding is one finding as the tools report it.
type Finding struct {
	Path      string   `json:"path" jsonschema:"the file, relative to the workspace root"`
	Line      int      `json:"line" jsonschema:"1-based line where the finding starts"`
	Column    int      `json:"column" jsonschema:"1-based byte column where the finding starts"`
	EndLine   int      `json:"end_line" jsonschema:"1-based line where the finding ends"`
	EndColumn int      `json:"end_column" jsonschema:"1-based byte column where the finding ends (exclusive)"`
	Code      string   `json:"code" jsonschema:"the rule's stable code, e.g. hardcoded-secret"`
	Severity  string   `json:"severity" jsonschema:"error, warning, info or hint"`
	Message   string   `json:"message" jsonschema:"what is wrong and what to do; never a secret's value"`
	Fixes     []string `json:"fixes" jsonschema:"titles of the fixes fix_apply can apply to this finding"`
}

// findings converts diagnostics, sorted by path and position.
func (w *workspace) findings(diags []analysis.Diagnostic) []Finding {
	slices.SortStableFunc(diags, func(a, b analysis.Diagnostic) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		if a.Range.Start.Offset != b.Range.Start.Offset {
			return a.Range.Start.Offset - b.Range.Start.Offset
		}
		return strings.Compare(a.Code, b.Code)
	})
	out := make([]Finding, 0, len(diags))
	for _, d := range diags {
		titles := []string{}
		for _, f := range d.Fixes {
			titles = append(titles, f.Title)
		}
		out = append(out, Finding{
			Path: w.rel(d.Path), Line: d.Range.Start.Line + 1, Column: d.Range.Start.Col + 1,
			EndLine: d.Range.End.Line + 1, EndColumn: d.Range.End.Col + 1,
			Code: d.Code, Severity: d.Severity.String(), Message: d.Message, Fixes: titles,
		})
	}
	return out
}

// judge judges the indexed files at paths with the fixes of every finding;
// problems name the files that could not be judged in full.
func (w *workspace) judge(ix *analysis.Index, paths []string) (found []Finding, problems []string) {
	diags, errs := checks.Judge(ix, paths, analysis.AllFixes, nil)
	for _, err := range errs {
		problems = append(problems, err.Error())
	}
	return w.findings(diags), problems
}
