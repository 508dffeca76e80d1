package analysis

import (
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// What the workspace's expertise says about a provider or an env var, as
// data: hovers (Explain) render it as Markdown, agents' integration plans
// (PlanIntegration) return it as it is.

// CatalogHit is a catalog entry and where it is.
type CatalogHit struct {
	Expert   *expertise.File
	Category string
	Entry    *expertise.CatalogEntry
}

// CatalogEntryOf returns the catalog entry, among every expert's, that
// names the provider p (the last when several do), or nil.
func CatalogEntryOf(ix *Index, p *knowledge.Provider) *CatalogHit {
	return catalogEntryWhere(ix, func(name string) bool { return knowledge.Get().ProviderByName(name) == p })
}

// CatalogEntryNamed returns the catalog entry named name (ignoring case and
// punctuation, see knowledge.NormalizeName), or nil.
func CatalogEntryNamed(ix *Index, name string) *CatalogHit {
	want := knowledge.NormalizeName(name)
	return catalogEntryWhere(ix, func(n string) bool { return want != "" && knowledge.NormalizeName(n) == want })
}

func catalogEntryWhere(ix *Index, match func(name string) bool) *CatalogHit {
	var hit *CatalogHit
	for _, x := range ix.Experts() {
		for _, cat := range x.Catalog {
			for i := range cat.Entries {
				if match(cat.Entries[i].Name.Value) {
					hit = &CatalogHit{Expert: x, Category: cat.Name.Value, Entry: &cat.Entries[i]}
				}
			}
		}
	}
	return hit
}

// EnvDoc is one place that documents an env var: a line of an env example
// file, another documentation file (Line 0), or with Entry set the
// env_vars of a catalog entry.
type EnvDoc struct {
	Path            string
	Line            int        // 1-based; 0 when the source has no line to show
	Range           span.Range // the name there, when Line > 0
	Entry, Category string
}

// EnvDocs returns where the workspace documents an env var: env example
// files, other documentation (committed env files, compose files, docs)
// and, with catalog, the catalog entries that list it.
func EnvDocs(ix *Index, name string, catalog bool) []EnvDoc {
	var out []EnvDoc
	for _, ex := range ix.EnvExamples() {
		for _, v := range ex.Vars {
			if v.Name == name {
				out = append(out, EnvDoc{Path: ex.Path, Line: v.Range.Start.Line + 1, Range: v.Range})
				break
			}
		}
	}
	for _, n := range ix.EnvNames() {
		if n.Names[name] {
			out = append(out, EnvDoc{Path: n.Path})
		}
	}
	if !catalog {
		return out
	}
	for _, x := range ix.Experts() {
		for _, cat := range x.Catalog {
			for _, en := range cat.Entries {
				for _, v := range en.EnvVars {
					if v.Value == name {
						out = append(out, EnvDoc{Path: x.Path, Line: v.Range.Start.Line + 1, Range: v.Range, Entry: en.Name.Value, Category: cat.Name.Value})
					}
				}
			}
		}
	}
	return out
}

// LearningRef is a learning of an expert and where it is.
type LearningRef struct {
	expertise.Learning
	Path string
	Line int // 1-based, of its first field
}

// LearningsAbout returns, newest first, the learnings of every expert
// whose title, insight or context names one of names (ignoring case) or
// whose files_affected lists one of rels (workspace-relative paths).
func LearningsAbout(ix *Index, names, rels []string) []LearningRef {
	var lower []string
	for _, n := range names {
		if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
			lower = append(lower, n)
		}
	}
	var out []LearningRef
	for _, x := range ix.Experts() {
		for _, l := range x.Learnings {
			text := strings.ToLower(l.Title.Value + " " + l.Insight.Value + " " + l.Context.Value)
			hit := slices.ContainsFunc(lower, func(n string) bool { return strings.Contains(text, n) })
			for _, fa := range l.FilesAffected {
				if slices.Contains(rels, strings.TrimPrefix(strings.TrimSpace(fa.Value), "./")) {
					hit = true
				}
			}
			if !hit {
				continue
			}
			line := l.Date.Range.Start.Line + 1
			if l.Node != nil {
				line = l.Node.Line
			}
			out = append(out, LearningRef{Learning: l, Path: x.Path, Line: line})
		}
	}
	slices.SortStableFunc(out, func(a, b LearningRef) int { return strings.Compare(b.Date.Value, a.Date.Value) })
	return out
}
