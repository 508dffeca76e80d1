package expertisecheck

import (
	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/expertise"
)

// expertiseFixes returns the fixes for a problem in an expertise file:
// "Set last_updated to today" for expertise-stale (safe: fix-all applies
// it), "Remove this entry" for expertise-stale-path when the path is a
// files entry or one of a learning's files_affected (removing a whole
// pattern because its location moved would lose too much). f is parsed from
// pass.File.Content.
func expertiseFixes(pass *analysis.Pass, f *expertise.File, p expertise.Problem) []analysis.SuggestedFix {
	today := pass.Config.Today()
	switch p.Code {
	case expertise.CodeStale:
		edits, err := expertise.SetLastUpdated(f, today)
		if err != nil || len(edits) == 0 {
			return nil
		}
		return []analysis.SuggestedFix{{Title: "Set last_updated to today", Safe: true, Preferred: true,
			Edits: analysis.ExpertiseTextEdits(f.Path, pass.File.Lines, edits)}}
	case expertise.CodeStalePath:
		if !removablePath(f, p.Range.Start.Offset) {
			return nil
		}
		edits, err := expertise.RemoveSequenceItem(f, p.Range.Start.Offset, today)
		if err != nil || len(edits) == 0 {
			return nil
		}
		return []analysis.SuggestedFix{{Title: "Remove this entry", Edits: analysis.ExpertiseTextEdits(f.Path, pass.File.Lines, edits)}}
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
