package secretlog

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/analysis/lexfacts"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

const codeSecretInLog = "secret-in-log"

// SecretInLog reports secret-in-log: a log or print call (providers.yaml
// languages.<family>.log) one of whose arguments carries a secret-named
// variable or the read of a secret-named env var, as a value: directly, in
// string concatenation or interpolation, or through a call that keeps the
// value (String, str, fmt.Sprintf, JSON.stringify, .toString()). Lengths,
// booleans (!!token, Boolean(token)), comparisons, masked or sliced values
// (mask(apiKey), apiKey.slice(0, 4)) and other calls' results are not flagged.
var SecretInLog = &analysis.Analyzer{
	Name: "secretinlog",
	Doc:  "finds secrets passed to log and print calls",
	Rules: []analysis.Rule{{
		Code:     codeSecretInLog,
		Severity: analysis.SeverityWarning,
		Summary:  "A secret is passed to a log or print call",
		Help: "Logs are read by many and kept long. Log that the secret is set, or a masked form " +
			"(its first 4 characters), never its value.",
		Convention: []string{"log", "secret"},
	}},
	Run: runSecretInLog,
}

// valuePreserving are functions and methods whose result still shows the
// value they are given.
var valuePreserving = map[string]bool{
	"String": true, "str": true, "repr": true, "stringify": true, "toString": true, "valueOf": true,
	"Sprintf": true, "Sprint": true, "Sprintln": true, "string": true, "format": true, "pformat": true,
	"inspect": true, "to_s": true, "to_str": true, "dumps": true, "dump": true, "encodeURIComponent": true,
	"concat": true, "join": true, "trim": true, "strip": true, "upper": true, "lower": true,
	"toUpperCase": true, "toLowerCase": true, "TrimSpace": true,
}

// logCalls indexes a family's log calls by their last name segment.
type logCalls struct {
	names    map[string][]string // last segment -> log call names
	afterDot map[string]bool     // last segments of calls with a receiver (console.log -> log)
	bare     []string            // calls without a receiver (print, puts, p)
}

var logCallsByFamily sync.Map // family -> *logCalls

// logCallsFor returns the log calls of a language family, indexed on first use.
func logCallsFor(family string) *logCalls {
	if lc, ok := logCallsByFamily.Load(family); ok {
		return lc.(*logCalls)
	}
	lc := &logCalls{names: map[string][]string{}, afterDot: map[string]bool{}}
	if lang := knowledge.Get().Language(family); lang != nil {
		for _, name := range lang.Log {
			i := strings.LastIndexAny(name, ".:")
			seg := name[i+1:]
			lc.names[seg] = append(lc.names[seg], name)
			if i < 0 {
				lc.bare = append(lc.bare, name)
			} else {
				lc.afterDot[seg] = true
			}
		}
	}
	logCallsByFamily.Store(family, lc)
	return lc
}

// matches reports whether callee (as written) is one of the log calls named
// by its last segment. A bare name (print, puts, p) matches only a bare call.
func (lc *logCalls) matches(callee []byte) bool {
	seg := callee[bytes.LastIndexAny(callee, ".:")+1:]
	for _, name := range lc.names[string(seg)] {
		if string(callee) == name || strings.ContainsAny(name, ".:") && knowledge.MatchCall(string(callee), name) {
			return true
		}
	}
	return false
}

// runSecretInLog finds the log calls (the names after each '.', then the
// bare names) and judges their arguments.
func runSecretInLog(pass *analysis.Pass) {
	f := pass.File
	lc := logCallsFor(f.Lang.Family())
	if len(lc.names) == 0 {
		return
	}
	s := &logScan{file: f, src: f.Content, family: f.Lang.Family(), calls: lc, judged: map[int]bool{}, pos: span.Cursor{Lines: f.Lines}}
	src := s.src
	for from := 0; ; {
		k := bytes.IndexByte(src[from:], '.')
		if k < 0 {
			break
		}
		at := from + k + 1
		end := at
		for end < len(src) && codelex.IsIdentByte(src[end]) {
			end++
		}
		from = end
		if end > at && lc.afterDot[string(src[at:end])] {
			s.judgeCall(pass, at, end)
		}
	}
	for _, name := range lc.bare {
		for from := 0; ; {
			k := bytes.Index(src[from:], []byte(name))
			if k < 0 {
				break
			}
			at := from + k
			from = at + len(name)
			s.judgeCall(pass, at, from)
		}
	}
}

