package analysis

import "github.com/expertise-ls/expertise-ls/expertise"

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
