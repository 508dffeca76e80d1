package lexfacts

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
)

// Environment variable reads, found lexically: each language's forms are
// literal prefixes (process.env, os.Getenv, ENV, ...) located with
// bytes.Index, kept when they start in code, and followed by the name.

// EnvSite is one env read with the extent of its whole expression, for the
// analyzers that judge what surrounds it.
type EnvSite struct {
	Name               string
	NameStart, NameEnd int
	Start, End         int // the read: process.env.X, os.Getenv("X"), ENV.fetch("X", "d")
}

// envAccess says how a form names the variable after its prefix.
type envAccess uint8

const (
	envMember envAccess = 1 << iota // .X, ?.X, ["X"], and `const { X } = ...`
	envIndex                        // ["X"]
	envCall                         // ("X")
	envGet                          // .get("X")
	envFetch                        // .fetch("X"), .fetch "X"
)

// envForm is one way a language reads the environment: the expression that
// starts the read and how the name follows it.
type envForm struct {
	prefix string
	access envAccess
}

// envAnchor is what the scan looks for, and the forms whose prefix holds it
// back bytes after their start: ".env" for the JavaScript forms (rarer than
// their first letters, and one scan for all four), the prefix otherwise.
type envAnchor struct {
	anchor []byte
	forms  []anchoredForm
}

type anchoredForm struct {
	envForm
	back int
}

var envAnchorsByFamily = sync.OnceValue(func() map[string][]envAnchor {
	out := map[string][]envAnchor{}
	for family, forms := range envForms {
		for _, form := range forms {
			anchor, back := form.prefix, 0
			if i := strings.Index(form.prefix, ".env"); i >= 0 {
				anchor, back = ".env", i
			}
			groups := out[family]
			g := slices.IndexFunc(groups, func(g envAnchor) bool { return string(g.anchor) == anchor })
			if g < 0 {
				groups = append(groups, envAnchor{anchor: []byte(anchor)})
				g = len(groups) - 1
			}
			groups[g].forms = append(groups[g].forms, anchoredForm{form, back})
			out[family] = groups
		}
	}
	return out
})

var envForms = map[string][]envForm{
	"js":     {{"process.env", envMember}, {"import.meta.env", envMember}, {"Bun.env", envMember}, {"Deno.env.get", envCall}},
	"go":     {{"os.Getenv", envCall}, {"os.LookupEnv", envCall}},
	"python": {{"os.getenv", envCall}, {"environ", envIndex | envGet}},
	"ruby":   {{"ENV", envIndex | envFetch}},
}

// Bounds that keep the scans linear on pathological input (minified files,
// unclosed calls): how far a call's closing parenthesis (and so how far its
// arguments) may be, and how long an import statement.
const (
	MaxCallScan   = 1024
	maxImportLine = 512
)

