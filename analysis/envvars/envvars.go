package envvars

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/envdoc"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/expertise"
)

const codeMissingEnvVar = "missing-env-var"

// EnvVars reports missing-env-var: code reads an environment variable that
// neither an env example file (.env.example, .env.sample, .env.template,
// .env.dist) nor an integrations_catalog entry's env_vars documents; and, in an
// expertise file, a catalog env var that the workspace's env example files
// lack. Variables the platform sets (NODE_ENV, PATH, ...) need no documentation.
// A name is reported once per file, at its first read. Besides documenting
// the name, a finding in code offers to add it to the env_vars of the
// cataloged integration it belongs to (analysis.CatalogEnvVarFixes).
var EnvVars = &analysis.Analyzer{
	Name: "envvars",
	Doc:  "finds environment variables that are read but documented nowhere",
	Rules: []analysis.Rule{{
		Code:     codeMissingEnvVar,
		Severity: analysis.SeverityWarning,
		Summary:  "An environment variable is read but documented nowhere",
		Help: "Add NAME= to the env example file (the quick fix does) so that the next developer and the deploy " +
			"know to set it, and list it in the env_vars of its integrations_catalog entry.",
		Convention: []string{"document", "env"},
	}},
	Run: runEnvVars,
}

func runEnvVars(pass *analysis.Pass) {
	if expertise.IsExpertisePath(pass.File.Rel, pass.Config.Expertise.Paths) {
		checkCatalogEnvVars(pass)
		return
	}
	if skipsEnvReads(pass.File.Rel, pass.File.Role()) {
		return
	}
	reads := analysis.FindEnvReads(pass.File)
	if len(reads) == 0 {
		return
	}
	docs := loadEnvDocs(pass.Index)
	target := docs.targetFor(pass.File.Path)
	if !docs.hasPlaceFor(target) {
		reportUndocumentedWorkspace(pass, docs)
		return
	}
	reported := map[string]bool{}
	for _, r := range reads {
		if reported[r.Name] || docs.needsNoDoc(r.Name, pass.File.Rel) {
			continue
		}
		reported[r.Name] = true
		d := analysis.Diagnostic{
			Range:   r.Range,
			Code:    codeMissingEnvVar,
			Message: fmt.Sprintf("%s is read here but documented nowhere: add it to %s%s", r.Name, pass.Index.Rel(target.Path), docs.entryHint(r.Name)),
		}
		if pass.WantFixes(d.Range) {
			d.Fixes = append([]analysis.SuggestedFix{documentEnvVarFix(target, r.Name)}, analysis.CatalogEnvVarFixes(pass, r.Name)...)
		}
		pass.Report(d)
	}
}

// skipsEnvReads reports whether the reads of a file go unjudged: tests and
// their configuration set up their own environment, generated files and
// templates for other projects are not where a variable is owned, and a task
// runner's file (Rakefile, *.rake) reads its command-line arguments.
func skipsEnvReads(rel string, r knowledge.FileRole) bool {
	return r == knowledge.RoleTest || r == knowledge.RoleGenerated || r == knowledge.RoleTemplate || knowledge.Get().EnvExempt.IsTaskFile(rel)
}

// checkCatalogEnvVars flags, in an expertise file, the catalog env vars that
// the workspace's env example files lack. A workspace without env example
// files is not judged: it documents its environment elsewhere, if anywhere.
func checkCatalogEnvVars(pass *analysis.Pass) {
	examples := pass.Index.EnvExamples()
	if len(examples) == 0 {
		return
	}
	docs := newEnvDocs(pass.Index.Root, examples)
	target := analysis.EnvDocTargetFor(pass.Index.Root, pass.Index.Root, examples)
	if target.Example == nil {
		target = analysis.EnvDocTarget{Path: examples[0].Path, Example: examples[0]}
	}
	exp := expertise.Parse(pass.File.Path, pass.File.Content)
	k := knowledge.Get()
	reported := map[string]bool{}
	for _, cat := range exp.Catalog {
		for _, entry := range cat.Entries {
			for _, ev := range entry.EnvVars {
				name := strings.TrimSpace(ev.Value)
				if name == "" || reported[name] || k.IsPlatformEnvVar(name) || docs.inExamples(name) {
					continue
				}
				reported[name] = true
				d := analysis.Diagnostic{
					Range: ev.Range,
					Code:  codeMissingEnvVar,
					Message: fmt.Sprintf("%s is in the %s entry's env_vars but missing from %s: add it there",
						name, entry.Name.Value, filepath.Base(target.Path)),
				}
				if pass.WantFixes(d.Range) {
					d.Fixes = []analysis.SuggestedFix{documentEnvVarFix(target, name)}
				}
				pass.Report(d)
			}
		}
	}
}

// envDocs is where a workspace documents its environment: the example
// files fixes write to, and every name documented anywhere (examples,
// committed dotenv files, compose files, docs, typed schemas, the catalog).
type envDocs struct {
	root     string
	examples []*envdoc.EnvExample
	example  map[string]bool // env vars listed by the env example files
	names    map[string]bool // env vars documented anywhere
	entries  []expertise.CatalogEntry
	experts  bool // the workspace has expertise files
	// hasPlace is whether the workspace as a whole documents variables in
	// a place other than prose: an example, dotenv or compose file at the
	// root, catalog env_vars. Without one, a file has a place only when an
	// example file lies in its folder or above (a monorepo's package);
	// the reads of files without a place are summarised in one finding.
	hasPlace bool
	// undocumented are the undocumented reads of files without a place (one
	// per name, the first in path order).
	undocumented []undocumentedRead
	files        int // how many files the undocumented reads are in
}

