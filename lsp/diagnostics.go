package lsp

import (
	"context"
	"fmt"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// Diagnostics reach the client one of two ways, never both:
//
//   - push (textDocument/publishDiagnostics, with the document version): the
//     queue judges a document on open, on save, while typing when
//     diagnostics.onChange is set, and when what it depends on changes;
//     closing clears it.
//   - pull (textDocument/diagnostic), when the client advertises
//     capabilities.textDocument.diagnostic: the client asks when it wants
//     (VS Code on open and as the user types, already debounced); the server
//     answers with a judgement of the current buffer, or "unchanged" when the
//     client's previous result still holds, and sends
//     workspace/diagnostic/refresh when a dependency changes. A client that
//     pulls also shows pushed diagnostics, as a separate set, so a server
//     that did both would show every finding twice. diagnostics.onChange
//     only governs pushing: a pulling client decides when to ask.

// publishAfter asks the queue to judge and publish u after delay (push mode).
func (s *Server) publishAfter(u uri.URI, delay time.Duration) {
	if !s.caps.pullDiagnostics {
		s.queue.judge(u, delay)
	}
}

// judgeAll judges every open document again (but except, which is being
// judged), or has a pulling client ask again.
func (s *Server) judgeAll(except uri.URI) {
	if s.caps.pullDiagnostics {
		s.requestRefresh()
		return
	}
	for _, u := range s.docs.uris() {
		if u != except {
			s.queue.judge(u, 0)
		}
	}
}

// dependenciesChanged records that every judgement may differ (facts in the
// index, settings) and has them made again, but except's.
func (s *Server) dependenciesChanged(except uri.URI) {
	s.mu.Lock()
	s.depGen++
	s.mu.Unlock()
	s.judgeAll(except)
}

// judge judges an open document and publishes its diagnostics. It runs on
// the queue.
func (s *Server) judge(u uri.URI) {
	snap, ok := s.docs.snapshot(u)
	if !ok {
		return
	}
	defer snap.release()
	s.syncDependencies(u)
	f := s.file(snap)
	defer f.Release()
	s.publishFindings(snap, f)
}

// saved records a saved document in the index and publishes its judgement
// (the same File and tree serve both); when facts changed, every other open
// document is judged again too. It runs on the queue.
func (s *Server) saved(snap *snapshot) {
	defer snap.release()
	s.syncDependencies(snap.uri)
	f := s.file(snap)
	defer f.Release()
	changed := s.updateIndex(f)
	if changed {
		s.dependenciesChanged(snap.uri)
	}
	if !s.caps.pullDiagnostics {
		s.publishFindings(snap, f)
	}
}

// publishFindings judges f, the file of snap, and publishes the findings
// unless the document was closed meanwhile (its clear is queued behind us).
func (s *Server) publishFindings(snap *snapshot, f *analysis.File) {
	items := s.findings(f)
	if s.docs.isCurrent(snap.uri, snap.instance) {
		s.publish(snap.uri, &snap.version, items)
	}
}

// file wraps a snapshot for the analyzers, handing them its line index and,
// when one asks, its tree.
func (s *Server) file(snap *snapshot) *analysis.File {
	var f *analysis.File
	f = analysis.NewFileOfLinesFrom(s.folderOf(snap.path).root, snap.path, snap.lang, snap.lines, func() *syntax.Tree { return snap.TreeOf(f) })
	return f
}

// findings runs the analyzers on f and converts what they report.
func (s *Server) findings(f *analysis.File) []protocol.Diagnostic {
	ix, _ := s.indexOf(f.Path)
	if ix == nil {
		return []protocol.Diagnostic{}
	}
	found, err := checks.Run(ix, f, analysis.NoFixes)
	if err != nil {
		s.log.Error("an analyzer failed", zap.String("path", f.Path), zap.Error(err))
	}
	found = s.dropBaselined(ix.Root, f, found)
	return s.enc.diagnostics(f.Path, found)
}

// publish pushes diagnostics of u; nil items clear them.
func (s *Server) publish(u uri.URI, version *int32, items []protocol.Diagnostic) {
	if items == nil {
		items = []protocol.Diagnostic{}
	}
	p := &protocol.PublishDiagnosticsParams{URI: u, Diagnostics: items}
	if version != nil {
		p.Version = protocol.NewOptional(*version)
	}
	if err := s.client.PublishDiagnostics(s.ctx, p); err != nil {
		s.log.Warn("could not publish diagnostics", zap.String("uri", string(u)), zap.Error(err))
		return
	}
	s.log.Debug("published", zap.String("uri", string(u)), zap.Int("count", len(items)))
}

// Diagnostic answers a pull (textDocument/diagnostic). It runs off the read
// loop (see concurrentRequests) and waits for the workspace index first.
// The result id names what the judgement depended on: the document's
// incarnation and version and the dependency generation.
func (s *Server) Diagnostic(ctx context.Context, params *protocol.DocumentDiagnosticParams) (protocol.DocumentDiagnosticReport, error) {
	select {
	case <-s.ready:
	case <-ctx.Done():
		return nil, protocol.ErrRequestCancelled
	}
	u := params.TextDocument.URI
	s.syncDependencies(u) // before the generation that names the result
	gen := s.generation()
	if instance, version, ok := s.docs.identity(u); ok && params.PreviousResultID != nil && *params.PreviousResultID == resultID(instance, version, gen) {
		return &protocol.RelatedUnchangedDocumentDiagnosticReport{
			UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{Kind: string(protocol.DocumentDiagnosticReportKindUnchanged), ResultID: *params.PreviousResultID},
		}, nil
	}
	report := protocol.FullDocumentDiagnosticReport{Kind: string(protocol.DocumentDiagnosticReportKindFull), Items: []protocol.Diagnostic{}}
	if snap, ok := s.docs.snapshot(u); ok {
		defer snap.release()
		f := s.file(snap)
		defer f.Release()
		report.Items = s.findings(f)
		report.ResultID = ptr(resultID(snap.instance, snap.version, gen))
	}
	return &protocol.RelatedFullDocumentDiagnosticReport{FullDocumentDiagnosticReport: report}, nil
}

func resultID(instance uint64, version int32, gen uint64) string {
	return fmt.Sprintf("%d.%d.%d", instance, version, gen)
}

// requestRefresh asks a pulling client to pull again (coalesced).
func (s *Server) requestRefresh() {
	if !s.caps.diagnosticRefresh {
		return
	}
	select {
	case s.refresh <- struct{}{}:
	default:
	}
}

// refreshLoop sends workspace/diagnostic/refresh, a request, from its own
// goroutine so that neither the read loop nor the queue waits for the answer.
func (s *Server) refreshLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.refresh:
		}
		c, cancel := context.WithTimeout(ctx, clientTimeout)
		err := s.client.DiagnosticRefresh(c)
		cancel()
		if err != nil {
			s.log.Warn("workspace/diagnostic/refresh failed", zap.Error(err))
		}
	}
}
