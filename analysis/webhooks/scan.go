package webhooks

import (
	"bytes"
	"slices"
	"sort"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// hookFile is one file as the webhook analyzers read it: lexical scans over
// the content first, the parse tree only around what the scans find. It
// caches what the three analyzers share: where names occur, which of those
// spots are code, the handlers, mounts and verifiers.
type hookFile struct {
	f     *analysis.File
	src   []byte // f.Content
	vocab *hookVocab
	extra []hookName // the settings' verifyFunctions

	wordSet  *wordSet            // the words of wordOcc
	wordOcc  map[string][]int    // whole-word occurrences of the non-literal names, by name (one pass)
	literals map[string][]int    // occurrences of the literal names, by name
	callees  map[int]calleeAt    // the dotted expressions that end with a word, by the word's offset
	code     map[int]bool        // whether the name at an offset is code (not comment or string)
	namedFns map[int]namedFuncAt // EnclosingNamedFunction by offset

	hds       lazy[[]handler]             // the inbound POST-ish handlers
	routes    lazy[[]handler]             // the route registrations (JS, Go)
	mounts    lazy[[]mount]               // the JS middleware registrations
	local     lazy[map[string]HookChecks] // the file's verifiers
	cmps      lazy[[]sigCompare]          // signatures compared in variable time
	macFacts  lazy[*macFacts]             // where the file's MACs flow (macflow.go)
	stmts     lazy[[]syntax.Span]         // verifying statements
	macGate   lazy[bool]                  // whether the file may compare MACs
	hmacCalls lazy[bool]                  // whether the file may call an HMAC function
	sdkImport lazy[bool]                  // whether the file imports a webhook library
	judged    judgedReceivers             // receivers, for the index state they were judged in
}

// judgedReceivers are a file's receivers with what they were judged
// against: the analyzers of one judgement share them, and a change of the
// index or of the settings judges again. A view belongs to one index and
// one generation of its facts (analysis.Index.View), so it tells both.
type judgedReceivers struct {
	view *hookView
	cfg  *analysis.Config
	out  []receiver
}

// lazy is a value found on first use.
type lazy[T any] struct {
	v    T
	done bool
}

// get returns the value, calling find for it on first use.
func (l *lazy[T]) get(find func() T) T {
	if !l.done {
		l.v, l.done = find(), true
	}
	return l.v
}

// newHookFile returns nil for files whose language is not parsed.
func newHookFile(f *analysis.File, cfg *analysis.Config) *hookFile {
	v := vocabFor(f)
	if v == nil {
		return nil
	}
	return &hookFile{f: f, src: f.Content, vocab: v, extra: configVerifyNames(cfg)}
}

// hookFileKey is the File.Shared key of the webhook analyzers' reading.
type hookFileKey struct{}

// hookFileOf returns the reading of f that the index's facts and the three
// webhook analyzers share, or nil for files whose language is not parsed.
func hookFileOf(f *analysis.File, cfg *analysis.Config) *hookFile {
	h, _ := f.Shared(hookFileKey{}, func() any { return newHookFile(f, cfg) }).(*hookFile)
	return h
}

// passHookFile returns the pass's shared reading of its file.
func passHookFile(pass *analysis.Pass) *hookFile { return hookFileOf(pass.File, pass.Config) }

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
	h.mentionsWhere(s, names, nil, fn)
}

// mentionsWhere is mentions restricted to those whose start (the start of
// the dotted expression, as the mention's) passes where: a lexical test
// that spares asking the tree about the others. A nil where passes all.
func (h *hookFile) mentionsWhere(s syntax.Span, names []hookName, where func(start int) bool, fn func(mention) bool) {
	if s.Start < 0 || s.End > len(h.src) {
		return
	}
	for _, n := range names {
		offsets := h.occurrences(n)
		for i := sort.SearchInts(offsets, s.Start); i < len(offsets) && offsets[i]+len(n.last) <= s.End; i++ {
			start, end := offsets[i], offsets[i]+len(n.last)
			m := mention{Span: syntax.Span{Start: start, End: end}, name: n}
			if !n.literal {
				calleeStart, callee := h.calleeBefore(start, end)
				if !knowledge.MatchCall(callee, n.full) || where != nil && !where(calleeStart) || !h.isCode(start, end) {
					continue
				}
				m.Start = calleeStart
			} else if where != nil && !where(start) {
				continue
			}
			if !fn(m) {
				return
			}
		}
	}
}

