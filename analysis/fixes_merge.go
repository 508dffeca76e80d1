package analysis

import (
	"fmt"
	"slices"
	"strings"
)

// MergeEdits returns taken with the edits of next, a fix's edits, added: how
// a driver gathers the fixes it applies together, such as every safe fix of
// a file in one "fix all". Fixes are computed one by one against the same
// content, so two of them may make the same change: the same edit (setting
// last_updated), or the same lines inserted at the same place (two fixes
// documenting one variable as NAME= in the env example file, one with its
// line break before, the other after). Such an edit of next is not added
// again. When an edit of next overlaps an edit of taken in any other way,
// MergeEdits adds nothing of next and says where: the fix is left for the
// next run, against the content the others made. Insertions at the same
// place do not overlap; they apply in order, before a replacement starting
// there. taken is not modified.
func MergeEdits(taken, next []TextEdit) ([]TextEdit, error) {
	out := taken[:len(taken):len(taken)] // the first append copies: taken's array is never written
	for _, b := range next {
		dup := false
		for _, a := range taken {
			if sameChange(a, b) {
				dup = true
				break
			}
			if overlap(a, b) {
				return taken, fmt.Errorf("%s:%d:%d: the fix's edit overlaps an edit of a fix taken before; apply it on its own after the others",
					b.Path, b.Range.Start.Line+1, b.Range.Start.Col+1)
			}
		}
		if !dup {
			out = slices.Insert(out, insertionIndex(out, b), b)
		}
	}
	return out, nil
}

// insertionIndex returns where b goes among edits: before the first edit
// that replaces text starting where b inserts (b's text goes before the
// text it was inserted before, which that edit replaces), else at the end.
func insertionIndex(edits []TextEdit, b TextEdit) int {
	if isInsertion(b) && !b.Create {
		for i, a := range edits {
			if a.Path == b.Path && !isInsertion(a) && a.Range.Start.Offset == b.Range.Start.Offset {
				return i
			}
		}
	}
	return len(edits)
}

// sameChange reports whether applying b after a changes nothing more: the
// same edit, or insertions into one file at one place of the same lines.
func sameChange(a, b TextEdit) bool {
	if a == b {
		return true
	}
	if a.Path != b.Path || a.Create != b.Create || !isInsertion(a) || !isInsertion(b) {
		return false
	}
	if !a.Create && a.Range.Start.Offset != b.Range.Start.Offset {
		return false
	}
	return strings.Trim(a.NewText, "\r\n") == strings.Trim(b.NewText, "\r\n")
}

// isInsertion reports whether e only inserts text: an empty range, or the
// whole content of a file it creates.
func isInsertion(e TextEdit) bool {
	return e.Create || e.Range.Start.Offset == e.Range.End.Offset
}

// overlap reports whether a and b, edits of one file, change intersecting
// text: a file both created and edited, or ranges that share a byte (an
// insertion strictly inside a replaced range counts).
func overlap(a, b TextEdit) bool {
	if a.Path != b.Path {
		return false
	}
	if a.Create != b.Create {
		return true
	}
	if a.Create {
		return false
	}
	as, ae, bs, be := a.Range.Start.Offset, a.Range.End.Offset, b.Range.Start.Offset, b.Range.End.Offset
	return as < be && bs < ae
}
