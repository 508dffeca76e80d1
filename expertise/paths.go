package expertise

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// paths reports paths named in files[].path, patterns[].location and
// learnings[].files_affected that do not exist below the workspace root.
func (v *validator) paths() {
	if v.opts.Root == "" {
		return
	}
	for _, cat := range v.f.Files {
		for _, e := range cat.Entries {
			v.checkPath(e.Path)
		}
	}
	for _, p := range v.f.Patterns {
		v.checkPath(p.Location)
	}
	for _, l := range v.f.Learnings {
		for _, fa := range l.FilesAffected {
			v.checkPath(fa)
		}
	}
}

var lineSuffixRE = regexp.MustCompile(`(:\d+)+$`)

// pathOf returns the workspace-relative path a value names, or false when
// the value is not a path: empty, a URL, prose (it holds white space), a word
// with neither "/" nor "." ("middleware chains", "Stripe"), a template
// ("<Name>.model.ts", "{{dir}}/x", "$HOME/x") or a home path ("~/x"). A
// ":line" suffix and a "#anchor" are dropped; a leading "./" or "/" means
// the workspace root.
func pathOf(value string) (string, bool) {
	s := strings.TrimSpace(value)
	if s == "" || strings.ContainsAny(s, " \t\r\n<>{}$|~") || strings.Contains(s, "://") || strings.HasPrefix(s, "mailto:") {
		return "", false
	}
	if !strings.ContainsAny(s, "/.") {
		return "", false
	}
	s, _, _ = strings.Cut(s, "#")
	s = lineSuffixRE.ReplaceAllString(s, "")
	dir := strings.HasSuffix(s, "/")
	s = path.Clean("/" + s)[1:]
	if s == "" {
		return "", false // the root itself
	}
	if dir {
		s += "/"
	}
	return s, true
}

// checkPath reports a path value that names nothing in the workspace; a
// value ending in "/" must name a folder, and one with glob characters must
// match at least one file.
func (v *validator) checkPath(s Scalar) {
	if !hasValue(s) {
		return
	}
	rel, ok := pathOf(s.Value)
	if !ok {
		return
	}
	if strings.ContainsAny(rel, "*?[") {
		if !v.globMatches(rel) {
			v.report(CodeStalePath, s.Range, "no file in the workspace matches %q: update or remove this entry", rel)
		}
		return
	}
	exists, isDir := v.opts.Stat(filepath.Join(v.opts.Root, filepath.FromSlash(rel)))
	switch {
	case !exists:
		v.report(CodeStalePath, s.Range, "path %q does not exist in the workspace: update or remove this entry", rel)
	case strings.HasSuffix(rel, "/") && !isDir:
		v.report(CodeStalePath, s.Range, "%q names a folder, but %s is a file: drop the trailing /", rel, strings.TrimSuffix(rel, "/"))
	}
}

var errFound = errors.New("found")

// globMatches reports whether a glob (relative to the root, "**" allowed)
// matches a file of the workspace; a glob ending in "/" matches when a file
// lies below a matching folder. Only the folder before the first glob
// character is walked, and the walk stops at the first match.
func (v *validator) globMatches(pattern string) bool {
	if strings.HasSuffix(pattern, "/") {
		pattern += "**"
	}
	segs := strings.Split(pattern, "/")
	static := 0
	for static < len(segs)-1 && !strings.ContainsAny(segs[static], "*?[") {
		static++
	}
	base := strings.Join(segs[:static], "/")
	err := walk.Walk(context.Background(), filepath.Join(v.opts.Root, filepath.FromSlash(base)), walk.Options{},
		func(_, rel string, _ fs.FileInfo) error {
			if walk.Match(pattern, path.Join(base, rel)) {
				return errFound
			}
			return nil
		})
	return errors.Is(err, errFound)
}
