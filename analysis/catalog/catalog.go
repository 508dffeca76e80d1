package catalog

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/expertise"
)

const (
	codeUncataloged   = "uncataloged-integration"
	codeCatalogUnused = "catalog-unused"
)

// Catalog keeps the integrations catalog true to the code. In code files it
// reports uncataloged-integration: the file uses a provider (imports its SDK,
// calls its API host, or is a client file named after it in the expertise's
// client locations) that no catalog entry lists, with a fix that adds the
// entry (analysis.CatalogEntryFix). It says nothing in a workspace without expertise
// files: there is no catalog to keep. In expertise files it reports
// catalog-unused: an entry whose provider no indexed file uses (SDK import,
// API host, or a read of the entry's or the provider's env vars); an entry
// naming a provider providers.yaml does not know is judged by its env_vars
// alone.
var Catalog = &analysis.Analyzer{
	Name: "catalog",
	Doc:  "keeps the integrations catalog true to the code",
	Rules: []analysis.Rule{
		{
			Code:     codeUncataloged,
			Severity: analysis.SeverityInfo,
			Summary:  "Code uses a provider that integrations_catalog does not list",
			Help: "Add an entry (name, env_vars, webhooks) under the provider's category in the integrations " +
				"expert's integrations_catalog, so that the next change starts from what is integrated.",
			Convention: []string{"catalog"},
		},
		{
			Code:     codeCatalogUnused,
			Severity: analysis.SeverityInfo,
			Summary:  "integrations_catalog lists a provider that no code uses",
			Help: "Remove the entry, or record in learnings why it stays (for example a provider used only " +
				"from another repository).",
			Convention: []string{"catalog"},
		},
	},
	Run: runCatalog,
}

func runCatalog(pass *analysis.Pass) {
	if expertise.IsExpertisePath(pass.File.Rel, pass.Config.Expertise.Paths) {
		checkCatalogUnused(pass)
		return
	}
	experts := pass.Index.Experts()
	if len(experts) == 0 {
		return
	}
	uses := analysis.FindProviderUses(pass.File)
	uses = append(uses, clientLocationUses(pass, uses)...)
	if len(uses) == 0 {
		return
	}
	cataloged := map[string]bool{}
	for _, e := range experts {
		for _, cat := range e.Catalog {
			for _, entry := range cat.Entries {
				if p := knowledge.Get().ProviderByName(entry.Name.Value); p != nil {
					cataloged[p.ID] = true
				}
			}
		}
	}
	for _, u := range uses {
		if cataloged[u.Provider] {
			continue
		}
		cataloged[u.Provider] = true // once per provider per file
		p := knowledge.Get().Provider(u.Provider)
		d := analysis.Diagnostic{
			Range:   u.Range,
			Code:    codeUncataloged,
			Message: fmt.Sprintf("%s is used here but integrations_catalog has no entry for it; add it under %s", p.Name, p.Category),
		}
		if pass.WantFixes(d.Range) {
			if fix, ok := analysis.CatalogEntryFix(pass, p); ok {
				d.Fixes = []analysis.SuggestedFix{fix}
			}
		}
		pass.Report(d)
	}
}

// checkCatalogUnused flags the catalog entries of an expertise file that no
// indexed file shows a use of.
func checkCatalogUnused(pass *analysis.Pass) {
	exp := expertise.Parse(pass.File.Path, pass.File.Content)
	if len(exp.Catalog) == 0 {
		return
	}
	used, read := map[string]bool{}, map[string]bool{}
	pass.Index.AllFacts(func(f *analysis.Facts) bool {
		for _, u := range f.Uses {
			used[u.Provider] = true
		}
		for _, r := range f.EnvReads {
			read[r.Name] = true
		}
		return true
	})
	for _, cat := range exp.Catalog {
		for _, entry := range cat.Entries {
			name := strings.TrimSpace(entry.Name.Value)
			if name == "" {
				continue
			}
			var evidence []string
			for _, ev := range entry.EnvVars {
				evidence = append(evidence, strings.TrimSpace(ev.Value))
			}
			p := knowledge.Get().ProviderByName(name)
			if p != nil {
				if used[p.ID] {
					continue
				}
				evidence = append(evidence, p.EnvVars...)
			}
			if anyOf(evidence, read) {
				continue
			}
			pass.Report(analysis.Diagnostic{Range: entry.Name.Range, Code: codeCatalogUnused, Message: unusedMessage(name, p, len(entry.EnvVars) > 0)})
		}
	}
}