// occurrences returns the offsets of n's needle in the file: whole words,
// or anywhere for literal names. The first call for a non-literal name finds
// those of every name the analyzers use, in one pass.
func (h *hookFile) occurrences(n hookName) []int {
	if !n.literal {
		return h.scannedWords()[n.last] // the vocabulary's and the settings' names are all in the word set
	}
	if offsets, ok := h.literals[n.last]; ok {
		return offsets
	}
	offsets := slices.Collect(indexes(h.src, []byte(n.last)))
	if h.literals == nil {
		h.literals = map[string][]int{}
	}
	h.literals[n.last] = offsets
	return offsets
}

// scannedWords returns the offsets of the words of the vocabulary and the
// settings' verify functions, by word, found in one pass on first use.
func (h *hookFile) scannedWords() map[string][]int {
	if h.wordOcc == nil {
		h.wordSet = h.vocab.words.with(h.extra)
		h.wordOcc = h.wordSet.scan(h.src)
	}
	return h.wordOcc
}

// wordOffsets returns the offsets of word as a whole word: from the one
// pass for the words it covers, else from a scan for word alone.
func (h *hookFile) wordOffsets(word string) []int {
	occ := h.scannedWords()
	if !h.wordSet.has(word) {
		return wholeWords(h.src, word)
	}
	return occ[word]
}

// calleeAt is syntax.CalleeBefore's answer for the name at an offset.
type calleeAt struct {
	end, start int
	callee     string
}

// calleeBefore is syntax.CalleeBefore, remembered by offset: several
// names of the knowledge table end with the same word ("verify").
func (h *hookFile) calleeBefore(start, end int) (int, string) {
	if c, ok := h.callees[start]; ok && c.end == end {
		return c.start, c.callee
	}
	calleeStart, callee := syntax.CalleeBefore(h.src, start, end)
	if h.callees == nil {
		h.callees = map[int]calleeAt{}
	}
	h.callees[start] = calleeAt{end: end, start: calleeStart, callee: callee}
	return calleeStart, callee
}

// namedFuncAt is syntax.EnclosingNamedFunction's answer for an offset.
type namedFuncAt struct {
	fn syntax.Func
	ok bool
}

// namedFunc is syntax.EnclosingNamedFunction, remembered by offset: the
// verifiers and the MAC helpers ask it about the same calls.
func (h *hookFile) namedFunc(at int) (syntax.Func, bool) {
	if r, ok := h.namedFns[at]; ok {
		return r.fn, r.ok
	}
	fn, ok := h.tree().EnclosingNamedFunction(at)
	if h.namedFns == nil {
		h.namedFns = map[int]namedFuncAt{}
	}
	h.namedFns[at] = namedFuncAt{fn, ok}
	return fn, ok
}

// isCode reports whether the name at [start, end) is code rather than part
// of a comment or string. The lexer tells (File.Lexed), without a parse: on
// 5,729 mentions in four real trees and the fixtures, it agreed with the
// tree's InCommentOrString on every one.
func (h *hookFile) isCode(start, end int) bool {
	code, ok := h.code[start]
	if !ok {
		code = h.f.Lexed().KindAt(start) == codelex.Code
		if h.code == nil {
			h.code = map[int]bool{}
		}
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

// containsAfterDot reports whether text contains "." followed by word (a
// word without a '.'). Looking for word, whose first byte is rarer in code
// than '.', is the fast way to tell.
func containsAfterDot(text []byte, word string) bool {
	for at := range indexes(text, []byte(word)) {
		if at > 0 && text[at-1] == '.' {
			return true
		}
	}
	return false
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
