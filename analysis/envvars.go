package analysis

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

const codeMissingEnvVar = "missing-env-var"

// EnvVars reports missing-env-var: code reads an environment variable that
// neither an env example file (.env.example, .env.sample, .env.template,
// .env.dist) nor an integrations_catalog entry's env_vars documents; and, in an
// expertise file, a catalog env var that the workspace's env example files
// lack. Variables the platform sets (NODE_ENV, PATH, ...) need no documentation.
// A name is reported once per file, at its first read. Besides documenting
// the name, a finding in code offers to add it to the env_vars of the
// cataloged integration it belongs to (catalogEnvVarFixes).
var EnvVars = &Analyzer{
	Name: "envvars",
	Doc:  "finds environment variables that are read but documented nowhere",
	Rules: []Rule{{
		Code:     codeMissingEnvVar,
		Severity: SeverityWarning,
		Summary:  "An environment variable is read but documented nowhere",
		Help: "Add NAME= to the env example file (the quick fix does) so that the next developer and the deploy " +
			"know to set it, and list it in the env_vars of its integrations_catalog entry.",
		Convention: []string{"document", "env"},
	}},
	Run: runEnvVars,
}

func runEnvVars(pass *Pass) {
	if expertise.IsExpertisePath(pass.File.Rel, pass.Config.Expertise.Paths) {
		checkCatalogEnvVars(pass)
		return
	}
	reads := findEnvReads(pass.File)
	if len(reads) == 0 {
		return
	}
	docs := loadEnvDocs(pass.Index)
	k := Providers()
	target := docs.targetFor(filepath.Dir(pass.File.Path))
	reported := map[string]bool{}
	for _, r := range reads {
		if reported[r.Name] || k.IsPlatformEnvVar(r.Name) || docs.documents(r.Name) {
			continue
		}
		reported[r.Name] = true
		d := Diagnostic{
			Range:   r.Range,
			Code:    codeMissingEnvVar,
			Message: fmt.Sprintf("%s is read here but documented nowhere: add it to %s%s", r.Name, filepath.Base(target.path), docs.entryHint(r.Name)),
		}
		if pass.WantFixes {
			d.Fixes = append([]SuggestedFix{documentEnvVarFix(target, r.Name)}, catalogEnvVarFixes(pass, r.Name)...)
		}
		pass.Report(d)
	}
}

// checkCatalogEnvVars flags, in an expertise file, the catalog env vars that
// the workspace's env example files lack. A workspace without env example
// files is not judged: it documents its environment elsewhere, if anywhere.
func checkCatalogEnvVars(pass *Pass) {
	examples := pass.Index.EnvExamples()
	if len(examples) == 0 {
		return
	}
	docs := newEnvDocs(pass.Index.Root, examples)
	target := docs.targetFor(pass.Index.Root)
	if target.example == nil {
		target = envTarget{path: examples[0].Path, example: examples[0]}
	}
	exp := expertise.Parse(pass.File.Path, pass.File.Content)
	k := Providers()
	reported := map[string]bool{}
	for _, cat := range exp.Catalog {
		for _, entry := range cat.Entries {
			for _, ev := range entry.EnvVars {
				name := strings.TrimSpace(ev.Value)
				if name == "" || reported[name] || k.IsPlatformEnvVar(name) || docs.inExamples(name) {
					continue
				}
				reported[name] = true
				d := Diagnostic{
					Range: ev.Range,
					Code:  codeMissingEnvVar,
					Message: fmt.Sprintf("%s is in the %s entry's env_vars but missing from %s: add it there",
						name, entry.Name.Value, filepath.Base(target.path)),
				}
				if pass.WantFixes {
					d.Fixes = []SuggestedFix{documentEnvVarFix(target, name)}
				}
				pass.Report(d)
			}
		}
	}
}

// envDocs is where a workspace documents its environment.
type envDocs struct {
	root     string
	examples []*EnvExample
	example  map[string]bool // env vars listed by the env example files
	catalog  map[string]bool // env vars listed by catalog entries
	entries  []expertise.CatalogEntry
	experts  bool // the workspace has expertise files
}

func loadEnvDocs(ix *Index) *envDocs {
	d := newEnvDocs(ix.Root, ix.EnvExamples())
	for _, e := range ix.Experts() {
		d.experts = true
		for _, cat := range e.Catalog {
			for _, entry := range cat.Entries {
				d.entries = append(d.entries, entry)
				for _, ev := range entry.EnvVars {
					d.catalog[strings.TrimSpace(ev.Value)] = true
				}
			}
		}
	}
	return d
}

