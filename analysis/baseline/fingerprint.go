// Package baseline records a workspace's findings so that only new ones are
// reported: the fingerprint of a finding, and the baseline file (load,
// validate, write, match, stale entries) that the check command and the
// language server share. No LSP types and no flags here.
//
// A fingerprint survives edits that do not touch the finding: it is made of
// the rule, the file's path relative to the workspace root and the
// finding's line with the finding's own range replaced by a placeholder
// (so a secret's value never enters it), whitespace collapsed, plus the
// nearest non-blank lines above and below as context. Line numbers are not
// part of it, so a block moved within its file keeps its fingerprints.
package baseline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// placeholder stands for a finding's own range in its normalised line;
// tokenLine for a line (its own or a context line) that still holds a
// secret token's shape, such as another key beside it: no secret's value
// enters a fingerprint.
const (
	placeholder = "\x00FINDING\x00"
	tokenLine   = "\x00TOKEN\x00"
)

// Lengths, in hex digits, of a fingerprint's two parts: the finding's line
// (LinePart), then the line with its context.
const (
	linePartLen = 12
	contextLen  = 8
	// Len is the length of a fingerprint.
	Len = linePartLen + contextLen
)

// Fingerprint returns the fingerprint of a finding of rule at r in the
// file at rel (slash-separated, relative to the workspace root) whose
// content lines index: 20 hex digits, the first 12 of which (LinePart)
// depend only on the rule, the path and the finding's own line, the last 8
// also on the context lines above and below.
func Fingerprint(rule, rel string, lines *span.Lines, r span.Range) string {
	content := lines.Content()
	start, end := clamp(r.Start.Offset, len(content)), clamp(r.End.Offset, len(content))
	if end < start {
		end = start
	}
	first, last := lines.LineOf(start), lines.LineOf(end)
	text := masked(normalise(content[lines.LineStart(first):start]) + placeholder + normalise(content[end:lines.LineEnd(last)]))
	above, below := "", ""
	for l := first - 1; l >= 0; l-- {
		if t := normalise(lines.LineText(l)); t != "" {
			above = masked(t)
			break
		}
	}
	for l := last + 1; l < lines.Count(); l++ {
		if t := normalise(lines.LineText(l)); t != "" {
			below = masked(t)
			break
		}
	}
	own := hash(rule, rel, text)
	ctx := hash(rule, rel, text, above, below)
	return own[:linePartLen] + ctx[:contextLen]
}

// LinePart is the part of a fingerprint that depends only on the finding's
// own line: findings whose context changed (a block moved to where other
// lines surround it) still match on it.
func LinePart(fingerprint string) string {
	if len(fingerprint) < linePartLen {
		return fingerprint
	}
	return fingerprint[:linePartLen]
}

func hash(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// masked is tokenLine for a line holding a secret token's shape, else line.
func masked(line string) string {
	if knowledge.HoldsToken([]byte(line)) {
		return tokenLine
	}
	return line
}

// normalise trims b and collapses each run of whitespace into one space.
func normalise(b []byte) string {
	return strings.Join(strings.Fields(string(bytes.TrimSpace(b))), " ")
}

func clamp(off, n int) int {
	if off < 0 {
		return 0
	}
	if off > n {
		return n
	}
	return off
}
