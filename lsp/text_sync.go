package lsp

import (
	"context"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// The text synchronisation notifications run on the read loop, in wire
// order, and return quickly: they update the open documents and queue what
// follows. They never return an error (see guard); problems are logged.

// DidOpen starts tracking a document and judges it (once the index is
// ready). Documents that are not files (untitled:, git:) are ignored.
func (s *Server) DidOpen(_ context.Context, params *protocol.DidOpenTextDocumentParams) error {
	td := params.TextDocument
	path, ok := documentPath(td.URI)
	if !ok {
		s.log.Debug("ignoring a document that is not a file", zap.String("uri", string(td.URI)))
		return nil
	}
	s.docs.open(td.URI, path, syntax.FromLanguageID(string(td.LanguageID), path), td.Version, []byte(td.Text))
	s.log.Debug("opened", zap.String("uri", string(td.URI)), zap.Int32("version", td.Version))
	s.publishAfter(td.URI, 0)
	return nil
}

// DidChange applies incremental (or whole-document) changes in order. With
// the setting diagnostics.onChange the document is judged once typing
// pauses for diagnostics.debounceMs.
func (s *Server) DidChange(_ context.Context, params *protocol.DidChangeTextDocumentParams) error {
	u, version := params.TextDocument.URI, params.TextDocument.Version
	if err := s.docs.change(u, version, params.ContentChanges, s.enc); err != nil {
		if _, isFile := documentPath(u); isFile {
			s.log.Warn("could not apply a change", zap.String("uri", string(u)), zap.Int32("version", version), zap.Error(err))
		}
		return nil
	}
	if d := s.settings().Diagnostics; d.OnChange {
		s.publishAfter(u, time.Duration(d.DebounceMs)*time.Millisecond)
	}
	return nil
}

// DidSave records the saved version in the index, on the queue, with the
// tree the document already has. If what other files' judgements depend on
// changed, every open document is judged again, else only this one.
func (s *Server) DidSave(_ context.Context, params *protocol.DidSaveTextDocumentParams) error {
	snap, ok := s.docs.snapshot(params.TextDocument.URI) // the saved version; the job releases it
	if !ok {
		return nil
	}
	s.queue.do(func() { s.saved(snap) })
	return nil
}

// DidClose stops tracking a document and clears its diagnostics. The clear
// goes through the queue, behind any judgement of the document under way.
func (s *Server) DidClose(_ context.Context, params *protocol.DidCloseTextDocumentParams) error {
	u := params.TextDocument.URI
	if !s.docs.close(u) {
		return nil
	}
	s.queue.forget(u)
	s.log.Debug("closed", zap.String("uri", string(u)))
	if !s.caps.pullDiagnostics {
		s.queue.do(func() { s.publish(u, nil, nil) })
	}
	return nil
}
