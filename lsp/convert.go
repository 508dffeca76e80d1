package lsp

import (
	"math"
	"path/filepath"
	"slices"
	"unicode/utf8"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// source names the server in every diagnostic it reports.
const source = "expertise-ls"

// positionEncoding is the unit of LSP character offsets agreed with the client.
type positionEncoding uint8

const (
	encUTF16 positionEncoding = iota // LSP's default, which every client supports
	encUTF8
)

// negotiateEncoding picks UTF-8 when the client offers it (no conversion
// needed), else UTF-16, which every client must support.
func negotiateEncoding(offered []protocol.PositionEncodingKind) positionEncoding {
	if slices.Contains(offered, protocol.PositionEncodingKindUTF8) {
		return encUTF8
	}
	return encUTF16
}

// kind is the encoding's name in ServerCapabilities.positionEncoding.
func (e positionEncoding) kind() protocol.PositionEncodingKind {
	if e == encUTF8 {
		return protocol.PositionEncodingKindUTF8
	}
	return protocol.PositionEncodingKindUTF16
}

// offset returns the byte offset of an LSP position in the content lines
// index. Positions past the end of a line or of the content clamp to it; a
// column inside a character (a UTF-16 surrogate pair, a UTF-8 sequence)
// moves to the start of the character.
func (e positionEncoding) offset(lines *span.Lines, p protocol.Position) int {
	line, col := int(p.Line), int(p.Character)
	if e == encUTF16 {
		return lines.OffsetUTF16(line, col)
	}
	off, content := lines.OffsetUTF8(line, col), lines.Content()
	for off > 0 && off < len(content) && !utf8.RuneStart(content[off]) {
		off-- // a column inside a character means the character
	}
	return off
}

// position converts a position of the analysis layer, which carries both
// column units, to the negotiated one. It needs no content: span computed
// both columns from the content the finding was made in.
func (e positionEncoding) position(p span.Position) protocol.Position {
	col := p.Col16
	if e == encUTF8 {
		col = p.Col
	}
	return protocol.Position{Line: toUint32(p.Line), Character: toUint32(col)}
}

// spanCovering returns the smallest range of lines' content that covers
// every one of ranges (an empty range at the start when there are none).
func (e positionEncoding) spanCovering(lines *span.Lines, ranges []protocol.Range) span.Range {
	start, end := -1, 0
	for _, r := range ranges {
		s, t := e.offset(lines, r.Start), e.offset(lines, r.End)
		if start < 0 || s < start {
			start = s
		}
		end = max(end, t)
	}
	return lines.Range(max(start, 0), end)
}

// rangeOf converts a range of the analysis layer.
func (e positionEncoding) rangeOf(r span.Range) protocol.Range {
	return protocol.Range{Start: e.position(r.Start), End: e.position(r.End)}
}

// diagnostic converts one finding. Related places (an expertise convention,
// another file's handler) keep the columns span computed from their own file's
// content as the analysis read it, which is what the range describes.
func (e positionEncoding) diagnostic(d analysis.Diagnostic) protocol.Diagnostic {
	out := protocol.Diagnostic{
		Range:    e.rangeOf(d.Range),
		Severity: protocol.DiagnosticSeverity(d.Severity),
		Source:   protocol.NewOptional(source),
		Message:  protocol.String(d.Message),
	}
	if d.Code != "" {
		out.Code = protocol.String(d.Code)
	}
	for _, r := range d.Related {
		out.RelatedInformation = append(out.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: uri.File(r.Path), Range: e.rangeOf(r.Range)},
			Message:  r.Message,
		})
	}
	return out
}

// diagnostics converts the findings of the file at path; findings an
// analyzer reported in other files are left to those files' judgements.
// The result is never nil: LSP wants [] rather than null.
func (e positionEncoding) diagnostics(path string, ds []analysis.Diagnostic) []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(ds))
	for _, d := range ds {
		if d.Path == path {
			out = append(out, e.diagnostic(d))
		}
	}
	return out
}

// documentPath returns the absolute, cleaned file system path of a file: URI.
// Other schemes (untitled:, git:, vscode-notebook-cell:) have no file behind
// them and report false.
func documentPath(u uri.URI) (string, bool) {
	if !u.IsFile() {
		return "", false
	}
	p := u.FsPath()
	if p == "" || !filepath.IsAbs(p) {
		return "", false
	}
	return filepath.Clean(p), true
}

func toUint32(n int) uint32 {
	switch {
	case n < 0:
		return 0
	case n > math.MaxUint32:
		return math.MaxUint32
	}
	return uint32(n)
}
