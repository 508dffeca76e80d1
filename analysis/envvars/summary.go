package envvars

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
)

// A workspace that documents no variable anywhere (no env example, dotenv or
// compose file, typed schema or catalog env_vars) does not get one warning
// per read: it gets one finding, at the first undocumented read in path
// order, listing how many there are, with a fix that creates .env.example
// with all of them. So do the files of a monorepo that no example file
// covers when the workspace has no place of its own. It is a warning when the expertise states a convention
// about documenting env vars, else information: nobody promised otherwise.

// reportUndocumentedWorkspace reports the summary finding when pass's file
// holds the workspace's first undocumented read.
func reportUndocumentedWorkspace(pass *analysis.Pass, docs *envDocs) {
	if len(docs.undocumented) > 0 && docs.undocumented[0].path < pass.File.Path {
		return // an earlier file holds the finding
	}
	// The file's own reads, as the pass has them (a buffer may be newer
	// than the index, or not in it yet), then the rest of the workspace's.
	var at *analysis.EnvRead
	reads := []undocumentedRead{}
	seen := map[string]bool{}
	files := docs.files
	for _, r := range analysis.FindEnvReads(pass.File) {
		if seen[r.Name] || docs.needsNoDoc(r.Name, pass.File.Rel) {
			continue
		}
		if at == nil {
			at = &r
		}
		seen[r.Name] = true
		reads = append(reads, undocumentedRead{r.Name, pass.File.Path})
	}
	if at == nil {
		return
	}
	indexed := false
	for _, u := range docs.undocumented {
		indexed = indexed || u.path == pass.File.Path
		if !seen[u.name] {
			seen[u.name] = true
			reads = append(reads, u)
		}
	}
	if !indexed {
		files++
	}
	first := at.Name
	target := analysis.EnvDocTarget{Path: filepath.Join(pass.Index.Root, ".env.example")}
	msg := fmt.Sprintf("%s is read here but documented nowhere: add it to %s", first, pass.Index.Rel(target.Path))
	if n := len(reads); n > 1 {
		msg = fmt.Sprintf("%s and %d other environment variables read in %d files are documented nowhere, and no env example file covers those files: create %s listing them",
			first, n-1, files, pass.Index.Rel(target.Path))
	}
	d := analysis.Diagnostic{Range: at.Range, Code: codeMissingEnvVar, Message: msg, Severity: analysis.SeverityInfo}
	if pass.BreaksConvention(codeMissingEnvVar) {
		d.Severity = analysis.SeverityWarning
	}
	if pass.WantFixes(d.Range) {
		d.Fixes = []analysis.SuggestedFix{createEnvExampleFix(target, reads)}
	}
	pass.Report(d)
}

// createEnvExampleFix creates the example file with NAME= for every read.
func createEnvExampleFix(t analysis.EnvDocTarget, reads []undocumentedRead) analysis.SuggestedFix {
	if len(reads) == 1 {
		return documentEnvVarFix(t, reads[0].name)
	}
	var b strings.Builder
	for _, r := range reads {
		b.WriteString(r.name + "=\n")
	}
	return analysis.SuggestedFix{
		Title:     fmt.Sprintf("Document all %d variables in a new %s", len(reads), filepath.Base(t.Path)),
		Safe:      true,
		Preferred: true,
		Edits:     []analysis.TextEdit{{Path: t.Path, NewText: b.String(), Create: true}},
	}
}
