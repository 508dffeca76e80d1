package analysis

import (
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// Place is a range of a file of the workspace.
type Place struct {
	Path  string
	Range span.Range
}

// CatalogEntryPlaces returns, for the catalog entry named name, the files
// that use its provider (each at its first use, sorted by path; none when
// the knowledge table does not know the provider) and the learnings of
// every expert that name it (at their first field).
func CatalogEntryPlaces(ix *Index, name string) (uses, learnings []Place) {
	if p := knowledge.Get().ProviderByName(name); p != nil {
		ix.AllFacts(func(f *Facts) bool {
			for _, u := range f.Uses {
				if u.Provider == p.ID {
					uses = append(uses, Place{Path: f.Path, Range: u.Range})
					break
				}
			}
			return true
		})
		slices.SortFunc(uses, func(a, b Place) int { return strings.Compare(a.Path, b.Path) })
	}
	lower := strings.ToLower(strings.TrimSpace(name))
	if lower == "" {
		return uses, nil
	}
	for _, x := range ix.Experts() {
		for _, l := range x.Learnings {
			text := strings.ToLower(l.Title.Value + " " + l.Insight.Value + " " + l.Context.Value)
			if !strings.Contains(text, lower) {
				continue
			}
			for _, s := range []span.Range{l.Date.Range, l.Title.Range, l.Insight.Range, l.Context.Range} {
				if s != (span.Range{}) {
					learnings = append(learnings, Place{Path: x.Path, Range: s})
					break
				}
			}
		}
	}
	return uses, learnings
}
