package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/expertise"
)

// IntegrationPlan is what the workspace's expertise and the knowledge
// table say about integrating one service: the plan step of the
// expertise-first workflow, as data. It names env vars, files and
// providers, never a value.
type IntegrationPlan struct {
	// Service is the provider's name when the knowledge table knows it,
	// else the name as asked.
	Service string
	// Provider is the knowledge table's entry (SDK packages, env vars,
	// webhook headers and verification calls); nil when it does not know
	// the service.
	Provider *knowledge.Provider
	// Catalog is the service's integrations_catalog entry; nil when none.
	Catalog *CatalogHit
	// EnvVars are the entry's env_vars, else those the knowledge table lists.
	EnvVars []PlanEnvVar
	// Expert is the expert whose conventions apply: the entry's, else the
	// integrations expert; nil when the workspace has none.
	Expert *expertise.File
	// Places are where API clients and webhook handlers live, as the
	// experts' files and patterns say.
	Places []PlanPlace
	// Uses are the files that use the provider today (each at its first use).
	Uses []Place
	// Learnings name the service or list a file that uses it, newest first.
	Learnings []LearningRef
	// Similar are the other catalog entries of the service's category.
	Similar []CatalogHit
}

// PlanEnvVar is an env var an integration needs and where it is documented.
type PlanEnvVar struct {
	Name  string
	Docs  []EnvDoc // none: documented nowhere (see EnvDocs)
	Reads int      // indexed files that read it
}

// PlanPlace is an entry of an expert's files or patterns about API clients
// or webhook handlers.
type PlanPlace struct {
	Kind        string // PlaceClients or PlaceWebhooks
	Path        string // as the expertise writes it, relative to the root
	Purpose     string // the files entry's purpose, or the pattern's description
	Conventions string // the files entry's conventions
	Pattern     string // the pattern's name, when the place comes from patterns
	Expert      string // the expertise file's path
	Line        int    // 1-based line of the entry
	Exists      bool   // Path names something in the workspace
}

// Kinds of PlanPlace.
const (
	PlaceClients  = "clients"
	PlaceWebhooks = "webhooks"
)

// PlanIntegration gathers the plan of integrating service (a name or id,
// such as "Stripe"; see knowledge.Table.ProviderByName) from the index.
func PlanIntegration(ix *Index, service string) *IntegrationPlan {
	plan := &IntegrationPlan{Service: strings.TrimSpace(service), Provider: knowledge.Get().ProviderByName(service)}
	names := []string{plan.Service}
	category := ""
	if p := plan.Provider; p != nil {
		plan.Service, category = p.Name, p.Category
		names = []string{p.Name, p.ID}
		plan.Catalog = CatalogEntryOf(ix, p)
	} else {
		plan.Catalog = CatalogEntryNamed(ix, service)
	}
	var envVars []string
	if hit := plan.Catalog; hit != nil {
		plan.Expert, category = hit.Expert, hit.Category
		for _, v := range hit.Entry.EnvVars {
			envVars = append(envVars, v.Value)
		}
	} else {
		plan.Expert = ix.IntegrationsExpert()
		if plan.Provider != nil {
			envVars = plan.Provider.EnvVars
		}
	}
	counts := envReadCounts(ix)
	for _, name := range envVars {
		plan.EnvVars = append(plan.EnvVars, PlanEnvVar{Name: name, Docs: EnvDocs(ix, name, false), Reads: counts[name]})
	}
	for _, x := range ix.Experts() {
		plan.Places = append(plan.Places, integrationPlaces(ix.Root, x)...)
	}
	var used []string
	if plan.Provider != nil {
		plan.Uses, _ = CatalogEntryPlaces(ix, plan.Provider.Name)
		for _, u := range plan.Uses {
			used = append(used, ix.Rel(u.Path))
		}
	}
	plan.Learnings = LearningsAbout(ix, names, used)
	if category != "" {
		for _, x := range ix.Experts() {
			for _, cat := range x.Catalog {
				if !strings.EqualFold(cat.Name.Value, category) {
					continue
				}
				for i := range cat.Entries {
					if plan.Catalog == nil || &cat.Entries[i] != plan.Catalog.Entry {
						plan.Similar = append(plan.Similar, CatalogHit{Expert: x, Category: cat.Name.Value, Entry: &cat.Entries[i]})
					}
				}
			}
		}
	}
	return plan
}

// integrationPlaces returns the files and patterns entries of x about API
// clients or webhook handlers.
func integrationPlaces(root string, x *expertise.File) []PlanPlace {
	var out []PlanPlace
	add := func(pl PlanPlace, words ...string) {
		if pl.Kind = placeKind(words...); pl.Kind == "" || strings.TrimSpace(pl.Path) == "" {
			return
		}
		_, err := os.Stat(filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(strings.TrimSpace(pl.Path), "./"))))
		pl.Exists, pl.Expert = err == nil, x.Path
		out = append(out, pl)
	}
	for _, cat := range x.Files {
		for _, e := range cat.Entries {
			add(PlanPlace{Path: e.Path.Value, Purpose: e.Purpose.Value, Conventions: e.Conventions.Value, Line: e.Path.Range.Start.Line + 1},
				cat.Name.Value, e.Purpose.Value, e.Path.Value)
		}
	}
	for _, p := range x.Patterns {
		add(PlanPlace{Path: p.Location.Value, Purpose: p.Description.Value, Pattern: p.Name.Value, Line: p.Name.Range.Start.Line + 1},
			p.Name.Value, p.Description.Value, p.Location.Value)
	}
	return out
}

// placeKind tells from an entry's words whether it is about webhook
// handlers or API clients; "" when neither.
func placeKind(words ...string) string {
	kind := ""
	for _, w := range strings.FieldsFunc(strings.ToLower(strings.Join(words, " ")), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		switch {
		case strings.HasPrefix(w, "webhook"):
			return PlaceWebhooks
		case w == "api" || strings.HasPrefix(w, "client"):
			kind = PlaceClients
		}
	}
	return kind
}
