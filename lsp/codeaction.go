package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
)

// Code actions deliver the fixes analysis.Run attaches to its findings:
//
//   - quickfix: for each diagnostic of the request's context, matched by
//     code and range against a fresh judgement of the document's current
//     content, one action per fix. A fix that edits other files than the
//     document (the expertise file, the env example file) is costly to
//     build and may be stale by the time the user picks it: when the client
//     resolves the edit property, it is sent without its edit, with data to
//     find it again, and codeAction/resolve computes the edit. A fix with a
//     place to show (the insight of a new learning) carries the expertise.show
//     command, which the client runs after applying the edit.
//   - source.fixAll.expertise-ls (asked for as source, source.fixAll or
//     itself): one action applying every safe fix of the file at once.
//
// A fix whose edits would leave the workspace, or touch a file whose content
// is not the one the analysis read, is dropped and logged.

// fixAllKind is the kind of the action that applies every safe fix of a file.
const fixAllKind = protocol.CodeActionKind("source.fixAll." + source)

// codeActionOptions is the server's code action capability.
func codeActionOptions() *protocol.CodeActionOptions {
	return &protocol.CodeActionOptions{
		CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, fixAllKind},
		ResolveProvider: ptr(true),
	}
}

// wants reports whether a request whose context lists only wants actions
// of kind: kind or a kind it refines is listed. Without a list only quick
// fixes are offered; source actions are for those who ask.
func wants(only []protocol.CodeActionKind, kind protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return kind == protocol.CodeActionKindQuickFix
	}
	for _, k := range only {
		if kind == k || strings.HasPrefix(string(kind), string(k)+".") {
			return true
		}
	}
	return false
}

// fixJudgement is a judgement of an open document with fixes.
type fixJudgement struct {
	ix    *analysis.Index
	snap  *snapshot
	file  *analysis.File
	found []analysis.Diagnostic // the document's findings
}

func (j *fixJudgement) release() {
	j.file.Release()
	j.snap.release()
}

// judgeWithFixes judges the current content of an open document, with the
// fixes of every finding (all) or of those overlapping ranges: fixes cost
// more than findings, and a code action shows only a few. It reports false
// when the document is not open.
func (s *Server) judgeWithFixes(u uri.URI, all bool, ranges ...protocol.Range) (*fixJudgement, bool) {
	snap, ok := s.docs.snapshot(u)
	if !ok {
		return nil, false
	}
	s.syncDependencies(u) // fixes of other files are computed against their current content
	j := &fixJudgement{snap: snap, file: s.file(snap)}
	j.ix, _ = s.indexOf(snap.path)
	fixes := analysis.AllFixes
	if !all {
		fixes = analysis.FixesAt(s.enc.spanCovering(j.file.Lines, ranges))
	}
	found, err := checks.Run(j.ix, j.file, fixes)
	if err != nil {
		s.log.Error("an analyzer failed", zap.String("path", snap.path), zap.Error(err))
	}
	for _, d := range found {
		if d.Path == snap.path {
			j.found = append(j.found, d)
		}
	}
	if j.ix != nil {
		j.found = s.dropBaselined(j.ix.Root, j.file, j.found) // not shown, so not fixed either
	}
	return j, true
}

// awaitReady waits for the first workspace index.
func (s *Server) awaitReady(ctx context.Context) error {
	select {
	case <-s.ready:
		return nil
	case <-ctx.Done():
		return protocol.ErrRequestCancelled
	}
}

// CodeAction offers the quick fixes of the context's diagnostics and the
// fix-all action. It runs off the read loop (see concurrentRequests).
func (s *Server) CodeAction(ctx context.Context, params *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	out := []protocol.CommandOrCodeAction{}
	only := params.Context.Only
	quick, all := wants(only, protocol.CodeActionKindQuickFix), wants(only, fixAllKind)
	if !quick && !all || quick && !all && len(params.Context.Diagnostics) == 0 {
		return out, nil
	}
	if err := s.awaitReady(ctx); err != nil {
		return nil, err
	}
	ranges := []protocol.Range{params.Range}
	for _, cd := range params.Context.Diagnostics {
		ranges = append(ranges, cd.Range)
	}
	j, ok := s.judgeWithFixes(params.TextDocument.URI, all, ranges...)
	if !ok {
		return out, nil
	}
	defer j.release()
	if ctx.Err() != nil {
		return nil, protocol.ErrRequestCancelled
	}
	if quick {
		for _, cd := range params.Context.Diagnostics {
			for _, a := range s.quickFixes(j, cd) {
				out = append(out, a)
			}
		}
	}
	if all {
		if a := s.fixAll(j); a != nil {
			out = append(out, a)
		}
	}
	return out, nil
}

// quickFixes returns an action for each fix of the finding that cd, a
// diagnostic the client shows, stands for.
func (s *Server) quickFixes(j *fixJudgement, cd protocol.Diagnostic) []*protocol.CodeAction {
	if src, ok := cd.Source.Get(); ok && src != source {
		return nil // another tool's diagnostic
	}
	code := diagnosticCode(cd)
	var out []*protocol.CodeAction
	for _, d := range j.found {
		if d.Code != code || s.enc.rangeOf(d.Range) != cd.Range {
			continue
		}
		for i, fix := range d.Fixes {
			a, err := s.quickFix(j, cd, i, fix)
			if err != nil {
				s.log.Info("a fix is not offered", zap.String("path", j.snap.path), zap.String("fix", fix.Title), zap.Error(err))
				continue
			}
			out = append(out, a)
		}
	}
	return out
}

