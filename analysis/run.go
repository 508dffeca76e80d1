package analysis

import (
	"bytes"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
)

// Analyzers is every check, in the order they run.
var Analyzers []*Analyzer

// The list is filled in init so that analyzers may call RuleFor without an
// initialization cycle.
func init() {
	Analyzers = []*Analyzer{ExpertiseFile, Secrets, Webhooks, SignatureCompare, RawBody, EnvVars, SecretInLog, Catalog}
}

// Rules returns the rule of every code the analyzers report, sorted by code.
func Rules() []Rule {
	var out []Rule
	for _, a := range Analyzers {
		out = append(out, a.Rules...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// RuleFor returns the rule of a code.
func RuleFor(code string) (Rule, bool) {
	for _, a := range Analyzers {
		for _, r := range a.Rules {
			if r.Code == code {
				return r, true
			}
		}
	}
	return Rule{}, false
}

// Run judges one file with every analyzer and returns its diagnostics sorted
// by position, with the user's rule settings and inline suppressions applied
// and related information pointing at the expertise conventions they break.
// An analyzer that panics loses its findings, not the others'; the returned
// error names it so that drivers can log it.
func Run(ix *Index, f *File, fixes Fixes) ([]Diagnostic, error) {
	return RunAnalyzers(ix, f, Analyzers, fixes)
}

// RunAnalyzers is Run with a chosen set of analyzers.
func RunAnalyzers(ix *Index, f *File, analyzers []*Analyzer, fixes Fixes) ([]Diagnostic, error) {
	cfg := ix.Config()
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
				if r, ok := RuleFor(d.Code); ok {
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
	conventions := conventionIndex(ix)
	kept := out[:0]
	for _, d := range out {
		if d.Path == f.Path && suppressed(f, d) {
			continue
		}
		if !cfg.apply(&d) {
			continue
		}
		if rel := conventions.related(d.Code); rel != nil {
			d.Related = append(d.Related, *rel)
		}
		if d.Path == f.Path && fixes.cover(d.Range) {
			d.Fixes = append(d.Fixes, genericFixes(ix, f, d)...)
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
	return kept, errors.Join(errs...)
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
// directive on d's first line or the line above, or (for hardcoded-secret)
// gitleaks:allow on any of its lines.
func suppressed(f *File, d Diagnostic) bool {
	line := d.Range.Start.Line
	for _, l := range []int{line, line - 1} {
		if l < 0 {
			continue
		}
		if ignores(f.Lines.LineText(l), d.Code) {
			return true
		}
	}
	if d.Code == "hardcoded-secret" {
		for l := d.Range.Start.Line; l <= d.Range.End.Line; l++ {
			if bytes.Contains(f.Lines.LineText(l), []byte("gitleaks:allow")) {
				return true
			}
		}
	}
	return false
}

func ignores(text []byte, code string) bool {
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
		if _, ok := RuleFor(c); !ok {
			break // prose after the directive
		}
		listed = true
		if c == code {
			return true
		}
	}
	return !listed
}
