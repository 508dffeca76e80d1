package codelex

// TopLevelStarts returns the offsets, in order, of the line starts where a
// top-level statement of a source of family ("js", "go", "python", "ruby")
// begins by the lexer's reading: at bracket depth 0, in code, with a name or
// a decorator's "@" in column 0, after a line that ends a statement (not an
// operator, a comma or a keyword that continues it) and not inside a
// decorated declaration or before a clause that continues one (else,
// catch, except, end, ...). Offset 0 is not listed.
//
// It is a reading, not a parse: a start it gives may still cut a statement
// the lexer misreads (JSX text, an unusual continuation). syntax.ParseChunked
// parses each stretch between the starts on its own and falls back to the
// whole file when a stretch does not parse cleanly.
func (l *Lexed) TopLevelStarts(family string) []int {
	rules := topLevelByFamily[family]
	if rules == nil {
		return nil
	}
	src, spans := l.Src, l.Spans
	var out []int
	depth := 0
	last := byte('\n') // the last code byte that is not blank; '"' after a literal
	lastAt := -1       // where it is
	decorated := false // the last line that began at depth 0 began with "@"
	k := 0
	for i := 0; i < len(src); {
		if k < len(spans) && spans[k].Start <= i {
			if spans[k].Kind == String {
				last, lastAt = '"', spans[k].End-1
			}
			i = max(i, spans[k].End)
			k++
			continue
		}
		c := src[i]
		if (i == 0 || src[i-1] == '\n') && depth == 0 {
			if head := firstNonBlank(src, i); head < len(src) && src[head] != '\n' && !startsSpan(spans, k, head) {
				if head == i && i > 0 && rules.startsStatement(src, i, last, lastAt, decorated) {
					out = append(out, i)
				}
				decorated = src[head] == '@'
			}
		}
		switch c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			last, lastAt = c, i
		}
		i++
	}
	return out
}

// firstNonBlank returns the offset of the first byte at or after i that is
// not a space or tab.
func firstNonBlank(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// startsSpan reports whether a comment or literal starts at off, looking
// from spans[k] on.
func startsSpan(spans []Span, k, off int) bool {
	for ; k < len(spans) && spans[k].Start <= off; k++ {
		if spans[k].Start == off || spans[k].End > off {
			return true
		}
	}
	return false
}

// topLevel is what, in one family, ends a statement and what continues one.
type topLevel struct {
	decorators bool            // "@" begins a decorated declaration
	endsLine   [256]bool       // bytes a line may end with when the next line starts a statement
	continues  map[string]bool // words that continue a statement at the end of a line
	clauses    map[string]bool // words that, first on a line, continue the statement before
}

func (r *topLevel) startsStatement(src []byte, i int, last byte, lastAt int, decorated bool) bool {
	c := src[i]
	if !(c != '@' && IsNameStart(c) || c == '@' && r.decorators) || decorated {
		return false
	}
	if !r.endsLine[last] && last != '"' {
		return false
	}
	if IsIdentByte(last) && r.continues[string(IdentBefore(src, lastAt+1))] {
		return false
	}
	return !r.clauses[string(IdentAt(src, i))]
}

func words(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func newTopLevel(decorators bool, ends string, continues, clauses map[string]bool) *topLevel {
	r := &topLevel{decorators: decorators, continues: continues, clauses: clauses}
	for c := 0; c < 256; c++ {
		r.endsLine[c] = IsIdentByte(byte(c))
	}
	for i := 0; i < len(ends); i++ {
		r.endsLine[ends[i]] = true
	}
	return r
}

var topLevelByFamily = map[string]*topLevel{
	"js": newTopLevel(true, ";)]}",
		words("extends", "implements", "new", "typeof", "keyof", "await", "yield", "async", "export", "default",
			"const", "let", "var", "function", "class", "import", "from", "as", "in", "of", "instanceof", "void",
			"delete", "throw", "case", "do", "else", "type", "interface", "declare", "abstract", "satisfies",
			"return", "enum", "namespace", "module", "readonly", "static", "public", "private", "protected"),
		words("else", "catch", "finally", "while", "extends", "implements", "as", "satisfies", "instanceof",
			"in", "of", "from", "keyof")),
	"go": newTopLevel(false, ";)]}",
		words("func", "type", "var", "const", "import", "package", "struct", "interface", "map", "chan", "else", "return"),
		words("else")),
	"python": newTopLevel(true, ")]}",
		words("and", "or", "not", "in", "is", "if", "else", "lambda", "await", "from", "import", "def", "class",
			"async", "with", "for", "while", "return", "yield", "del", "assert", "raise", "global", "nonlocal"),
		words("else", "elif", "except", "finally")),
	"ruby": newTopLevel(false, ")]}",
		words("do", "and", "or", "not", "then", "if", "unless", "while", "until", "def", "class", "module",
			"begin", "case", "when", "in", "else", "elsif", "rescue", "ensure", "return", "yield"),
		words("end", "else", "elsif", "when", "in", "rescue", "ensure", "then", "do", "and", "or", "unless",
			"if", "while", "until")),
}
