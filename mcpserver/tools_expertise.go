package mcpserver

import (
	"context"
	"fmt"
	"strings"

	"github.com/expertise-ls/expertise-ls/expertise"
)

// expertise_get: the expert's content as data, with its validation
// findings: the "validate expertise against the codebase" step.

type expertiseGetIn struct {
	Domain string `json:"domain,omitempty" jsonschema:"the expert's domain, e.g. integrations; every expert when omitted"`
}

type expertiseGetOut struct {
	Experts []expertOut `json:"experts"`
}

type expertOut struct {
	Path        string         `json:"path" jsonschema:"the expertise file, relative to the workspace root"`
	Domain      string         `json:"domain"`
	Version     string         `json:"version"`
	LastUpdated string         `json:"last_updated"`
	Files       []fileEntryOut `json:"files" jsonschema:"where code of each kind lives"`
	Patterns    []patternOut   `json:"patterns"`
	Conventions []string       `json:"conventions"`
	Catalog     []catalogOut   `json:"integrations_catalog"`
	Learnings   []learningOut  `json:"learnings"`
	Findings    []Finding      `json:"findings" jsonschema:"what validation finds: syntax, missing fields, staleness, paths that no longer exist"`
	Valid       bool           `json:"valid" jsonschema:"true when validation finds nothing at warning or above"`
}

type fileEntryOut struct {
	Category    string   `json:"category"`
	Path        string   `json:"path"`
	Purpose     string   `json:"purpose,omitempty"`
	KeyExports  []string `json:"key_exports,omitempty"`
	Conventions string   `json:"conventions,omitempty"`
}

type patternOut struct {
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Location    string   `json:"location,omitempty"`
	Example     string   `json:"example,omitempty"`
	AppliesTo   []string `json:"applies_to,omitempty"`
}

type catalogOut struct {
	Category string   `json:"category"`
	Name     string   `json:"name"`
	EnvVars  []string `json:"env_vars"`
	Webhooks []string `json:"webhooks"`
	Expert   string   `json:"expert,omitempty" jsonschema:"the expertise file that lists it"`
	Line     int      `json:"line,omitempty" jsonschema:"1-based line of its name"`
}

type learningOut struct {
	Date          string   `json:"date,omitempty"`
	Title         string   `json:"title,omitempty"`
	Insight       string   `json:"insight,omitempty"`
	Context       string   `json:"context,omitempty"`
	Impact        string   `json:"impact,omitempty"`
	FilesAffected []string `json:"files_affected,omitempty"`
	Expert        string   `json:"expert,omitempty" jsonschema:"the expertise file that records it"`
	Line          int      `json:"line,omitempty"`
}

func (w *workspace) expertiseGet(ctx context.Context, in expertiseGetIn) (string, expertiseGetOut, error) {
	ix, err := w.index(ctx)
	if err != nil {
		return "", expertiseGetOut{}, err
	}
	experts := ix.Experts()
	if len(experts) == 0 {
		return "", expertiseGetOut{}, fmt.Errorf("no expertise files under %s (looked for .agileflow/experts/<domain>/expertise.yaml and **/experts/*/expertise.yaml)", w.root)
	}
	if strings.TrimSpace(in.Domain) != "" {
		picked, err := expertise.PickExpert(experts, in.Domain, false, "pass domain")
		if err != nil {
			return "", expertiseGetOut{}, argError("domain", "%v", err)
		}
		experts = []*expertise.File{picked}
	}
	var paths []string
	for _, x := range experts {
		paths = append(paths, x.Path)
	}
	found, problems := w.judge(ix, paths)
	if len(problems) > 0 {
		return "", expertiseGetOut{}, fmt.Errorf("validating the expertise: %s", problems[0])
	}
	out := expertiseGetOut{Experts: []expertOut{}}
	var summary []string
	for _, x := range experts {
		e := w.expert(x)
		e.Valid = true
		for _, f := range found {
			if f.Path == e.Path {
				e.Findings = append(e.Findings, f)
				e.Valid = e.Valid && (f.Severity == "info" || f.Severity == "hint")
			}
		}
		summary = append(summary, fmt.Sprintf("%s (%s): %s, %s, %s, %s", e.Domain, e.Path,
			expertise.Plural(len(e.Conventions), "convention"), expertise.Plural(len(e.Catalog), "cataloged integration"),
			expertise.Plural(len(e.Learnings), "learning"), expertise.Plural(len(e.Findings), "finding")))
		for _, f := range e.Findings {
			summary = append(summary, fmt.Sprintf("  %d:%d %s %s: %s", f.Line, f.Column, f.Severity, f.Code, f.Message))
		}
		out.Experts = append(out.Experts, e)
	}
	return strings.Join(summary, "\n"), out, nil
}

// expert converts an expertise file's content.
func (w *workspace) expert(x *expertise.File) expertOut {
	e := expertOut{
		Path: w.rel(x.Path), Domain: x.Domain.Value, Version: x.Version.Value, LastUpdated: x.LastUpdated.Value,
		Files: []fileEntryOut{}, Patterns: []patternOut{}, Conventions: values(x.Conventions), Catalog: []catalogOut{},
		Learnings: []learningOut{}, Findings: []Finding{},
	}
	for _, cat := range x.Files {
		for _, f := range cat.Entries {
			e.Files = append(e.Files, fileEntryOut{Category: cat.Name.Value, Path: f.Path.Value, Purpose: f.Purpose.Value,
				KeyExports: values(f.KeyExports), Conventions: f.Conventions.Value})
		}
	}
	for _, p := range x.Patterns {
		e.Patterns = append(e.Patterns, patternOut{Name: p.Name.Value, Description: p.Description.Value, Location: p.Location.Value,
			Example: p.Example.Value, AppliesTo: values(p.AppliesTo)})
	}
	for _, cat := range x.Catalog {
		for i := range cat.Entries {
			e.Catalog = append(e.Catalog, w.catalogEntry(x, cat.Name.Value, &cat.Entries[i]))
		}
	}
	for _, l := range x.Learnings {
		e.Learnings = append(e.Learnings, learning(l))
	}
	return e
}

// catalogEntry converts a catalog entry of the expert x.
func (w *workspace) catalogEntry(x *expertise.File, category string, en *expertise.CatalogEntry) catalogOut {
	return catalogOut{Category: category, Name: en.Name.Value, EnvVars: values(en.EnvVars), Webhooks: values(en.Webhooks),
		Expert: w.rel(x.Path), Line: en.Name.Range.Start.Line + 1}
}

func learning(l expertise.Learning) learningOut {
	return learningOut{Date: l.Date.Value, Title: l.Title.Value, Insight: l.Insight.Value, Context: l.Context.Value,
		Impact: l.Impact.Value, FilesAffected: values(l.FilesAffected)}
}

// values returns the values of scalars, never nil.
func values(ss []expertise.Scalar) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		out = append(out, s.Value)
	}
	return out
}
