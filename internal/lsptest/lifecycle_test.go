package lsptest_test

import (
	"fmt"
	"slices"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

func TestInitializeCapabilities(t *testing.T) {
	tests := []struct {
		name         string
		opts         lsptest.Options
		wantEncoding protocol.PositionEncodingKind
		wantPull     bool
	}{
		{"push client", lsptest.Options{}, protocol.PositionEncodingKindUTF16, false},
		{"utf-8 client", lsptest.Options{UTF8: true}, protocol.PositionEncodingKindUTF8, false},
		{"pull client", lsptest.Options{PullDiagnostics: true}, protocol.PositionEncodingKindUTF16, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := lsptest.Start(t, serverBin, tt.opts)
			caps := p.Result.Capabilities
			if caps.PositionEncoding != tt.wantEncoding {
				t.Errorf("positionEncoding = %q, want %q", caps.PositionEncoding, tt.wantEncoding)
			}
			sync, ok := caps.TextDocumentSync.(*protocol.TextDocumentSyncOptions)
			if !ok || sync.Change == nil || *sync.Change != protocol.TextDocumentSyncKindIncremental || sync.OpenClose == nil || !*sync.OpenClose || sync.Save == nil {
				t.Errorf("textDocumentSync = %#v, want open/close, incremental changes and save", caps.TextDocumentSync)
			}
			if gotPull := caps.DiagnosticProvider != nil; gotPull != tt.wantPull {
				t.Errorf("diagnosticProvider advertised: %v, want %v", gotPull, tt.wantPull)
			}
			checkEditingCapabilities(t, caps)
			if caps.CodeLensProvider == nil || caps.CompletionProvider == nil || caps.HoverProvider != protocol.Boolean(true) || caps.DefinitionProvider != protocol.Boolean(true) || caps.DocumentSymbolProvider != protocol.Boolean(true) {
				t.Errorf("hover, definition, documentSymbol = %v, %v, %v; want each advertised", caps.HoverProvider, caps.DefinitionProvider, caps.DocumentSymbolProvider)
			}
			if caps.ReferencesProvider != protocol.Boolean(true) || caps.WorkspaceSymbolProvider != protocol.Boolean(true) {
				t.Errorf("references, workspace symbols = %v, %v; want both advertised", caps.ReferencesProvider, caps.WorkspaceSymbolProvider)
			}
			if p.Result.ServerInfo.Name != "expertise-ls" {
				t.Errorf("serverInfo.name = %q", p.Result.ServerInfo.Name)
			}
			p.Shutdown()
			p.Exit()
			p.Wait()
		})
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		end  func(p *lsptest.Process)
		want int
	}{
		{"shutdown then exit", func(p *lsptest.Process) { p.Shutdown(); p.Exit() }, 0},
		{"exit without shutdown", func(p *lsptest.Process) { p.Exit() }, 1},
		{"input closed", func(p *lsptest.Process) { p.CloseInput() }, 1},
		{"input closed after shutdown", func(p *lsptest.Process) { p.Shutdown(); p.CloseInput() }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := lsptest.Start(t, serverBin, lsptest.Options{})
			tt.end(p)
			if got := p.Wait(); got != tt.want {
				t.Fatalf("exit code %d, want %d", got, tt.want)
			}
		})
	}
}

func TestMalformedMessagesDoNotKillTheServer(t *testing.T) {
	p := lsptest.Start(t, serverBin, lsptest.Options{})
	p.WriteFile(expertPath, expertWithoutVersion())
	for _, raw := range []string{
		frame(`{not json}`),
		frame(`[]`),
		frame(`{"jsonrpc":"2.0","id":1,"result":"an answer to nothing"}`),
		frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":7}`),
		frame(`{"jsonrpc":"2.0","id":"x","method":"textDocument/diagnostic","params":{"textDocument":3}}`),
		"Content-Type: text/plain\r\n\r\n",
	} {
		p.WriteRaw([]byte(raw))
	}
	p.OpenFile(expertPath)
	p.AwaitDiagnostics(expertPath, "expertise-missing-field", func(pub lsptest.Publication) bool {
		return pub.Has("expertise-missing-field")
	})
	p.Shutdown()
	p.Exit()
	if got := p.Wait(); got != 0 {
		t.Fatalf("exit code %d, want 0", got)
	}
}

func TestSettingsWarning(t *testing.T) {
	p := lsptest.Start(t, serverBin, lsptest.Options{InitializationOptions: map[string]any{"diagnostics": map[string]any{"onChange": "yes"}}})
	p.Await("a warning about the bad setting", func() bool {
		return slices.ContainsFunc(p.Messages(), func(m protocol.ShowMessageParams) bool { return m.Type == protocol.MessageTypeWarning })
	})
}

// frame wraps a body in an LSP header.
func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

func TestIndexingReportsProgress(t *testing.T) {
	p := lsptest.Start(t, serverBin, lsptest.Options{})
	p.Await("$/progress begin, reports, then end", func() bool {
		kinds := p.Progress()
		if len(kinds) < 2 || kinds[0] != "begin" || kinds[len(kinds)-1] != "end" {
			return false
		}
		for _, k := range kinds[1 : len(kinds)-1] {
			if k != "report" {
				return false
			}
		}
		return true
	})
}