// EnvSites returns the env reads of lx, a file of family, sorted by name
// offset.
func EnvSites(lx *codelex.Lexed, family string) []EnvSite {
	src := lx.Src
	var out []EnvSite
	pyEnviron := -1 // whether `from os import environ` occurs; -1 until known
	for _, g := range envAnchorsByFamily()[family] {
		for from := 0; ; {
			k := bytes.Index(src[from:], g.anchor)
			if k < 0 {
				break
			}
			hit := from + k
			from = hit + len(g.anchor)
			for _, form := range g.forms {
				start := hit - form.back
				if start < 0 || !bytes.HasPrefix(src[start:], []byte(form.prefix)) {
					continue
				}
				after := start + len(form.prefix)
				start, ok := envPrefixStart(src, start)
				if !ok || lx.KindAt(start) != codelex.Code {
					continue
				}
				if family == "python" && form.prefix == "environ" && start == after-len(form.prefix) {
					if pyEnviron < 0 {
						pyEnviron = importsEnviron(src)
					}
					if pyEnviron == 0 {
						continue
					}
				}
				n := len(out)
				out = envAccessAt(lx, start, after, form.access, out)
				if len(out) == n+1 && out[n].Start == start && isEnvWrite(src, out[n].End) {
					out = out[:n] // a write, not a read (destructured names are never written)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].NameStart < out[j].NameStart })
	return out
}

// envPrefixStart checks that a form's prefix at start begins an expression
// (not `myprocess.env` or `x.ENV`); Python's environ may follow `os.`.
func envPrefixStart(src []byte, start int) (int, bool) {
	if start == 0 {
		return 0, true
	}
	prev := src[start-1]
	if prev == '.' && start >= 3 && string(src[start-3:start]) == "os." {
		start -= 3
		if start == 0 {
			return 0, true
		}
		prev = src[start-1]
	}
	return start, !codelex.IsIdentByte(prev) && prev != '.'
}

// importsEnviron reports (1 or 0) whether Python source imports environ from os.
func importsEnviron(src []byte) int {
	for from := 0; ; {
		k := bytes.Index(src[from:], []byte("from os import"))
		if k < 0 {
			return 0
		}
		from += k + len("from os import")
		rest := src[from:min(codelex.LexLineEnd(src, from), from+maxImportLine)]
		if bytes.HasPrefix(bytes.TrimSpace(rest), []byte("(")) {
			if end := bytes.IndexByte(src[from:min(len(src), from+maxImportLine)], ')'); end >= 0 {
				rest = src[from : from+end]
			}
		}
		if codelex.HasIdentWord(rest, "environ") {
			return 1
		}
	}
}

// envAccessAt appends to out the name(s) read after a form's prefix, which
// spans [start, after).
func envAccessAt(lx *codelex.Lexed, start, after int, access envAccess, out []EnvSite) []EnvSite {
	src := lx.Src
	site := func(ns, ne, end int) []EnvSite {
		return append(out, EnvSite{Name: string(src[ns:ne]), NameStart: ns, NameEnd: ne, Start: start, End: end})
	}
	if access&envMember != 0 {
		dot := after
		if bytes.HasPrefix(src[after:], []byte("?.")) {
			dot++
		}
		if dot < len(src) && src[dot] == '.' {
			if ne := envNameEnd(src, dot+1); ne > dot+1 && (ne == len(src) || !codelex.IsIdentByte(src[ne])) {
				return site(dot+1, ne, ne)
			}
			return out
		}
	}
	if access&(envMember|envIndex) != 0 && after < len(src) && src[after] == '[' {
		if ns, ne, end, ok := quotedEnvName(src, after+1); ok {
			end = codelex.SkipBlanks(src, end)
			if end < len(src) && src[end] == ']' {
				return site(ns, ne, end+1)
			}
		}
		return out
	}
	call := after
	switch {
	case access&envGet != 0 && bytes.HasPrefix(src[after:], []byte(".get")):
		call = after + len(".get")
	case access&envFetch != 0 && bytes.HasPrefix(src[after:], []byte(".fetch")):
		call = after + len(".fetch")
		if call < len(src) && src[call] == ' ' { // Ruby: ENV.fetch "X"
			if ns, ne, end, ok := quotedEnvName(src, call); ok {
				return site(ns, ne, end)
			}
			return out
		}
	case access&envCall == 0:
		if access&envMember != 0 {
			return destructuredEnv(lx, start, out)
		}
		return out
	}
	if call >= len(src) || src[call] != '(' {
		return out
	}
	ns, ne, end, ok := quotedEnvName(src, call+1)
	if !ok {
		return out
	}
	if closed := lx.MatchClose(call, MaxCallScan); closed > 0 {
		end = closed
	}
	return site(ns, ne, end)
}

// destructuredEnv appends to out the names of `const { A, B: b, C = "x",
// ...rest } = process.env`, read backwards from the prefix at start.
func destructuredEnv(lx *codelex.Lexed, start int, out []EnvSite) []EnvSite {
	src := lx.Src
	j := codelex.SkipBlanksBack(src, start)
	if j == 0 || src[j-1] != '=' || j >= 2 && strings.IndexByte("=!<>", src[j-2]) >= 0 {
		return out
	}
	j = codelex.SkipBlanksBack(src, j-1)
	if j == 0 || src[j-1] != '}' {
		return out
	}
	close := j - 1
	open := bytes.LastIndexByte(src[max(0, close-2000):close], '{')
	if open < 0 {
		return out
	}
	open += max(0, close-2000)
	if lx.KindAt(open) != codelex.Code || bytes.ContainsAny(src[open+1:close], "{}") {
		return out
	}
	for item := open + 1; item < close; {
		end := item + bytes.IndexByte(src[item:close+1], ',')
		if end < item {
			end = close
		}
		ns := codelex.SkipBlanks(src, item)
		if ne := envNameEnd(src, ns); ne > ns && (ne == end || !codelex.IsIdentByte(src[ne])) {
			out = append(out, EnvSite{Name: string(src[ns:ne]), NameStart: ns, NameEnd: ne, Start: ns, End: ne})
		} else if ns2, ne2, _, ok := quotedEnvName(src, ns); ok {
			out = append(out, EnvSite{Name: string(src[ns2:ne2]), NameStart: ns2, NameEnd: ne2, Start: ns, End: ne2 + 1})
		}
		item = end + 1
	}
	return out
}

// quotedEnvName reads a quoted variable name after optional spaces at i: the
// name's bounds and the offset after the closing quote.
func quotedEnvName(src []byte, i int) (ns, ne, end int, ok bool) {
	i = codelex.SkipBlanks(src, i)
	if i >= len(src) || strings.IndexByte("'\"`", src[i]) < 0 {
		return 0, 0, 0, false
	}
	q := src[i]
	ns = i + 1
	ne = envNameEnd(src, ns)
	if ne == ns || ne >= len(src) || src[ne] != q {
		return 0, 0, 0, false
	}
	return ns, ne, ne + 1, true
}

// envNameEnd returns the end of the variable name ([A-Za-z_][A-Za-z0-9_]*) at i.
func envNameEnd(src []byte, i int) int {
	j := i
	for j < len(src) {
		c := src[j]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || j > i && c >= '0' && c <= '9' {
			j++
			continue
		}
		break
	}
	return j
}

// isEnvWrite reports whether the read ending at end is assigned to.
func isEnvWrite(src []byte, end int) bool {
	i := codelex.SkipBlanks(src, end)
	return i < len(src) && src[i] == '=' && (i+1 == len(src) || src[i+1] != '=' && src[i+1] != '>')
}
