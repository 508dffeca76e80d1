package lexfacts

import (
	"bytes"
	"sort"
	"strings"
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
)

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

// ProviderUses returns the evidence in lx that its file uses providers,
// in order: imports of their SDKs (the module name is the evidence) and their
// API hosts in string literals (the host is). Comments do not count.
func ProviderUses(lx *codelex.Lexed, family string) []Use {
	ix := providerIndexOnce()
	var found []Use
	addImport := func(spec []byte, start int) {
		if p := ix.packageProvider(family, spec); p != nil {
			found = append(found, Use{p, start, start + len(spec), "imports "})
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
	sort.SliceStable(found, func(i, j int) bool { return found[i].Start < found[j].Start })
	return found
}

// Use is a provider use before its range is computed: the evidence is
// [start, end), described by why and the evidence's text.
type Use struct {
	Provider   *knowledge.Provider
	Start, End int
	Why        string
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
func hostUses(lx *codelex.Lexed, ix *providerIndex, out []Use) []Use {
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
							out = append(out, Use{ref.provider, i + s, j + len(ref.path), "calls "})
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
