package codelex

import (
	"bytes"
	"sort"
	"strings"
)

// Kind classifies a stretch of source that is not code.
type Kind uint8

const (
	Code    Kind = iota
	Comment      // line and block comments
	String       // string, template and regular expression literals, delimiters included
)

// Span is one comment or literal, [start, end) of the content.
type Span struct {
	Start, End int
	Kind       Kind
}

// Lexed is a file's content with its comments and literals located, so that
// lexical matchers tell code from prose. Code inside interpolations (`${x}`,
// f"{x}", "#{x}") is code: a literal with interpolations is several spans.
type Lexed struct {
	Src   []byte
	Spans []Span // sorted, disjoint
}

// KindAt returns what the byte at off belongs to.
func (l *Lexed) KindAt(off int) Kind {
	if sp, ok := l.SpanAt(off); ok {
		return sp.Kind
	}
	return Code
}

// SpanAt returns the comment or literal that holds off, if one does.
func (l *Lexed) SpanAt(off int) (Span, bool) {
	i := sort.Search(len(l.Spans), func(i int) bool { return l.Spans[i].End > off })
	if i < len(l.Spans) && l.Spans[i].Start <= off {
		return l.Spans[i], true
	}
	return Span{}, false
}

// AnyOutsideComments reports whether one of words occurs in lower (the
// source in ASCII lower case) in code or a literal, not in a comment.
func (l *Lexed) AnyOutsideComments(lower []byte, words []string) bool {
	for _, w := range words {
		for from := 0; ; {
			k := bytes.Index(lower[from:], []byte(w))
			if k < 0 {
				break
			}
			if l.KindAt(from+k) != Comment {
				return true
			}
			from += k + len(w)
		}
	}
	return false
}

// lexRules is the comment and literal syntax of one language family.
type lexRules struct {
	slashComments bool   // // and /* */
	hashComments  bool   // #
	regexLiterals bool   // /re/ where an operand is expected
	quotes        string // bytes that open a literal
	multiline     string // quotes whose literals may span lines
	interpQuotes  string // quotes whose literals interpolate code
	interpOpen    string // what opens an interpolation: "${", "#{", "{"
	rawQuotes     string // quotes without escapes
	pyPrefixes    bool   // r"", f"", b"" prefixes and triple quotes
	rubyExtras    bool   // =begin/=end comments and heredocs

	special      [256]bool       // bytes the scan must stop at; it skips all others
	literals     [256]literal    // per quote: the literal it opens (without a prefix)
	literalStops [256]*[256]bool // per quote: the bytes a literal's scan must stop at
}

// withSpecial fills r.special from the other rules.
func withSpecial(r *lexRules) *lexRules {
	stops := r.quotes + "{}"
	if r.slashComments || r.regexLiterals {
		stops += "/"
	}
	if r.hashComments {
		stops += "#"
	}
	if r.rubyExtras {
		stops += "\n=<"
	}
	for i := 0; i < len(stops); i++ {
		r.special[stops[i]] = true
	}
	for i := 0; i < len(r.quotes); i++ {
		q := r.quotes[i]
		r.literals[q] = literal{
			quote:     q,
			raw:       strings.IndexByte(r.rawQuotes, q) >= 0,
			interp:    strings.IndexByte(r.interpQuotes, q) >= 0,
			multiline: strings.IndexByte(r.multiline, q) >= 0,
		}
		t := &[256]bool{'\\': true, '\n': true}
		t[q] = true
		if r.interpOpen != "" {
			t[r.interpOpen[0]] = true
		}
		r.literalStops[q] = t
	}
	return r
}

// rulesByFamily holds the syntax of each family the lexer knows.
var rulesByFamily = map[string]*lexRules{
	"js": withSpecial(&lexRules{slashComments: true, regexLiterals: true, quotes: "'\"`", multiline: "`",
		interpQuotes: "`", interpOpen: "${"}),
	"go":     withSpecial(&lexRules{slashComments: true, quotes: "'\"`", multiline: "`", rawQuotes: "`"}),
	"python": withSpecial(&lexRules{hashComments: true, quotes: "'\"", interpOpen: "{", pyPrefixes: true}),
	"ruby": withSpecial(&lexRules{hashComments: true, regexLiterals: true, quotes: "'\"`", multiline: "'\"`",
		interpQuotes: "\"`", interpOpen: "#{", rubyExtras: true}),
}

// literal describes the literal being scanned: how it ends and what it may hold.
type literal struct {
	quote       byte
	triple      bool
	raw, interp bool
	multiline   bool
	outerDepth  int // brace depth of the code around the interpolation
}

