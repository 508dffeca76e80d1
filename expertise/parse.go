package expertise

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/expertise-ls/expertise-ls/internal/span"
	"gopkg.in/yaml.v3"
)

// Parse reads an expertise file. It never fails: invalid YAML yields one
// expertise-syntax problem on the line the parser stopped at, and wrong
// shapes yield expertise-schema problems on the offending nodes while the
// rest of the file is still read. Every value keeps its exact range.
func Parse(path string, content []byte) *File {
	f := &File{Path: path, Content: content, Lines: span.NewLines(content)}
	if bytes.HasPrefix(content, []byte{0xFF, 0xFE}) || bytes.HasPrefix(content, []byte{0xFE, 0xFF}) {
		f.Problems = append(f.Problems, Problem{Code: CodeSyntax, Range: lineTextRange(f.Lines, 0),
			Message: "the file is UTF-16: save it as UTF-8"})
		return f
	}
	doc, err := decodeYAML(content)
	if err != nil {
		f.Problems = append(f.Problems, syntaxProblem(f.Lines, err))
		return f
	}
	if len(doc.Content) == 0 {
		return f // empty, or only comments
	}
	p := &fileParser{f: f, loc: newLocator(content)}
	top := doc.Content[0]
	p.loc.measure(top, -1)
	if top.Kind != yaml.MappingNode {
		if top.Kind != yaml.ScalarNode || top.Tag != "!!null" {
			p.schema(top, "an expertise file must be a mapping of sections (domain:, version:, last_updated:, learnings: ...), not %s", shapeOf(top))
		}
		return f
	}
	f.Root = top
	p.duplicateKeys(top)
	p.sections(top)
	sort.SliceStable(f.Problems, func(i, j int) bool {
		return f.Problems[i].Range.Start.Offset < f.Problems[j].Range.Start.Offset
	})
	return f
}

// decodeYAML parses the first YAML document of content into a node tree; a
// panic inside the YAML library becomes an error.
func decodeYAML(content []byte) (doc yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	err = yaml.Unmarshal(content, &doc)
	return doc, err
}

var yamlLineRE = regexp.MustCompile(`^line (\d+): `)

// syntaxProblem turns a yaml.v3 error into a problem on the line the parser
// stopped at. yaml.v3's "line N" is the line of the construct it was reading
// (a mapping, a quoted string, ...), which may be well above the line at
// fault, and is 0-based for some errors and 1-based for others; so Parse
// starts there and finds the first line whose prefix of the file fails with
// the same reason.
func syntaxProblem(lines *span.Lines, err error) Problem {
	reason, reported := yamlReason(err)
	content := lines.Content()
	lo, hi := max(reported-1, 0), lines.Count()-1
	lo = min(lo, hi)
	for lo < hi {
		mid := (lo + hi) / 2
		if _, err := decodeYAML(content[:lines.LineEnd(mid)]); err != nil {
			if r, _ := yamlReason(err); r == reason {
				hi = mid
				continue
			}
		}
		lo = mid + 1
	}
	return Problem{Code: CodeSyntax, Range: lineTextRange(lines, lo), Message: "invalid YAML: " + reason + syntaxHint(reason, lines.LineText(lo))}
}

// yamlReason splits a yaml.v3 error message into the parser's reason and the
// line number it names (0 when it names none).
func yamlReason(err error) (reason string, line int) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "unmarshal errors:\n"); ok {
		msg = strings.TrimSpace(strings.SplitN(rest, "\n", 2)[0])
	}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		fmt.Sscan(m[1], &line)
		msg = msg[len(m[0]):]
	}
	return msg, line
}

// syntaxHint adds what usually causes a parser error.
func syntaxHint(reason string, line []byte) string {
	trimmed := bytes.TrimLeft(line, " ")
	switch {
	case len(trimmed) > 0 && trimmed[0] == '\t':
		return " (indent with spaces: YAML does not allow tabs for indentation)"
	case strings.Contains(reason, "mapping values are not allowed"):
		return ` (quote a value that contains ": ")`
	case strings.Contains(reason, "did not find expected key"), strings.Contains(reason, "did not find expected '-'"):
		return " (check this line's indentation)"
	}
	return ""
}

// lineTextRange returns the range of a line's text.
func lineTextRange(lines *span.Lines, line int) span.Range {
	return lines.Range(lines.LineStart(line), lines.LineEnd(line))
}

// fileParser fills a File from a node tree.
type fileParser struct {
	f   *File
	loc *locator
}

// rng returns the range of a node.
func (p *fileParser) rng(n *yaml.Node) span.Range {
	start, end := p.loc.span(n)
	return p.f.Lines.Range(start, end)
}

// text returns a node's source text.
func (p *fileParser) text(n *yaml.Node) string {
	start, end := p.loc.span(n)
	return string(p.f.Content[start:end])
}

// schema records an expertise-schema problem on a node.
func (p *fileParser) schema(n *yaml.Node, format string, args ...any) {
	p.f.Problems = append(p.f.Problems, Problem{Code: CodeSchema, Range: p.rng(n), Message: fmt.Sprintf(format, args...)})
}

// duplicateKeys reports every key that repeats an earlier key of its
// mapping, at any depth. The first occurrence is the one read.
func (p *fileParser) duplicateKeys(n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		first := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Value == "<<" {
				continue
			}
			if prev, ok := first[k.Value]; ok {
				p.schema(k, "duplicate key %q (first on line %d): keep one", k.Value, p.rng(prev).Start.Line+1)
				continue
			}
			first[k.Value] = k
		}
	}
	for _, c := range n.Content {
		p.duplicateKeys(c)
	}
}

// shapeOf describes a node's shape for messages.
func shapeOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "empty"
	}
	return fmt.Sprintf("a single value (%q)", shortValue(n.Value))
}

// shortValue cuts long values for messages.
func shortValue(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "…"
	}
	return s
}
