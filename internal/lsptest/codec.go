package lsptest

import (
	"slices"

	"github.com/expertise-ls/expertise-ls/internal/lspwire"
)

// ownedCodec is lspwire.Codec decoding from its own copy of each message.
// protocol v1.0.1 decodes some values without copying their strings: a
// result that is a list of unions ([]CommandOrCodeAction, the answer to
// textDocument/codeAction) keeps strings that point into the bytes it was
// decoded from, and jsonrpc2 reuses those bytes for the next message, so the
// titles of code actions read earlier would change under the test.
type ownedCodec struct{ lspwire.Codec }

// Unmarshal implements jsonrpc2.Codec.
func (c ownedCodec) Unmarshal(data []byte, v any) error {
	return c.Codec.Unmarshal(slices.Clone(data), v)
}
