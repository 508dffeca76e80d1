// Package mcpserver serves one workspace's expertise to coding agents over
// the Model Context Protocol: the expertise-first workflow (plan with the
// expertise, build, self-improve) as tools, resources and prompts. It is
// glue, as lsp/ is for editors: every tool reads the same index
// (analysis.Index, built fresh from disk for each call) and writes with
// the same engine (expertise.EditLocked, analysis.Index.WriteEdits) as
// the editor's code actions and the CLI's editing commands.
//
// Tools take JSON objects whose schemas come from the Go input types
// (unknown arguments are refused by name) and answer structured JSON with
// a short text summary before it. A path argument must lie inside the
// workspace root, symbolic links resolved; an error writes nothing; no
// result holds a secret's value (diffs show <redacted> in its place).
package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/expertise-ls/expertise-ls/analysis"
)

// Options configure a server.
type Options struct {
	// Root is the workspace root, absolute.
	Root string
	// Config is the settings of the analysis (nil: the defaults).
	Config *analysis.Config
	// Version is expertise-ls's, reported to clients.
	Version string
}

// New returns the server of the workspace at opts.Root, with its tools,
// the expertise files as resources and the workflow's prompts.
func New(opts Options) *mcp.Server {
	cfg := opts.Config
	if cfg == nil {
		cfg = analysis.DefaultConfig()
	}
	w := &workspace{root: filepath.Clean(opts.Root), cfg: cfg, facts: analysis.NewMemoryCache()}
	s := mcp.NewServer(&mcp.Implementation{Name: "expertise-ls", Version: opts.Version}, &mcp.ServerOptions{
		Instructions: instructions,
	})
	w.resources = addResources(s, w)
	addReadTools(s, w)
	addFixTool(s, w)
	addWriteTools(s, w)
	addPrompts(s, w)
	return s
}

// Serve runs the server of opts over t until the client disconnects.
func Serve(ctx context.Context, opts Options, t mcp.Transport) error {
	return New(opts).Run(ctx, t)
}

// instructions tell the agent how the tools fit the workflow.
const instructions = `expertise-ls holds this workspace's code to its expertise files (expertise.yaml per domain).
Plan: call expertise_get to read the expertise and its validation findings, then integration_plan for the service.
Build: follow the conventions; call check on what you changed and fix_apply for the fixes it offers.
Self-improve: learning_add for what you learned, catalog_add for a new integration, env_document for a new env var.`

// handler is a tool: it answers a short text summary and the structured
// output, or an error that says what to do (a tool error the agent reads).
type handler[In, Out any] func(ctx context.Context, in In) (summary string, out Out, err error)

// addTool adds a tool whose input and output schemas come from In and Out
// (the SDK refuses input that does not match, naming the argument). Its
// answer is redacted (see redact.go) and holds the summary, then the
// output as JSON text for clients that do not read structured content.
func addTool[In, Out any](s *mcp.Server, name, description string, ann *mcp.ToolAnnotations, h handler[In, Out]) {
	mcp.AddTool(s, &mcp.Tool{Name: name, Description: description, Annotations: ann}, func(ctx context.Context, _ *mcp.CallToolRequest, in In) (res *mcp.CallToolResult, out Out, err error) {
		defer func() {
			if r := recover(); r != nil { // a bug in one call, not the end of the session
				res, err = nil, fmt.Errorf("%s: internal error (please report it): %v", name, r)
			}
		}()
		summary, out, err := h(ctx, in)
		if err != nil {
			var zero Out
			return nil, zero, errors.New(redactText(err.Error()))
		}
		redactValues(&out)
		content := []mcp.Content{&mcp.TextContent{Text: redactText(summary)}}
		if data, err := json.Marshal(out); err == nil {
			content = append(content, &mcp.TextContent{Text: string(data)})
		}
		return &mcp.CallToolResult{Content: content}, out, nil
	})
}

// Hints for clients deciding what to run without asking: every tool works
// on the local workspace only; the readers change nothing; the writers add
// (learnings, catalog entries, env names) or, fix_apply, replace code.
func hints(readOnly, destructive, idempotent bool) *mcp.ToolAnnotations {
	closed := false
	return &mcp.ToolAnnotations{ReadOnlyHint: readOnly, DestructiveHint: &destructive, IdempotentHint: idempotent, OpenWorldHint: &closed}
}

// argError is a bad argument: its message names the argument.
func argError(arg, format string, args ...any) error {
	return fmt.Errorf("argument %s: %s", arg, fmt.Sprintf(format, args...))
}
