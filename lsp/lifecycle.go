package lsp

import (
	"context"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/expertise-ls/expertise-ls/analysis"
)

// clientCaps is what the server uses of the client's capabilities.
type clientCaps struct {
	pullDiagnostics   bool // textDocument/diagnostic: the client pulls, the server does not push
	diagnosticRefresh bool // workspace/diagnostic/refresh
	configuration     bool // workspace/configuration
	watchRegistration bool // dynamic registration of workspace/didChangeWatchedFiles
	workDoneProgress  bool // window/workDoneProgress/create
	editing           editCaps
}

func readClientCaps(c protocol.ClientCapabilities) clientCaps {
	var caps clientCaps
	if td := c.TextDocument; td != nil {
		caps.pullDiagnostics = td.Diagnostic != nil
	}
	if ws := c.Workspace; ws != nil {
		caps.configuration = isTrue(ws.Configuration)
		if ws.Diagnostics != nil {
			caps.diagnosticRefresh = isTrue(ws.Diagnostics.RefreshSupport)
		}
		if ws.DidChangeWatchedFiles != nil {
			caps.watchRegistration = isTrue(ws.DidChangeWatchedFiles.DynamicRegistration)
		}
	}
	if w := c.Window; w != nil {
		caps.workDoneProgress = isTrue(w.WorkDoneProgress)
	}
	caps.editing = readEditCaps(c)
	return caps
}

func isTrue(b *bool) bool { return b != nil && *b }

// admit is the lifecycle gate of the handler chain: before initialize only
// initialize (and exit) are served, after shutdown only exit.
func (s *Server) admit(method string, isCall bool) error {
	switch {
	case method == protocol.MethodExit:
		return nil
	case method == protocol.MethodInitialize:
		if s.initialized.Load() {
			return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize was already received")
		}
		return nil
	case s.shutdown.Load():
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shutting down: only exit is accepted")
	case !s.initialized.Load():
		return jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "the server is not initialized: send initialize first")
	}
	return nil
}

// Initialize negotiates capabilities, reads the settings passed as
// initializationOptions and the workspace root. It advertises only what is
// implemented: incremental text sync with save notifications, pull
// diagnostics when the client supports them, code actions and commands,
// document symbols, definitions and code lenses in expertise files, hover
// and webhook handler lenses in code, completion of env var names and
// expertise values.
func (s *Server) Initialize(_ context.Context, params *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	s.caps = readClientCaps(params.Capabilities)
	if g := params.Capabilities.General; g != nil {
		s.enc = negotiateEncoding(g.PositionEncodings)
	}
	s.setFolders(initialRoots(params))
	cfg, err := analysis.DecodeConfig(params.InitializationOptions)
	s.mu.Lock()
	s.cfg = cfg
	s.mu.Unlock()
	s.settingsErr = err // shown once the session is up
	s.initialized.Store(true)
	s.log.Info("initialize",
		zap.String("client", params.ClientInfo.Name),
		zap.String("folders", s.roots()),
		zap.String("positionEncoding", string(s.enc.kind())),
		zap.Bool("pullDiagnostics", s.caps.pullDiagnostics),
		zap.Bool("configuration", s.caps.configuration))

	change := protocol.TextDocumentSyncKindIncremental
	caps := protocol.ServerCapabilities{
		PositionEncoding: s.enc.kind(),
		TextDocumentSync: &protocol.TextDocumentSyncOptions{
			OpenClose: ptr(true),
			Change:    &change,
			Save:      &protocol.SaveOptions{IncludeText: ptr(false)},
		},
		CodeActionProvider:      codeActionOptions(),
		ExecuteCommandProvider:  executeCommandOptions(),
		Workspace:               workspaceOptions(),
		DocumentSymbolProvider:  protocol.Boolean(true),
		DefinitionProvider:      protocol.Boolean(true),
		HoverProvider:           protocol.Boolean(true),
		CodeLensProvider:        &protocol.CodeLensOptions{},
		CompletionProvider:      &protocol.CompletionOptions{TriggerCharacters: completionTriggers},
		ReferencesProvider:      protocol.Boolean(true),
		WorkspaceSymbolProvider: protocol.Boolean(true),
	}
	if s.caps.pullDiagnostics {
		caps.DiagnosticProvider = &protocol.DiagnosticOptions{
			Identifier:            ptr(source),
			InterFileDependencies: true, // a finding may depend on expertise and env files
			WorkspaceDiagnostics:  true,
		}
	}
	info := protocol.ServerInfo{Name: source}
	if s.version != "" {
		info.Version = protocol.NewOptional(s.version)
	}
	return &protocol.InitializeResult{Capabilities: caps, ServerInfo: info}, nil
}

// Initialized starts the session's background work on the queue: settings
// from workspace/configuration, file watchers, the workspace index.
func (s *Server) Initialized(context.Context, *protocol.InitializedParams) error {
	s.queue.do(s.startup)
	return nil
}

// Shutdown stops accepting work; exit follows.
func (s *Server) Shutdown(context.Context) error {
	s.shutdown.Store(true)
	s.log.Info("shutdown")
	return nil
}

// Exit ends the session; Serve returns the exit code.
func (s *Server) Exit(context.Context) error {
	s.exitOnce.Do(func() { close(s.exited) })
	return nil
}

func ptr[T any](v T) *T { return &v }