func unusedMessage(name string, p *knowledge.Provider, hasEnvVars bool) string {
	switch {
	case p != nil:
		return fmt.Sprintf("%s is in integrations_catalog but no code in the workspace uses it any more (no import of its SDK, "+
			"call to its API or read of its env vars): remove the entry, or record in learnings why it stays", name)
	case hasEnvVars:
		return fmt.Sprintf("%s is in integrations_catalog but no code in the workspace reads its env_vars: remove the entry, "+
			"or record in learnings why it stays", name)
	}
	return fmt.Sprintf("%s is in integrations_catalog but nothing shows that code uses it: expertise-ls does not know its SDK "+
		"and the entry lists no env_vars to look for; add them, or remove the entry", name)
}

func anyOf(names []string, set map[string]bool) bool {
	for _, n := range names {
		if set[n] {
			return true
		}
	}
	return false
}

// clientLocationUses are the providers a file names (StripeClient.ts) when it
// lives in one of the integrations expert's client locations (a files entry
// whose category or purpose mentions clients, integrations or APIs) and shows
// no other use of them.
func clientLocationUses(pass *analysis.Pass, have []analysis.ProviderUse) []analysis.ProviderUse {
	ie := pass.Index.IntegrationsExpert()
	if ie == nil || !codelex.Supports(pass.File.Lang.Family()) {
		return nil
	}
	var out []analysis.ProviderUse
	for _, cat := range ie.Files {
		for _, e := range cat.Entries {
			if !mentionsClients(cat.Name.Value) && !mentionsClients(e.Purpose.Value) || !inLocation(pass.File.Rel, e.Path.Value) {
				continue
			}
			for _, p := range providersNamedBy(pass.File.Rel) {
				if !analysis.UsesProvider(have, p.ID) && !analysis.UsesProvider(out, p.ID) {
					out = append(out, analysis.ProviderUse{
						Provider: p.ID,
						Range:    pass.File.Range(0, codelex.LexLineEnd(pass.File.Content, 0)),
						Why:      fmt.Sprintf("lives in %s (%s)", e.Path.Value, cat.Name.Value),
					})
				}
			}
		}
	}
	return out
}

// mentionsClients reports whether a files category or purpose is about API
// clients: a word starting with client or integration, or the word api.
func mentionsClients(s string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !(r >= 'a' && r <= 'z') }) {
		if strings.HasPrefix(w, "client") || strings.HasPrefix(w, "integration") || w == "api" || w == "apis" {
			return true
		}
	}
	return false
}

// inLocation reports whether rel lies in an expertise files path: a folder
// (ending in /), a file, or a glob.
func inLocation(rel, loc string) bool {
	loc = strings.TrimPrefix(strings.TrimSpace(loc), "./")
	switch {
	case loc == "":
		return false
	case strings.ContainsAny(loc, "*?["):
		ok, _ := path.Match(loc, rel)
		return ok
	case strings.HasSuffix(loc, "/"):
		return strings.HasPrefix(rel, loc)
	}
	return rel == loc || strings.HasPrefix(rel, loc+"/")
}

// providersNamedBy returns the providers whose name or id is spelled by
// consecutive words of a file's base name (StripeClient.ts, lemon-squeezy.rb).
func providersNamedBy(rel string) []*knowledge.Provider {
	base := filepath.Base(rel)
	words := knowledge.SplitIdentifier(strings.TrimSuffix(base, filepath.Ext(base)))
	var out []*knowledge.Provider
	for _, p := range knowledge.Get().Providers {
		name, id := knowledge.NormalizeName(p.Name), knowledge.NormalizeName(p.ID)
	search:
		for i := range words {
			joined := ""
			for _, w := range words[i:] {
				joined += w
				if joined == name || joined == id {
					out = append(out, p)
					break search
				}
			}
		}
	}
	return out
}
