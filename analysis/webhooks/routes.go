package webhooks

import (
	"bytes"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// Routes that cross files: a route registered in one file whose handler is
// defined in another (router.post('/stripe', stripeController.handle)), and
// routers mounted after a JSON body parser in another file.

// checksIn returns what the code in spans does toward verification: the
// calls it makes itself, and the named functions that the first span calls
// and the others call or reference (middleware, guards, decorators,
// before_action symbols), looked up in known.
func (h *hookFile) checksIn(spans []syntax.Span, known func(name string) HookChecks) HookChecks {
	var c HookChecks
	for i, s := range spans {
		if s.Empty() {
			continue
		}
		for _, g := range h.checkGroups() {
			if c&g.check == 0 && h.has(s, g.names) {
				c |= g.check
			}
		}
		if c&checkEqCompare == 0 && len(h.signatureCompares(s)) > 0 {
			c |= checkEqCompare
		}
		if c&checkSharedSecret == 0 && h.comparesSharedSecret(s) {
			c |= checkSharedSecret
		}
		if known != nil {
			h.words(s, func(start, end int) {
				if i == 0 && h.vocab.family != "ruby" && !calledAt(h.src, end) {
					return // in a body, only calls name helpers (Ruby calls need no parentheses)
				}
				c |= known(string(h.src[start:end]))
			})
		}
	}
	return c
}

// calledAt reports whether the identifier ending at end is called: an
// opening parenthesis follows, after spaces.
func calledAt(src []byte, end int) bool {
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return end < len(src) && src[end] == '('
}

// foreignRoutes returns the file's routes whose handler another file defines.
func (h *hookFile) foreignRoutes() []HookRoute {
	var out []HookRoute
	var local func(string) HookChecks
	for _, hd := range h.routeCandidates() {
		if hd.ref == "" {
			continue
		}
		if own := h.verifiers(); local == nil && len(own) > 0 {
			local = func(name string) HookChecks { return own[name] }
		}
		name, module := hd.ref, ""
		if i := strings.LastIndexAny(hd.ref, ".:"); i >= 0 {
			name = hd.ref[i+1:]
			module = h.importSource(strings.FieldsFunc(hd.ref, func(r rune) bool { return r == '.' || r == ':' })[0])
		} else {
			module = h.importSource(name)
		}
		var middleware []string
		for _, s := range hd.scope {
			h.words(s, func(start, end int) {
				if w := string(h.src[start:end]); len(middleware) < 8 && !slices.Contains(middleware, w) {
					middleware = append(middleware, w)
				}
			})
		}
		out = append(out, HookRoute{Path: hd.path, Handler: name, Module: module, Checks: h.checksIn(hd.scope, local), Label: hd.label, Middleware: middleware})
	}
	return out
}

// routeCandidates returns the route registrations of the file, with their
// handler found in the file or named by ref.
func (h *hookFile) routeCandidates() []handler {
	switch h.f.Lang.Family() {
	case "js":
		return h.jsRoutes()
	case "go":
		if codelex.ContainsAny(h.src, "Handle", "POST", "Post") {
			return h.goRoutes()
		}
	}
	return nil
}

// importSource returns the workspace module that name is imported from:
// for JS a module path without extension ("src/lib/verify"), for Go the
// package's directory or import path; "" for packages outside the
// workspace. A name that is not imported is defined in the file's own
// module (Go: its package).
func (h *hookFile) importSource(name string) string {
	dir := path.Dir(h.f.Rel)
	if h.f.Lang == syntax.Go {
		if spec := goImportOf(h.src, name); spec != "" {
			return spec
		}
		return dir
	}
	spec := jsImportOf(h.src, name)
	switch {
	case spec == "":
		return modulePath(h.f.Rel)
	case strings.HasPrefix(spec, "."):
		return path.Join(dir, spec)
	case strings.HasPrefix(spec, "@/"), strings.HasPrefix(spec, "~/"):
		return spec[2:]
	}
	return ""
}

// jsImportOf returns the module specifier name is imported from by an
// import statement or require call, or "".
func jsImportOf(src []byte, name string) string {
	needle := []byte(name)
	for from := 0; from < len(src); {
		i := bytes.Index(src[from:], needle)
		if i < 0 {
			return ""
		}
		at := from + i
		from = at + len(needle)
		if !syntax.IsWord(src, at, from) {
			continue
		}
		head := src[max(0, at-300):at]
		k := bytes.LastIndex(head, []byte("import"))
		if k >= 0 && !bytes.ContainsAny(head[k:], ";") {
			rest := src[from:min(len(src), from+300)]
			if j := bytes.Index(rest, []byte("from")); j >= 0 && !bytes.ContainsAny(rest[:j], ";") {
				return firstString(string(rest[j:]))
			}
		}
		if line := src[lineStart(src, at):lineEnd(src, at)]; bytes.Contains(line, []byte("require(")) {
			return firstString(string(line[bytes.Index(line, []byte("require(")):]))
		}
	}
	return ""
}

// goImportOf returns the import path of the package a Go file refers to as
// name ("handlers" -> "github.com/acme/app/internal/handlers"), or "".
func goImportOf(src []byte, name string) string {
	for _, pat := range []string{"/" + name + `"`, `"` + name + `"`} {
		if i := bytes.Index(src, []byte(pat)); i >= 0 {
			start := bytes.LastIndexByte(src[:i+1], '"')
			if pat[0] == '"' {
				start = i
			}
			return string(src[start+1 : i+len(pat)-1])
		}
	}
	for _, line := range bytes.Split(src[:min(len(src), 4096)], []byte("\n")) {
		if f := bytes.Fields(line); len(f) == 2 && string(f[0]) == name && f[1][0] == '"' {
			return strings.Trim(string(f[1]), `"`)
		}
	}
	return ""
}

// moduleMatches reports whether a module named by another file's route or
// mount (see importSource) is the file at rel.
func moduleMatches(module, rel string, goPackage bool) bool {
	if module == "" {
		return false
	}
	if goPackage {
		dir := path.Dir(rel)
		return module == dir || strings.HasSuffix(module, "/"+dir)
	}
	m := modulePath(rel)
	return module == m || strings.HasSuffix(m, "/"+module)
}

// jsonParsedModules returns the modules whose routers the file mounts
// (app.use(path, router)) after mounting a JSON body parser for all paths.
func (h *hookFile) jsonParsedModules() []string {
	if h.vocab.family != "js" || !containsAfterDot(h.src, "use") || !h.has(h.all(), h.vocab.jsonBody) {
		return nil
	}
	var out []string
	parsed := false
	for _, m := range h.jsMounts() {
		if !parsed {
			parsed = m.path == "" && h.has(m.args, h.vocab.jsonBody)
			continue
		}
		h.words(m.args, func(start, end int) {
			name := string(h.src[start:end])
			if spec := jsImportOf(h.src, name); spec != "" && (strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "@/") || strings.HasPrefix(spec, "~/")) {
				if mod := h.importSource(name); !slices.Contains(out, mod) {
					out = append(out, mod)
				}
			}
		})
	}
	return out
}

