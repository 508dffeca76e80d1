package expertise

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// Foreign expertise: an expert whose paths mostly do not exist describes
// another tree (a template that an installer copies into projects, or an
// expert copied from elsewhere). One finding for the file says so, instead
// of one per path (five or more missing, three quarters of those named or
// more); `template: true` at the top marks it and silences the
// path checks. Such a file is not judged stale either: its last_updated
// dates a review against the other tree.
const (
	foreignMinStale = 5 // fewer missing paths are ordinary drift
)

// paths reports paths named in files[].path, patterns[].location and
// learnings[].files_affected that do not exist below the workspace root.
func (v *validator) paths() {
	if v.opts.Root == "" || v.f.IsTemplate() {
		return
	}
	stale, first, checked := v.stalePaths()
	if len(stale) > 0 && (v.opts.Foreign || foreign(len(stale), checked)) {
		v.foreign = true
		v.report(CodeStalePath, v.fileAnchor(),
			"%d of the %d paths this expertise names do not exist in the workspace (first: %s): it describes another tree. "+
				"If it is a template, add `template: true` at its top or keep it under experts/templates/; otherwise update its paths",
			len(stale), checked, first)
		return
	}
	v.out = append(v.out, stale...)
}

// foreign reports whether so many of the checked paths are missing that the
// file describes another tree.
func foreign(stale, checked int) bool {
	return stale >= foreignMinStale && 4*stale >= 3*checked // three quarters or more
}

// ForeignPaths judges an expertise file's paths alone: how many name
// nothing in the workspace and whether so many do that it describes another
// tree (five or more of them, three quarters or more of those it names). A
// caller that sees most experts of one folder foreign judges the rest of
// that folder with ValidateOptions.Foreign.
func ForeignPaths(f *File, opts ValidateOptions) (stale int, isForeign bool) {
	v := &validator{f: f, opts: opts.withDefaults()}
	if v.opts.Root == "" || f.IsTemplate() {
		return 0, false
	}
	problems, _, checked := v.stalePaths()
	return len(problems), foreign(len(problems), checked)
}

// stalePaths judges every path the file names: the problems of those that
// name nothing, the first such path, and how many paths were judged.
func (v *validator) stalePaths() (stale []Problem, first string, checked int) {
	for _, s := range v.f.pathValues() {
		if p, rel, ok := v.checkPath(s); ok {
			checked++
			if p != nil {
				stale = append(stale, *p)
				if first == "" {
					first = rel
				}
			}
		}
	}
	return stale, first, checked
}

