package mcpserver

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// The edit tools answer what they changed as unified diffs. A diff shows
// the lines around each change as they were: where the file held a secret
// (the range of a sensitive finding, such as a hardcoded key a "move to
// environment variable" fix removes) it shows <redacted>, whether the line
// is removed or kept.

// diffContext is the number of unchanged lines shown around a change.
const diffContext = 3

// Change is one file an edit tool changed.
type Change struct {
	Path    string `json:"path" jsonschema:"the file, relative to the workspace root"`
	Created bool   `json:"created,omitempty" jsonschema:"the edit created the file"`
	Diff    string `json:"diff" jsonschema:"a unified diff of the change, secrets' values shown as <redacted>"`
}

// changes describes what writing edits did, judging each file's old and
// new content against ix to find the secrets to hide. judged, when not
// nil, is the findings of a file's content that the caller judged already
// (fix_apply, of the file it fixes): the old side of that file, when it
// is that content, is not judged again.
func (w *workspace) changes(ix *analysis.Index, written []analysis.FileChange, judged *judgedFile) []Change {
	out := make([]Change, 0, len(written))
	for _, ch := range written {
		rel := w.rel(ch.Path)
		var oldRanges []span.Range
		if judged != nil && judged.path == ch.Path && bytes.Equal(judged.content, ch.Before) {
			oldRanges = sensitiveOf(judged.found, ch.Path)
		} else {
			oldRanges = sensitiveRanges(ix, ch.Path, ch.Before)
		}
		old := side{lines: splitLines(ch.Before), shown: redactedLines(ch.Before, oldRanges)}
		new := side{lines: splitLines(ch.After), shown: redactedLines(ch.After, sensitiveRanges(ix, ch.Path, ch.After))}
		out = append(out, Change{Path: rel, Created: ch.Created, Diff: unifiedDiff(rel, ch.Created, old, new)})
	}
	return out
}

// judgedFile is a file's content and the findings judging it gave.
type judgedFile struct {
	path    string
	content []byte
	found   []analysis.Diagnostic
}

// side is one side of a diff: its lines, compared, and the same lines as
// shown, secrets redacted (a secret the change keeps is hidden on both
// sides).
type side struct{ lines, shown []string }

// sensitiveRanges returns the ranges of the sensitive findings (see
// analysis.Rule.Sensitive) in content, the file at path.
func sensitiveRanges(ix *analysis.Index, path string, content []byte) []span.Range {
	if len(content) == 0 {
		return nil
	}
	f := analysis.NewFile(ix.Root, path, syntax.Detect(path), content, nil)
	defer f.Release()
	diags, _ := checks.Run(ix, f, analysis.NoFixes)
	return sensitiveOf(diags, path)
}

// sensitiveOf returns the ranges of the sensitive findings of found in the
// file at path.
func sensitiveOf(found []analysis.Diagnostic, path string) []span.Range {
	var out []span.Range
	for _, d := range found {
		if rule, ok := checks.RuleFor(d.Code); ok && rule.Sensitive && d.Path == path {
			out = append(out, d.Range)
		}
	}
	return out
}

// redactedLines splits content into lines with the bytes of ranges
// replaced by <redacted>.
func redactedLines(content []byte, ranges []span.Range) []string {
	lines := splitLines(content)
	hide := make(map[int][][2]int) // line -> byte spans to hide
	for _, r := range ranges {
		for l := r.Start.Line; l <= r.End.Line && l < len(lines); l++ {
			from, to := 0, len(lines[l])
			if l == r.Start.Line {
				from = min(r.Start.Col, to)
			}
			if l == r.End.Line {
				to = min(r.End.Col, to)
			}
			if from < to {
				hide[l] = append(hide[l], [2]int{from, to})
			}
		}
	}
	for l, spans := range hide {
		lines[l] = hideSpans(lines[l], spans)
	}
	return lines
}

// hideSpans replaces the byte spans of line with <redacted>, once for each
// run of hidden bytes.
func hideSpans(line string, spans [][2]int) string {
	hidden := make([]bool, len(line))
	for _, s := range spans {
		for i := s[0]; i < s[1]; i++ {
			hidden[i] = true
		}
	}
	var b strings.Builder
	for i := range len(line) {
		switch {
		case !hidden[i]:
			b.WriteByte(line[i])
		case i == 0 || !hidden[i-1]:
			b.WriteString(redacted)
		}
	}
	return b.String()
}

