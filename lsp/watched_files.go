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

// watcherID names the server's registration of file watchers.
const watcherID = "expertise-ls/watched-files"

// registerWatchers asks the client to report changes of watched files
// (client/registerCapability), when it supports dynamic registration, and
// when the expertise globs of the settings changed since the last
// registration, replaces it (client/unregisterCapability first). It waits
// for the client: it runs on its own goroutine, one at a time.
func (s *Server) registerWatchers() {
	if !s.caps.watchRegistration {
		return
	}
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	globs := append(slices.Clone(watchedGlobs), s.settings().Expertise.Paths...)
	if s.watched != nil && slices.Equal(s.watched, globs) {
		return
	}
	ctx, cancel := context.WithTimeout(s.ctx, clientTimeout)
	defer cancel()
	if s.watched != nil {
		err := s.client.UnregisterCapability(ctx, &protocol.UnregistrationParams{Unregisterations: []protocol.Unregistration{{
			ID: watcherID, Method: protocol.MethodWorkspaceDidChangeWatchedFiles,
		}}})
		if err != nil {
			s.log.Warn("could not unregister file watchers", zap.Error(err))
		}
		s.watched = nil
	}
	var watchers []protocol.FileSystemWatcher
	for _, g := range globs {
		watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: protocol.Pattern(g)})
	}
	opts, err := protocol.Marshal(&protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers})
	if err != nil {
		s.log.Error("could not encode file watchers", zap.Error(err))
		return
	}
	err = s.client.RegisterCapability(ctx, &protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID:              watcherID,
		Method:          protocol.MethodWorkspaceDidChangeWatchedFiles,
		RegisterOptions: opts,
	}}})
	if err != nil {
		s.log.Warn("could not register file watchers", zap.Error(err))
		return
	}
	s.watched = globs
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
	limit := s.settings().Index.MaxFileSize
	changed := false
	for _, e := range events {
		path, ok := documentPath(e.URI)
		if !ok || !s.tracks(path) || s.docs.isOpen(path) {
			continue
		}
		ix, _ := s.indexOf(path)
		if ix == nil {
			continue // the first build reads the disk anyway
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
