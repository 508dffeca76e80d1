package lsp

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/analysis/envdoc"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// startup is the session's first job on the queue, after initialized:
// settings, file watchers, the workspace index. Judgements and pulls wait
// until it is done; then every open document is judged.
func (s *Server) startup() {
	if s.settingsErr != nil {
		s.warnSettings("initializationOptions", s.settingsErr)
	}
	if raw := s.fetchSettings(); raw != nil {
		s.applySettings("workspace/configuration", raw)
	}
	go s.recoverInto("file watcher registration", s.registerWatchers)
	s.buildIndex()
	s.readyOnce.Do(func() { close(s.ready) })
	s.queue.resume()
	if !s.caps.pullDiagnostics { // pulls waited for the index: nothing to refresh
		s.judgeAll("")
	}
}

// buildIndex builds the index of every folder with the current settings,
// reporting progress when the client supports it. It runs on the queue.
func (s *Server) buildIndex() {
	for _, f := range s.allFolders() {
		s.buildFolder(f)
	}
}

// buildFolder builds a folder's index and installs it. It runs on the queue.
func (s *Server) buildFolder(f *folder) {
	cfg := s.settings()
	ix := checks.NewIndex(f.root, cfg)
	var done func(string)
	if f.root != "" { // without a folder there is nothing to walk
		var report func(string)
		report, done = s.beginProgress("Indexing " + filepath.Base(f.root))
		start := time.Now()
		stop := make(chan struct{})
		var reporting sync.WaitGroup
		reporting.Add(1)
		go func() { // how many files so far, while the walk runs
			defer reporting.Done()
			tick := time.NewTicker(indexProgressEvery)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
					report(fmt.Sprintf("%d files", ix.Len()))
				}
			}
		}()
		err := ix.Build(s.ctx)
		close(stop)
		reporting.Wait() // no report after the end
		if err != nil {
			s.log.Warn("indexing stopped early", zap.String("root", f.root), zap.Error(err))
		}
		s.log.Info("indexed", zap.String("root", f.root), zap.Int("files", len(ix.Paths())), zap.Duration("took", time.Since(start)))
	}
	v := newDiskViewOf(ix)
	s.mu.Lock()
	f.index, f.disk = ix, v
	s.depGen++
	s.mu.Unlock()
	if done != nil {
		done(fmt.Sprintf("%d files indexed", len(ix.Paths())))
	}
}

// tracks reports whether the index of its folder keeps facts of the file at
// path: a file of a workspace folder that the index's walk would have read.
func (s *Server) tracks(path string) bool {
	f := s.folderOf(path)
	if f.root == "" {
		return false
	}
	rel, err := filepath.Rel(f.root, path)
	if err != nil || !walk.Within(f.root, path) {
		return false
	}
	return analysis.Indexed(path) || envdoc.IsEnvNamesOnly(path) ||
		expertise.IsExpertisePath(filepath.ToSlash(rel), s.settings().Expertise.Paths)
}

// updateIndex records the content of a workspace file, with its tree, and
// reports whether what other files' judgements depend on changed. It runs
// on the queue.
func (s *Server) updateIndex(f *analysis.File) bool {
	ix, _ := s.indexOf(f.Path)
	if ix == nil || !s.tracks(f.Path) {
		return false
	}
	return ix.UpdateFile(f)
}

// indexProgressEvery is how often indexing reports how far it has come.
var indexProgressEvery = 500 * time.Millisecond

// beginProgress reports the start of a long task with window/workDoneProgress
// when the client supports it, and returns the functions that report how far
// it has come (safe from any goroutine until end) and its end. It waits for
// the client: call it on the queue.
func (s *Server) beginProgress(title string) (report, end func(message string)) {
	noop := func(string) {}
	if !s.caps.workDoneProgress {
		return noop, noop
	}
	token := protocol.String(fmt.Sprintf("expertise-ls/%d", s.progressSeq.Add(1)))
	ctx, cancel := context.WithTimeout(s.ctx, clientTimeout)
	defer cancel()
	if err := s.client.WorkDoneProgressCreate(ctx, &protocol.WorkDoneProgressCreateParams{Token: token}); err != nil {
		s.log.Debug("window/workDoneProgress/create failed", zap.Error(err))
		return noop, noop
	}
	s.progress(token, &protocol.WorkDoneProgressBegin{Kind: "begin", Title: title})
	report = func(message string) {
		s.progress(token, &protocol.WorkDoneProgressReport{Kind: "report", Message: &message})
	}
	end = func(message string) {
		s.progress(token, &protocol.WorkDoneProgressEnd{Kind: "end", Message: &message})
	}
	return report, end
}

func (s *Server) progress(token protocol.ProgressToken, value any) {
	raw, err := protocol.Marshal(value)
	if err == nil {
		err = s.client.Progress(s.ctx, &protocol.ProgressParams{Token: token, Value: raw})
	}
	if err != nil {
		s.log.Debug("$/progress failed", zap.Error(err))
	}
}
