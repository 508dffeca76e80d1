package analysis

import (
	"bytes"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
)

// RunAnalyzers judges one file with analyzers and returns its diagnostics
// sorted by position, with the user's rule settings and inline
// suppressions applied and related information pointing at the expertise
// conventions they break. An analyzer that panics loses its findings, not
// the others'; the returned error names it so that drivers can log it.
// (analysis/checks.Run runs every analyzer of expertise-ls.)
func RunAnalyzers(ix *Index, f *File, analyzers []*Analyzer, fixes Fixes) ([]Diagnostic, error) {
	for _, a := range analyzers {
		for _, t := range a.FactTypes {
			if !ix.computes(t) {
				return nil, fmt.Errorf("analysis: the index does not compute the %s facts analyzer %s reads (pass the analyzer to NewIndex)", t.Name, a.Name)
			}
		}
	}
	cfg := ix.Config()
	found, err := collect(ix, cfg, f, analyzers, fixes)
	return finish(ix, cfg, f, analyzers, fixes, found), err
}

// collect runs each analyzer over f and returns what they report, with
// their rules' severities.
func collect(ix *Index, cfg *Config, f *File, analyzers []*Analyzer, fixes Fixes) ([]Diagnostic, error) {
	var out []Diagnostic
	var errs []error
	for _, a := range analyzers {
		pass := &Pass{Analyzer: a, File: f, Index: ix, Config: cfg, fixes: fixes}
		var found []Diagnostic
		pass.report = func(d Diagnostic) {
			if d.Path == "" {
				d.Path = f.Path
			}
			if d.Severity == 0 {
				if r, ok := ruleOf(analyzers, d.Code); ok {
					d.Severity = r.Severity
				} else {
					d.Severity = SeverityWarning
				}
			}
			found = append(found, d)
		}
		if err := runAnalyzer(a, pass); err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, found...)
	}
	return out, errors.Join(errs...)
}

// finish drops the findings that inline suppressions or the user's rule
// settings silence, relates the others to the conventions they break, adds
// the generic fixes and sorts them by position.
func finish(ix *Index, cfg *Config, f *File, analyzers []*Analyzer, fixes Fixes, out []Diagnostic) []Diagnostic {
	conventions := conventionIndex(ix)
	kept := out[:0]
	for _, d := range out {
		if d.Path == f.Path && suppressed(f, d, analyzers) {
			continue
		}
		if !cfg.apply(&d) {
			continue
		}
		rule, _ := ruleOf(analyzers, d.Code)
		if rel := conventions.related(rule); rel != nil {
			d.Related = append(d.Related, *rel)
		}
		if d.Path == f.Path && fixes.cover(d.Range) {
			d.Fixes = append(d.Fixes, genericFixes(ix, f, d, rule)...)
		}
		kept = append(kept, d)
	}
	sort.SliceStable(kept, func(i, j int) bool {
		a, b := kept[i], kept[j]
		if a.Range.Start.Offset != b.Range.Start.Offset {
			return a.Range.Start.Offset < b.Range.Start.Offset
		}
		return a.Code < b.Code
	})
	return kept
}

// ruleOf returns the rule of a code among analyzers' rules.
func ruleOf(analyzers []*Analyzer, code string) (Rule, bool) {
	for _, a := range analyzers {
		for _, r := range a.Rules {
			if r.Code == code {
				return r, true
			}
		}
	}
	return Rule{}, false
}

func runAnalyzer(a *Analyzer, pass *Pass) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("analyzer %s panicked on %s: %v\n%s", a.Name, pass.File.Rel, r, debug.Stack())
		}
	}()
	a.Run(pass)
	return nil
}

// IgnoreDirective is the comment that silences findings on its line or the
// line below: "expertise-ls:ignore" alone silences every code, followed by
// codes (separated by spaces or commas) only those.
const IgnoreDirective = "expertise-ls:ignore"

// suppressed reports whether an inline comment silences d: the ignore
// directive on d's first line or the line above, or its rule's
// SilencedBy directive on any of its lines. The codes a directive lists
// are those of analyzers' rules; a word that is not one ends the list.
func suppressed(f *File, d Diagnostic, analyzers []*Analyzer) bool {
	known := func(code string) bool { _, ok := ruleOf(analyzers, code); return ok }
	line := d.Range.Start.Line
	for _, l := range []int{line, line - 1} {
		if l < 0 {
			continue
		}
		if ignores(f.Lines.LineText(l), d.Code, known) {
			return true
		}
	}
	if rule, _ := ruleOf(analyzers, d.Code); rule.SilencedBy != "" {
		for l := d.Range.Start.Line; l <= d.Range.End.Line; l++ {
			if bytes.Contains(f.Lines.LineText(l), []byte(rule.SilencedBy)) {
				return true
			}
		}
	}
	return false
}

func ignores(text []byte, code string, known func(string) bool) bool {
	i := bytes.Index(text, []byte(IgnoreDirective))
	if i < 0 {
		return false
	}
	rest := text[i+len(IgnoreDirective):]
	if len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t' && rest[0] != ',' && rest[0] != ':' {
		return false // e.g. "expertise-ls:ignored"
	}
	codes := strings.FieldsFunc(string(rest), func(r rune) bool { return r == ' ' || r == '\t' || r == ',' || r == ':' })
	listed := false
	for _, c := range codes {
		if strings.HasSuffix(c, "*/") || strings.HasPrefix(c, "-->") {
			break
		}
		if !known(c) {
			break // prose after the directive
		}
		listed = true
		if c == code {
			return true
		}
	}
	return !listed
}
