package analysis

import (
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// expertiseFixes returns the fixes for a problem in an expertise file:
// "Set last_updated to today" for expertise-stale (safe: fix-all applies
// it), "Remove this entry" for expertise-stale-path when the path is a
// files entry or one of a learning's files_affected (removing a whole
// pattern because its location moved would lose too much). f is parsed from
// pass.File.Content.
func expertiseFixes(pass *Pass, f *expertise.File, p expertise.Problem) []SuggestedFix {
	today := pass.Config.Today()
	switch p.Code {
	case expertise.CodeStale:
		edits, err := expertise.SetLastUpdated(f, today)
		if err != nil || len(edits) == 0 {
			return nil
		}
		return []SuggestedFix{{Title: "Set last_updated to today", Safe: true, Preferred: true,
			Edits: expertiseTextEdits(f.Path, pass.File.Lines, edits)}}
	case expertise.CodeStalePath:
		if !removablePath(f, p.Range.Start.Offset) {
			return nil
		}
		edits, err := expertise.RemoveSequenceItem(f, p.Range.Start.Offset, today)
		if err != nil || len(edits) == 0 {
			return nil
		}
		return []SuggestedFix{{Title: "Remove this entry", Edits: expertiseTextEdits(f.Path, pass.File.Lines, edits)}}
	}
	return nil
}

// removablePath reports whether offset lies in the path of a files entry or
// in one of a learning's files_affected.
func removablePath(f *expertise.File, offset int) bool {
	for _, c := range f.Files {
		for _, e := range c.Entries {
			if inScalar(e.Path, offset) {
				return true
			}
		}
	}
	for _, l := range f.Learnings {
		for _, p := range l.FilesAffected {
			if inScalar(p, offset) {
				return true
			}
		}
	}
	return false
}

func inScalar(s expertise.Scalar, offset int) bool {
	return s.Present && offset >= s.Range.Start.Offset && offset <= s.Range.End.Offset
}

// expertiseTextEdits converts an expertise file's byte-offset edits to text
// edits of the file at path, whose content lines indexes.
func expertiseTextEdits(path string, lines *span.Lines, edits []expertise.Edit) []TextEdit {
	out := make([]TextEdit, len(edits))
	for i, e := range edits {
		out[i] = TextEdit{Path: path, Range: lines.Range(e.Start, e.End), NewText: e.NewText}
	}
	return out
}
