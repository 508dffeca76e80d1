package lsp

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/expertise-ls/expertise-ls/internal/lspwire"
)

// chainServer is a protocol.Server with deliberately misbehaving methods, to
// test the handler chain on its own.
type chainServer struct {
	protocol.UnimplementedServer

	mu       sync.Mutex
	versions []int32       // of didChange, in the order handled
	opened   chan struct{} // closed by the first didOpen of file:///open
}

func (s *chainServer) DidChange(_ context.Context, p *protocol.DidChangeTextDocumentParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.versions = append(s.versions, p.TextDocument.Version)
	return nil
}

func (s *chainServer) DidOpen(_ context.Context, p *protocol.DidOpenTextDocumentParams) error {
	if p.TextDocument.URI == "file:///panic" {
		panic("deliberate panic in didOpen")
	}
	close(s.opened)
	return nil
}

func (s *chainServer) DidClose(context.Context, *protocol.DidCloseTextDocumentParams) error {
	return errors.New("deliberate error from a notification")
}

func (s *chainServer) Hover(context.Context, *protocol.HoverParams) (*protocol.Hover, error) {
	panic("deliberate panic in hover")
}

// Diagnostic answers only once didOpen came: it can only succeed if the
// chain released it from the read loop.
func (s *chainServer) Diagnostic(ctx context.Context, _ *protocol.DocumentDiagnosticParams) (protocol.DocumentDiagnosticReport, error) {
	select {
	case <-s.opened:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return &protocol.RelatedFullDocumentDiagnosticReport{FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{Kind: "full", Items: []protocol.Diagnostic{}}}, nil
}

func (s *chainServer) Shutdown(context.Context) error { return nil }

type chainHarness struct {
	server protocol.Server // dispatcher to the chain
	raw    net.Conn        // the client's end, for malformed bytes
	logs   *observer.ObservedLogs
	impl   *chainServer
}

// connectChain serves a chainServer through handlerChain (admitting
// everything) over an in-process pipe.
func connectChain(t *testing.T) *chainHarness {
	t.Helper()
	impl := &chainServer{opened: make(chan struct{})}
	core, logs := observer.New(zapcore.DebugLevel)
	log := zap.New(core)
	a, b := net.Pipe()
	sc := jsonrpc2.NewConn(newTolerantStream(jsonrpc2.NewStream(a), log), jsonrpc2.WithCodec(lspwire.Codec{}))
	sc.Go(context.Background(), handlerChain(context.Background(), impl, log, func(string, bool) error { return nil }))
	cc := jsonrpc2.NewConn(jsonrpc2.NewStream(b), jsonrpc2.WithCodec(lspwire.Codec{}))
	cc.Go(context.Background(), jsonrpc2.MethodNotFoundHandler)
	t.Cleanup(func() {
		_ = a.Close()
		_ = b.Close()
	})
	return &chainHarness{server: protocol.ServerDispatcher(cc), raw: b, logs: logs, impl: impl}
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestChainKeepsWireOrder(t *testing.T) {
	h := connectChain(t)
	ctx := testContext(t)
	const n = 3000
	for v := int32(1); v <= n; v++ {
		err := h.server.DidChange(ctx, &protocol.DidChangeTextDocumentParams{TextDocument: protocol.VersionedTextDocumentIdentifier{Version: v}})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := h.server.Shutdown(ctx); err != nil { // a request behind the notifications: they are all handled
		t.Fatal(err)
	}
	h.impl.mu.Lock()
	defer h.impl.mu.Unlock()
	if len(h.impl.versions) != n {
		t.Fatalf("handled %d didChange, want %d", len(h.impl.versions), n)
	}
	for i, v := range h.impl.versions {
		if v != int32(i+1) {
			t.Fatalf("didChange #%d handled was version %d: out of wire order", i+1, v)
		}
	}
}

func TestChainReleasesConcurrentRequests(t *testing.T) {
	h := connectChain(t)
	ctx := testContext(t)
	pulled := make(chan error, 1)
	go func() {
		_, err := h.server.Diagnostic(ctx, &protocol.DocumentDiagnosticParams{})
		pulled <- err
	}()
	// The pull waits for this notification, which the read loop only reads
	// if the pull left it.
	if err := h.server.DidOpen(ctx, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: "file:///open"}}); err != nil {
		t.Fatal(err)
	}
	if err := <-pulled; err != nil {
		t.Fatalf("textDocument/diagnostic: %v", err)
	}
}

func TestChainSurvivesMisbehaviour(t *testing.T) {
	tests := []struct {
		name string
		// do misbehaves and returns the error a request got (nil for notifications).
		do      func(ctx context.Context, h *chainHarness) error
		wantErr jsonrpc2.Code // 0: no error
		wantLog string
	}{
		{
			name: "request panics",
			do: func(ctx context.Context, h *chainHarness) error {
				_, err := h.server.Hover(ctx, &protocol.HoverParams{})
				return err
			},
			wantErr: jsonrpc2.InternalError,
			wantLog: "panic while handling a message",
		},
		{
			name: "notification panics",
			do: func(ctx context.Context, h *chainHarness) error {
				return h.server.DidOpen(ctx, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: "file:///panic"}})
			},
			wantLog: "panic while handling a message",
		},
		{
			name: "notification returns an error",
			do: func(ctx context.Context, h *chainHarness) error {
				return h.server.DidClose(ctx, &protocol.DidCloseTextDocumentParams{})
			},
			wantLog: "notification failed",
		},
		{
			name: "notification with params of the wrong shape",
			do: func(ctx context.Context, h *chainHarness) error {
				return rawWrite(h, `{"jsonrpc":"2.0","method":"textDocument/didChange","params":5}`)
			},
			wantLog: "notification failed",
		},
		{
			name: "malformed cancel",
			do: func(ctx context.Context, h *chainHarness) error {
				return rawWrite(h, `{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":[1]}}`)
			},
			wantLog: "notification failed",
		},
		{
			name:    "body that is not JSON",
			do:      func(ctx context.Context, h *chainHarness) error { return rawWrite(h, `{"jsonrpc": nope`) },
			wantLog: "skipped a malformed message",
		},
		{
			name: "header without a length",
			do: func(ctx context.Context, h *chainHarness) error {
				_, err := h.raw.Write([]byte("Content-Type: text/plain\r\n\r\n"))
				return err
			},
			wantLog: "skipped a malformed message",
		},
		{
			name: "unknown notification",
			do: func(ctx context.Context, h *chainHarness) error {
				return rawWrite(h, `{"jsonrpc":"2.0","method":"$/somethingNew","params":{}}`)
			},
			wantLog: "notification failed",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := connectChain(t)
			ctx := testContext(t)
			err := tt.do(ctx, h)
			var rpcErr *jsonrpc2.Error
			switch {
			case tt.wantErr == 0 && err != nil:
				t.Fatalf("got %v", err)
			case tt.wantErr != 0 && (!errors.As(err, &rpcErr) || rpcErr.Code != tt.wantErr):
				t.Fatalf("got %v, want a JSON-RPC error with code %d", err, tt.wantErr)
			}
			// The session goes on.
			if err := h.server.Shutdown(ctx); err != nil {
				t.Fatalf("the server stopped serving: %v", err)
			}
			entries := h.logs.FilterMessage(tt.wantLog).All()
			if len(entries) == 0 {
				t.Fatalf("no log %q; logs: %v", tt.wantLog, h.logs.All())
			}
			if strings.HasPrefix(tt.wantLog, "panic") {
				if stack, _ := entries[0].ContextMap()["stack"].(string); !strings.Contains(stack, "chainServer") {
					t.Fatalf("panic log has no stack of the panicking method: %q", stack)
				}
			}
		})
	}
}

