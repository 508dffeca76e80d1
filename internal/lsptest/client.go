package lsptest

import (
	"context"
	"encoding/json"
	"slices"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// Publication is one textDocument/publishDiagnostics the editor received.
type Publication struct {
	Version     int32 // 0 when the server sent none (a clear after close)
	Diagnostics []protocol.Diagnostic
	Seq         int // 1 for the document's first publication, then 2, ...
}

// Codes returns the diagnostic codes, in order.
func (p Publication) Codes() []string {
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, Code(d))
	}
	return out
}

// Has reports whether a diagnostic with code was published.
func (p Publication) Has(code string) bool { return slices.Contains(p.Codes(), code) }

// Code returns a diagnostic's code as a string ("" when it has none).
func Code(d protocol.Diagnostic) string {
	switch c := d.Code.(type) {
	case protocol.String:
		return string(c)
	case protocol.Integer:
		b, _ := json.Marshal(int32(c))
		return string(b)
	}
	return ""
}

// Message returns a diagnostic's message as plain text.
func Message(d protocol.Diagnostic) string {
	switch m := d.Message.(type) {
	case protocol.String:
		return string(m)
	case *protocol.MarkupContent:
		return m.Value
	}
	return ""
}

// client is the editor's side of the server-to-client messages. It records
// and answers without blocking: the connection handles these messages on its
// read loop, in order.
type client struct {
	protocol.UnimplementedClient
	e *Editor
}

func (c *client) PublishDiagnostics(_ context.Context, p *protocol.PublishDiagnosticsParams) error {
	c.e.update(func(e *Editor) {
		pubs := e.published[p.URI]
		v, _ := p.Version.Get()
		e.published[p.URI] = append(pubs, Publication{Version: v, Diagnostics: p.Diagnostics, Seq: len(pubs) + 1})
	})
	return nil
}

func (c *client) Configuration(_ context.Context, p *protocol.ConfigurationParams) ([]protocol.LSPAny, error) {
	var out []protocol.LSPAny
	c.e.update(func(e *Editor) {
		e.configRequests++
		for range p.Items {
			out = append(out, protocol.LSPAny(slices.Clone(e.settings)))
		}
	})
	return out, nil
}

func (c *client) RegisterCapability(_ context.Context, p *protocol.RegistrationParams) error {
	c.e.update(func(e *Editor) { e.registrations = append(e.registrations, p.Registrations...) })
	return nil
}

func (c *client) UnregisterCapability(_ context.Context, p *protocol.UnregistrationParams) error {
	c.e.update(func(e *Editor) {
		for _, u := range p.Unregisterations {
			e.unregistrations++
			e.registrations = slices.DeleteFunc(e.registrations, func(r protocol.Registration) bool { return r.ID == u.ID && r.Method == u.Method })
		}
	})
	return nil
}

func (c *client) ShowMessage(_ context.Context, p *protocol.ShowMessageParams) error {
	c.e.update(func(e *Editor) { e.messages = append(e.messages, *p) })
	return nil
}

func (c *client) WorkDoneProgressCreate(context.Context, *protocol.WorkDoneProgressCreateParams) error {
	return nil
}

func (c *client) Progress(_ context.Context, p *protocol.ProgressParams) error {
	var v struct {
		Kind string `json:"kind"`
	}
	_ = json.Unmarshal(p.Value, &v)
	c.e.update(func(e *Editor) { e.progress = append(e.progress, v.Kind) })
	return nil
}

func (c *client) DiagnosticRefresh(context.Context) error {
	c.e.update(func(e *Editor) { e.refreshes++ })
	return nil
}

// Publications returns what the server published for the file at rel.
func (e *Editor) Publications(rel string) []Publication {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.published[e.URI(rel)])
}

// Unregistrations returns how many registrations the server withdrew.
func (e *Editor) Unregistrations() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.unregistrations
}

// Registrations returns the capabilities the server registered dynamically
// and has not unregistered.
func (e *Editor) Registrations() []protocol.Registration {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.registrations)
}

// Messages returns the window/showMessage notifications received.
func (e *Editor) Messages() []protocol.ShowMessageParams {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.messages)
}

// ConfigurationRequests returns how many workspace/configuration requests came.
func (e *Editor) ConfigurationRequests() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.configRequests
}

// Refreshes returns how many workspace/diagnostic/refresh requests came.
func (e *Editor) Refreshes() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.refreshes
}

// Progress returns the kinds ("begin", "report", "end") of the $/progress
// notifications received.
func (e *Editor) Progress() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.progress)
}

// URI returns the URI of the workspace file at rel.
func (e *Editor) URI(rel string) uri.URI { return uri.File(e.Path(rel)) }
