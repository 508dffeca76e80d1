package lsp

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"slices"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// watchedGlobs are the files whose changes on disk change judgements:
// expertise files, the places env vars are documented (env files, compose
// files, docs, Dockerfiles, CI and deploy configuration) and the source files
// of the analysed languages. Extra expertise globs from the settings are added.
var watchedGlobs = []string{
	"**/expertise.{yaml,yml}",
	"**/.env*",
	"**/*.{env,example,sample,template,dist}",
	"**/*compose*.{yaml,yml}",
	"**/*.{md,mdx,markdown,rst}",
	"**/{Dockerfile,Containerfile,Dockerfile.*,*.Dockerfile}",
	"**/{turbo.json,render.yaml,fly.toml,app.json,vercel.json,netlify.toml,railway.json,railway.toml,Procfile}",
	"**/.github/workflows/*.{yml,yaml}",
	"**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py,go,rb,rake}",
}

// registerWatchers asks the client to report changes of watched files
// (client/registerCapability), when it supports dynamic registration. It
// waits for the client: it runs on its own goroutine.
func (s *Server) registerWatchers() {
	if !s.caps.watchRegistration {
		return
	}
	var watchers []protocol.FileSystemWatcher
	for _, g := range append(slices.Clone(watchedGlobs), s.settings().Expertise.Paths...) {
		watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: protocol.Pattern(g)})
	}
	opts, err := protocol.Marshal(&protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers})
	if err != nil {
		s.log.Error("could not encode file watchers", zap.Error(err))
		return
	}
	ctx, cancel := context.WithTimeout(s.ctx, clientTimeout)
	defer cancel()
	err = s.client.RegisterCapability(ctx, &protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID:              "expertise-ls/watched-files",
		Method:          protocol.MethodWorkspaceDidChangeWatchedFiles,
		RegisterOptions: opts,
	}}})
	if err != nil {
		s.log.Warn("could not register file watchers", zap.Error(err))
	}
}

// DidChangeWatchedFiles queues the changes for the index.
func (s *Server) DidChangeWatchedFiles(_ context.Context, params *protocol.DidChangeWatchedFilesParams) error {
	events := slices.Clone(params.Changes)
	s.queue.do(func() { s.filesChanged(events) })
	return nil
}

// filesChanged brings the index up to date with files changed on disk and
// judges open documents again when facts changed. An open document's buffer
// wins over its file: it reaches the index when saved. It runs on the queue.
func (s *Server) filesChanged(events []protocol.FileEvent) {
	ix, _ := s.currentIndex()
	if ix == nil {
		return // the first build reads the disk anyway
	}
	limit := s.settings().Index.MaxFileSize
	changed := false
	for _, e := range events {
		path, ok := documentPath(e.URI)
		if !ok || !s.tracks(path) || s.docs.isOpen(path) {
			continue
		}
		var content []byte
		err := fs.ErrNotExist
		if e.Type != protocol.FileChangeTypeDeleted {
			content, err = readFileUpTo(path, limit)
		}
		switch {
		case errors.Is(err, fs.ErrNotExist), errors.Is(err, errTooLarge):
			changed = ix.Remove(path) || changed
		case err != nil:
			s.log.Warn("could not read a changed file", zap.String("path", path), zap.Error(err))
		default:
			changed = ix.Update(path, content) || changed
		}
	}
	if changed {
		s.dependenciesChanged("")
	}
}

var errTooLarge = errors.New("file is larger than index.maxFileSize")

// readFileUpTo reads a file of at most limit bytes (no limit when limit <= 0).
func readFileUpTo(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fs.ErrNotExist
	}
	if limit > 0 && info.Size() > limit {
		return nil, errTooLarge
	}
	return os.ReadFile(path)
}
