package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// After a fix or command that writes something the user should look at (the
// insight of a new learning), the server asks the client to show it with
// window/showDocument, when the client supports that. A quick fix carries
// the expertise.show command for it, which the client runs after applying
// the fix's edit; a command shows it itself once its edit is applied.

// showArgs is the argument of expertise.show.
type showArgs struct {
	URI   uri.URI        `json:"uri"`
	Range protocol.Range `json:"range"`
}

// showCommand returns the command that shows loc (a range of the content
// after the fix), in the negotiated position encoding.
func showCommand(loc *analysis.Location, enc positionEncoding) protocol.Command {
	args, _ := json.Marshal(showArgs{URI: uri.File(loc.Path), Range: enc.rangeOf(loc.Range)}) // cannot fail
	return protocol.Command{Title: "Show the change in " + filepath.Base(loc.Path), Command: cmdShow, Arguments: []protocol.LSPAny{args}}
}

// showLocation runs expertise.show.
func (s *Server) showLocation(ctx context.Context, args []protocol.LSPAny) (*commandResult, error) {
	var a showArgs
	if err := decodeArgs(cmdShow, args, &a); err != nil {
		return nil, err
	}
	if path, ok := documentPath(a.URI); !ok || !s.inWorkspace(path) {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: uri must be a file: URI inside the workspace, not %q", cmdShow, a.URI)
	}
	if err := s.show(ctx, a.URI, a.Range); err != nil {
		return nil, failed(cmdShow, err)
	}
	return &commandResult{Changed: []uri.URI{}}, nil
}

// showEdited shows, in the file at u, the line of offset at of old after
// edits, when the client supports it. Failures are logged: the edit is done.
func (s *Server) showEdited(ctx context.Context, u uri.URI, old []byte, edits []expertise.Edit, at int) {
	if !s.caps.editing.showDocument {
		return
	}
	after, err := expertise.ApplyEdits(old, edits)
	if err != nil || at > len(after) {
		s.log.Warn("cannot tell where to show an edit", zap.String("uri", string(u)), zap.Error(err))
		return
	}
	lines := span.NewLines(after)
	if err := s.show(ctx, u, s.enc.rangeOf(lines.Range(at, lines.LineEnd(lines.LineOf(at))))); err != nil {
		s.log.Info("could not show an edit", zap.String("uri", string(u)), zap.Error(err))
	}
}

// show asks the client to show a range of a document and to take focus.
func (s *Server) show(ctx context.Context, u uri.URI, r protocol.Range) error {
	if !s.caps.editing.showDocument {
		return fmt.Errorf("the client does not support window/showDocument")
	}
	res, err := s.client.ShowDocument(ctx, &protocol.ShowDocumentParams{URI: u, TakeFocus: ptr(true), Selection: &r})
	if err != nil {
		return fmt.Errorf("window/showDocument failed: %w", err)
	}
	if !res.Success {
		return fmt.Errorf("the client could not show %s", u)
	}
	return nil
}
