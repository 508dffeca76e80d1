package secrets

import (
	"bytes"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// genericFindings applies the generic rule where a secret word occurs: a
// string literal (or, in config files, a value) that a secret's name holds
// and that looks random enough is a hardcoded secret. In code it works
// forward from each keyword hit to the literal the name is assigned; in
// config files it reads each hit line as "key: value". Literals that a token
// finding already covers are left out.
func (sc *secretScanner) genericFindings(f *analysis.File, hits []keywordHit, syn lexSyntax, tokens []secretFinding) []secretFinding {
	var out []secretFinding
	next := 0 // config files: where the line after the last one read starts; code: the last literal read
	for _, h := range hits {
		if !sc.generic[h.keyword] {
			continue
		}
		var fd secretFinding
		var ok bool
		if syn.config {
			if int(h.start) < next {
				continue
			}
			line := f.Lines.LineOf(int(h.start))
			next = f.Lines.LineStart(line + 1)
			fd, ok = sc.configCandidate(f, line, syn)
		} else {
			var lit int
			fd, ok, lit = sc.literalCandidate(f, int(h.start), syn)
			if lit >= 0 && lit == next {
				continue
			}
			next = lit
		}
		if ok && !overlapsAny(fd, tokens) && publicKeyFor(f, &fd) == nil {
			out = append(out, fd)
		}
	}
	return out
}

func overlapsAny(fd secretFinding, others []secretFinding) bool {
	for _, o := range others {
		if fd.start < o.end && o.start < fd.end {
			return true
		}
	}
	return false
}

// configCandidate returns the secret the generic rule finds on one line of
// a config file, if any.
func (sc *secretScanner) configCandidate(f *analysis.File, line int, syn lexSyntax) (secretFinding, bool) {
	ls := f.Lines.LineStart(line)
	text := f.Lines.LineText(line)
	kv, ok := parseConfigLine(text, syn)
	if !ok || kv.interpolated {
		return secretFinding{}, false
	}
	fd := secretFinding{start: ls + kv.valueStart, end: ls + kv.valueEnd, name: kv.key, lineStart: ls}
	// Kubernetes-style env entries: "- name: API_KEY" then "value: ...".
	if kv.key == "name" && f.Lang == syntax.YAML && line+1 < f.Lines.Count() {
		next, ok := parseConfigLine(f.Lines.LineText(line+1), syn)
		if !ok || next.key != "value" || next.interpolated {
			return secretFinding{}, false
		}
		nls := f.Lines.LineStart(line + 1)
		fd = secretFinding{start: nls + next.valueStart, end: nls + next.valueEnd, name: string(text[kv.valueStart:kv.valueEnd]), lineStart: nls}
	}
	return sc.judge(fd, f.Content[fd.start:fd.end])
}

// literalCandidate returns the secret the generic rule finds in the string
// literal that the name holding content[at] is assigned, keyed or defaulted
// to, if any; lit is the literal's offset (-1 for none), to skip it when
// another keyword of the same name leads to it again.
func (sc *secretScanner) literalCandidate(f *analysis.File, at int, syn lexSyntax) (fd secretFinding, ok bool, lit int) {
	q := literalAfterName(f.Content, at, syn)
	if q < 0 {
		return secretFinding{}, false, -1
	}
	line := f.Lines.LineOf(q)
	ls := f.Lines.LineStart(line)
	text := f.Lines.LineText(line)
	l, ok := readLiteral(text, q-ls, syn)
	if !ok || l.interpolated || l.valueEnd-l.valueStart < minBase64Len {
		return secretFinding{}, false, q
	}
	asg, ok := assignmentBefore(text, l.start)
	if !ok {
		return secretFinding{}, false, q
	}
	fd = secretFinding{start: ls + l.valueStart, end: ls + l.valueEnd, name: asg.name, asg: asg, lineStart: ls, lit: &l}
	fd, ok = sc.judge(fd, text[l.valueStart:l.valueEnd])
	return fd, ok, q
}

// judge reports whether fd is a secret: its name holds secrets and its value
// looks like one. It adds the provider the name points at.
func (sc *secretScanner) judge(fd secretFinding, value []byte) (secretFinding, bool) {
	name := lastSegment(fd.name)
	if fd.asg.envFallback {
		name = fd.name
	}
	if len(value) < minBase64Len || !knowledge.IsSecretName(name) || !isSecretValue(string(value)) || echoesName(fd.name, string(value)) {
		return secretFinding{}, false
	}
	fd.provider = sc.providerNamed(fd.name)
	return fd, true
}

// isOperatorByte reports whether c can be part of the operator between a
// name and its value: =, :=, :, =>, ||, ??, ||=, +=, a comma or brace.
func isOperatorByte(c byte) bool {
	switch c {
	case '=', ':', '>', '|', '?', '&', '+', ',', '{':
		return true
	}
	return false
}

// literalAfterName finds, going forward from a secret word at content[at],
// the opening quote of a string literal that the name around it holds: past
// the rest of the name (and the quote or bracket closing a key), an operator
// (=, :=, :, =>, ||, ??, or, a comma or brace of an env read), maybe a type
// (apiKey: string = "..."). It returns -1 when there is none: the caller
// confirms the form with assignmentBefore.
func literalAfterName(content []byte, at int, syn lexSyntax) int {
	i := at
	for i < len(content) && (codelex.IsIdentByte(content[i]) || content[i] == '.' || content[i] == '-') {
		i++
	}
	if i < len(content) && (content[i] == '"' || content[i] == '\'' || content[i] == '`') {
		i++
	}
	if i < len(content) && (content[i] == ']' || content[i] == ')') {
		i++
	}
	ops := 0
	for step := 0; step < 5; step++ {
		i = codelex.SkipBlanks(content, i)
		if i >= len(content) {
			return -1
		}
		c := content[i]
		switch {
		case c == '"' || c == '\'' || c == '`' && syn.backtick:
			if ops == 0 {
				return -1
			}
			return i
		case isOperatorByte(c):
			j := i
			for j < len(content) && j-i < 3 && isOperatorByte(content[j]) {
				j++
			}
			i, ops = j, ops+1
		case c == 'o' && i+2 < len(content) && content[i+1] == 'r' && !codelex.IsIdentByte(content[i+2]):
			i, ops = i+2, ops+1
		case codelex.IsIdentByte(c):
			j := i
			for j < len(content) && codelex.IsIdentByte(content[j]) {
				j++
			}
			if syn.prefixes && ops > 0 && j-i <= 2 && j < len(content) && (content[j] == '"' || content[j] == '\'') {
				return j // a Python string prefix: r"...", b'...'
			}
			if !typeWords[string(content[i:j])] {
				return -1
			}
			i = j
		default:
			return -1
		}
	}
	return -1
}

// echoesName reports whether value is a label made of its holder's words
// (msgUserAuthRequest: "userAuthRequestMsg"): two or more of its words of
// three letters or more occur in the name.
func echoesName(name, value string) bool {
	nameWords := map[string]bool{}
	for _, w := range knowledge.SplitIdentifier(name) {
		nameWords[w] = true
	}
	shared := 0
	for _, w := range knowledge.SplitIdentifier(value) {
		if len(w) >= 3 && nameWords[w] {
			shared++
		}
	}
	return shared >= 2
}

// providerNamed returns the provider an identifier names
// (twilioAuthToken, STRIPE_SECRET_KEY, coinbase_commerce_key), or nil.
func (sc *secretScanner) providerNamed(name string) *knowledge.Provider {
	words := knowledge.SplitIdentifier(name)
	for i, w := range words {
		if p := sc.providers[w]; p != nil {
			return p
		}
		if i+1 < len(words) {
			if p := sc.providers[w+words[i+1]]; p != nil {
				return p
			}
		}
	}
	return nil
}

// keyValue is a config line's "key: value" or "KEY=value" (offsets in the line).
type keyValue struct {
	key                  string
	valueStart, valueEnd int
	interpolated         bool
}

// parseConfigLine reads a YAML, env, TOML, INI or properties line:
// an optional "- " or "export ", a key (quoted or not), ':' or '=', and a
// value (quoted, or up to a comment). Block scalars, flow collections,
// anchors, aliases and tags are not values.
func parseConfigLine(line []byte, syn lexSyntax) (keyValue, bool) {
	i := codelex.SkipBlanks(line, 0)
	if bytes.HasPrefix(line[i:], []byte("- ")) {
		i = codelex.SkipBlanks(line, i+2)
	}
	if bytes.HasPrefix(line[i:], []byte("export ")) {
		i = codelex.SkipBlanks(line, i+len("export "))
	}
	var kv keyValue
	if i < len(line) && (line[i] == '"' || line[i] == '\'') {
		end := bytes.IndexByte(line[i+1:], line[i])
		if end < 0 {
			return kv, false
		}
		kv.key = string(line[i+1 : i+1+end])
		i += end + 2
	} else {
		k := i
		for i < len(line) && (codelex.IsIdentByte(line[i]) || line[i] == '.' || line[i] == '-') {
			i++
		}
		kv.key = string(line[k:i])
	}
	i = codelex.SkipBlanks(line, i)
	if kv.key == "" || i >= len(line) || line[i] != ':' && line[i] != '=' {
		return kv, false
	}
	if line[i] == ':' && i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
		return kv, false // "a:b" is not a YAML mapping
	}
	i = codelex.SkipBlanks(line, i+1)
	if i >= len(line) || bytes.IndexByte([]byte("[{&*!|>"), line[i]) >= 0 {
		return kv, false
	}
	if line[i] == '"' || line[i] == '\'' {
		lit, ok := readLiteral(line, i, syn)
		if !ok {
			return kv, false
		}
		kv.valueStart, kv.valueEnd, kv.interpolated = lit.valueStart, lit.valueEnd, lit.interpolated
		return kv, true
	}
	end := i
	for end < len(line) && !syn.commentAt(line, end) {
		end++
	}
	for end > i && (line[end-1] == ' ' || line[end-1] == '\t') {
		end--
	}
	kv.valueStart, kv.valueEnd = i, end
	return kv, end > i
}
