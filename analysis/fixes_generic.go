package analysis

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// genericFixes returns the fixes every finding offers: "Record a learning
// about this", which adds a learning to the integrations expert, and
// "Ignore <code> here", which puts an ignore comment on the line above.
// Findings inside expertise files only get the ignore comment. A finding
// reported for another file than f gets neither.
func genericFixes(ix *Index, f *File, d Diagnostic, rule Rule) []SuggestedFix {
	if d.Path != f.Path {
		return nil
	}
	var out []SuggestedFix
	if ix.Expert(f.Path) == nil && !expertise.IsExpertisePath(f.Rel, ix.Config().Expertise.Paths) {
		if fix, ok := learningFix(ix, f, d, rule); ok {
			out = append(out, fix)
		}
	}
	if fix, ok := ignoreFix(f, d); ok {
		out = append(out, fix)
	}
	return out
}

// learningFix records a learning about d in the integrations expert (else
// the first expert), as the index holds it: an editor's unsaved buffer when
// the file is open. The new insight line is where the editor goes next.
func learningFix(ix *Index, f *File, d Diagnostic, rule Rule) (SuggestedFix, bool) {
	target := ix.IntegrationsExpert()
	if target == nil {
		experts := ix.Experts()
		if len(experts) == 0 {
			return SuggestedFix{}, false
		}
		target = experts[0]
	}
	l := expertise.NewLearning{Insight: learningInsight(f, d, rule), Context: learningContext(f, d, rule), FilesAffected: []string{f.Rel}}
	edits, insight, err := expertise.AddLearning(target, l, ix.Config().Today())
	if err != nil || len(edits) == 0 {
		return SuggestedFix{}, false
	}
	after, err := expertise.ApplyEdits(target.Content, edits)
	if err != nil {
		return SuggestedFix{}, false
	}
	lines := target.Lines
	if lines == nil {
		lines = span.NewLines(target.Content)
	}
	newLines := span.NewLines(after)
	return SuggestedFix{
		Title: "Record a learning about this",
		Edits: ExpertiseTextEdits(target.Path, lines, edits),
		Show:  &Location{Path: target.Path, Range: newLines.Range(insight, newLines.LineEnd(newLines.LineOf(insight)))},
	}, true
}

// maxContext bounds the code quoted in a learning's context, in runes.
const maxContext = 160

// learningInsight prefills the insight from the finding; the user edits it.
// A sensitive finding's message may quote a prefix of the value, so its
// insight is the rule's summary instead.
func learningInsight(f *File, d Diagnostic, rule Rule) string {
	msg := d.Message
	if rule.Sensitive || msg == "" && rule.Summary != "" {
		msg = fmt.Sprintf("%s in %s", rule.Summary, f.Rel)
		if rule.Sensitive {
			msg += ": read it from the environment"
		}
	}
	if msg == "" {
		msg = fmt.Sprintf("%s in %s", d.Code, f.Rel)
	}
	r, size := utf8.DecodeRuneInString(msg)
	return string(unicode.ToUpper(r)) + msg[size:]
}

// learningContext is the finding's line of code, trimmed; "<code> in
// <file>:<line>" instead when that line may hold a secret's value.
func learningContext(f *File, d Diagnostic, rule Rule) string {
	line := d.Range.Start.Line
	text := bytes.TrimSpace(f.Lines.LineText(line))
	if rule.Sensitive || knowledge.HoldsToken(text) || len(text) == 0 {
		return fmt.Sprintf("%s in %s:%d", d.Code, f.Rel, line+1)
	}
	if utf8.RuneCount(text) > maxContext {
		return string([]rune(string(text))[:maxContext-1]) + "…"
	}
	return string(text)
}

// ignoreFix inserts "<indent><comment> expertise-ls:ignore <code>" on its own
// line above the finding, in the comment syntax of f's language. There is
// none for JSON (no comments) or when the line above lies inside a string,
// block comment or YAML block scalar, where the line would change a value.
func ignoreFix(f *File, d Diagnostic) (SuggestedFix, bool) {
	comment := ignoreComment(f)
	line := d.Range.Start.Line
	if comment == "" || insideMultilineValue(f, line) {
		return SuggestedFix{}, false
	}
	text := f.Lines.LineText(line)
	indent := text[:len(text)-len(bytes.TrimLeft(text, " \t"))]
	start := f.Lines.LineStart(line)
	return SuggestedFix{
		Title: "Ignore " + d.Code + " here",
		Edits: []TextEdit{{
			Path:    f.Path,
			Range:   f.Lines.Range(start, start),
			NewText: string(indent) + comment + " " + d.Code + expertise.LineBreak(f.Content),
		}},
	}, true
}

// ignoreComment returns the ignore directive as a comment of f's language
// ("// expertise-ls:ignore", "# expertise-ls:ignore"), or "" when f's kind
// of file has no comments.
func ignoreComment(f *File) string {
	if facts := knowledge.Get().Language(f.Lang.Family()); facts != nil && facts.IgnoreComment != "" {
		return facts.IgnoreComment
	}
	switch ext := strings.ToLower(filepath.Ext(f.Path)); {
	case f.Lang == syntax.YAML || f.Lang == syntax.EnvFile || hashCommentExts[ext]:
		return "# " + IgnoreDirective
	case slashCommentExts[ext]:
		return "// " + IgnoreDirective
	}
	return ""
}

// Comment syntax of the indexed file kinds that are not analysed languages.
var (
	hashCommentExts  = map[string]bool{".toml": true, ".ini": true, ".cfg": true, ".conf": true, ".properties": true, ".sh": true, ".tf": true}
	slashCommentExts = map[string]bool{".php": true, ".java": true, ".kt": true, ".cs": true, ".rs": true, ".swift": true}
)

// insideMultilineValue reports whether the start of line lies inside a
// construct that began on an earlier line and whose text a new line would
// change: a string or comment in parsed code, a block scalar in YAML.
func insideMultilineValue(f *File, line int) bool {
	start := f.Lines.LineStart(line)
	if f.Lang == syntax.YAML {
		return inYAMLBlockScalar(f, line)
	}
	t := f.Tree()
	if t == nil || start >= len(f.Content) {
		return false
	}
	n := t.NodeAt(start, start+1)
	return n != nil && int(n.StartByte()) < start && t.InCommentOrString(start, start+1)
}

// inYAMLBlockScalar reports whether line is content of a "|" or ">" block
// scalar: the nearest less-indented line above it ends with the indicator.
func inYAMLBlockScalar(f *File, line int) bool {
	indent := func(text []byte) int { return len(text) - len(bytes.TrimLeft(text, " ")) }
	own := indent(f.Lines.LineText(line))
	for l := line - 1; l >= 0; l-- {
		text := f.Lines.LineText(l)
		trimmed := bytes.TrimSpace(text)
		if len(trimmed) == 0 || indent(text) >= own {
			continue
		}
		if i := bytes.Index(trimmed, []byte(" #")); i >= 0 {
			trimmed = bytes.TrimSpace(trimmed[:i])
		}
		trimmed = bytes.TrimRight(trimmed, "+-0123456789")
		return bytes.HasSuffix(trimmed, []byte("|")) || bytes.HasSuffix(trimmed, []byte(">"))
	}
	return false
}