// judgeCall reports the arguments that log a secret, when the name at
// [at, end) ends the callee of a log call.
func (s *logScan) judgeCall(pass *analysis.Pass, at, end int) {
	callee, args := s.logCallAt(at, end)
	for _, a := range args {
		if s.judged[a.start] {
			continue // also an argument of an earlier call (Ruby: puts a,\n p b)
		}
		s.judged[a.start] = true
		if name, ok := s.secretIn(a); ok {
			pass.Report(analysis.Diagnostic{
				Range: s.pos.Range(a.start, a.end),
				Code:  codeSecretInLog,
				Message: fmt.Sprintf("%s (a secret) is passed to %s: log that it is set, or a masked form, never the value",
					name, callee),
			})
		}
	}
}

// logScan looks for log calls in one file.
type logScan struct {
	file   *analysis.File
	src    []byte
	family string
	calls  *logCalls
	lx     *codelex.Lexed     // lexed on first need
	sites  []lexfacts.EnvSite // the file's env reads, with lx
	segs   [][2]int           // scratch for readNameChain
	args   []logArg           // scratch for splitArgs; valid until its next call
	judged map[int]bool       // starts of the arguments judged already
	pos    span.Cursor
}

// logArg is one argument of a call: [start, end) without surrounding
// blanks and comments; span is the index of the first lexSpan that may hold
// or follow start.
type logArg struct{ start, end, span int }

// Bounds of a log call: how far back its callee is read, and how many of
// its arguments are judged.
const (
	maxCalleeLen = 256
	maxLogArgs   = 32
)

// logCallAt checks whether the segment at [at, end) ends the callee of a log
// call in code, and returns the callee and the call's arguments.
func (s *logScan) logCallAt(at, end int) (string, []logArg) {
	src := s.src
	if at > 0 && codelex.IsIdentByte(src[at-1]) || end < len(src) && codelex.IsIdentByte(src[end]) {
		return "", nil
	}
	start := at
	for start > 0 && at-start < maxCalleeLen && (codelex.IsIdentByte(src[start-1]) || src[start-1] == '.' || src[start-1] == ':') {
		start--
	}
	if !s.calls.matches(src[start:end]) || isNameDefinition(src, start) {
		return "", nil
	}
	if s.lx == nil {
		s.lx = s.file.Lexed()
		s.sites = analysis.EnvSites(s.file)
	}
	if s.lx.KindAt(start) != codelex.Code {
		return "", nil
	}
	open := codelex.SkipBlanks(src, end)
	callee := string(src[start:end])
	if open < len(src) && (src[open] == '(' || s.family == "ruby" && src[open] == '{') {
		return callee, s.parenArgs(open) // Ruby's logger.debug { "..." } logs its block
	}
	if s.family == "ruby" && open > end && open < len(src) && startsRubyArg(src[open]) {
		return callee, s.rubyArgs(open)
	}
	return "", nil
}

// isNameDefinition reports whether the name at start is being defined (def p,
// function log, func Info), not called.
func isNameDefinition(src []byte, start int) bool {
	j := codelex.SkipBlanksBack(src, start)
	w := j
	for w > 0 && codelex.IsIdentByte(src[w-1]) {
		w--
	}
	switch string(src[w:j]) {
	case "def", "function", "func":
		return true
	}
	return false
}

// startsRubyArg reports whether c may start the first argument of a Ruby
// call without parentheses (puts token, p :sym, logger.info "...").
func startsRubyArg(c byte) bool {
	return codelex.IsIdentByte(c) || strings.IndexByte("\"'`:@$[", c) >= 0
}

// parenArgs splits the arguments of the call whose '(' (or Ruby block '{')
// is at open; none when it does not close.
func (s *logScan) parenArgs(open int) []logArg { return s.splitArgs(open+1, true) }

// rubyArgs splits the arguments of a call without parentheses: up to the end
// of the line (unless it ends with a comma) or a modifier (if, unless, do).
func (s *logScan) rubyArgs(start int) []logArg { return s.splitArgs(start, false) }

