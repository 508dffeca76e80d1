package lsp

import (
	"context"
	"fmt"
	"path/filepath"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// DiagnosticWorkspace answers workspace/diagnostic: the findings of every
// file the folders' indexes judge, open documents as the editor holds them
// and the others as on disk. A file whose result id the client sends back
// (same content, same generation of the workspace's facts) is reported
// unchanged. The request is cancellable between files.
func (s *Server) DiagnosticWorkspace(ctx context.Context, params *protocol.WorkspaceDiagnosticParams) (*protocol.WorkspaceDiagnosticReport, error) {
	select {
	case <-s.ready:
	case <-ctx.Done():
		return nil, protocol.ErrRequestCancelled
	}
	previous := map[uri.URI]string{}
	for _, p := range params.PreviousResultIds {
		previous[p.URI] = p.Value
	}
	gen := s.generation()
	out := &protocol.WorkspaceDiagnosticReport{Items: []protocol.WorkspaceDocumentDiagnosticReport{}}
	for _, fo := range s.workspaceFolders() {
		ix, _ := s.state(fo)
		if ix == nil {
			continue
		}
		for _, path := range ix.Paths() {
			if ctx.Err() != nil {
				return nil, protocol.ErrRequestCancelled
			}
			if item := s.workspaceReport(ix, path, previous, gen); item != nil {
				out.Items = append(out.Items, item)
			}
		}
	}
	return out, nil
}

// workspaceReport judges one file for workspace/diagnostic; nil when it
// cannot be read.
func (s *Server) workspaceReport(ix *analysis.Index, path string, previous map[uri.URI]string, gen uint64) protocol.WorkspaceDocumentDiagnosticReport {
	u := uri.File(path)
	if snap, ok := s.docs.snapshot(u); ok {
		defer snap.release()
		id := resultID(snap.instance, snap.version, gen)
		version := snap.version
		if previous[u] == id {
			return &protocol.WorkspaceUnchangedDocumentDiagnosticReport{URI: u, Version: &version,
				UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{Kind: string(protocol.DocumentDiagnosticReportKindUnchanged), ResultID: id}}
		}
		f := s.file(snap)
		defer f.Release()
		return &protocol.WorkspaceFullDocumentDiagnosticReport{URI: u, Version: &version,
			FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{Kind: string(protocol.DocumentDiagnosticReportKindFull), ResultID: ptr(id), Items: s.findings(f)}}
	}
	content, err := walk.ReadFile(path, -1)
	if err != nil {
		return nil
	}
	rel, _ := filepath.Rel(ix.Root, path)
	key := analysis.KeyOf(filepath.ToSlash(rel), content)
	id := fmt.Sprintf("disk.%x.%d", key[:12], gen)
	if previous[u] == id {
		return &protocol.WorkspaceUnchangedDocumentDiagnosticReport{URI: u,
			UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{Kind: string(protocol.DocumentDiagnosticReportKindUnchanged), ResultID: id}}
	}
	f := analysis.NewFile(ix.Root, path, syntax.Detect(path), content, nil)
	defer f.Release()
	return &protocol.WorkspaceFullDocumentDiagnosticReport{URI: u,
		FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{Kind: string(protocol.DocumentDiagnosticReportKindFull), ResultID: ptr(id), Items: s.findings(f)}}
}
