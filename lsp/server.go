// Package lsp is the language server: glue between an editor and the
// analysis layer. It converts (positions, diagnostics, URIs), schedules and
// publishes; every judgement is analysis.Run's.
//
// Scheduling, in one paragraph: messages are read in wire order by one read
// loop (jsonrpc2's). Document notifications (didOpen, didChange, didClose,
// didSave, didChangeWatchedFiles, didChangeConfiguration) are applied on the
// read loop, so text never goes out of sync; what they set off (index
// updates, settings reloads, judgements and publishing) runs on one worker
// queue in the same order. Requests that may run concurrently (diagnostic
// pulls, code actions and their resolution, commands) are released from the
// read loop with jsonrpc2.Async. Nothing on the read loop waits for a client
// response.
//
// One file per method family: lifecycle.go, text_sync.go, diagnostics.go,
// configuration.go, watched_files.go, workspace.go (index and progress),
// codeaction.go (quick fixes and resolve), fixall.go (source.fixAll),
// commands.go and command_args.go (workspace/executeCommand), navigation.go
// (hover, document symbols, definition, references, workspace symbols,
// completion), codelens.go, workspace_diagnostics.go, show.go
// (window/showDocument after a fix); handler.go is the middleware chain,
// documents.go the open buffers, queue.go the worker, convert.go and
// edits.go the conversions to protocol types.
package lsp

import (
	"context"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/internal/lspwire"
)

// Options configure a server.
type Options struct {
	// Logger receives structured logs (never document text or secret values).
	// Nil discards them.
	Logger *zap.Logger
	// Version is reported to the client in serverInfo.
	Version string
}

// clientTimeout bounds how long the worker waits for the client to answer
// one of its requests (configuration, progress, registration, refresh).
const clientTimeout = 10 * time.Second

// shutdownGrace bounds how long Serve waits for the worker to wind down
// once the session is over.
const shutdownGrace = 2 * time.Second

// Server is one language server session. It implements protocol.Server; the
// methods it does not override answer MethodNotFound (requests) or are
// ignored (notifications).
type Server struct {
	protocol.UnimplementedServer

	log     *zap.Logger
	version string
	ctx     context.Context // the session's lifetime
	client  protocol.Client
	docs    *documents
	queue   *queue

	// Set by initialize on the read loop, read-only afterwards.
	caps clientCaps
	enc  positionEncoding
	// settingsErr is what was wrong with initializationOptions, shown to the
	// user once the session is up.
	settingsErr error

	initialized atomic.Bool // initialize was answered
	shutdown    atomic.Bool // shutdown was received
	exited      chan struct{}
	exitOnce    sync.Once

	mu      sync.Mutex
	cfg     *analysis.Config
	folders []*folder // the workspace folders, in the client's order
	loose   *folder   // files outside every folder: an empty index
	depGen  uint64    // bumped whenever what every judgement depends on changes

	ready     chan struct{} // closed once the first index is built
	readyOnce sync.Once
	refresh   chan struct{} // capacity 1: a workspace/diagnostic/refresh is wanted

	progressSeq atomic.Int64

	watchMu sync.Mutex // one (re)registration of file watchers at a time
	watched []string   // the globs registered; nil: none

	baselines baselines // the baseline setting's file of each folder (baseline.go)
}

// newServer returns a server that is not connected yet.
func newServer(opts Options) *Server {
	log := opts.Logger
	if log == nil {
		log = zap.NewNop()
	}
	return &Server{
		log:     log,
		version: opts.Version,
		ctx:     context.Background(),
		docs:    newDocuments(),
		queue:   newQueue(),
		exited:  make(chan struct{}),
		cfg:     analysis.DefaultConfig(),
		loose:   &folder{},
		ready:   make(chan struct{}),
		refresh: make(chan struct{}, 1),
	}
}

// Serve runs a language server session over rwc (the client's end of a byte
// stream: stdin and stdout for an editor) until the client sends exit, closes
// the stream or ctx is done, and returns the process exit code: 0 when the
// client asked for shutdown first, 1 otherwise.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) int {
	return newServer(opts).serve(ctx, rwc)
}

func (s *Server) serve(ctx context.Context, rwc io.ReadWriteCloser) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.ctx = ctx

	stream := newTolerantStream(jsonrpc2.NewStream(rwc), s.log)
	conn := jsonrpc2.NewConn(stream, jsonrpc2.WithCodec(lspwire.Codec{}))
	s.client = protocol.ClientDispatcher(conn)

	workerDone := make(chan struct{})
	go func() {
		defer close(workerDone)
		s.queue.run(ctx, s.judge, s.recoverInto)
	}()
	go s.refreshLoop(ctx)
	conn.Go(ctx, handlerChain(ctx, s, s.log, s.admit))
	s.log.Info("serving", zap.String("version", s.version))

	select {
	case <-s.exited:
		s.log.Info("exit requested")
	case <-stream.closed:
		s.log.Info("input closed")
	case <-conn.Done():
		s.log.Info("connection closed", zap.Error(conn.Err()))
	case <-ctx.Done():
	}
	cancel()
	// Closing the connection waits for its read loop, which may sit in a
	// read of stdin that only the client's end can finish: do not wait for
	// it. Responses were written when their handlers returned.
	go func() { _ = conn.Close() }()
	if waitUntil(workerDone, time.Now().Add(shutdownGrace)) {
		s.docs.closeAll() // nothing uses the trees any more
	} else {
		s.log.Warn("the worker did not stop in time; leaving its trees to the process exit")
	}
	if s.shutdown.Load() {
		return 0
	}
	return 1
}

// waitUntil waits for done until deadline and reports whether it came.
func waitUntil(done <-chan struct{}, deadline time.Time) bool {
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}

// settings returns the current settings.
func (s *Server) settings() *analysis.Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg
}

// recoverInto runs f and logs a panic instead of letting it end the process.
func (s *Server) recoverInto(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("recovered from a panic", zap.String("in", what), zap.Any("panic", r), zap.StackSkip("stack", 1))
		}
	}()
	f()
}