// quickFix builds the action of the i-th fix of cd's finding.
func (s *Server) quickFix(j *fixJudgement, cd protocol.Diagnostic, i int, fix analysis.SuggestedFix) (*protocol.CodeAction, error) {
	a := &protocol.CodeAction{Title: fix.Title, Kind: ptr(protocol.CodeActionKindQuickFix), Diagnostics: []protocol.Diagnostic{cd}}
	if fix.Preferred {
		a.IsPreferred = ptr(true)
	}
	if fix.Show != nil && s.caps.editing.showDocument {
		a.Command = showCommand(fix.Show, s.enc)
	}
	if s.caps.editing.resolveEdit && editsOtherFiles(fix, j.snap.path) {
		if err := s.reachable(j.snap, fix.Edits); err != nil {
			return nil, err
		}
		data, err := json.Marshal(actionData{URI: j.snap.uri, Version: j.snap.version, Code: diagnosticCode(cd), Range: cd.Range, Fix: i, Title: fix.Title})
		if err != nil {
			return nil, err
		}
		a.Data = data
		return a, nil
	}
	edit, err := s.fixEdit(j, fix.Edits)
	if err != nil {
		return nil, err
	}
	a.Edit = edit
	return a, nil
}

// editsOtherFiles reports whether a fix edits files other than the document at path.
func editsOtherFiles(fix analysis.SuggestedFix, path string) bool {
	for _, e := range fix.Edits {
		if e.Path != path {
			return true
		}
	}
	return false
}

// reachable checks, cheaply, what a deferred fix will need: files inside
// the workspace, and a client that can create the files it creates.
func (s *Server) reachable(doc *snapshot, edits []analysis.TextEdit) error {
	for _, e := range edits {
		if e.Path != doc.path && !s.inWorkspace(e.Path) {
			return fmt.Errorf("%s is outside the workspace %s: expertise-ls edits nothing there", e.Path, s.roots())
		}
		if e.Create && !s.caps.editing.createFiles {
			return fmt.Errorf("%s does not exist and the client cannot create files", e.Path)
		}
	}
	return nil
}

// fixEdit converts a fix's edits to a workspace edit.
func (s *Server) fixEdit(j *fixJudgement, edits []analysis.TextEdit) (*protocol.WorkspaceEdit, error) {
	changes, err := s.fixChanges(j.ix, j.snap, edits)
	if err != nil {
		return nil, err
	}
	return s.caps.editing.workspaceEdit(changes)
}

// actionData finds a deferred fix again in codeAction/resolve.
type actionData struct {
	URI     uri.URI        `json:"uri"`
	Version int32          `json:"version"`
	Code    string         `json:"code"`
	Range   protocol.Range `json:"range"`
	Fix     int            `json:"fix"` // index among the finding's fixes
	Title   string         `json:"title"`
}

// CodeActionResolve computes the edit of a deferred quick fix against the
// document's current version (which must still be the one the action was
// offered for) and the files as they are now.
func (s *Server) CodeActionResolve(ctx context.Context, a *protocol.CodeAction) (*protocol.CodeAction, error) {
	if a.Edit != nil || len(a.Data) == 0 {
		return a, nil
	}
	var data actionData
	if err := json.Unmarshal(a.Data, &data); err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "codeAction/resolve: the action's data is not expertise-ls's: %v", err)
	}
	if err := s.awaitReady(ctx); err != nil {
		return nil, err
	}
	edit, err := s.resolveFix(data)
	if errors.Is(err, errStale) { // a file changed between the judgement and the check: once more
		edit, err = s.resolveFix(data)
	}
	var rpcErr *jsonrpc2.Error
	if errors.As(err, &rpcErr) {
		return nil, err
	}
	if err != nil {
		s.log.Info("a fix cannot be resolved", zap.String("uri", string(data.URI)), zap.String("fix", data.Title), zap.Error(err))
		return nil, jsonrpc2.Errorf(codeRequestFailed, "%q cannot be applied: %v", data.Title, err)
	}
	a.Edit = edit
	return a, nil
}

// resolveFix computes the edit of the deferred fix data names against the
// document's current version and the other files as they are now.
func (s *Server) resolveFix(data actionData) (*protocol.WorkspaceEdit, error) {
	j, ok := s.judgeWithFixes(data.URI, false, data.Range)
	if !ok {
		return nil, jsonrpc2.Errorf(protocol.CodeContentModified, "%s is not open any more; the fix %q cannot be applied", data.URI, data.Title)
	}
	defer j.release()
	if j.snap.version != data.Version {
		return nil, jsonrpc2.Errorf(protocol.CodeContentModified, "%s changed (version %d, the fix was offered for %d); ask for the fix again", data.URI, j.snap.version, data.Version)
	}
	fix, ok := s.findFix(j, data)
	if !ok {
		return nil, jsonrpc2.Errorf(protocol.CodeContentModified, "the finding behind %q is gone; ask for fixes again", data.Title)
	}
	return s.fixEdit(j, fix.Edits)
}

// findFix finds the fix data names among a judgement's findings: by its
// index, checked against its title, else by its title.
func (s *Server) findFix(j *fixJudgement, data actionData) (analysis.SuggestedFix, bool) {
	for _, d := range j.found {
		if d.Code != data.Code || s.enc.rangeOf(d.Range) != data.Range {
			continue
		}
		if data.Fix >= 0 && data.Fix < len(d.Fixes) && d.Fixes[data.Fix].Title == data.Title {
			return d.Fixes[data.Fix], true
		}
		for _, fix := range d.Fixes {
			if fix.Title == data.Title {
				return fix, true
			}
		}
	}
	return analysis.SuggestedFix{}, false
}

// diagnosticCode returns a client diagnostic's code as a string.
func diagnosticCode(d protocol.Diagnostic) string {
	switch c := d.Code.(type) {
	case protocol.String:
		return string(c)
	case protocol.Integer:
		return fmt.Sprint(int32(c))
	}
	return ""
}
