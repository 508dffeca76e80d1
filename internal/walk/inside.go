package walk

import (
	"path/filepath"
	"strings"
)

// Within reports whether path is dir or lies below it, lexically (both
// absolute and clean, or both relative). An empty dir holds nothing.
func Within(dir, path string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Inside reports whether the absolute path lies inside root once symbolic
// links are resolved (as far as each exists): a link inside the workspace
// to a file outside it is outside.
func Inside(root, path string) bool {
	return filepath.IsAbs(path) && Within(ResolveExisting(root), ResolveExisting(path))
}

// ResolveExisting resolves the symbolic links of the longest existing
// prefix of path and appends the rest.
func ResolveExisting(path string) string {
	path = filepath.Clean(path)
	rest := ""
	for p := path; ; {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return path
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// Resolve returns the absolute, clean path that value (slash-separated,
// relative to root, or absolute) names, and whether it lies inside root,
// lexically and with symbolic links resolved (Within and Inside).
func Resolve(root, value string) (string, bool) {
	p := filepath.FromSlash(value)
	if !filepath.IsAbs(p) {
		p = filepath.Join(root, p)
	}
	p = filepath.Clean(p)
	return p, Within(root, p) && Inside(root, p)
}
