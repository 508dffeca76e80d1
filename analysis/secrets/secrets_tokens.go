package secrets

import (
	"bytes"
	"regexp"
	resyntax "regexp/syntax"
	"sort"
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
)

// secretScanner is the compiled form of the knowledge table's token shapes
// and the generic rule's keywords, built once: one keyword automaton whose
// hits say which token patterns run where and which lines the generic rule
// reads.
type secretScanner struct {
	matcher   *keywordMatcher
	shapes    []*knowledge.TokenShape
	multiline []bool  // the shape's pattern can span lines (private key blocks)
	shapesOf  [][]int // keyword id -> indices of the shapes it gates
	generic   []bool  // keyword id -> gates the generic rule
	// providers maps normalised provider ids and names to providers, to
	// recognise them in identifiers (twilioAuthToken -> Twilio).
	providers map[string]*knowledge.Provider
}

var secretScannerOnce = sync.OnceValue(func() *secretScanner { return newSecretScanner(knowledge.Get()) })

func newSecretScanner(k *knowledge.Table) *secretScanner {
	sc := &secretScanner{providers: map[string]*knowledge.Provider{}}
	var keywords []string
	ids := map[string]int{}
	keyword := func(kw string) int {
		id, ok := ids[kw]
		if !ok {
			id = len(keywords)
			ids[kw] = id
			keywords = append(keywords, kw)
			sc.shapesOf = append(sc.shapesOf, nil)
			sc.generic = append(sc.generic, false)
		}
		return id
	}
	for _, t := range k.Tokens() {
		si := len(sc.shapes)
		sc.shapes = append(sc.shapes, t)
		sc.multiline = append(sc.multiline, matchesNewline(t.Regexp))
		for _, kw := range t.Keywords {
			id := keyword(kw)
			sc.shapesOf[id] = append(sc.shapesOf[id], si)
		}
	}
	for _, w := range genericKeywords() {
		sc.generic[keyword(w)] = true
	}
	sc.matcher = newKeywordMatcher(keywords)
	for _, p := range k.Providers {
		sc.providers[knowledge.NormalizeName(p.ID)] = p
		sc.providers[knowledge.NormalizeName(p.Name)] = p
	}
	return sc
}

// genericKeywords are the secret words of names.go that contain no other
// one: a line holding none of them holds no secret-named assignment.
func genericKeywords() []string {
	var out []string
	for _, w := range knowledge.SecretWords {
		redundant := false
		for _, o := range knowledge.SecretWords {
			if o != w && bytes.Contains([]byte(w), []byte(o)) {
				redundant = true
			}
		}
		if !redundant {
			out = append(out, w)
		}
	}
	return out
}

// matchesNewline reports whether re can match a line break.
func matchesNewline(re *regexp.Regexp) bool {
	parsed, err := resyntax.Parse(re.String(), resyntax.Perl)
	if err != nil {
		return false
	}
	var walk func(r *resyntax.Regexp) bool
	walk = func(r *resyntax.Regexp) bool {
		switch r.Op {
		case resyntax.OpAnyChar:
			return true
		case resyntax.OpCharClass:
			for i := 0; i+1 < len(r.Rune); i += 2 {
				if r.Rune[i] <= '\n' && '\n' <= r.Rune[i+1] {
					return true
				}
			}
		case resyntax.OpLiteral:
			for _, c := range r.Rune {
				if c == '\n' {
					return true
				}
			}
		}
		for _, sub := range r.Sub {
			if walk(sub) {
				return true
			}
		}
		return false
	}
	return walk(parsed)
}

// Windows bound where a pattern runs around a keyword hit: one-line tokens
// lie within tokenWindow bytes of their keyword on its line; multi-line ones
// (key blocks) start on the keyword's line and end within blockWindow bytes.
const (
	tokenWindow = 512
	blockWindow = 16 << 10
)

// window is a stretch of content a pattern runs over. A window cut short of
// its line (cutStart, cutEnd) does not trust matches that touch the cut.
type window struct {
	start, end       int
	cutStart, cutEnd bool
}

