package analysis

import (
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

const (
	codeUncataloged   = "uncataloged-integration"
	codeCatalogUnused = "catalog-unused"
)

// Catalog keeps the integrations catalog true to the code. In code files it
// reports uncataloged-integration: the file uses a provider (imports its SDK,
// calls its API host, or is a client file named after it in the expertise's
// client locations) that no catalog entry lists, with a fix that adds the
// entry (catalogEntryFix). It says nothing in a workspace without expertise
// files: there is no catalog to keep. In expertise files it reports
// catalog-unused: an entry whose provider no indexed file uses (SDK import,
// API host, or a read of the entry's or the provider's env vars); an entry
// naming a provider providers.yaml does not know is judged by its env_vars
// alone.
var Catalog = &Analyzer{
	Name: "catalog",
	Doc:  "keeps the integrations catalog true to the code",
	Rules: []Rule{
		{
			Code:     codeUncataloged,
			Severity: SeverityInfo,
			Summary:  "Code uses a provider that integrations_catalog does not list",
			Help: "Add an entry (name, env_vars, webhooks) under the provider's category in the integrations " +
				"expert's integrations_catalog, so that the next change starts from what is integrated.",
			Convention: []string{"catalog"},
		},
		{
			Code:     codeCatalogUnused,
			Severity: SeverityInfo,
			Summary:  "integrations_catalog lists a provider that no code uses",
			Help: "Remove the entry, or record in learnings why it stays (for example a provider used only " +
				"from another repository).",
			Convention: []string{"catalog"},
		},
	},
	Run: runCatalog,
}

func runCatalog(pass *Pass) {
	if expertise.IsExpertisePath(pass.File.Rel, pass.Config.Expertise.Paths) {
		checkCatalogUnused(pass)
		return
	}
	experts := pass.Index.Experts()
	if len(experts) == 0 {
		return
	}
	uses := findProviderUses(pass.File)
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
		d := Diagnostic{
			Range:   u.Range,
			Code:    codeUncataloged,
			Message: fmt.Sprintf("%s is used here but integrations_catalog has no entry for it; add it under %s", p.Name, p.Category),
		}
		if pass.WantFixes(d.Range) {
			if fix, ok := catalogEntryFix(pass, p); ok {
				d.Fixes = []SuggestedFix{fix}
			}
		}
		pass.Report(d)
	}
}