// documents reports whether an env example file or a catalog entry lists name.
func (d *envDocs) documents(name string) bool { return d.catalog[name] || d.inExamples(name) }

func (d *envDocs) inExamples(name string) bool { return d.example[name] }

func newEnvDocs(root string, examples []*EnvExample) *envDocs {
	d := &envDocs{root: root, examples: examples, example: map[string]bool{}, catalog: map[string]bool{}}
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
	p := providerOfEnvVar(name)
	if p == nil || !d.experts {
		return ""
	}
	entry := p.Name
	for _, e := range d.entries {
		if Providers().ProviderByName(e.Name.Value) == p {
			entry = e.Name.Value
			break
		}
	}
	return fmt.Sprintf(" (and to the %s entry's env_vars)", entry)
}

// envTarget is the env example file a variable should be added to; example
// is nil when the file does not exist yet.
type envTarget struct {
	path    string
	example *EnvExample
}

// targetFor returns the env example file nearest to dir (in dir or the
// closest ancestor inside the workspace), else a new .env.example at the root.
func (d *envDocs) targetFor(dir string) envTarget {
	var best *EnvExample
	for _, e := range d.examples {
		exDir := filepath.Dir(e.Path)
		if !isWithinDir(dir, exDir) {
			continue
		}
		if best == nil || len(exDir) > len(filepath.Dir(best.Path)) {
			best = e
		}
	}
	if best == nil {
		return envTarget{path: filepath.Join(d.root, ".env.example")}
	}
	return envTarget{path: best.Path, example: best}
}

// isWithinDir reports whether path is dir or lies below it.
func isWithinDir(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}

// documentEnvVarFix adds `NAME=` as a new last line of the target, keeping
// the file's line ending and whether it ends with one, or creates the file.
func documentEnvVarFix(t envTarget, name string) SuggestedFix {
	fix := SuggestedFix{Title: fmt.Sprintf("Document %s in %s", name, filepath.Base(t.path)), Safe: true, Preferred: true}
	entry := name + "="
	if t.example == nil {
		fix.Edits = []TextEdit{{Path: t.path, NewText: entry + "\n", Create: true}}
		fix.Show = &Location{Path: t.path, Range: lineStartRange(0, 0, len(name))}
		return fix
	}
	content := t.example.Content
	eol := "\n"
	if bytes.Contains(content, []byte("\r\n")) {
		eol = "\r\n"
	}
	end := len(content)
	text, line, at := entry+eol, t.example.Lines.Count()-1, end
	if end > 0 && content[end-1] != '\n' && content[end-1] != '\r' {
		text, line, at = eol+entry, t.example.Lines.Count(), end+len(eol)
	}
	fix.Edits = []TextEdit{{Path: t.path, Range: t.example.Lines.Range(end, end), NewText: text}}
	fix.Show = &Location{Path: t.path, Range: lineStartRange(line, at, len(name))}
	return fix
}

// lineStartRange is the range of n ASCII bytes at the start of a line that begins at offset.
func lineStartRange(line, offset, n int) span.Range {
	return span.Range{
		Start: span.Position{Offset: offset, Line: line},
		End:   span.Position{Offset: offset + n, Line: line, Col: n, Col16: n},
	}
}

// providerOfEnvVar returns the provider that name belongs to: one that lists
// it, else one whose env prefix it carries (STRIPE_PRICE_ID -> stripe).
func providerOfEnvVar(name string) *Provider {
	k := Providers()
	for _, p := range k.Providers {
		if slices.Contains(p.EnvVars, name) {
			return p
		}
	}
	for _, p := range k.Providers {
		if hasEnvPrefix(p, name) {
			return p
		}
	}
	return nil
}

// hasEnvPrefix reports whether name starts with p's id or name in
// UPPER_SNAKE_CASE and an underscore: COINBASE_COMMERCE_ for id
// coinbase-commerce, LEMON_SQUEEZY_ for the name Lemon Squeezy.
func hasEnvPrefix(p *Provider, name string) bool {
	for _, s := range []string{p.ID, p.Name} {
		if prefix := upperSnake(s) + "_"; len(prefix) > 1 && strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// upperSnake upper-cases s and turns every run of other characters than
// ASCII letters and digits into one underscore, trimmed at the ends.
func upperSnake(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToUpper(s) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			gap = false
			continue
		}
		gap = true
	}
	return b.String()
}