// tokenFindings runs each token pattern over the windows its keywords open
// and returns the accepted matches, without overlaps, in file order.
func (sc *secretScanner) tokenFindings(f *analysis.File, hits []keywordHit, syn lexSyntax) []secretFinding {
	windows := make([][]window, len(sc.shapes))
	for _, h := range hits {
		shapes := sc.shapesOf[h.keyword]
		if len(shapes) == 0 {
			continue
		}
		at := int(h.start)
		line := f.Lines.LineOf(at)
		ls, le := f.Lines.LineStart(line), f.Lines.LineEnd(line)
		for _, si := range shapes {
			var w window
			if sc.multiline[si] {
				w = window{start: ls, end: min(len(f.Content), at+blockWindow)}
				w.cutEnd = w.end < len(f.Content)
			} else {
				w = window{start: max(ls, at-tokenWindow), end: min(le, at+tokenWindow)}
				w.cutStart, w.cutEnd = w.start > ls, w.end < le
			}
			ws := windows[si]
			if n := len(ws); n > 0 && w.start <= ws[n-1].end {
				if w.end > ws[n-1].end {
					ws[n-1].end, ws[n-1].cutEnd = w.end, w.cutEnd
				}
				continue
			}
			windows[si] = append(ws, w)
		}
	}
	var found []secretFinding
	for si, ws := range windows {
		t := sc.shapes[si]
		for _, w := range ws {
			for _, m := range t.Regexp.FindAllIndex(f.Content[w.start:w.end], -1) {
				if w.cutStart && m[0] == 0 || w.cutEnd && w.start+m[1] == w.end {
					continue
				}
				fd := newFinding(f, syn, w.start+m[0], w.start+m[1])
				fd.shape = t
				if acceptToken(f, &fd) {
					found = append(found, fd)
				}
			}
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].start < found[j].start })
	kept := found[:0]
	for _, fd := range found {
		if n := len(kept); n > 0 && fd.start < kept[n-1].end {
			continue // another shape already claimed these bytes
		}
		kept = append(kept, fd)
	}
	return kept
}

// inLongerRun reports whether content[start:end] is part of a longer run of
// base64 characters (a blob, not a key of its own); '=' counts only after
// it, where it pads.
func inLongerRun(content []byte, start, end int) bool {
	isB64 := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '+' || c == '/' || c == '-'
	}
	return start > 0 && isB64(content[start-1]) || end < len(content) && (isB64(content[end]) || content[end] == '=')
}

// acceptToken applies a shape's context words (on the token's line, within
// contextDistance bytes), example values and entropy
// floor, and the placeholder filters. Shapes without a fixed prefix (those
// with a min_entropy, like AWS secret keys) also skip digests, commit ids,
// UUIDs and words unless a secret's name holds them, and pieces of longer
// base64 runs.
func acceptToken(f *analysis.File, fd *secretFinding) bool {
	t := fd.shape
	v := string(f.Content[fd.start:fd.end])
	if len(t.ContextWords) > 0 {
		line := f.Lines.LineOf(fd.start)
		from := max(f.Lines.LineStart(line), fd.start-contextDistance)
		to := min(f.Lines.LineEnd(line), fd.end+contextDistance)
		text := bytes.ToLower(f.Content[from:max(from, to)])
		found := false
		for _, w := range t.ContextWords {
			found = found || bytes.Contains(text, []byte(w))
		}
		if !found {
			return false
		}
	}
	if t.ExampleRe != nil && t.ExampleRe.MatchString(v) || isPlaceholder(v) {
		return false
	}
	if t.MinEntropy > 0 {
		named := knowledge.IsSecretName(lastSegment(fd.name))
		if !named && (isHashLike(v) || looksLikeWords(v)) || inLongerRun(f.Content, fd.start, fd.end) {
			return false
		}
	}
	return shannonEntropy(v) >= max(t.MinEntropy, minTokenEntropy)
}