// splitArgs splits the arguments that start at from at top-level commas, up
// to the closing parenthesis (paren) or the end of the statement. Arguments
// are trimmed of blanks and comments.
func (s *logScan) splitArgs(from int, paren bool) []logArg {
	out := s.args[:0]
	defer func() { s.args = out[:0] }()
	src, spans := s.src, s.lx.Spans
	limit := min(len(src), from+lexfacts.MaxCallScan)
	k := sort.Search(len(spans), func(i int) bool { return spans[i].End > from })
	arg := logArg{start: -1}
	last, depth := byte(0), 0
	push := func() {
		if arg.start >= 0 {
			out = append(out, arg)
		}
		arg = logArg{start: -1}
	}
	for i := from; i < limit && len(out) < maxLogArgs; {
		if k < len(spans) && spans[k].End <= i {
			k++
			continue
		}
		if k < len(spans) && spans[k].Start <= i {
			if spans[k].Kind == codelex.String {
				if arg.start < 0 {
					arg.start, arg.span = i, k
				}
				arg.end, last = spans[k].End, '"'
			}
			i = spans[k].End
			k++
			continue
		}
		c := src[i]
		if !paren && depth == 0 && (c == '\n' && last != ',' && last != '\\' || isRubyModifier(src, i)) {
			push()
			return out
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			i++
			continue
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth == 0 && paren {
				push()
				return out
			}
			depth--
		case ',':
			if depth == 0 {
				push()
				last = c
				i++
				continue
			}
		}
		if arg.start < 0 {
			arg.start, arg.span = i, k
		}
		arg.end, last = i+1, c
		i++
	}
	if paren && len(out) < maxLogArgs {
		return nil // unclosed
	}
	push()
	return out
}

// rubyModifiers end the arguments of a Ruby call without parentheses.
var rubyModifiers = []string{"if", "unless", "do", "while", "until"}

// isRubyModifier reports whether a statement modifier or block starts at i.
func isRubyModifier(src []byte, i int) bool {
	if c := src[i]; c != 'i' && c != 'u' && c != 'd' && c != 'w' || i > 0 && codelex.IsIdentByte(src[i-1]) {
		return false
	}
	for _, w := range rubyModifiers {
		if e := i + len(w); e <= len(src) && string(src[i:e]) == w && (e == len(src) || !codelex.IsIdentByte(src[e])) {
			return true
		}
	}
	return false
}

// argOpener is a bracket opened inside an argument.
type argOpener struct {
	callee    [2]int // for '(' right after a name: the name's bounds; empty otherwise
	subscript bool   // '[' right after an operand
}

// secretIn returns the secret the argument passes as a value, if any.
func (s *logScan) secretIn(a logArg) (string, bool) {
	src := s.src
	cur := codelex.Cursor{Spans: s.lx.Spans, Next: a.span}
	var stack []argOpener
	chainStart, chainEnd := -1, -1
	site := sort.Search(len(s.sites), func(i int) bool { return s.sites[i].Start >= a.start })
	for i := cur.Skip(a.start); i < a.end; i = cur.Skip(i) {
		for site < len(s.sites) && s.sites[site].Start < i {
			site++
		}
		if site < len(s.sites) && s.sites[site].Start == i {
			es := s.sites[site]
			if mayNameSecret([]byte(es.Name)) && s.leaks(a, es.Start, es.End, stack) && isSecretIdent(es.Name) {
				return es.Name, true
			}
			i = es.End
			continue
		}
		c := src[i]
		switch {
		case codelex.IsNameStart(c):
			var end int
			end, s.segs = codelex.ReadNameChain(src, i, s.segs[:0])
			if name, ok := s.chainLeaks(a, i, s.segs, stack); ok {
				return name, true
			}
			chainStart, chainEnd, i = i, end, end
		case c == '(' || c == '[' || c == '{':
			var o argOpener
			prev := codelex.SkipBlanksBack(src, i)
			if c == '(' && prev == chainEnd {
				o.callee = [2]int{chainStart, chainEnd}
			}
			if c == '[' && prev > a.start && (codelex.IsIdentByte(src[prev-1]) || src[prev-1] == ')' || src[prev-1] == ']') {
				o.subscript = true
			}
			stack = append(stack, o)
			i++
		case c == ')' || c == ']' || c == '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			i++
		default:
			i++
		}
	}
	return "", false
}

// chainLeaks judges a name chain (this.config.apiKey.toString): its last
// segment that is not a value-preserving method must name a secret.
func (s *logScan) chainLeaks(a logArg, start int, segs [][2]int, stack []argOpener) (string, bool) {
	n := len(segs) - 1
	for n > 0 && valuePreserving[string(s.src[segs[n][0]:segs[n][1]])] {
		n--
	}
	name := s.src[segs[n][0]:segs[n][1]]
	if !mayNameSecret(name) || !s.leaks(a, start, segs[n][1], stack) || !isSecretIdent(string(name)) {
		return "", false
	}
	for _, seg := range segs[:n] {
		if holdsDescriptions(string(s.src[seg[0]:seg[1]])) {
			return "", false
		}
	}
	return string(s.src[start:segs[n][1]]), true
}

