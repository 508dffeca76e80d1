package analysis

import (
	"bytes"
	"sort"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// hookFile is one file as the webhook analyzers read it: lexical scans over
// the content first, the parse tree only around what the scans find. It
// caches what the three analyzers share: where names occur, which of those
// spots are code, the handlers, mounts and verifiers.
type hookFile struct {
	f     *File
	cfg   *Config
	src   []byte
	vocab *hookVocab
	extra []hookName // the settings' verifyFunctions

	occ       map[string][]int // whole-word (or literal) occurrences by needle
	code      map[int]bool     // whether the name at an offset is code (not comment or string)
	hds       []handler
	hdsDone   bool
	routes    []handler
	routesOK  bool
	mounts    []mount
	mountsOK  bool
	local     map[string]HookChecks
	cmps      []sigCompare
	cmpsOK    bool
	sdkImport int8 // 0 unknown, 1 yes, -1 no
}

// newHookFile returns nil for files whose language is not parsed.
func newHookFile(f *File, cfg *Config) *hookFile {
	v := vocabFor(f)
	if v == nil {
		return nil
	}
	return &hookFile{f: f, cfg: cfg, src: f.Content, vocab: v, extra: configVerifyNames(cfg), occ: map[string][]int{}, code: map[int]bool{}}
}

// hookFileKey is the File.Shared key of the webhook analyzers' reading.
type hookFileKey struct{}

// hookFileOf returns the reading of f that the index's facts and the three
// webhook analyzers share, or nil for files whose language is not parsed.
func hookFileOf(f *File, cfg *Config) *hookFile {
	h, _ := f.Shared(hookFileKey{}, func() any { return newHookFile(f, cfg) }).(*hookFile)
	return h
}

// passHookFile returns the pass's shared reading of its file.
func passHookFile(pass *Pass) *hookFile { return hookFileOf(pass.File, pass.Config) }

// tree parses on first use.
func (h *hookFile) tree() *syntax.Tree { return h.f.Tree() }

func (h *hookFile) all() syntax.Span { return syntax.Span{End: len(h.src)} }

func (h *hookFile) text(s syntax.Span) string {
	if s.Start < 0 || s.End > len(h.src) || s.Empty() {
		return ""
	}
	return string(h.src[s.Start:s.End])
}

// mention is a name from the knowledge table found in code.
type mention struct {
	syntax.Span // from the start of the dotted callee to the end of the name
	name        hookName
}

// mentions calls fn with every mention in s of a name in names, in the
// order of names, until fn returns false. A mention is the name as a whole
// word whose dotted expression matches (MatchCall), outside comments and
// strings; literal names match as plain text anywhere.
func (h *hookFile) mentions(s syntax.Span, names []hookName, fn func(mention) bool) {
	if s.Start < 0 || s.End > len(h.src) {
		return
	}
	for _, n := range names {
		offsets := h.occurrences(n)
		for i := sort.SearchInts(offsets, s.Start); i < len(offsets) && offsets[i]+len(n.last) <= s.End; i++ {
			start, end := offsets[i], offsets[i]+len(n.last)
			m := mention{Span: syntax.Span{Start: start, End: end}, name: n}
			if !n.literal {
				calleeStart, callee := syntax.CalleeBefore(h.src, start, end)
				if !MatchCall(callee, n.full) || !h.isCode(start, end) {
					continue
				}
				m.Start = calleeStart
			}
			if !fn(m) {
				return
			}
		}
	}
}

// occurrences returns the offsets of n's needle in the file: whole words,
// or anywhere for literal names.
func (h *hookFile) occurrences(n hookName) []int {
	if offsets, ok := h.occ[n.last]; ok {
		return offsets
	}
	var offsets []int
	needle := []byte(n.last)
	for from := 0; from < len(h.src); {
		i := bytes.Index(h.src[from:], needle)
		if i < 0 {
			break
		}
		start := from + i
		from = start + len(needle)
		if n.literal || syntax.IsWord(h.src, start, from) {
			offsets = append(offsets, start)
		}
	}
	h.occ[n.last] = offsets
	return offsets
}

// isCode reports whether the name at [start, end) is code rather than part
// of a comment or string.
func (h *hookFile) isCode(start, end int) bool {
	code, ok := h.code[start]
	if !ok {
		code = !h.tree().InCommentOrString(start, end)
		h.code[start] = code
	}
	return code
}

// first returns the earliest mention in s of a name in names.
func (h *hookFile) first(s syntax.Span, names []hookName) (mention, bool) {
	var best mention
	found := false
	h.mentions(s, names, func(m mention) bool {
		if !found || m.Start < best.Start {
			best, found = m, true
		}
		return true
	})
	return best, found
}

// has reports whether s mentions a name in names.
func (h *hookFile) has(s syntax.Span, names []hookName) bool {
	found := false
	h.mentions(s, names, func(mention) bool { found = true; return false })
	return found
}

// words calls fn with every identifier in s, in order (lexical: names in
// comments and strings included). Ruby symbols yield their name.
func (h *hookFile) words(s syntax.Span, fn func(start, end int)) {
	src := h.src
	for i := s.Start; i < s.End && i < len(src); {
		if !syntax.IsIdentByte(src[i]) {
			i++
			continue
		}
		j := i
		for j < s.End && j < len(src) && syntax.IsIdentByte(src[j]) {
			j++
		}
		if c := src[i]; !(c >= '0' && c <= '9') {
			fn(i, j)
		}
		i = j
	}
}

// lineStart returns the offset of the start of the line holding offset.
func lineStart(src []byte, offset int) int {
	return bytes.LastIndexByte(src[:offset], '\n') + 1
}

// lineEnd returns the offset of the end of the line holding offset (before the newline).
func lineEnd(src []byte, offset int) int {
	if i := bytes.IndexByte(src[offset:], '\n'); i >= 0 {
		return offset + i
	}
	return len(src)
}

// stringValue returns the content of a string literal as written (quotes
// dropped, escapes kept), or "" when s is not a plain string literal.
func stringValue(text string) string {
	if len(text) >= 2 {
		switch q := text[0]; q {
		case '\'', '"', '`':
			if text[len(text)-1] == q {
				return text[1 : len(text)-1]
			}
		}
	}
	return ""
}