// checkCatalogUnused flags the catalog entries of an expertise file that no
// indexed file shows a use of.
func checkCatalogUnused(pass *Pass) {
	exp := expertise.Parse(pass.File.Path, pass.File.Content)
	if len(exp.Catalog) == 0 {
		return
	}
	used, read := map[string]bool{}, map[string]bool{}
	pass.Index.AllFacts(func(f *Facts) bool {
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
			pass.Report(Diagnostic{Range: entry.Name.Range, Code: codeCatalogUnused, Message: unusedMessage(name, p, len(entry.EnvVars) > 0)})
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
func clientLocationUses(pass *Pass, have []ProviderUse) []ProviderUse {
	ie := pass.Index.IntegrationsExpert()
	if ie == nil || !codelex.Supports(pass.File.Lang.Family()) {
		return nil
	}
	var out []ProviderUse
	for _, cat := range ie.Files {
		for _, e := range cat.Entries {
			if !mentionsClients(cat.Name.Value) && !mentionsClients(e.Purpose.Value) || !inLocation(pass.File.Rel, e.Path.Value) {
				continue
			}
			for _, p := range providersNamedBy(pass.File.Rel) {
				if !usesProvider(have, p.ID) && !usesProvider(out, p.ID) {
					out = append(out, ProviderUse{
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

func usesProvider(uses []ProviderUse, id string) bool {
	for _, u := range uses {
		if u.Provider == id {
			return true
		}
	}
	return false
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

// providerIndex maps what names a provider in code to the provider.
type providerIndex struct {
	packages map[string]map[string]*knowledge.Provider // family -> package or module -> provider
	// npm scopes (@aws-sdk) whose listed packages all belong to one provider,
	// which then owns the scope's other packages too (@aws-sdk/client-kms).
	scopes map[string]*knowledge.Provider
	hosts  map[string][]hostRef // host -> its API endpoints
}

// hostRef is one API endpoint: a host and, for hosts shared with other uses
// (slack.com), the path prefix that makes it the API.
type hostRef struct {
	path     string
	provider *knowledge.Provider
}

var providerIndexOnce = sync.OnceValue(func() *providerIndex {
	ix := &providerIndex{packages: map[string]map[string]*knowledge.Provider{}, scopes: map[string]*knowledge.Provider{}, hosts: map[string][]hostRef{}}
	shared := map[string]bool{} // scopes with packages of several providers (@ai-sdk)
	for _, p := range knowledge.Get().Providers {
		for family, pkgs := range p.Packages {
			if ix.packages[family] == nil {
				ix.packages[family] = map[string]*knowledge.Provider{}
			}
			for _, pkg := range pkgs {
				ix.packages[family][pkg] = p
				if scope, _, ok := strings.Cut(pkg, "/"); ok && family == "js" && strings.HasPrefix(scope, "@") {
					if owner := ix.scopes[scope]; owner != nil && owner != p {
						shared[scope] = true
					}
					ix.scopes[scope] = p
				}
			}
		}
		for _, h := range p.APIHosts {
			host, rest, _ := strings.Cut(strings.ToLower(h), "/")
			if rest != "" {
				rest = "/" + rest
			}
			ix.hosts[host] = append(ix.hosts[host], hostRef{path: rest, provider: p})
		}
	}
	for scope := range shared {
		delete(ix.scopes, scope)
	}
	return ix
})

// packageProvider returns the provider of an imported package or module, or
// of the package it is a part of (stripe/lib/x, google.cloud.storage), or of
// the npm scope that only it owns.
func (ix *providerIndex) packageProvider(family string, spec []byte) *knowledge.Provider {
	pkgs := ix.packages[family]
	sep := byte('/')
	if family == "python" {
		sep = '.'
	}
	for s := spec; len(s) > 0; {
		if p := pkgs[string(s)]; p != nil {
			return p
		}
		i := bytes.LastIndexByte(s, sep)
		if i <= 0 {
			break
		}
		s = s[:i]
	}
	if family == "js" && len(spec) > 0 && spec[0] == '@' {
		if i := bytes.IndexByte(spec, '/'); i > 0 {
			return ix.scopes[string(spec[:i])]
		}
	}
	return nil
}

// findProviderUses returns the evidence that f uses providers, in order:
// imports of their SDKs (the module name is the range) and their API hosts
// in string literals (the host is the range). Comments do not count.
func findProviderUses(f *File) []ProviderUse {
	family := f.Lang.Family()
	if !codelex.Supports(family) {
		return nil
	}
	uses := f.Shared(providerUsesKey{}, func() any { return providerUsesOf(f, family) }).([]ProviderUse)
	return slices.Clip(uses)
}

// providerUsesOf is findProviderUses without the sharing.
func providerUsesOf(f *File, family string) []ProviderUse {
	lx := f.lexed()
	ix := providerIndexOnce()
	var found []foundUse
	addImport := func(spec []byte, start int) {
		if p := ix.packageProvider(family, spec); p != nil {
			found = append(found, foundUse{p, start, start + len(spec), "imports "})
		}
	}
	switch family {
	case "python":
		pythonImports(lx, addImport)
	case "go":
		goImports(lx, addImport)
	default:
		quotedImports(lx, family, addImport)
	}
	found = hostUses(lx, ix, found)
	sort.SliceStable(found, func(i, j int) bool { return found[i].start < found[j].start })
	uses := make([]ProviderUse, 0, len(found))
	pc := span.Cursor{Lines: f.Lines}
	for _, u := range found {
		uses = append(uses, ProviderUse{Provider: u.provider.ID, Range: pc.Range(u.start, u.end), Why: u.why + string(f.Content[u.start:u.end])})
	}
	return uses
}

// foundUse is a provider use before its range is computed: the evidence is
// [start, end), described by why and the evidence's text.
type foundUse struct {
	provider   *knowledge.Provider
	start, end int
	why        string
}

// quotedImports finds JS imports (import ... from "m", import "m",
// import("m"), require("m"), export ... from "m") and Ruby requires and
// Gemfile gems (require 'm', gem 'm').
func quotedImports(lx *codelex.Lexed, family string, add func(spec []byte, start int)) {
	src := lx.Src
	for _, sp := range lx.Spans {
		start, end, ok := codelex.LiteralText(src, sp)
		if !ok {
			continue
		}
		p := codelex.SkipBlanksBack(src, sp.Start)
		if p > 0 && src[p-1] == '(' {
			p = codelex.SkipBlanksBack(src, p-1)
		}
		w := codelex.IdentBefore(src, p)
		switch {
		case family == "js" && (string(w) == "from" || string(w) == "import" || string(w) == "require"),
			family == "ruby" && (string(w) == "require" || string(w) == "gem"):
			if ws := p - len(w); (ws == 0 || src[ws-1] != '.') && lx.KindAt(ws) == codelex.Code {
				add(src[start:end], start)
			}
		}
	}
}

// pythonImports finds `import a.b as c, d` and `from a.b import c`.
func pythonImports(lx *codelex.Lexed, add func(spec []byte, start int)) {
	src := lx.Src
	for from := 0; ; {
		k := bytes.Index(src[from:], []byte("import"))
		if k < 0 {
			return
		}
		at := from + k
		from = at + len("import")
		if from >= len(src) || (src[from] != ' ' && src[from] != '\t') || at > 0 && codelex.IsIdentByte(src[at-1]) || lx.KindAt(at) != codelex.Code {
			continue
		}
		back := max(0, at-maxImportLine)
		ls := bytes.LastIndexByte(src[back:at], '\n') + 1 + back
		if ls == back && back > 0 {
			continue // no statement starts this far from its line's start
		}
		head := bytes.TrimSpace(src[ls:at])
		switch {
		case len(head) == 0: // import a.b as c, d
			list := src[from:min(codelex.LexLineEnd(src, from), from+maxImportLine)]
			for off := 0; off <= len(list); {
				item := list[off:]
				if c := bytes.IndexByte(item, ','); c >= 0 {
					item = item[:c]
				}
				ns := codelex.SkipBlanks(list, off)
				ne := ns
				for ne < len(list) && (codelex.IsIdentByte(list[ne]) || list[ne] == '.') {
					ne++
				}
				if ne > ns {
					add(list[ns:ne], from+ns)
				}
				off += len(item) + 1
			}
		case bytes.HasPrefix(head, []byte("from ")) || bytes.HasPrefix(head, []byte("from\t")):
			ms := codelex.SkipBlanks(src, ls+bytes.Index(src[ls:at], []byte("from"))+len("from"))
			me := ms
			for me < at && (codelex.IsIdentByte(src[me]) || src[me] == '.') {
				me++
			}
			if me > ms && src[ms] != '.' {
				add(src[ms:me], ms)
			}
		}
	}
}

// goImports finds the paths of `import "p"`, `import x "p"` and import blocks.
func goImports(lx *codelex.Lexed, add func(spec []byte, start int)) {
	src := lx.Src
	for from := 0; ; {
		k := bytes.Index(src[from:], []byte("import"))
		if k < 0 {
			return
		}
		at := from + k
		from = at + len("import")
		if at > 0 && src[at-1] != '\n' || lx.KindAt(at) != codelex.Code {
			continue
		}
		end := codelex.LexLineEnd(src, from)
		if o := codelex.SkipBlanks(src, from); o < len(src) && src[o] == '(' {
			if end = lx.MatchClose(o, len(src)); end < 0 {
				end = len(src)
			}
		}
		i := sort.Search(len(lx.Spans), func(i int) bool { return lx.Spans[i].Start >= from })
		for ; i < len(lx.Spans) && lx.Spans[i].Start < end; i++ {
			if s, e, ok := codelex.LiteralText(src, lx.Spans[i]); ok {
				add(src[s:e], s)
			}
		}
		from = end
	}
}

// hostUses appends to out the API hosts in string literals: host-like words
// whose suffix at a label boundary is a known API host, in any letter case.
func hostUses(lx *codelex.Lexed, ix *providerIndex, out []foundUse) []foundUse {
	src := lx.Src
	var buf [253]byte // the longest host name
	for _, sp := range lx.Spans {
		if sp.Kind != codelex.String || bytes.IndexByte(src[sp.Start:sp.End], '.') < 0 {
			continue
		}
		for i := sp.Start; i < sp.End; {
			if !isHostByte(src[i]) || src[i] == '.' || src[i] == '-' {
				i++
				continue
			}
			j, dotted := i, false
			for j < sp.End && isHostByte(src[j]) {
				dotted = dotted || src[j] == '.'
				j++
			}
			if dotted && j-i <= len(buf) {
				low := buf[:j-i]
				for k := range low {
					low[k] = src[i+k] | 0x20 // ASCII letters, digits, '.' and '-' only
				}
				for s := 0; s < len(low); s++ {
					if s > 0 && low[s-1] != '.' {
						continue
					}
					for _, ref := range ix.hosts[string(low[s:])] {
						if rest := src[j:sp.End]; len(rest) >= len(ref.path) && bytes.EqualFold(rest[:len(ref.path)], []byte(ref.path)) {
							out = append(out, foundUse{ref.provider, i + s, j + len(ref.path), "calls "})
						}
					}
				}
			}
			i = j
		}
	}
	return out
}

func isHostByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
}
