package expertisecheck

import (
	"path/filepath"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/expertise"
)

// ExpertiseFile reports the expertise-* problems of expertise files: invalid
// YAML, wrong shapes, missing fields, staleness, length, missing learnings and
// paths that no longer exist. It judges the file's content as the pass has it
// (an editor's buffer may be newer than the index).
var ExpertiseFile = &analysis.Analyzer{
	Name: "expertise",
	Doc:  "checks expertise files: syntax, shape, required fields, staleness, length, learnings and the paths they name",
	Rules: []analysis.Rule{
		{
			Code: expertise.CodeSyntax, Severity: analysis.SeverityError,
			Summary: "The expertise file is not valid YAML",
			Help:    "Fix the YAML on the line shown (indent with spaces, quote values that contain \": \", close quotes and brackets); until then nothing else in the file is checked and agents cannot read it.",
		},
		{
			Code: expertise.CodeMissingField, Severity: analysis.SeverityWarning,
			Summary: "A required field (domain, version or last_updated) is missing or empty",
			Help:    "Add the field at the top of the file: domain names the area the expert covers, version its revision (e.g. 1.0), last_updated the date of the last review (YYYY-MM-DD).",
		},
		{
			Code: expertise.CodeStale, Severity: analysis.SeverityWarning,
			Summary: "last_updated is older than the stale limit, or in the future",
			Help:    "Review the expertise against the code, fix what drifted, and set last_updated to today. The limit is the expertise.staleDays setting (default 30).",
		},
		{
			Code: expertise.CodeTooLong, Severity: analysis.SeverityWarning,
			Summary: "The expertise file is longer than the line limit",
			Help:    "Trim old or low-value learnings and keep what an agent needs to plan; the limit is the expertise.maxLines setting (default 200).",
		},
		{
			Code: expertise.CodeNoLearnings, Severity: analysis.SeverityHint,
			Summary: "The expertise file records no learnings",
			Help:    "After each task, add a learning ({date, insight, files_affected, context}) so that the next plan starts from what was learned.",
		},
		{
			Code: expertise.CodeSchema, Severity: analysis.SeverityWarning,
			Summary: "A value has the wrong shape: a wrong type, a date not in YYYY-MM-DD form, an env var not in UPPER_SNAKE_CASE, an integration listed twice, a learning without an insight, a duplicate key",
			Help:    "Change the value to the shape the message names; the documented shapes are in the expertise format (files: category -> [{path, purpose}], integrations_catalog: category -> [{name, env_vars, webhooks}], learnings: [{date, insight, files_affected, context}]).",
		},
		{
			Code: expertise.CodeStalePath, Severity: analysis.SeverityWarning,
			Summary: "A path named in files, patterns or learnings does not exist in the workspace",
			Help:    "Update the path to where the code lives now, or remove the entry. A path ending in / must be a folder; a glob must match at least one file.",
		},
	},
	Run: runExpertiseFile,
}

func runExpertiseFile(pass *analysis.Pass) {
	cfg := pass.Config
	if !expertise.IsExpertisePath(pass.File.Rel, cfg.Expertise.Paths) {
		return
	}
	f := expertise.Parse(pass.File.Path, pass.File.Content)
	opts := expertise.ValidateOptions{
		Today:     cfg.Today(),
		StaleDays: cfg.Expertise.StaleDays,
		MaxLines:  cfg.Expertise.MaxLines,
		Root:      pass.Index.Root,
	}
	opts.Foreign = foreignExpertFolders(pass.Index)[filepath.Dir(filepath.Dir(pass.File.Path))]
	problems := expertise.Validate(f, opts)
	for _, p := range problems {
		d := analysis.Diagnostic{Range: p.Range, Code: p.Code, Message: p.Message}
		if pass.WantFixes(d.Range) {
			d.Fixes = expertiseFixes(pass, f, p)
		}
		pass.Report(d)
	}
}

type foreignFoldersView struct{}

// foreignExpertFolders returns the folders of experts (the parent of each
// <domain>/expertise.yaml folder) where three or more experts, and most of
// those with a missing path, describe another tree: a tool's own source
// tree of seed experts, a copied template set. Every expert in such a
// folder gets one file-level stale-path finding.
func foreignExpertFolders(ix *analysis.Index) map[string]bool {
	return ix.View(foreignFoldersView{}, func() any {
		drifted, foreign := map[string]int{}, map[string]int{}
		for _, e := range ix.Experts() {
			dir := filepath.Dir(filepath.Dir(e.Path))
			stale, isForeign := expertise.ForeignPaths(e, expertise.ValidateOptions{Root: ix.Root})
			if stale > 0 {
				drifted[dir]++
			}
			if isForeign {
				foreign[dir]++
			}
		}
		out := map[string]bool{}
		for dir, n := range foreign {
			if n >= 3 && 2*n > drifted[dir] {
				out[dir] = true
			}
		}
		return out
	}).(map[string]bool)
}
