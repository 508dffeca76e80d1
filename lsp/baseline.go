package lsp

import (
	"fmt"
	"path/filepath"
	"sync"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/baseline"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// The baseline setting names a baseline file (expertise-ls check
// --write-baseline) relative to each workspace folder, or absolute inside
// one: findings it holds are not published, so that the editor agrees with
// a check run with --baseline. The file is read again whenever a stat says
// it changed, before each judgement (clients without file watching are
// common), and a change has every open document judged again. A file that
// is missing or is not a baseline is shown once as a warning, and then
// every finding is published: never a silent "no findings".

// baselines holds the watched baseline file of each folder root.
type baselines struct {
	mu      sync.Mutex
	watched map[string]*baseline.Watched // by folder root
	warned  map[string]string            // by folder root: the problem last shown
}

// baselineFile resolves the baseline setting for a folder root: "" when
// unset or when it lies outside the folder.
func baselineFile(setting, root string) (string, error) {
	if setting == "" || root == "" {
		return "", nil
	}
	name := setting
	if !filepath.IsAbs(name) {
		name = filepath.Join(root, name)
	}
	name = filepath.Clean(name)
	if !walk.Within(root, name) {
		return "", fmt.Errorf("baseline %s is outside the workspace folder %s", setting, root)
	}
	return name, nil
}

// baselineOf returns the baseline in force for the folder at root (nil
// when there is none or it cannot be read) and whether it changed since it
// was last read. It is safe to call from any goroutine.
func (s *Server) baselineOf(root string) (b *baseline.Baseline, changed bool) {
	name, err := baselineFile(s.settings().Baseline, root)
	bl := &s.baselines
	bl.mu.Lock()
	defer bl.mu.Unlock()
	if bl.watched == nil {
		bl.watched, bl.warned = map[string]*baseline.Watched{}, map[string]string{}
	}
	if err != nil || name == "" {
		delete(bl.watched, root)
		s.warnBaseline(root, err)
		return nil, false
	}
	w := bl.watched[root]
	first := w == nil || w.Name() != name
	if first {
		w = baseline.NewWatched(name)
		bl.watched[root] = w
	}
	b, changed, err = w.Get()
	s.warnBaseline(root, err)
	if changed && err == nil {
		s.log.Info("baseline read", zap.String("file", name), zap.Int("entries", b.Len()))
	}
	// A first read follows a change of the settings, which already has
	// every document judged again.
	return b, changed && !first
}

// warnBaseline shows a problem with a folder's baseline once (until it
// goes away or another replaces it). bl.mu is held.
func (s *Server) warnBaseline(root string, err error) {
	bl := &s.baselines
	if err == nil {
		delete(bl.warned, root)
		return
	}
	msg := err.Error()
	if bl.warned[root] == msg {
		return
	}
	bl.warned[root] = msg
	s.log.Warn("baseline not applied", zap.String("folder", root), zap.Error(err))
	text := fmt.Sprintf("expertise-ls: %s; every finding is shown", msg)
	go func() {
		if werr := s.client.ShowMessage(s.ctx, &protocol.ShowMessageParams{Type: protocol.MessageTypeWarning, Message: text}); werr != nil {
			s.log.Warn("could not show a message", zap.Error(werr))
		}
	}()
}

// baselinesChanged reports whether the baseline file of any of folders
// changed on disk since it was last read.
func (s *Server) baselinesChanged(folders []*folder) bool {
	changed := false
	for _, f := range folders {
		if _, c := s.baselineOf(f.root); c {
			changed = true
		}
	}
	return changed
}

// dropBaselined removes from found, the findings of f in the folder at
// root, those that the folder's baseline holds.
func (s *Server) dropBaselined(root string, f *analysis.File, found []analysis.Diagnostic) []analysis.Diagnostic {
	if len(found) == 0 {
		return found
	}
	b, _ := s.baselineOf(root)
	if b == nil {
		return found
	}
	entries := make([]baseline.Entry, len(found))
	for i, d := range found {
		entries[i] = baseline.Entry{Rule: d.Code, Path: f.Rel, Fingerprint: baseline.Fingerprint(d.Code, f.Rel, f.Lines, d.Range), Line: d.Range.Start.Line + 1}
	}
	matched, _ := b.Match(entries, nil)
	kept := found[:0:0]
	for i, d := range found {
		if !matched[i] {
			kept = append(kept, d)
		}
	}
	return kept
}