// lexer locates comments and literals in one pass.
type lexer struct {
	r       *lexRules
	src     []byte
	out     []Span
	open    []literal // literals whose interpolation is being scanned
	depth   int       // brace depth in the current code
	heredoc []byte    // a Ruby heredoc terminator whose body starts on the next line
}

// Supports reports whether the lexer knows the syntax of family.
func Supports(family string) bool { return rulesByFamily[family] != nil }

// Lex locates the comments and literals of src, written in a language
// of family ("js", "go", "python", "ruby"); other families have none.
func Lex(src []byte, family string) *Lexed {
	r := rulesByFamily[family]
	if r == nil {
		return &Lexed{Src: src}
	}
	lx := &lexer{r: r, src: src, out: make([]Span, 0, len(src)/64+8)}
	lx.run()
	return &Lexed{Src: src, Spans: lx.out}
}

func (lx *lexer) add(start, end int, kind Kind) {
	if end > start {
		lx.out = append(lx.out, Span{start, end, kind})
	}
}

// run locates every comment and literal of lx.src: a scan for the bytes
// that can start one, and the reader of each kind where one starts.
func (lx *lexer) run() {
	src, r := lx.src, lx.r
	for i := 0; i < len(src); {
		c := src[i]
		if !r.special[c] {
			i++
			continue
		}
		next := byte(0)
		if i+1 < len(src) {
			next = src[i+1]
		}
		if end, ok := lx.comment(i, c, next); ok {
			lx.add(i, end, Comment)
			i = end
			continue
		}
		switch {
		case c == '\n':
			if lx.heredoc != nil {
				i = lx.heredocBody(i + 1)
				continue
			}
			i++
		case r.rubyExtras && c == '<' && next == '<' && lx.startHeredoc(i):
			i += 2
		case strings.IndexByte(r.quotes, c) >= 0:
			i = lx.quoted(i, c)
		case c == '{' || c == '}':
			i = lx.brace(i, c)
		case r.regexLiterals && c == '/' && operandExpected(src, i):
			if end := regexEnd(src, i); end > 0 {
				lx.add(i, end, String)
				i = end
				continue
			}
			i++
		default:
			i++
		}
	}
}

// comment returns the end of the comment that starts at i (c and next are
// its first two bytes), if one does: a line comment, a block comment, or
// Ruby's =begin ... =end.
func (lx *lexer) comment(i int, c, next byte) (int, bool) {
	src, r := lx.src, lx.r
	switch {
	case r.slashComments && c == '/' && next == '/', r.hashComments && c == '#':
		return LexLineEnd(src, i), true
	case r.slashComments && c == '/' && next == '*':
		if k := bytes.Index(src[i+2:], []byte("*/")); k >= 0 {
			return i + 2 + k + 2, true
		}
		return len(src), true
	case r.rubyExtras && c == '=' && (i == 0 || src[i-1] == '\n') && bytes.HasPrefix(src[i:], []byte("=begin")):
		if k := bytes.Index(src[i:], []byte("\n=end")); k >= 0 {
			return LexLineEnd(src, i+k+1), true
		}
		return len(src), true
	}
	return 0, false
}

// quoted reads the literal that the quote c at i opens, with the Python
// string prefix (f, rb, ...) before it, and returns where scanning goes on.
func (lx *lexer) quoted(i int, c byte) int {
	start, prefix := i, ""
	if lx.r.pyPrefixes {
		for start > 0 && IsIdentByte(lx.src[start-1]) {
			start--
		}
		if prefix = string(lx.src[start:i]); !isPyPrefix(lx.src[start:i]) {
			start, prefix = i, ""
		}
	}
	return lx.openLiteral(start, i, lx.literalFor(c, prefix))
}

// brace counts the braces of code; a } at depth 0 inside an interpolation
// closes it and goes on reading the literal around it.
func (lx *lexer) brace(i int, c byte) int {
	switch {
	case c == '{':
		lx.depth++
	case lx.depth == 0 && len(lx.open) > 0:
		lit := lx.open[len(lx.open)-1]
		lx.open = lx.open[:len(lx.open)-1]
		lx.depth = lit.outerDepth
		return lx.literal(i, i+1, lit)
	case lx.depth > 0:
		lx.depth--
	}
	return i + 1
}

// literalFor describes a literal opened by quote with a Python prefix.
func (lx *lexer) literalFor(quote byte, prefix string) literal {
	lit := lx.r.literals[quote]
	if strings.ContainsAny(prefix, "fF") {
		lit.interp = true
	}
	return lit
}

// openLiteral scans the literal whose opening quote is at q and whose span
// (with its prefix) starts at spanStart, and returns where code resumes.
func (lx *lexer) openLiteral(spanStart, q int, lit literal) int {
	body := q + 1
	if lx.r.pyPrefixes && bytes.HasPrefix(lx.src[q:], []byte{lit.quote, lit.quote, lit.quote}) {
		lit.triple, lit.multiline = true, true
		body = q + 3
	}
	return lx.literal(spanStart, body, lit)
}