// splitLines splits content into lines without their terminators, as
// span.Lines counts them (a final terminator does not start a line).
func splitLines(content []byte) []string {
	lines := span.NewLines(content)
	n := lines.Count()
	if n > 0 && lines.LineStart(n-1) == len(content) {
		n--
	}
	out := make([]string, n)
	for i := range n {
		out[i] = string(lines.LineText(i))
	}
	return out
}

// unifiedDiff returns the unified diff from old to new of the file rel,
// comparing their lines and showing them as shown.
func unifiedDiff(rel string, created bool, old, new side) string {
	ops := diffLines(old.lines, new.lines)
	var b strings.Builder
	from := "a/" + rel
	if created {
		from = "/dev/null"
	}
	fmt.Fprintf(&b, "--- %s\n+++ b/%s\n", from, rel)
	for start := 0; start < len(ops); {
		if ops[start].kind == ' ' {
			start++
			continue
		}
		// A hunk: from diffContext lines before the change to diffContext
		// lines after the last change closer than 2*diffContext.
		first := max(0, start-diffContext)
		end := start
		for i := start; i < len(ops); i++ {
			if ops[i].kind != ' ' {
				end = i
			} else if i-end > 2*diffContext {
				break
			}
		}
		last := min(len(ops), end+diffContext+1)
		oldStart, newStart, oldN, newN := ops[first].old, ops[first].new, 0, 0
		for _, op := range ops[first:last] {
			if op.kind != '+' {
				oldN++
			}
			if op.kind != '-' {
				newN++
			}
		}
		fmt.Fprintf(&b, "@@ -%s +%s @@\n", hunkRange(oldStart, oldN), hunkRange(newStart, newN))
		for _, op := range ops[first:last] {
			var text string
			if op.kind == '+' {
				text = new.shown[op.new]
			} else {
				text = old.shown[op.old]
			}
			fmt.Fprintf(&b, "%c%s\n", op.kind, text) // addTool redacts the result
		}
		start = last
	}
	return b.String()
}

// hunkRange is a hunk header's "start,count" (start 1-based; the line
// before an empty range).
func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

// diffOp is one line of a diff: ' ' kept, '-' removed, '+' added; old and
// new are the 0-based lines of the two sides it stands at.
type diffOp struct {
	kind     byte
	old, new int
}

// diffLines is Myers' diff of two line lists: the shortest edit script. A
// side that is empty (a created file) needs no search. The trace keeps, of
// each step d, only the diagonals -d..d that backtracking reads, so that it
// grows with the edits' square, not with the files' lengths.
func diffLines(a, b []string) []diffOp {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		ops := make([]diffOp, 0, n+m)
		for i := range n {
			ops = append(ops, diffOp{'-', i, 0})
		}
		for j := range m {
			ops = append(ops, diffOp{'+', 0, j})
		}
		return ops
	}
	maxD := n + m
	v := make([]int, 2*maxD+2)
	var trace [][]int
	for d := 0; d <= maxD; d++ {
		trace = append(trace, append([]int(nil), v[maxD-d:maxD+d+1]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[maxD+k-1] < v[maxD+k+1] {
				x = v[maxD+k+1]
			} else {
				x = v[maxD+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[maxD+k] = x
			if x >= n && y >= m {
				return backtrack(a, b, trace, d)
			}
		}
	}
	return nil
}

// backtrack walks the trace of diffLines back from the end;
// trace[d][i] is diagonal i-d as step d found it.
func backtrack(a, b []string, trace [][]int, d int) []diffOp {
	var ops []diffOp
	x, y := len(a), len(b)
	for ; d > 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || k != d && v[d+k-1] < v[d+k+1] {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[d+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			ops = append(ops, diffOp{' ', x, y})
		}
		if x == prevX {
			y--
			ops = append(ops, diffOp{'+', x, y})
		} else {
			x--
			ops = append(ops, diffOp{'-', x, y})
		}
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		ops = append(ops, diffOp{' ', x, y})
	}
	for i, j := 0, len(ops)-1; i < j; i, j = i+1, j-1 {
		ops[i], ops[j] = ops[j], ops[i]
	}
	return ops
}
