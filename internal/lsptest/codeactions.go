package lsptest

import (
	"encoding/json"
	"strings"

	"go.lsp.dev/protocol"
)

// CodeActions asks for the code actions of the open file at rel over rng,
// with diags as the context's diagnostics and only as its kinds (none: no
// filter), and returns them. A bare command in the answer fails the test:
// the editor advertises code action literals.
func (e *Editor) CodeActions(rel string, rng protocol.Range, diags []protocol.Diagnostic, only ...protocol.CodeActionKind) []*protocol.CodeAction {
	e.t.Helper()
	if diags == nil {
		diags = []protocol.Diagnostic{}
	}
	ctx, cancel := e.context()
	defer cancel()
	got, err := e.server.CodeAction(ctx, &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: e.URI(rel)},
		Range:        rng,
		Context:      protocol.CodeActionContext{Diagnostics: diags, Only: only, TriggerKind: protocol.CodeActionTriggerKindInvoked},
	})
	if err != nil {
		e.t.Fatalf("textDocument/codeAction %s: %v", rel, err)
	}
	out := make([]*protocol.CodeAction, 0, len(got))
	for _, a := range got {
		ca, ok := a.(*protocol.CodeAction)
		if !ok {
			e.t.Fatalf("textDocument/codeAction %s answered %T, want code actions", rel, a)
		}
		out = append(out, ca)
	}
	return out
}

// QuickFix returns the quick fix of the diagnostic d (as published for the
// open file at rel) whose title starts with title, as the light bulb on d
// offers it. It fails the test, naming the fixes offered, when none does.
func (e *Editor) QuickFix(rel string, d protocol.Diagnostic, title string) *protocol.CodeAction {
	e.t.Helper()
	actions := e.CodeActions(rel, d.Range, []protocol.Diagnostic{d})
	var titles []string
	for _, a := range actions {
		if strings.HasPrefix(a.Title, title) {
			return a
		}
		titles = append(titles, a.Title)
	}
	e.t.Fatalf("no quick fix %q for %s in %s; offered: %q", title, Code(d), rel, titles)
	return nil
}

// ResolveCodeAction asks the server to fill in an action (codeAction/resolve).
func (e *Editor) ResolveCodeAction(a *protocol.CodeAction) (*protocol.CodeAction, error) {
	ctx, cancel := e.context()
	defer cancel()
	return e.server.CodeActionResolve(ctx, a)
}

// ApplyCodeAction does what an editor does when the user picks a: resolves
// its edit when it has none yet, applies the edit (to open buffers, which
// stay unsaved, and to other files on disk), then runs its command. It fails
// the test when any step fails.
func (e *Editor) ApplyCodeAction(a *protocol.CodeAction) {
	e.t.Helper()
	if a.Edit == nil && len(a.Data) > 0 {
		resolved, err := e.ResolveCodeAction(a)
		if err != nil {
			e.t.Fatalf("codeAction/resolve %q: %v", a.Title, err)
		}
		a = resolved
	}
	if a.Edit != nil {
		if err := e.applyWorkspaceEdit(*a.Edit); err != nil {
			e.t.Fatalf("applying %q: %v", a.Title, err)
		}
	}
	if a.Command.Command != "" {
		args := make([]any, len(a.Command.Arguments))
		for i, arg := range a.Command.Arguments {
			args[i] = arg
		}
		if _, err := e.ExecuteCommand(a.Command.Command, args...); err != nil {
			e.t.Fatalf("running the command of %q: %v", a.Title, err)
		}
	}
}

// ExecuteCommand runs a server command (workspace/executeCommand) and
// returns its result or its error. Arguments are sent as JSON: raw JSON as
// it is, anything else encoded.
func (e *Editor) ExecuteCommand(command string, args ...any) (json.RawMessage, error) {
	e.t.Helper()
	params := &protocol.ExecuteCommandParams{Command: command}
	for _, a := range args {
		switch v := a.(type) {
		case protocol.LSPAny:
			params.Arguments = append(params.Arguments, v)
		default:
			params.Arguments = append(params.Arguments, protocol.LSPAny(mustJSON(e.t, a)))
		}
	}
	ctx, cancel := e.context()
	defer cancel()
	res, err := e.server.ExecuteCommand(ctx, params)
	return json.RawMessage(res), err
}
