// Package lsptest drives a language server the way an editor does, for
// end-to-end tests: open buffers, incremental edits, saves, closes, and
// waits on what the server sends (gopls' env.Await style: a condition over
// the received notifications, checked each time one arrives, with a generous
// timeout that fails the test; never a sleep).
//
// The editor talks LSP over any byte stream: a child process's stdin and
// stdout (Start) or one end of an in-process pipe (Connect). Its connection
// handles server-to-client messages in wire order (protocol.NewClient would
// handle them concurrently and could record publications out of order).
package lsptest

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/expertise-ls/expertise-ls/internal/lspwire"
)

// Options describe the editor: its workspace and the capabilities it advertises.
type Options struct {
	// Root is the workspace folder (absolute). Empty: a fresh t.TempDir().
	Root string
	// InitializationOptions, when not nil, is sent (as JSON) in initialize.
	InitializationOptions any
	// Settings, when not nil, is the answer to workspace/configuration, and
	// the editor advertises that request.
	Settings any
	// PullDiagnostics advertises textDocument/diagnostic and refresh support.
	PullDiagnostics bool
	// FullText sends the whole text of a buffer in every didChange, as
	// clients that do not sync incrementally do.
	FullText bool
	// UTF8 offers the utf-8 position encoding besides utf-16.
	UTF8 bool
	// WatchFiles advertises dynamic registration of file watchers.
	WatchFiles bool
	// DocumentChanges advertises versioned documentChanges, with the create
	// resource operation, in workspace edits; without it the editor takes
	// plain changes. The editor always advertises workspace/applyEdit.
	DocumentChanges bool
	// ResolveEdits advertises codeAction/resolve of the edit property.
	ResolveEdits bool
	// ShowDocument advertises window/showDocument.
	ShowDocument bool
	// RefuseEdits answers every workspace/applyEdit with applied: false, as
	// a user who cancels the edit's preview does.
	RefuseEdits bool
	// HiddenBuffers applies workspace edits of files that are not open to
	// unsaved buffers the server is not told about, as Neovim before 0.9
	// does; SaveAll writes them. Without it such edits go to disk.
	HiddenBuffers bool
	// Folders are the workspace folders initialize names, relative to Root.
	// Empty: Root itself.
	Folders []string
	// Timeout bounds every wait. Zero: 30s.
	Timeout time.Duration
}

// Editor is a fake editor connected to a language server.
type Editor struct {
	t       testing.TB
	opts    Options
	root    string
	conn    jsonrpc2.Conn
	server  protocol.Server
	out     *lockedWriter
	timeout time.Duration
	utf8    bool

	// Result is the server's answer to initialize.
	Result *protocol.InitializeResult

	mu              sync.Mutex
	changed         chan struct{} // closed and replaced on every update
	buffers         map[string]*buffer
	hidden          map[string]string // unsaved buffers of files that are not open (HiddenBuffers)
	published       map[uri.URI][]Publication
	settings        json.RawMessage
	configRequests  int
	registrations   []protocol.Registration
	unregistrations int
	messages        []protocol.ShowMessageParams
	refreshes       int
	progress        []string
	shown           []protocol.ShowDocumentParams
	applyRequests   int

	// editMu keeps a buffer change and its didChange together, whether the
	// test or a workspace/applyEdit makes it.
	editMu sync.Mutex
}

type buffer struct {
	text    string
	version int32
}

