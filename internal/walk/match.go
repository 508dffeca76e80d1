package walk

import (
	"strings"
	"unicode/utf8"
)

// Match reports whether the slash-separated path rel matches pattern, a glob
// with gitignore's syntax:
//   - `*` matches any run of characters inside one path segment, `?` one character;
//   - `[abc]`, `[a-z]` match one character of a class, `[!a-z]` or `[^a-z]` one outside it;
//   - `\` makes the next character literal;
//   - `**` as a whole segment matches any number of segments: `**/x` matches x
//     at any depth, `a/**/b` matches a/b and a/x/y/b, and a trailing `a/**`
//     matches everything inside a (but not a itself).
//
// A leading "/" of the pattern is ignored: patterns are relative to the
// directory rel is relative to. Malformed classes match literally.
func Match(pattern, rel string) bool {
	return CompileGlob(pattern).matchSegs(splitPath(strings.Trim(rel, "/")))
}

// Glob is a pattern of Match split into its segments once, for the callers
// that match one pattern against many paths.
type Glob []string

// CompileGlob splits a Match pattern into its segments.
func CompileGlob(pattern string) Glob {
	pats := splitPath(strings.TrimPrefix(pattern, "/"))
	if n := len(pats); n > 1 && pats[n-1] == "**" {
		// "a/**" is "a/*/**": at least one segment inside a.
		pats = append(pats[:n-1], "*", "**")
	}
	return pats
}

// splitPath splits a slash-separated path into its segments; "" has none.
func splitPath(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// matchSegs is Match on a path split by splitPath.
func (g Glob) matchSegs(segs []string) bool {
	if len(g) == 0 || len(segs) == 0 {
		return len(g) == len(segs)
	}
	return matchSegments(g, segs)
}

// matchSegments matches path segments against pattern segments, where a "**"
// pattern segment stands for any number of path segments. Like the classic
// single-star glob algorithm it only needs to remember the last "**".
func matchSegments(pats, segs []string) bool {
	pi, si := 0, 0
	starP, starS := -1, 0
	for si < len(segs) {
		if pi < len(pats) {
			if pats[pi] == "**" {
				starP, starS = pi+1, si
				pi++
				continue
			}
			if matchSegment(pats[pi], segs[si]) {
				pi++
				si++
				continue
			}
		}
		if starP < 0 {
			return false
		}
		starS++
		pi, si = starP, starS
	}
	for pi < len(pats) && pats[pi] == "**" {
		pi++
	}
	return pi == len(pats)
}

// matchSegment matches one path segment against one pattern segment.
func matchSegment(p, s string) bool {
	pi, si := 0, 0
	starP, starS := -1, 0
	for si < len(s) {
		if pi < len(p) {
			if p[pi] == '*' {
				starP, starS = pi+1, si
				pi++
				continue
			}
			if pn, sn, ok := matchOne(p[pi:], s[si:]); ok {
				pi += pn
				si += sn
				continue
			}
		}
		if starP < 0 {
			return false
		}
		_, size := utf8.DecodeRuneInString(s[starS:])
		starS += size
		pi, si = starP, starS
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// matchOne matches the first pattern item (a literal, an escaped character,
// `?` or a class) against the first character of s. It returns how many bytes
// of the pattern and of s it consumed.
func matchOne(p, s string) (pn, sn int, ok bool) {
	r, size := utf8.DecodeRuneInString(s)
	switch p[0] {
	case '?':
		return 1, size, true
	case '[':
		if n, matched, valid := matchClass(p, r); valid {
			return n, size, matched
		}
		return 1, 1, s[0] == '['
	case '\\':
		if len(p) > 1 {
			pr, psize := utf8.DecodeRuneInString(p[1:])
			return 1 + psize, size, pr == r
		}
	}
	pr, psize := utf8.DecodeRuneInString(p)
	return psize, size, pr == r
}

// matchClass matches r against the class that p starts with ("[...]"). valid
// is false when the class has no closing bracket, and then "[" is literal.
func matchClass(p string, r rune) (n int, matched, valid bool) {
	i := 1
	negate := false
	if i < len(p) && (p[i] == '!' || p[i] == '^') {
		negate = true
		i++
	}
	for first := true; i < len(p); first = false {
		if p[i] == ']' && !first {
			return i + 1, matched != negate, true
		}
		lo, size := classChar(p[i:])
		i += size
		hi := lo
		if i+1 < len(p) && p[i] == '-' && p[i+1] != ']' {
			hi, size = classChar(p[i+1:])
			i += 1 + size
		}
		if lo <= r && r <= hi {
			matched = true
		}
	}
	return 0, false, false
}

// classChar reads one character of a class, honouring a backslash escape.
func classChar(p string) (rune, int) {
	if p[0] == '\\' && len(p) > 1 {
		r, size := utf8.DecodeRuneInString(p[1:])
		return r, 1 + size
	}
	return utf8.DecodeRuneInString(p)
}
