package analysis

import (
	"fmt"
	"sort"
)

// ApplyEdits applies edits (all to one file's content) and returns the new
// content. Edits must not overlap; edits at the same offset apply in the
// order given.
func ApplyEdits(content []byte, edits []TextEdit) ([]byte, error) {
	sorted := make([]TextEdit, len(edits))
	copy(sorted, edits)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Range.Start.Offset < sorted[j].Range.Start.Offset })
	var out []byte
	last := 0
	for _, e := range sorted {
		start, end := e.Range.Start.Offset, e.Range.End.Offset
		if start < last || end < start || end > len(content) {
			return nil, fmt.Errorf("edit [%d,%d) overlaps another or lies outside the %d-byte content", start, end, len(content))
		}
		out = append(out, content[last:start]...)
		out = append(out, e.NewText...)
		last = end
	}
	return append(out, content[last:]...), nil
}