type undocumentedRead struct {
	name, path string
}

type envDocsView struct{}

// loadEnvDocs returns the workspace's env documentation, derived from the
// index once per change of its facts.
func loadEnvDocs(ix *analysis.Index) *envDocs {
	return ix.View(envDocsView{}, func() any { return buildEnvDocs(ix) }).(*envDocs)
}

func buildEnvDocs(ix *analysis.Index) *envDocs {
	d := newEnvDocs(ix.Root, ix.EnvExamples())
	for _, e := range d.examples {
		if filepath.Dir(e.Path) == d.root {
			d.hasPlace = true
		}
	}
	for _, e := range ix.Experts() {
		d.experts = true
		for _, cat := range e.Catalog {
			for _, entry := range cat.Entries {
				d.entries = append(d.entries, entry)
				for _, ev := range entry.EnvVars {
					d.names[strings.TrimSpace(ev.Value)] = true
					d.hasPlace = true
				}
			}
		}
	}
	for _, n := range ix.EnvNames() {
		for name := range n.Names {
			d.names[name] = true
		}
		if (n.Kind == envdoc.EnvDocDotenv || n.Kind == envdoc.EnvDocCompose) && len(n.Names) > 0 && filepath.Dir(n.Path) == d.root {
			d.hasPlace = true
		}
	}
	var reading []*analysis.Facts
	ix.AllFacts(func(f *analysis.Facts) bool {
		for _, name := range f.EnvSchema {
			d.names[name] = true
		}
		if len(f.EnvReads) > 0 && !skipsEnvReads(f.Rel, f.Role) {
			reading = append(reading, f)
		}
		return true
	})
	if !d.hasPlace {
		d.summarise(reading)
	}
	return d
}

// hasPlaceFor reports whether a file whose documentation target is t has a
// place its variables are documented in: the workspace has one, or an
// example file covers the file.
func (d *envDocs) hasPlaceFor(t analysis.EnvDocTarget) bool { return d.hasPlace || t.Example != nil }

// targetFor returns where a variable read in the file at path gets
// documented: the example file nearest above it, else a new .env.example at
// the root (another package's example file is that package's).
func (d *envDocs) targetFor(path string) analysis.EnvDocTarget {
	return analysis.EnvDocTargetFor(d.root, filepath.Dir(path), d.examples)
}

// summarise lists the undocumented reads of a workspace without a place.
func (d *envDocs) summarise(reading []*analysis.Facts) {
	slices.SortFunc(reading, func(a, b *analysis.Facts) int { return strings.Compare(a.Path, b.Path) })
	seen := map[string]bool{}
	for _, f := range reading {
		if d.hasPlaceFor(d.targetFor(f.Path)) {
			continue
		}
		counted := false
		for _, r := range f.EnvReads {
			if d.needsNoDoc(r.Name, f.Rel) {
				continue
			}
			if !counted {
				d.files++
				counted = true
			}
			if !seen[r.Name] {
				seen[r.Name] = true
				d.undocumented = append(d.undocumented, undocumentedRead{r.Name, f.Path})
			}
		}
	}
}

// needsNoDoc reports whether a read of name in the file at rel needs no
// documentation: a runtime or platform sets it, or the workspace documents it.
func (d *envDocs) needsNoDoc(name, rel string) bool {
	k := knowledge.Get()
	return d.names[name] || d.example[name] || k.PlatformEnvVar(name, rel) != nil || k.EnvExempt.IsKnob(name)
}

func (d *envDocs) inExamples(name string) bool { return d.example[name] }

func newEnvDocs(root string, examples []*envdoc.EnvExample) *envDocs {
	d := &envDocs{root: root, examples: examples, example: map[string]bool{}, names: map[string]bool{}}
	for _, e := range examples {
		for _, v := range e.Vars {
			d.example[v.Name] = true
		}
	}
	return d
}

// entryHint names the catalog entry that should list name too, when name
// belongs to a known provider and the workspace keeps expertise.
func (d *envDocs) entryHint(name string) string {
	p := knowledge.Get().ProviderOfEnvVar(name)
	if p == nil || !d.experts {
		return ""
	}
	entry := p.Name
	for _, e := range d.entries {
		if knowledge.Get().ProviderByName(e.Name.Value) == p {
			entry = e.Name.Value
			break
		}
	}
	return fmt.Sprintf(" (and to the %s entry's env_vars)", entry)
}

// documentEnvVarFix documents name in the target env example file.
func documentEnvVarFix(t analysis.EnvDocTarget, name string) analysis.SuggestedFix {
	edit, at, _ := t.DocumentEdit(name)
	return analysis.SuggestedFix{
		Title:     fmt.Sprintf("Document %s in %s", name, filepath.Base(t.Path)),
		Safe:      true,
		Preferred: true,
		Edits:     []analysis.TextEdit{edit},
		Show:      &at,
	}
}
