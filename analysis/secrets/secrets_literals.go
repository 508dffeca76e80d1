package secrets

import (
	"bytes"
	"path/filepath"
	"regexp"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// lexSyntax is what the secrets analyzer knows of a file's syntax: enough to
// find string literals and comments on one line without parsing.
type lexSyntax struct {
	comments       []string // line comment openers ("/*" counts: the rest of the line is skipped)
	hashAfterSpace bool     // '#' opens a comment only at the line start or after a blank (YAML, env, shell)
	backtick       bool     // `...` is a string (JS templates, Go raw strings)
	rawBacktick    bool     // backslashes do not escape in `...` (Go)
	prefixes       bool     // Python string prefixes (r"", b'', f"")
	config         bool     // lines are key: value / KEY=value with unquoted values
}

// configExts are the config formats read as key/value lines.
var configExts = map[string]bool{".toml": true, ".ini": true, ".cfg": true, ".conf": true, ".properties": true, ".sh": true}

func lexSyntaxFor(f *analysis.File) lexSyntax {
	switch f.Lang {
	case syntax.TypeScript, syntax.TSX, syntax.JavaScript:
		return lexSyntax{comments: []string{"//", "/*"}, backtick: true}
	case syntax.Go:
		return lexSyntax{comments: []string{"//", "/*"}, backtick: true, rawBacktick: true}
	case syntax.Python:
		return lexSyntax{comments: []string{"#"}, prefixes: true}
	case syntax.Ruby:
		return lexSyntax{comments: []string{"#"}}
	case syntax.YAML, syntax.EnvFile:
		return lexSyntax{comments: []string{"#"}, hashAfterSpace: true, config: true}
	}
	if configExts[filepath.Ext(f.Path)] {
		return lexSyntax{comments: []string{"#", ";"}, hashAfterSpace: true, config: true}
	}
	return lexSyntax{comments: []string{"//", "/*", "#"}, hashAfterSpace: true}
}

// commentAt reports whether a comment opens at line[i].
func (s lexSyntax) commentAt(line []byte, i int) bool {
	for _, c := range s.comments {
		if !bytes.HasPrefix(line[i:], []byte(c)) {
			continue
		}
		if (c == "#" || c == ";") && s.hashAfterSpace && i > 0 && line[i-1] != ' ' && line[i-1] != '\t' {
			continue
		}
		return true
	}
	return false
}

// stringLiteral is a string on one line. Offsets are relative to the line.
type stringLiteral struct {
	start, end           int // the whole expression: prefix and quotes included
	valueStart, valueEnd int // between the quotes
	interpolated         bool
}

// scanLiterals returns the closed string literals of one line, stopping at a
// comment. Strings that continue on the next line are left out.
func scanLiterals(line []byte, s lexSyntax) []stringLiteral {
	var out []stringLiteral
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c != '"' && c != '\'' && !(c == '`' && s.backtick) {
			if s.commentAt(line, i) {
				break
			}
			continue
		}
		lit, ok := readLiteral(line, i, s)
		if !ok {
			break
		}
		out = append(out, lit)
		i = lit.end - 1
	}
	return out
}

// readLiteral reads the literal whose opening quote is at line[q].
func readLiteral(line []byte, q int, s lexSyntax) (stringLiteral, bool) {
	quote := line[q]
	start := q
	if s.prefixes {
		for start > 0 && start > q-2 && bytes.IndexByte([]byte("rRbBuUfF"), line[start-1]) >= 0 {
			start--
		}
		if start > 0 && codelex.IsIdentByte(line[start-1]) {
			start = q // part of an identifier, not a prefix
		}
	}
	open := 1
	if quote != '`' && bytes.HasPrefix(line[q:], []byte{quote, quote, quote}) {
		open = 3
	}
	raw := quote == '`' && s.rawBacktick
	for j := q + open; j < len(line); j++ {
		switch line[j] {
		case '\\':
			if !raw {
				j++
			}
		case quote:
			if open == 3 && !bytes.HasPrefix(line[j:], []byte{quote, quote, quote}) {
				continue
			}
			value := line[q+open : j]
			lit := stringLiteral{start: start, end: j + open, valueStart: q + open, valueEnd: j}
			lit.interpolated = bytes.Contains(value, []byte("${")) || bytes.Contains(value, []byte("#{")) ||
				(start < q && bytes.ContainsAny(line[start:q], "fF") && bytes.IndexByte(value, '{') >= 0)
			return lit, true
		}
	}
	return stringLiteral{}, false
}

