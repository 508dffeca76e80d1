package analysis

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/analysis/lexfacts"
	"github.com/expertise-ls/expertise-ls/expertise"
)

// The self-improve fixes of the integrations catalog: where code and the
// catalog disagree, they write what the code shows into the integrations
// expert. Neither is safe: each changes the team's expertise, which someone
// should review, so "fix all" leaves them alone. Only env var names and
// webhook event names are written, never a value read from code.

// CatalogEntryFix offers, for a provider the code uses and the catalog does
// not list, "Add <Provider> to integrations_catalog (<category>)": a new entry
// in the integrations expert, under the provider's category in providers.yaml,
// with the env vars the provider's code reads and the webhook events its
// handlers compare with (see providerEvidence). None without an integrations
// expert, or when its catalog lists the provider already.
func CatalogEntryFix(pass *Pass, p *knowledge.Provider) (SuggestedFix, bool) {
	ie := pass.Index.IntegrationsExpert()
	if ie == nil || catalogEntryOf(ie, p) != nil {
		return SuggestedFix{}, false
	}
	env, events := providerEvidence(pass, p)
	edits, err := expertise.AddCatalogEntry(ie, p.Category, p.Name, env, events, pass.Config.Today())
	if err != nil || len(edits) == 0 {
		return SuggestedFix{}, false
	}
	fix, ok := catalogFix(ie, fmt.Sprintf("Add %s to integrations_catalog (%s)", p.Name, p.Category), edits, p, "")
	fix.Preferred = true
	return fix, ok
}

// providerEvidence returns, sorted, the env vars that p's code reads and
// the webhook event names its handlers compare with, across the workspace
// (the pass's file, which uses p, as the pass has it; the others as the
// index does). An env var is p's when providers.yaml lists it for p (read
// anywhere, such as a config module), or when it starts with p's env prefix
// (TWILIO_) and is read in a file that uses p.
func providerEvidence(pass *Pass, p *knowledge.Provider) (envVars, events []string) {
	env, hooks := map[string]bool{}, map[string]bool{}
	add := func(used bool, reads []EnvRead, found []lexfacts.WebhookEvent) {
		for _, r := range reads {
			if slices.Contains(p.EnvVars, r.Name) || used && p.HasEnvPrefix(r.Name) {
				env[r.Name] = true
			}
		}
		for _, e := range found {
			if e.Provider == p.ID {
				hooks[e.Name] = true
			}
		}
	}
	f := pass.File
	add(true, FindEnvReads(f), findWebhookEvents(f))
	pass.Index.AllFacts(func(facts *Facts) bool {
		if facts.Path != f.Path {
			add(UsesProvider(facts.Uses, p.ID), facts.EnvReads, facts.WebhookEvents)
		}
		return true
	})
	return slices.Sorted(maps.Keys(env)), slices.Sorted(maps.Keys(hooks))
}

// CatalogEnvVarFixes offers, for an env var that code reads and nothing
// documents, "Add NAME to <Provider> env_vars" for the cataloged provider it
// belongs to (see envVarOwners). None without an integrations expert, or
// when the entry lists the name already.
func CatalogEnvVarFixes(pass *Pass, name string) []SuggestedFix {
	ie := pass.Index.IntegrationsExpert()
	if ie == nil {
		return nil
	}
	var out []SuggestedFix
	for _, p := range envVarOwners(pass.File, name) {
		entry := catalogEntryOf(ie, p)
		if entry == nil || slices.ContainsFunc(entry.EnvVars, func(s expertise.Scalar) bool { return strings.TrimSpace(s.Value) == name }) {
			continue
		}
		entryName := strings.TrimSpace(entry.Name.Value)
		edits, err := expertise.AddCatalogEnvVar(ie, entryName, name, pass.Config.Today())
		if err != nil || len(edits) == 0 {
			continue
		}
		if fix, ok := catalogFix(ie, fmt.Sprintf("Add %s to %s env_vars", name, entryName), edits, p, name); ok {
			out = append(out, fix)
		}
	}
	return out
}

// envVarOwners returns the providers an env var read in f may belong to: a
// provider f uses that the name belongs to (listed in providers.yaml or
// carrying its env prefix); else the provider the name belongs to; else
// every provider f uses, for the user to choose from.
func envVarOwners(f *File, name string) []*knowledge.Provider {
	var used []*knowledge.Provider
	for _, u := range FindProviderUses(f) {
		if p := knowledge.Get().Provider(u.Provider); p != nil && !slices.Contains(used, p) {
			used = append(used, p)
		}
	}
	for _, p := range used {
		if slices.Contains(p.EnvVars, name) || p.HasEnvPrefix(name) {
			return []*knowledge.Provider{p}
		}
	}
	if p := knowledge.Get().ProviderOfEnvVar(name); p != nil {
		return []*knowledge.Provider{p}
	}
	return used
}

// catalogEntryOf returns the catalog entry of e that names p, or nil.
func catalogEntryOf(e *expertise.File, p *knowledge.Provider) *expertise.CatalogEntry {
	for _, cat := range e.Catalog {
		for i := range cat.Entries {
			if knowledge.Get().ProviderByName(cat.Entries[i].Name.Value) == p {
				return &cat.Entries[i]
			}
		}
	}
	return nil
}

// catalogFix turns edits of the expertise file target (as expertise.Parse
// made it, with its Lines) into a fix that shows, once applied, the catalog
// entry of p: its env var envVar when given, else its name. ok is false when
// the edits do not apply.
func catalogFix(target *expertise.File, title string, edits []expertise.Edit, p *knowledge.Provider, envVar string) (SuggestedFix, bool) {
	after, err := expertise.ApplyEdits(target.Content, edits)
	if err != nil {
		return SuggestedFix{}, false
	}
	fix := SuggestedFix{Title: title, Edits: ExpertiseTextEdits(target.Path, target.Lines, edits)}
	if entry := catalogEntryOf(expertise.Parse(target.Path, after), p); entry != nil {
		show := entry.Name
		for _, ev := range entry.EnvVars {
			if strings.TrimSpace(ev.Value) == envVar {
				show = ev
			}
		}
		fix.Show = &Location{Path: target.Path, Range: show.Range}
	}
	return fix, true
}

// UsesProvider reports whether uses hold a use of the provider id.
func UsesProvider(uses []ProviderUse, id string) bool {
	for _, u := range uses {
		if u.Provider == id {
			return true
		}
	}
	return false
}