// holdsDescriptions reports whether an object's name says its members
// describe things rather than hold them: EnvVariableNames.MSI_SECRET is the
// name of a variable, ErrorCodes.INVALID_TOKEN a code.
func holdsDescriptions(object string) bool {
	words := knowledge.SplitIdentifier(object)
	if len(words) == 0 {
		return false
	}
	switch words[len(words)-1] {
	case "names", "ids", "types", "labels", "codes", "messages", "errors", "fields", "headers", "params", "kinds", "events":
		return true
	}
	return false
}

// leaks reports whether the secret expression [start, end) reaches the log
// as its value: not inside a call that transforms it, a subscript, a negation,
// a comparison or a condition, and not followed by a property, a call or an
// index (apiKey.length, getToken(), token[:4]).
func (s *logScan) leaks(a logArg, start, end int, stack []argOpener) bool {
	src := s.src
	if s.transformed(stack) {
		return false
	}
	if p := codelex.SkipBlanksBack(src, start); p > a.start && s.lx.KindAt(p-1) == codelex.Code {
		switch src[p-1] {
		case '!', '<', '>':
			return false
		case '=':
			if p-2 >= a.start && strings.IndexByte("=!<>", src[p-2]) >= 0 {
				return false
			}
		}
		switch string(codelex.IdentBefore(src, p)) {
		case "typeof", "not", "is", "in", "instanceof", "defined", "if", "elif", "unless":
			return false
		}
	}
	for j := end; ; {
		j = codelex.SkipBlanks(src, j)
		if j >= a.end {
			return true
		}
		c, next := src[j], byte(0)
		if j+1 < len(src) {
			next = src[j+1]
		}
		switch {
		case c == '.' || (c == '?' || c == '&') && next == '.':
			k := j + 1
			if c != '.' {
				k++
			}
			e := k
			for e < len(src) && codelex.IsIdentByte(src[e]) {
				e++
			}
			if e == k || !valuePreserving[string(src[k:e])] {
				return false
			}
			j = e
			if o := codelex.SkipBlanks(src, e); o < len(src) && src[o] == '(' {
				if j = s.lx.MatchClose(o, lexfacts.MaxCallScan); j < 0 {
					return false
				}
			}
		case c == '(' || c == '[' || c == '=' || c == '<' || c == '>':
			return false
		case c == '?':
			return next == '?' // a ?? b shows a; a ? b : c shows b or c
		case c == '!' || c == ':':
			return next != '=' && (c != ':' || next == ':')
		case codelex.IsNameStart(c):
			switch string(codelex.IdentAt(src, j)) {
			case "is", "in", "not", "instanceof":
				return false
			}
			return true
		default:
			return true
		}
	}
}

// transformed reports whether an expression inside the open brackets of
// stack is transformed before it is logged: an argument of a call that does
// not keep its value (mask, len, Boolean) or of a nested log call (which is
// judged on its own), or a subscript.
func (s *logScan) transformed(stack []argOpener) bool {
	for _, o := range stack {
		callee := s.src[o.callee[0]:o.callee[1]]
		if o.subscript || len(callee) > 0 && (s.calls.matches(callee) || !valuePreserving[string(calleeTail(callee))]) {
			return true
		}
	}
	return false
}

// isSecretIdent is IsSecretName for a variable in code; a bare "key" (a loop
// variable more often than not) is not a secret here.
func isSecretIdent(name string) bool {
	name = strings.TrimLeft(name, "@$")
	switch strings.ToLower(name) {
	case "key", "keys":
		return false
	}
	return knowledge.IsSecretName(name)
}

func calleeTail(callee []byte) []byte { return callee[bytes.LastIndexAny(callee, ".:")+1:] }

// secretWordsByFirst indexes IsSecretName's words by their first byte.
var secretWordsByFirst = sync.OnceValue(func() *[256][]string {
	var t [256][]string
	for _, w := range knowledge.SecretWords {
		t[w[0]] = append(t[w[0]], w)
	}
	return &t
})

// mayNameSecret reports whether name could be a secret's name: it holds one
// of IsSecretName's words in any case. Most names do not, and skip the
// allocating IsSecretName.
func mayNameSecret(name []byte) bool {
	t := secretWordsByFirst()
	for i, c := range name {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		for _, w := range t[c] {
			if len(name)-i >= len(w) && bytes.EqualFold(name[i:i+len(w)], []byte(w)) {
				return true
			}
		}
	}
	return false
}