// literalAround returns the literal whose value is exactly line[start:end]:
// the match is the whole string, quotes right around it, not in a comment.
// On lines longer than maxScannedLine it reads the literal from the quote
// before start without scanning the line (comments are not told apart).
func literalAround(line []byte, start, end int, s lexSyntax) (stringLiteral, bool) {
	if start < 1 || end >= len(line) {
		return stringLiteral{}, false
	}
	q := line[start-1]
	if q != '"' && q != '\'' && !(q == '`' && s.backtick) || line[end] != q {
		return stringLiteral{}, false
	}
	if len(line) > maxScannedLine {
		lit, ok := readLiteral(line, start-1, s)
		return lit, ok && lit.valueStart == start && lit.valueEnd == end
	}
	for _, lit := range scanLiterals(line, s) {
		if lit.valueStart == start && lit.valueEnd == end {
			return lit, true
		}
	}
	return stringLiteral{}, false
}

// blockLiteralAround returns the multi-line literal whose value is exactly
// content[start:end] (a key block in a JS template, a Go raw string or a
// Python triple-quoted string), with offsets relative to lineStart, the
// start of its first line.
func blockLiteralAround(content []byte, start, end, lineStart int, s lexSyntax) (stringLiteral, bool) {
	var quotes []string
	if s.backtick {
		quotes = append(quotes, "`")
	}
	if s.prefixes {
		quotes = append(quotes, `"""`, `'''`)
	}
	for _, q := range quotes {
		if start-len(q) < lineStart || !bytes.HasPrefix(content[start-len(q):], []byte(q)) || !bytes.HasPrefix(content[end:], []byte(q)) {
			continue
		}
		lit := stringLiteral{start: start - len(q) - lineStart, end: end + len(q) - lineStart, valueStart: start - lineStart, valueEnd: end - lineStart}
		lit.interpolated = bytes.Contains(content[start:end], []byte("${"))
		return lit, true
	}
	return stringLiteral{}, false
}

// assignment is what a literal is assigned to, keyed by or the fallback of.
type assignment struct {
	name string // as written: a variable, member chain, key or env var name
	// envFallback: the literal is the default of an environment read of name
	// (process.env.NAME || "...", os.getenv("NAME", "...")).
	envFallback bool
	// cut is where the fallback's operator (with blanks before it) starts: the
	// literal and everything from cut to it can go. -1 when it cannot.
	cut int
}

// envReadEnd matches an environment read that ends the text before `||`,
// `??` or `or`.
var envReadEnd = regexp.MustCompile(`(?:(?:process\.env|import\.meta\.env)(?:\.([A-Za-z_]\w*)|\[\s*["'](\w+)["']\s*\])|(?:ENV|os\.environ)\[\s*["'](\w+)["']\s*\]|(?:getenv|Getenv|environ\.get|ENV\.fetch)\(\s*["'](\w+)["']\s*\))\s*$`)

// envCallOpen matches an environment read call left open before a default
// argument ("os.getenv("NAME", ") or closed before a Ruby default block.
var envCallOpen = regexp.MustCompile(`(?:getenv|environ\.get|ENV\.fetch)\(\s*["'](\w+)["']\s*(,|\)\s*\{)\s*$`)

// Bounds that keep the work per candidate constant on long (minified) lines.
const (
	maxLookBehind   = 256  // bytes before a literal read for its name or env read
	maxScannedLine  = 4096 // longer lines are not scanned from their start for literals
	contextDistance = 512  // bytes either side of a token searched for its context words
)

// assignmentBefore reads what the literal starting at line[at] is assigned
// to, looking back at most maxLookBehind bytes.
func assignmentBefore(line []byte, at int) (assignment, bool) {
	lo := max(0, at-maxLookBehind)
	asg, ok := assignmentIn(line[lo:], at-lo)
	if asg.cut >= 0 {
		asg.cut += lo
	}
	return asg, ok
}

