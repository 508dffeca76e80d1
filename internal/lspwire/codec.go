// Package lspwire holds what both ends of an LSP connection built on
// go.lsp.dev/jsonrpc2 need and go.lsp.dev/protocol does not export: the
// payload codec. protocol.NewServer and protocol.NewClient install their own
// (unexported) codec together with a middleware that runs every message,
// notifications included, concurrently; a connection that keeps wire order
// is built with jsonrpc2.NewConn(stream, jsonrpc2.WithCodec(lspwire.Codec{})).
package lspwire

import (
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// Codec marshals LSP params and results with protocol.Marshal and
// protocol.Unmarshal, which know the union types of LSP 3.18 (the default
// jsonrpc2 codec does not). Raw messages pass through verbatim.
type Codec struct{}

var _ jsonrpc2.Codec = Codec{}

// Marshal implements jsonrpc2.Codec.
func (Codec) Marshal(v any) ([]byte, error) {
	switch m := v.(type) {
	case jsonrpc2.RawMessage:
		if m == nil {
			return []byte("null"), nil
		}
		return m, nil
	case *jsonrpc2.RawMessage:
		if m == nil || *m == nil {
			return []byte("null"), nil
		}
		return *m, nil
	}
	return protocol.Marshal(v)
}

// Unmarshal implements jsonrpc2.Codec. It decodes from its own copy of data:
// jsonrpc2 reuses data's bytes for the next message, and protocol v1.0.1
// decodes some values without copying their strings (a result that is a list
// of unions, such as []CommandOrCodeAction, keeps strings pointing into the
// bytes it was decoded from), so those strings would change under the caller.
func (Codec) Unmarshal(data []byte, v any) error {
	owned := append(jsonrpc2.RawMessage(nil), data...)
	if p, ok := v.(*jsonrpc2.RawMessage); ok {
		*p = owned
		return nil
	}
	return protocol.Unmarshal(owned, v)
}