// Connect connects an editor to a server over rwc, then initializes the
// session (initialize, initialized). The connection closes with the test.
func Connect(t testing.TB, rwc io.ReadWriteCloser, opts Options) *Editor {
	t.Helper()
	e := &Editor{
		t: t, opts: opts, root: opts.Root, timeout: opts.Timeout,
		changed: make(chan struct{}), buffers: map[string]*buffer{},
		published: map[uri.URI][]Publication{},
	}
	if e.root == "" {
		e.root = t.TempDir()
	}
	if e.timeout == 0 {
		e.timeout = 30 * time.Second
	}
	if opts.Settings != nil {
		e.settings = mustJSON(t, opts.Settings)
	}
	e.out = &lockedWriter{w: rwc}
	e.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(readWriteCloser{rwc, e.out, rwc}), jsonrpc2.WithCodec(lspwire.Codec{}))
	// No protocol.CancelHandler: with jsonrpc2 v1.0.1 it can crash the
	// process (see lsp.rooted), and the editor never cancels anything.
	e.conn.Go(context.Background(), protocol.ClientHandler(&client{e: e}, jsonrpc2.MethodNotFoundHandler))
	e.server = protocol.ServerDispatcher(e.conn)
	t.Cleanup(func() { closeWithin(e.conn, 5*time.Second) })
	e.initialize()
	return e
}

func (e *Editor) initialize() {
	e.t.Helper()
	params := &protocol.InitializeParams{
		Capabilities: e.capabilities(),
		ClientInfo:   protocol.ClientInfo{Name: "lsptest"},
	}
	folders := e.opts.Folders
	if len(folders) == 0 {
		folders = []string{""}
	}
	params.WorkspaceFolders = protocol.NewNullable(e.workspaceFolders(folders))
	if e.opts.InitializationOptions != nil {
		params.InitializationOptions = protocol.LSPAny(mustJSON(e.t, e.opts.InitializationOptions))
	}
	ctx, cancel := e.context()
	defer cancel()
	res, err := e.server.Initialize(ctx, params)
	if err != nil {
		e.t.Fatalf("initialize: %v", err)
	}
	e.Result = res
	e.utf8 = res.Capabilities.PositionEncoding == protocol.PositionEncodingKindUTF8
	if err := e.server.Initialized(ctx, &protocol.InitializedParams{}); err != nil {
		e.t.Fatalf("initialized: %v", err)
	}
}

// workspaceFolders returns the workspace folders at rels (relative to the root).
func (e *Editor) workspaceFolders(rels []string) []protocol.WorkspaceFolder {
	out := []protocol.WorkspaceFolder{}
	for _, rel := range rels {
		out = append(out, protocol.WorkspaceFolder{URI: e.URI(rel), Name: filepath.Base(e.Path(rel))})
	}
	return out
}

// ChangeWorkspaceFolders adds and removes workspace folders (relative to
// the root): workspace/didChangeWorkspaceFolders.
func (e *Editor) ChangeWorkspaceFolders(added, removed []string) {
	e.t.Helper()
	ev := protocol.WorkspaceFoldersChangeEvent{Added: e.workspaceFolders(added), Removed: e.workspaceFolders(removed)}
	e.notify(func() error {
		return e.server.DidChangeWorkspaceFolders(e.t.Context(), &protocol.DidChangeWorkspaceFoldersParams{Event: ev})
	})
}

func (e *Editor) capabilities() protocol.ClientCapabilities {
	yes := true
	caps := protocol.ClientCapabilities{
		TextDocument: &protocol.TextDocumentClientCapabilities{
			Synchronization:    &protocol.TextDocumentSyncClientCapabilities{DidSave: &yes},
			PublishDiagnostics: &protocol.PublishDiagnosticsClientCapabilities{VersionSupport: &yes},
		},
		Window: &protocol.WindowClientCapabilities{WorkDoneProgress: &yes},
		Workspace: &protocol.WorkspaceClientCapabilities{
			ApplyEdit:             &yes,
			Configuration:         ptr(e.opts.Settings != nil),
			DidChangeWatchedFiles: &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: ptr(e.opts.WatchFiles)},
		},
		General: &protocol.GeneralClientCapabilities{PositionEncodings: []protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF16}},
	}
	if e.opts.UTF8 {
		caps.General.PositionEncodings = []protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF8, protocol.PositionEncodingKindUTF16}
	}
	e.editingCapabilities(&caps)
	if e.opts.PullDiagnostics {
		caps.TextDocument.Diagnostic = &protocol.DiagnosticClientCapabilities{}
		caps.Workspace.Diagnostics = &protocol.DiagnosticWorkspaceClientCapabilities{RefreshSupport: &yes}
	}
	return caps
}