func assignmentIn(line []byte, at int) (assignment, bool) {
	j := lastNonBlank(line, at)
	if j < 0 {
		return assignment{}, false
	}
	fallback := false
	switch c := line[j]; {
	case c == '>' && j > 0 && line[j-1] == '=': // Ruby and PHP hashes
		j -= 2
	case c == '=':
		p := j - 1
		if p >= 0 && bytes.IndexByte([]byte("=!<>"), line[p]) >= 0 {
			return assignment{}, false // a comparison
		}
		for p >= 0 && j-p < 3 && bytes.IndexByte([]byte(":|&?+"), line[p]) >= 0 {
			p-- // :=, ||=, ??=, &&=, +=
		}
		j = p
	case c == ':':
		if j > 0 && line[j-1] == ':' {
			return assignment{}, false
		}
		j--
	case (c == '|' || c == '?') && j > 0 && line[j-1] == c:
		j -= 2
		fallback = true
	case c == 'r' && j > 0 && line[j-1] == 'o' && (j < 2 || !codelex.IsIdentByte(line[j-2])):
		j -= 2
		fallback = true
	case c == ',' || c == '{':
		if m := envCallOpen.FindSubmatch(line[:j+1]); m != nil {
			cut := -1
			if c == ',' {
				cut = lastNonBlank(line, j) + 1
			}
			return assignment{name: string(m[1]), envFallback: true, cut: cut}, true
		}
		return assignment{}, false
	default:
		return assignment{}, false
	}
	k := lastNonBlank(line, j+1)
	if k < 0 {
		return assignment{}, false
	}
	if fallback {
		if m := envReadEnd.FindSubmatch(line[:k+1]); m != nil {
			for _, g := range m[1:] {
				if len(g) > 0 {
					return assignment{name: string(g), envFallback: true, cut: k + 1}, true
				}
			}
		}
	}
	name := nameBefore(line, k)
	return assignment{name: name, cut: -1}, name != ""
}

// typeWords are type names that sit between a variable and its value
// (apiKey: string = "...", var apiKey string = "...").
var typeWords = map[string]bool{"string": true, "str": true, "String": true, "bytes": true}

// nameBefore reads the name that ends at line[k]: a quoted key, a bracketed
// quoted key, or an identifier chain (skipping a type annotation).
func nameBefore(line []byte, k int) string {
	if line[k] == ']' {
		if k = lastNonBlank(line, k); k < 0 || (line[k] != '"' && line[k] != '\'') {
			return ""
		}
	}
	if q := line[k]; q == '"' || q == '\'' || q == '`' {
		open := bytes.LastIndexByte(line[:k], q)
		if open < 0 {
			return ""
		}
		return string(line[open+1 : k])
	}
	chain := identChainBefore(line, k)
	if typeWords[chain] {
		p := lastNonBlank(line, k+1-len(chain))
		for p >= 0 && line[p] == '&' {
			p = lastNonBlank(line, p)
		}
		switch {
		case p >= 0 && line[p] == ':' && p > 0:
			if p2 := lastNonBlank(line, p); p2 >= 0 {
				return identChainBefore(line, p2)
			}
		case p >= 0 && codelex.IsIdentByte(line[p]) && p < k-len(chain):
			return identChainBefore(line, p)
		}
	}
	return chain
}

// identChainBefore returns the identifier chain (a.b.c, @ivar, $var) ending at line[k].
func identChainBefore(line []byte, k int) string {
	i := k
	for i >= 0 && (codelex.IsIdentByte(line[i]) || line[i] == '.' || line[i] == '@' || line[i] == '-') {
		i--
	}
	chain := bytes.Trim(line[i+1:k+1], ".-")
	return string(bytes.TrimLeft(chain, "@$"))
}

// lastNonBlank returns the index of the last non-blank byte of line before at, or -1.
func lastNonBlank(line []byte, at int) int { return codelex.SkipBlanksBack(line, at) - 1 }

// lastSegment returns the part of a member chain after its last dot.
func lastSegment(name string) string {
	if i := bytes.LastIndexByte([]byte(name), '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}
