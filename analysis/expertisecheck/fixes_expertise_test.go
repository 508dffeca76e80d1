package expertisecheck

import (
	"slices"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/expertise"
)

const staleExpert = `domain: api
version: 1.0
last_updated: 2025-06-01   # reviewed by hand
files:
  routes:
    - path: src/routes.ts
      purpose: Router
    - path: src/gone.ts
      purpose: Old router
patterns:
  - name: Moved
    description: Lives elsewhere now
    location: src/moved/
learnings:
  - date: 2025-06-01
    insight: Routes are grouped by resource
    files_affected: [src/routes.ts, src/deleted.ts]
`

func TestExpertiseFixes(t *testing.T) {
	ix := analysistest.Workspace(t, map[string]string{
		".agileflow/experts/api/expertise.yaml": staleExpert,
		"src/routes.ts":                         "export const routes = [];\n",
	})
	f := analysistest.WorkspaceFile(t, ix, ".agileflow/experts/api/expertise.yaml")
	diags, err := analysis.RunAnalyzers(ix, f, []*analysis.Analyzer{ExpertiseFile}, analysis.AllFixes)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		code, at  string // the diagnostic's code and the text it starts at
		title     string // the expertise fix; "" for none
		safe      bool
		wantAfter string // text the fixed file holds
		gone      string // text the fixed file no longer holds
	}{
		{expertise.CodeStale, "2025-06-01   #", "Set last_updated to today", true, "last_updated: 2026-01-15   # reviewed by hand\n", ""},
		{expertise.CodeStalePath, "src/gone.ts", "Remove this entry", false, "      purpose: Router\npatterns:", "Old router"},
		{expertise.CodeStalePath, "src/deleted.ts", "Remove this entry", false, "files_affected: [src/routes.ts]\n", "deleted"},
		{expertise.CodeStalePath, "src/moved/", "", false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code+" "+tt.at, func(t *testing.T) {
			at := strings.Index(staleExpert, tt.at)
			i := slices.IndexFunc(diags, func(d analysis.Diagnostic) bool { return d.Code == tt.code && d.Range.Start.Offset == at })
			if i < 0 {
				t.Fatalf("no %s diagnostic at %q among %v", tt.code, tt.at, diags)
			}
			d := diags[i]
			want := []string{"Ignore " + tt.code + " here"}
			if tt.title != "" {
				want = append([]string{tt.title}, want...)
			}
			if got := analysistest.FixTitles(d.Fixes); !slices.Equal(got, want) {
				t.Fatalf("fixes %q, want %q (no learning fix inside an expertise file)", got, want)
			}
			if tt.title == "" {
				return
			}
			fix := d.Fixes[0]
			if fix.Safe != tt.safe {
				t.Errorf("Safe = %v, want %v", fix.Safe, tt.safe)
			}
			path, out := analysistest.ApplyFix(t, fix)
			if path != f.Path {
				t.Errorf("fix edits %s, want %s", path, f.Path)
			}
			after := expertise.Parse(path, out)
			if len(after.Problems) != 0 || after.LastUpdated.Value != "2026-01-15" {
				t.Errorf("after the fix: problems %v, last_updated %q", after.Problems, after.LastUpdated.Value)
			}
			if !strings.Contains(string(out), tt.wantAfter) || tt.gone != "" && strings.Contains(string(out), tt.gone) {
				t.Errorf("fixed file should hold %q and not %q:\n%s", tt.wantAfter, tt.gone, out)
			}
		})
	}
	// The ignore fix of an expertise file is a YAML comment that silences the finding.
	ignore := diags[0].Fixes[len(diags[0].Fixes)-1]
	if got := ignore.Edits[0].NewText; !strings.HasPrefix(got, "# expertise-ls:ignore ") {
		t.Errorf("ignore comment %q, want a # comment", got)
	}
}