// Server returns the server dispatcher, for requests the editor has no method for.
func (e *Editor) Server() protocol.Server { return e.server }

// Root returns the workspace folder.
func (e *Editor) Root() string { return e.root }

// Path returns the absolute path of the workspace file at rel (slash-separated).
func (e *Editor) Path(rel string) string { return filepath.Join(e.root, filepath.FromSlash(rel)) }

// WriteFile writes a workspace file on disk (not through the server).
func (e *Editor) WriteFile(rel, text string) {
	e.t.Helper()
	p := e.Path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// Shutdown sends shutdown and waits for the answer.
func (e *Editor) Shutdown() {
	e.t.Helper()
	ctx, cancel := e.context()
	defer cancel()
	if err := e.server.Shutdown(ctx); err != nil {
		e.t.Fatalf("shutdown: %v", err)
	}
}

// Exit sends exit.
func (e *Editor) Exit() {
	e.t.Helper()
	ctx, cancel := e.context()
	defer cancel()
	if err := e.server.Exit(ctx); err != nil {
		e.t.Fatalf("exit: %v", err)
	}
}

// WriteRaw writes bytes to the server as they are, between two messages.
func (e *Editor) WriteRaw(b []byte) {
	e.t.Helper()
	if _, err := e.out.Write(b); err != nil {
		e.t.Fatalf("write: %v", err)
	}
}

// Await waits until cond holds; cond is checked now and after each message
// from the server (it may call the editor's accessors). It fails the test
// after the timeout, naming what it waited for.
func (e *Editor) Await(what string, cond func() bool) {
	e.t.Helper()
	deadline := time.NewTimer(e.timeout)
	defer deadline.Stop()
	for {
		e.mu.Lock()
		changed := e.changed // taken before cond: a change during cond wakes us
		e.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			e.t.Fatalf("timed out after %v waiting for %s", e.timeout, what)
		}
	}
}

// AwaitDiagnostics waits until the latest publication for the file at rel
// satisfies pred, and returns it.
func (e *Editor) AwaitDiagnostics(rel, what string, pred func(Publication) bool) Publication {
	e.t.Helper()
	var got Publication
	e.Await("diagnostics of "+rel+": "+what, func() bool {
		pubs := e.Publications(rel)
		if len(pubs) == 0 {
			return false
		}
		got = pubs[len(pubs)-1]
		return pred(got)
	})
	return got
}

// update changes the editor's state and wakes waiters.
func (e *Editor) update(f func(*Editor)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	f(e)
	close(e.changed)
	e.changed = make(chan struct{})
}

func (e *Editor) context() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), e.timeout)
}

func mustJSON(t testing.TB, v any) json.RawMessage {
	t.Helper()
	if raw, ok := v.(json.RawMessage); ok {
		return raw
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encoding %T: %v", v, err)
	}
	return b
}

func ptr[T any](v T) *T { return &v }

// lockedWriter makes each Write atomic, so that WriteRaw never splits one
// of the connection's frames (jsonrpc2 writes a frame with one Write).
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

type readWriteCloser struct {
	io.Reader
	io.Writer
	io.Closer
}

// closeWithin closes a connection, giving up after d (a peer that never
// hangs up must not hang the test).
func closeWithin(c jsonrpc2.Conn, d time.Duration) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = c.Close()
	}()
	select {
	case <-done:
	case <-time.After(d):
	}
}

// languageID returns the LSP language identifier of a file name.
func languageID(rel string) protocol.LanguageKind {
	ids := map[string]string{
		".ts": "typescript", ".tsx": "typescriptreact", ".js": "javascript", ".jsx": "javascriptreact",
		".py": "python", ".go": "go", ".rb": "ruby", ".yaml": "yaml", ".yml": "yaml",
	}
	if id, ok := ids[strings.ToLower(filepath.Ext(rel))]; ok {
		return protocol.LanguageKind(id)
	}
	return "plaintext"
}
