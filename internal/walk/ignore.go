package walk

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// skippedDirs are directories never walked, wherever they are.
var skippedDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true}

// Ignorer answers whether a workspace path is skipped: inside .git,
// node_modules or vendor, matched by an Exclude glob, or ignored by git
// (.gitignore files from the repository's top down to the path's directory,
// then .git/info/exclude). It reads each .gitignore once, when a path below
// it is first asked about; make a new Ignorer when a .gitignore changes. It is
// safe for concurrent use.
type Ignorer struct {
	exclude []Glob
	top     string // the git repository's top directory (the root when there is none)
	prefix  string // the root relative to top, slash-separated ("" when they are the same)

	mu     sync.Mutex
	chains map[string][]rule // every rule that applies in a directory (relative to top), outermost first
	dirs   map[string]bool   // verdicts on directories, by path relative to the root
}

// rule is one .gitignore pattern.
type rule struct {
	base    string // directory of the .gitignore, relative to top ("" for top)
	pattern Glob   // relative to base
	negate  bool   // "!pattern": re-include
	dirOnly bool   // "pattern/": directories only
}

// NewIgnorer returns the Ignorer of the workspace at root; exclude holds
// extra globs (slash-separated, relative to root, "**" allowed) to skip.
// When root lies inside a git repository, the .gitignore files between the
// repository's top and root apply too.
func NewIgnorer(root string, exclude ...string) *Ignorer {
	root = filepath.Clean(root)
	if abs, err := filepath.Abs(root); err == nil {
		root = abs
	}
	globs := make([]Glob, len(exclude))
	for i, g := range exclude {
		globs[i] = CompileGlob(g)
	}
	ig := &Ignorer{exclude: globs, top: root, chains: map[string][]rule{}, dirs: map[string]bool{}}
	for dir := root; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			if rel, err := filepath.Rel(dir, root); err == nil && rel != "." {
				ig.top, ig.prefix = dir, filepath.ToSlash(rel)
			}
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return ig
}

// Ignored reports whether the path rel (slash-separated, relative to the
// root) is skipped, itself or because a directory above it is. isDir says
// whether rel is a directory (patterns ending in "/" match only those).
func (ig *Ignorer) Ignored(rel string, isDir bool) bool {
	rel = path.Clean(strings.Trim(filepath.ToSlash(rel), "/"))
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return false
	}
	for i := 0; i < len(rel); i++ {
		if rel[i] == '/' && ig.dirIgnored(rel[:i]) {
			return true
		}
	}
	return ig.ignoredSelf(rel, isDir)
}

// dirIgnored is ignoredSelf for a directory, cached.
func (ig *Ignorer) dirIgnored(rel string) bool {
	ig.mu.Lock()
	verdict, ok := ig.dirs[rel]
	ig.mu.Unlock()
	if !ok {
		verdict = ig.ignoredSelf(rel, true)
		ig.mu.Lock()
		ig.dirs[rel] = verdict
		ig.mu.Unlock()
	}
	return verdict
}

// ignoredSelf judges rel by its own name and patterns, assuming no directory
// above it is ignored (a walk never enters ignored directories).
func (ig *Ignorer) ignoredSelf(rel string, isDir bool) bool {
	if name := path.Base(rel); name == ".git" || isDir && skippedDirs[name] {
		return true // a .git file links a worktree or submodule to its git directory
	}
	segs := splitPath(rel)
	for _, g := range ig.exclude {
		if g.matchSegs(segs) {
			return true
		}
	}
	full, fullSegs := rel, segs
	if ig.prefix != "" {
		full = ig.prefix + "/" + rel
		fullSegs = splitPath(full)
	}
	dir := path.Dir(full)
	if dir == "." {
		dir = ""
	}
	ignored := false
	for _, r := range ig.chain(dir) {
		if r.dirOnly && !isDir {
			continue
		}
		sub := fullSegs
		if r.base != "" && strings.HasPrefix(full, r.base+"/") {
			sub = fullSegs[strings.Count(r.base, "/")+1:]
		}
		if r.pattern.matchSegs(sub) {
			ignored = !r.negate
		}
	}
	return ignored
}

// chain returns the rules that apply to entries of dir (relative to top):
// .git/info/exclude first, then every .gitignore from top down to dir, so
// that the last matching rule decides as in git.
func (ig *Ignorer) chain(dir string) []rule {
	ig.mu.Lock()
	c, ok := ig.chains[dir]
	ig.mu.Unlock()
	if ok {
		return c
	}
	var parent []rule
	if dir == "" {
		parent = parseGitignore("", readExclude(ig.top))
	} else {
		up := path.Dir(dir)
		if up == "." {
			up = ""
		}
		parent = ig.chain(up)
	}
	data, _ := os.ReadFile(filepath.Join(ig.top, filepath.FromSlash(dir), ".gitignore"))
	own := parseGitignore(dir, data)
	c = append(parent[:len(parent):len(parent)], own...)
	ig.mu.Lock()
	ig.chains[dir] = c
	ig.mu.Unlock()
	return c
}

// readExclude reads the repository's info/exclude file, following a .git
// file ("gitdir: path", as in submodules and worktrees) to the git directory.
func readExclude(top string) []byte {
	gitDir := filepath.Join(top, ".git")
	if data, err := os.ReadFile(gitDir); err == nil {
		target := strings.TrimSpace(strings.TrimPrefix(string(data), "gitdir:"))
		if !filepath.IsAbs(target) {
			target = filepath.Join(top, target)
		}
		gitDir = target
	}
	data, _ := os.ReadFile(filepath.Join(gitDir, "info", "exclude"))
	return data
}

// parseGitignore reads the patterns of a .gitignore in directory base:
// blank lines and "#" comments are skipped, trailing spaces dropped unless
// escaped, "!" negates, a trailing "/" matches directories only, and a
// pattern without a "/" before its end matches at any depth below base.
func parseGitignore(base string, data []byte) []rule {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var rules []rule
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		for strings.HasSuffix(line, " ") && !strings.HasSuffix(line, `\ `) {
			line = line[:len(line)-1]
		}
		if line == "" || line[0] == '#' {
			continue
		}
		r := rule{base: base}
		if line[0] == '!' {
			r.negate, line = true, line[1:]
		}
		if strings.HasSuffix(line, "/") {
			r.dirOnly, line = true, strings.TrimRight(line, "/")
		}
		if line == "" {
			continue
		}
		if strings.Contains(line, "/") {
			r.pattern = CompileGlob(line)
		} else {
			r.pattern = CompileGlob("**/" + line)
		}
		rules = append(rules, r)
	}
	return rules
}

// SkipDir reports whether a folder of this name is never walked
// (.git, node_modules, vendor).
func SkipDir(name string) bool { return skippedDirs[name] }