// IsTemplate reports whether the file says `template: true` at its top.
func (f *File) IsTemplate() bool {
	if f.Root == nil {
		return false
	}
	for i := 0; i+1 < len(f.Root.Content); i += 2 {
		if f.Root.Content[i].Value == "template" {
			return f.Root.Content[i+1].Value == "true"
		}
	}
	return false
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

// checkPath judges a path value: ok is false when the value is no path;
// the problem is nil when the path exists. A value ending in "/" must name
// a folder, and one with glob characters must match at least one file.
func (v *validator) checkPath(s Scalar) (p *Problem, rel string, ok bool) {
	if !hasValue(s) {
		return nil, "", false
	}
	rel, ok = pathOf(s.Value)
	if !ok {
		return nil, "", false
	}
	stale := func(format string, args ...any) (*Problem, string, bool) {
		return &Problem{Code: CodeStalePath, Range: s.Range, Message: fmt.Sprintf(format, args...)}, rel, true
	}
	if strings.ContainsAny(rel, "*?[") {
		if !v.globMatches(rel) {
			return stale("no file in the workspace matches %q: update or remove this entry", rel)
		}
		return nil, rel, true
	}
	exists, isDir := v.opts.Stat(filepath.Join(v.opts.Root, filepath.FromSlash(rel)))
	switch {
	case !exists:
		return stale("path %q does not exist in the workspace: update or remove this entry", rel)
	case strings.HasSuffix(rel, "/") && !isDir:
		return stale("%q names a folder, but %s is a file: drop the trailing /", rel, strings.TrimSuffix(rel, "/"))
	}
	return nil, rel, true
}

var errFound = errors.New("found")

// globMatches reports whether a glob (relative to the root, "**" allowed)
// matches a file of the workspace; a glob ending in "/" matches when a file
// lies below a matching folder. Only the folder before the first glob
// character is walked, and the walk stops at the first match.
func (v *validator) globMatches(pattern string) bool {
	found := false
	v.globFiles(pattern, func(string) bool { found = true; return false })
	return found
}

// globFiles calls yield with each file (absolute path) a glob matches until
// yield returns false.
func (v *validator) globFiles(pattern string, yield func(path string) bool) {
	if strings.HasSuffix(pattern, "/") {
		pattern += "**"
	}
	segs := strings.Split(pattern, "/")
	static := 0
	for static < len(segs)-1 && !strings.ContainsAny(segs[static], "*?[") {
		static++
	}
	base := strings.Join(segs[:static], "/")
	walk.Walk(context.Background(), filepath.Join(v.opts.Root, filepath.FromSlash(base)), walk.Options{},
		func(abs, rel string, _ fs.FileInfo) error {
			if walk.Match(pattern, path.Join(base, rel)) && !yield(abs) {
				return errFound
			}
			return nil
		})
}

// PathRef is a path an expertise file names, as go to definition follows it.
type PathRef struct {
	Rel   string // workspace-relative, slash-separated; "/" at the end for a folder; may be a glob
	Line  int    // 1-based line a ":N" suffix names; 0 when none
	Value Scalar // the value that names it
}

// PathAt returns the path named by the value at offset: a files[].path,
// patterns[].location or learnings[].files_affected value that is a path
// (see pathOf). ok is false anywhere else.
func PathAt(f *File, offset int) (ref PathRef, ok bool) {
	for _, s := range f.pathValues() {
		if !s.Present || !s.Range.Contains(offset) && s.Range.End.Offset != offset {
			continue
		}
		rel, isPath := pathOf(s.Value)
		if !isPath {
			return PathRef{}, false
		}
		ref = PathRef{Rel: rel, Value: s}
		if m := lineSuffixRE.FindString(strings.TrimSpace(strings.SplitN(s.Value, "#", 2)[0])); m != "" {
			fmt.Sscanf(strings.Split(m, ":")[1], "%d", &ref.Line)
		}
		return ref, true
	}
	return PathRef{}, false
}

// pathValues returns every value whose text names a workspace path.
func (f *File) pathValues() []Scalar {
	var values []Scalar
	for _, cat := range f.Files {
		for _, e := range cat.Entries {
			values = append(values, e.Path)
		}
	}
	for _, p := range f.Patterns {
		values = append(values, p.Location)
	}
	for _, l := range f.Learnings {
		values = append(values, l.FilesAffected...)
	}
	return values
}

// Targets returns the absolute paths below root that ref names, sorted: the
// file itself; for a folder, the files directly in it (or, when it holds
// none, in its subfolders); for a glob, the files it matches. At most limit
// paths; none when nothing exists. ref.Rel cannot leave root (pathOf
// cleans it as a path from the root).
func Targets(root string, ref PathRef, limit int) []string {
	var out []string
	add := func(p string) bool {
		out = append(out, p)
		return len(out) < limit
	}
	rel := strings.TrimSuffix(ref.Rel, "/")
	if strings.ContainsAny(rel, "*?[") {
		v := &validator{opts: ValidateOptions{Root: root}}
		v.globFiles(ref.Rel, add)
		return out
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	info, err := os.Stat(p)
	switch {
	case err != nil:
		return nil
	case !info.IsDir():
		return []string{p}
	}
	entries, _ := os.ReadDir(p)
	for _, e := range entries {
		if e.Type().IsRegular() && !add(filepath.Join(p, e.Name())) {
			return out
		}
	}
	if len(out) == 0 {
		walk.Walk(context.Background(), p, walk.Options{}, func(path, _ string, _ fs.FileInfo) error {
			if !add(path) {
				return errFound
			}
			return nil
		})
	}
	return out
}
