package webhooks

import (
	"bytes"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// Lexical reading of assignments, enough to follow a MAC from the call that
// computes it to the names that hold it: "const digest = crypto.createHmac(...)",
// "mac := hmac.New(...)", "expected = OpenSSL::HMAC.hexdigest(...)",
// "digest: str = h.hexdigest()", "a, err := f(mac)".

// assignedAt returns the names that the statement holding offset at
// assigns, when at lies on the right of its assignment; none otherwise.
func (h *hookFile) assignedAt(span syntax.Span, at int) []string {
	start := statementStart(h.src, at, span.Start)
	eq := assignmentOp(h.src[start:at])
	if eq < 0 || h.verdict(syntax.Span{Start: start + eq + 1, End: h.statementEnd(at)}) {
		return nil
	}
	return assignedNames(string(h.src[start : start+eq]))
}

// verdict reports whether the right side of an assignment is a verdict
// about a MAC rather than one: a comparison, or a constant-time compare or
// verification call ("got := hmac.Equal(tag, want)").
func (h *hookFile) verdict(rhs syntax.Span) bool {
	text := h.src[rhs.Start:rhs.End]
	if bytes.Contains(text, []byte("==")) || bytes.Contains(text, []byte("!=")) {
		return true
	}
	named := false
	h.words(rhs, func(start, end int) { named = named || h.vocab.verdictWords[string(h.src[start:end])] })
	return named && (h.has(rhs, h.vocab.compare) || h.has(rhs, h.vocab.verify))
}

// statementStart returns where the statement holding offset starts: its
// line, or an earlier one that the line continues ("const d = crypto\n
// .createHmac(...)"), after the last ';' before offset on that line. It
// never goes before floor.
func statementStart(src []byte, offset, floor int) int {
	start := lineStart(src, offset)
	for range 8 {
		if start <= floor || start == 0 {
			break
		}
		line := bytes.TrimSpace(src[start:lineEnd(src, start)])
		prevStart := lineStart(src, start-1)
		if !continues(bytes.TrimSpace(src[prevStart:start-1]), line) {
			break
		}
		start = prevStart
	}
	if start < floor {
		start = floor
	}
	if i := bytes.LastIndexByte(src[start:offset], ';'); i >= 0 {
		start += i + 1
	}
	return start
}

// statementEnd returns where the statement holding offset ends: at a ';'
// or a line end outside brackets and strings, or where a comment starts.
func (h *hookFile) statementEnd(offset int) int {
	src := h.src
	hashComments := h.vocab.family == "python" || h.vocab.family == "ruby"
	depth := 0
	for i := offset; i < len(src); i++ {
		switch c := src[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '\'', '"', '`':
			j := bytes.IndexByte(src[i+1:], c)
			if j < 0 || bytes.IndexByte(src[i+1:i+1+j], '\n') >= 0 && c != '`' {
				return i // an unterminated string on this line: stop before it
			}
			i += j + 1
		case ';':
			if depth <= 0 {
				return i
			}
		case '\n':
			if depth <= 0 {
				return i
			}
		case '#':
			if hashComments {
				return i
			}
		case '/':
			if !hashComments && i+1 < len(src) && src[i+1] == '/' {
				return i
			}
		}
	}
	return len(src)
}

// continuations open a line that continues the one before, and
// continuedBy end a line that the next one continues.
var (
	continuations = [][]byte{[]byte("."), []byte(")"), []byte("?"), []byte("+"), []byte("&&"), []byte("||")}
	continuedBy   = [][]byte{[]byte("="), []byte("("), []byte(","), []byte("+"), []byte(`\`), []byte("&&"), []byte("||"), []byte("[")}
)

// continues reports whether line continues the statement of the line prev.
func continues(prev, line []byte) bool {
	for _, p := range continuations {
		if bytes.HasPrefix(line, p) {
			return true
		}
	}
	for _, s := range continuedBy {
		if bytes.HasSuffix(prev, s) {
			return true
		}
	}
	return false
}

// assignmentOp returns the offset in text of the assignment operator's
// '=' at bracket depth 0 outside strings ("=", ":=", "+=", "||="), or -1
// when text holds none (only comparisons, arrows, keyword arguments).
func assignmentOp(text []byte) int {
	depth := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '\'', '"', '`':
			j := bytes.IndexByte(text[i+1:], c)
			if j < 0 {
				return -1
			}
			i += j + 1
		case '=':
			if depth != 0 {
				continue
			}
			if i+1 < len(text) && (text[i+1] == '=' || text[i+1] == '>' || text[i+1] == '~') {
				i++ // ==, ===, =>, =~
				for i+1 < len(text) && text[i+1] == '=' {
					i++
				}
				continue
			}
			if i > 0 && (text[i-1] == '!' || text[i-1] == '<' || text[i-1] == '>') {
				continue // !=, <=, >=
			}
			return i
		}
	}
	return -1
}

// declWords open a declaration or a statement before the names it assigns.
var declWords = map[string]bool{
	"const": true, "let": true, "var": true, "val": true, "local": true, "global": true, "nonlocal": true, "export": true,
	"static": true, "readonly": true, "private": true, "public": true, "protected": true, "final": true,
	"if": true, "elif": true, "elsif": true, "while": true, "for": true, "unless": true, "until": true, "switch": true,
}

// assignedNames returns the names on the left of an assignment (lhs ends
// at the '='): each comma-separated target that is a name or a dotted chain,
// its declaration keyword and type annotation dropped; none for
// destructuring and indexed targets. "_", "err" and "ok" never hold a MAC.
func assignedNames(lhs string) []string {
	lhs = strings.TrimRight(lhs, "+-*/|&?:^%<> \t")
	if strings.Contains(lhs, "{") {
		return nil // destructuring
	}
	var out []string
	for _, part := range strings.Split(lhs, ",") {
		fields := strings.Fields(part)
		for len(fields) > 0 && declWords[fields[0]] {
			fields = fields[1:]
		}
		if len(fields) == 0 {
			continue
		}
		name := fields[0]
		if i := strings.IndexByte(name, ':'); i >= 0 && !strings.HasPrefix(name[i:], "::") {
			name = name[:i] // digest: str, sig: Buffer
		}
		name = strings.TrimPrefix(name, "(")
		switch name {
		case "", "_", "err", "ok":
			continue
		}
		if _, ok := nameChain(name); ok {
			out = append(out, name)
		}
	}
	return out
}
