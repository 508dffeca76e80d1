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

// EnvVarPlaces returns where an env var is documented with a line to go
// to (EnvDocs: the env example files' lines and the catalog's env_vars
// values naming it) and where code reads it, each sorted by path.
func EnvVarPlaces(ix *Index, name string) (docs, reads []Place) {
	for _, d := range EnvDocs(ix, name, true) {
		if d.Line > 0 {
			docs = append(docs, Place{Path: d.Path, Range: d.Range})
		}
	}
	ix.AllFacts(func(f *Facts) bool {
		for _, r := range f.EnvReads {
			if r.Name == name {
				reads = append(reads, Place{Path: f.Path, Range: r.Range})
			}
		}
		return true
	})
	byPlace := func(a, b Place) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return a.Range.Start.Offset - b.Range.Start.Offset
	}
	slices.SortFunc(docs, byPlace)
	slices.SortFunc(reads, byPlace)
	return docs, reads
}

// EnvReadAt returns the name of the env var f reads at offset.
func EnvReadAt(f *File, offset int) (string, bool) {
	for _, r := range FindEnvReads(f) {
		if r.Range.Contains(offset) || r.Range.End.Offset == offset {
			return r.Name, true
		}
	}
	return "", false
}

type envReadCountsView struct{}

// envReadCounts returns how many indexed files read each env var, computed
// once per change of the index's facts (hovers and completions ask on every
// keystroke; walking every file's facts each time would not scale).
func envReadCounts(ix *Index) map[string]int {
	return ix.View(envReadCountsView{}, func() any {
		counts := map[string]int{}
		ix.AllFacts(func(f *Facts) bool {
			for _, name := range readNames(f.EnvReads) {
				counts[name]++
			}
			return true
		})
		return counts
	}).(map[string]int)
}

// readNames returns the distinct names of reads, sorted.
func readNames(reads []EnvRead) []string {
	names := make([]string, 0, len(reads))
	for _, r := range reads {
		names = append(names, r.Name)
	}
	slices.Sort(names)
	return slices.Compact(names)
}