// comparesSharedSecret reports whether s compares something with a secret
// env var read in place (req.headers["x-plain-webhook-secret"] !==
// process.env.PLAIN_WEBHOOK_SECRET): the sender proves itself with a shared
// secret rather than a signature. Not a signature, but not unverified.
func (h *hookFile) comparesSharedSecret(s syntax.Span) bool {
	src := h.src
	sites := analysis.EnvSites(h.f) // by name offset: those named in s are a run
	for _, site := range sites[sort.Search(len(sites), func(i int) bool { return sites[i].NameStart >= s.Start }):] {
		if site.NameStart >= s.End {
			break
		}
		if site.Start < s.Start || site.End > s.End {
			continue
		}
		if u := strings.ToUpper(site.Name); !strings.Contains(u, "SECRET") && !strings.Contains(u, "TOKEN") {
			continue
		}
		before := bytes.TrimRight(src[max(s.Start, site.Start-4):site.Start], " \t")
		after := bytes.TrimLeft(src[site.End:min(s.End, site.End+4)], " \t")
		if bytes.HasSuffix(before, []byte("==")) || bytes.HasSuffix(before, []byte("!=")) ||
			bytes.HasPrefix(after, []byte("==")) || bytes.HasPrefix(after, []byte("!=")) {
			return true
		}
	}
	return false
}