// rawWrite sends one frame with the given body, bypassing the codec.
func rawWrite(h *chainHarness, body string) error {
	_, err := h.raw.Write([]byte("Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body))
	return err
}

func TestAdmit(t *testing.T) {
	tests := []struct {
		name                  string
		initialized, shutdown bool
		method                string
		wantCode              jsonrpc2.Code // 0: admitted
	}{
		{"initialize first", false, false, protocol.MethodInitialize, 0},
		{"request before initialize", false, false, protocol.MethodTextDocumentDiagnostic, jsonrpc2.ServerNotInitialized},
		{"exit before initialize", false, false, protocol.MethodExit, 0},
		{"second initialize", true, false, protocol.MethodInitialize, jsonrpc2.InvalidRequest},
		{"request after initialize", true, false, protocol.MethodTextDocumentDiagnostic, 0},
		{"request after shutdown", true, true, protocol.MethodTextDocumentDiagnostic, jsonrpc2.InvalidRequest},
		{"exit after shutdown", true, true, protocol.MethodExit, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(Options{})
			s.initialized.Store(tt.initialized)
			s.shutdown.Store(tt.shutdown)
			err := s.admit(tt.method, true)
			var rpcErr *jsonrpc2.Error
			switch {
			case tt.wantCode == 0 && err != nil:
				t.Fatalf("admit(%s) = %v, want nil", tt.method, err)
			case tt.wantCode != 0 && (!errors.As(err, &rpcErr) || rpcErr.Code != tt.wantCode):
				t.Fatalf("admit(%s) = %v, want code %d", tt.method, err, tt.wantCode)
			}
		})
	}
}
