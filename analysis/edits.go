package analysis

import (
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// ApplyEdits applies edits (all to one file's content) and returns the new
// content. Edits must not overlap; edits at the same offset apply in the
// order given. It is expertise.ApplyEdits over the edits' byte offsets.
func ApplyEdits(content []byte, edits []TextEdit) ([]byte, error) {
	plain := make([]expertise.Edit, len(edits))
	for i, e := range edits {
		plain[i] = expertise.Edit{Start: e.Range.Start.Offset, End: e.Range.End.Offset, NewText: e.NewText}
	}
	return expertise.ApplyEdits(content, plain)
}

// ExpertiseTextEdits converts an expertise file's byte-offset edits to text
// edits of the file at path, whose content lines indexes.
func ExpertiseTextEdits(path string, lines *span.Lines, edits []expertise.Edit) []TextEdit {
	out := make([]TextEdit, len(edits))
	for i, e := range edits {
		out[i] = TextEdit{Path: path, Range: lines.Range(e.Start, e.End), NewText: e.NewText}
	}
	return out
}
