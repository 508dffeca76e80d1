package lsp

import (
	"fmt"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/expertise-ls/expertise-ls/analysis"
)

// fixAll returns the source.fixAll action of a judgement: every safe fix of
// the document's findings in one edit, gathered with analysis.MergeEdits (a
// change several fixes make is made once; a fix that overlaps one taken
// before it is left for the next run), or nil when there is none. A fix that
// cannot be applied on its own (see fixChanges) is left out.
func (s *Server) fixAll(j *fixJudgement) *protocol.CodeAction {
	var edits []analysis.TextEdit
	n := 0
	for _, d := range j.found {
		for _, fix := range d.Fixes {
			if !fix.Safe {
				continue
			}
			if _, err := s.fixChanges(j.ix, j.snap, fix.Edits); err != nil {
				s.log.Info("a safe fix is left out of fix-all", zap.String("path", j.snap.path), zap.String("fix", fix.Title), zap.Error(err))
				continue
			}
			merged, err := analysis.MergeEdits(edits, fix.Edits)
			if err != nil {
				s.log.Debug("a safe fix is left for the next fix-all", zap.String("fix", fix.Title), zap.Error(err))
				continue
			}
			edits = merged
			n++
		}
	}
	if n == 0 {
		return nil
	}
	edit, err := s.fixEdit(j, edits)
	if err != nil {
		s.log.Info("fix-all is not offered", zap.String("path", j.snap.path), zap.Error(err))
		return nil
	}
	title := "Apply the safe expertise-ls fix"
	if n > 1 {
		title = fmt.Sprintf("Apply all %d safe expertise-ls fixes", n)
	}
	return &protocol.CodeAction{Title: title, Kind: ptr(fixAllKind), Edit: edit}
}