// literal scans the body of a literal from body (after its opening quote, or
// after an interpolation's closing brace) and returns where code resumes.
func (lx *lexer) literal(spanStart, body int, lit literal) int {
	src := lx.src
	stop := lx.r.literalStops[lit.quote]
	for i := body; i < len(src); i++ {
		for i < len(src) && !stop[src[i]] {
			i++
		}
		if i == len(src) {
			break
		}
		c := src[i]
		switch {
		case c == '\\' && !lit.raw:
			i++
		case c == lit.quote && (!lit.triple || bytes.HasPrefix(src[i:], []byte{c, c, c})):
			end := i + 1
			if lit.triple {
				end = i + 3
			}
			lx.add(spanStart, end, String)
			return end
		case c == '\n' && !lit.multiline:
			lx.add(spanStart, i, String) // unterminated: the line ends it
			return i
		case lit.interp && bytes.HasPrefix(src[i:], []byte(lx.r.interpOpen)):
			if lx.r.pyPrefixes && i+1 < len(src) && src[i+1] == '{' {
				i++ // {{ is a literal brace
				continue
			}
			end := i + len(lx.r.interpOpen)
			lx.add(spanStart, end, String)
			lit.outerDepth = lx.depth
			lx.open = append(lx.open, lit)
			lx.depth = 0
			return end
		}
	}
	lx.add(spanStart, len(src), String)
	return len(src)
}

func isPyPrefix(w []byte) bool {
	if len(w) > 2 {
		return false
	}
	for _, c := range w {
		if strings.IndexByte("rRbBfFuU", c) < 0 {
			return false
		}
	}
	return true
}

// operandExpected reports whether a '/' at i starts a regular expression
// rather than dividing: after an operator, an opening bracket or a keyword.
func operandExpected(src []byte, i int) bool {
	p := i
	for p > 0 && (src[p-1] == ' ' || src[p-1] == '\t' || src[p-1] == '\n' || src[p-1] == '\r') {
		p--
	}
	if p == 0 {
		return true
	}
	if IsIdentByte(src[p-1]) {
		w := p
		for w > 0 && IsIdentByte(src[w-1]) {
			w--
		}
		switch string(src[w:p]) {
		case "return", "typeof", "case", "do", "else", "in", "of", "yield", "await", "void", "delete", "new", "when", "if", "unless", "and", "or", "not", "then":
			return true
		}
		return false
	}
	return strings.IndexByte("(,=:[!&|?{};+-*%<>~^", src[p-1]) >= 0
}

// maxRegexLen bounds a regular expression literal, so that slashes on a
// minified line do not each scan the rest of it.
const maxRegexLen = 512

// regexEnd returns the end of a regular expression literal starting at i, or
// 0 when it does not close on its line within maxRegexLen bytes (then the
// slash divides).
func regexEnd(src []byte, i int) int {
	inClass := false
	for j := i + 1; j < len(src) && j < i+maxRegexLen; j++ {
		switch src[j] {
		case '\\':
			j++
		case '\n':
			return 0
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if !inClass {
				j++
				for j < len(src) && IsIdentByte(src[j]) {
					j++ // flags
				}
				return j
			}
		}
	}
	return 0
}

// startHeredoc notes a Ruby heredoc (<<~ID, <<-ID, <<ID, quoted IDs) opening
// at i; its body starts on the next line.
func (lx *lexer) startHeredoc(i int) bool {
	j := i + 2
	if j < len(lx.src) && (lx.src[j] == '~' || lx.src[j] == '-') {
		j++
	}
	if j < len(lx.src) && (lx.src[j] == '\'' || lx.src[j] == '"') {
		j++
	}
	k := j
	for k < len(lx.src) && (lx.src[k] >= 'A' && lx.src[k] <= 'Z' || lx.src[k] == '_' || k > j && lx.src[k] >= '0' && lx.src[k] <= '9') {
		k++
	}
	if k == j {
		return false
	}
	lx.heredoc = lx.src[j:k]
	return true
}

// heredocBody marks the heredoc body starting at line start i as a literal
// and returns the offset after its terminator line.
func (lx *lexer) heredocBody(i int) int {
	term := lx.heredoc
	lx.heredoc = nil
	for line := i; line < len(lx.src); {
		end := LexLineEnd(lx.src, line)
		if bytes.Equal(bytes.TrimSpace(lx.src[line:end]), term) {
			lx.add(i, end, String)
			return end
		}
		line = end + 1
	}
	lx.add(i, len(lx.src), String)
	return len(lx.src)
}
