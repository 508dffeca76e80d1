package lsp

import (
	"context"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// concurrentRequests are the requests released from the read loop with
// jsonrpc2.Async: they only read server state, may take a while, and must not
// hold up the notifications behind them; executeCommand also waits for the
// client's answer to workspace/applyEdit, which arrives through the read
// loop. Everything else is handled on the read loop, in wire order.
var concurrentRequests = map[string]bool{
	protocol.MethodTextDocumentDiagnostic:     true,
	protocol.MethodTextDocumentCodeAction:     true,
	protocol.MethodCodeActionResolve:          true,
	protocol.MethodWorkspaceExecuteCommand:    true,
	protocol.MethodTextDocumentDocumentSymbol: true,
	protocol.MethodTextDocumentDefinition:     true,
	protocol.MethodTextDocumentHover:          true,
	protocol.MethodTextDocumentCodeLens:       true,
	protocol.MethodTextDocumentCompletion:     true,
	protocol.MethodTextDocumentReferences:     true,
	protocol.MethodWorkspaceSymbol:            true,
	protocol.MethodWorkspaceDiagnostic:        true,
}

// handlerChain builds the jsonrpc2 handler of a session, outermost first:
//
//   - rooted: request contexts hang off the session's context (see rooted);
//   - guard: recovers a panic (logged with its stack; a request is answered
//     with an error) and never lets a notification return an error, which
//     would make jsonrpc2 close the connection;
//   - admit: the lifecycle gate (nothing but initialize before initialize,
//     nothing but exit after shutdown);
//   - protocol.CancelHandler: $/cancelRequest cancels a request's context;
//   - release: jsonrpc2.Async for concurrentRequests;
//   - fastDidChange: reads textDocument/didChange itself (see there);
//   - protocol.ServerHandler: decodes params and calls the server's method.
//
// protocol.NewServer is not used: its middleware releases every message,
// notifications included, to its own goroutine, and text synchronisation
// depends on order.
func handlerChain(session context.Context, server protocol.Server, log *zap.Logger, admit func(method string, isCall bool) error) jsonrpc2.Handler {
	h := fastDidChange(server, protocol.ServerHandler(server, jsonrpc2.MethodNotFoundHandler))
	h = release(h)
	h = protocol.CancelHandler(h)
	h = admitted(h, admit, log)
	h = guard(h, log)
	return rooted(h, session)
}

// rooted hands the chain a request context whose cancellation is the
// session's and whose values are the request's (jsonrpc2.Async finds its
// release token there).
//
// jsonrpc2 v1.0.1 passes a pooled request object as the context. A context
// derived from it with cancellation (protocol.CancelHandler derives one for
// every request) starts a goroutine that calls its Done method later, when
// the object may have been recycled, which panics ("cannot create context
// from nil parent") and kills the process. Derived from this context instead,
// cancellation hangs off the session's context and starts no goroutine.
func rooted(next jsonrpc2.Handler, session context.Context) jsonrpc2.Handler {
	return func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		return next(requestContext{Context: session, values: ctx}, req)
	}
}

// requestContext is the session's context with the request's values.
type requestContext struct {
	context.Context
	values context.Context
}

func (c requestContext) Value(key any) any { return c.values.Value(key) }

// guard recovers panics and swallows notification errors, logging both.
func guard(next jsonrpc2.Handler, log *zap.Logger) jsonrpc2.Handler {
	return func(ctx context.Context, req *jsonrpc2.Request) (result any, err error) {
		// The method is borrowed from the read buffer, which a released
		// handler outlives: keep a copy for the log.
		method, isCall := strings.Clone(req.Method()), req.IsCall()
		start := time.Now()
		defer func() {
			if r := recover(); r != nil {
				log.Error("panic while handling a message", zap.String("method", method), zap.Any("panic", r), zap.Stack("stack"))
				result, err = nil, nil
				if isCall {
					err = jsonrpc2.Errorf(jsonrpc2.InternalError, "expertise-ls: internal error while handling %s (logged); the server keeps serving", method)
				}
			}
			if err != nil && !isCall {
				log.Warn("notification failed", zap.String("method", method), zap.Error(err))
				err = nil
			}
			if ce := log.Check(zapcore.DebugLevel, "handled"); ce != nil {
				ce.Write(zap.String("method", method), zap.Bool("request", isCall), zap.Duration("took", time.Since(start)), zap.Error(err))
			}
		}()
		return next(ctx, req)
	}
}

// admitted applies the lifecycle gate. A notification that is not admitted
// is dropped; a request is answered with the gate's error.
func admitted(next jsonrpc2.Handler, admit func(method string, isCall bool) error, log *zap.Logger) jsonrpc2.Handler {
	return func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		if err := admit(req.Method(), req.IsCall()); err != nil {
			if !req.IsCall() {
				log.Debug("dropped a notification", zap.String("method", req.Method()), zap.Error(err))
				return nil, nil
			}
			return nil, err
		}
		return next(ctx, req)
	}
}

// release lets concurrent requests leave the read loop.
func release(next jsonrpc2.Handler) jsonrpc2.Handler {
	return func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		if req.IsCall() && concurrentRequests[req.Method()] {
			jsonrpc2.Async(ctx)
		}
		return next(ctx, req)
	}
}
