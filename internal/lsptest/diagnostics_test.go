package lsptest_test

import (
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

func TestExpertiseDiagnosticsFollowTheBuffer(t *testing.T) {
	p := lsptest.Start(t, serverBin, lsptest.Options{})
	p.WriteFile(expertPath, expertWithoutVersion())
	p.OpenFile(expertPath)
	pub := p.AwaitDiagnostics(expertPath, "expertise-missing-field at version 1", func(pub lsptest.Publication) bool {
		return pub.Version == 1 && pub.Has("expertise-missing-field")
	})
	d := pub.Diagnostics[0]
	if d.Source.IsZero() || d.Severity != protocol.DiagnosticSeverityWarning || !strings.Contains(lsptest.Message(d), "version") {
		t.Errorf("diagnostic %+v: want source expertise-ls, severity warning, a message naming version", d)
	}

	// Break the YAML: an error, published on save.
	p.ReplaceText(expertPath, "domain: integrations", "domain: [integrations")
	p.SaveFile(expertPath)
	p.AwaitDiagnostics(expertPath, "expertise-syntax after saving invalid YAML", func(pub lsptest.Publication) bool {
		return pub.Version == 2 && pub.Has("expertise-syntax")
	})

	// Fix both problems; saving clears the diagnostics.
	p.ReplaceText(expertPath, "domain: [integrations", "domain: integrations\nversion: 1.0")
	p.SaveFile(expertPath)
	p.AwaitDiagnostics(expertPath, "no diagnostics after the fix is saved", func(pub lsptest.Publication) bool {
		return pub.Version == 3 && len(pub.Diagnostics) == 0
	})

	// Closing clears what is shown.
	p.ReplaceText(expertPath, "version: 1.0\n", "")
	p.SaveFile(expertPath)
	p.AwaitDiagnostics(expertPath, "expertise-missing-field again", func(pub lsptest.Publication) bool {
		return pub.Version == 4 && pub.Has("expertise-missing-field")
	})
	p.CloseFile(expertPath)
	p.AwaitDiagnostics(expertPath, "a clear after close", func(pub lsptest.Publication) bool {
		return pub.Version == 0 && len(pub.Diagnostics) == 0
	})
}

func TestPullDiagnostics(t *testing.T) {
	p := lsptest.Start(t, serverBin, lsptest.Options{PullDiagnostics: true})
	p.WriteFile(expertPath, expertWithoutVersion())
	p.OpenFile(expertPath)

	first := fullReport(t, p.PullDiagnostics(expertPath, ""))
	if len(first.Items) != 1 || lsptest.Code(first.Items[0]) != "expertise-missing-field" || first.ResultID == nil {
		t.Fatalf("first pull = %+v, want one expertise-missing-field and a result id", first)
	}
	if _, unchanged := p.PullDiagnostics(expertPath, *first.ResultID).(*protocol.RelatedUnchangedDocumentDiagnosticReport); !unchanged {
		t.Error("a pull with the current result id must report unchanged")
	}

	p.ReplaceText(expertPath, "domain: integrations\n", "domain: integrations\nversion: 1.0\n")
	if got := fullReport(t, p.PullDiagnostics(expertPath, *first.ResultID)); len(got.Items) != 0 {
		t.Errorf("pull after the fix = %+v, want no findings (the buffer, unsaved)", got.Items)
	}

	// A saved expertise file changes what every document depends on: the
	// server asks the client to pull again.
	before := p.Refreshes()
	p.SaveFile(expertPath)
	p.Await("workspace/diagnostic/refresh after saving an expertise file", func() bool { return p.Refreshes() > before })
	if pubs := p.Publications(expertPath); len(pubs) != 0 {
		t.Errorf("a pulling client also got %d pushed publications; it would show everything twice", len(pubs))
	}
}

func fullReport(t *testing.T, r protocol.DocumentDiagnosticReport) protocol.FullDocumentDiagnosticReport {
	t.Helper()
	full, ok := r.(*protocol.RelatedFullDocumentDiagnosticReport)
	if !ok {
		t.Fatalf("report %T, want a full report", r)
	}
	return full.FullDocumentDiagnosticReport
}

// TestColumnsAfterNonASCII checks the range of a finding that follows é and
// an emoji on its line, in UTF-16 (the default) and in negotiated UTF-8: the
// editor maps the range back in its own encoding and must land on the secret.
func TestColumnsAfterNonASCII(t *testing.T) {
	secret := "sk_live_" + "71puIjxIh9UesmQqmjR4YfKNQQhQhX4j82keKPgClQA71L2G5K5anTNrufuMcTaztt5En"
	src := "import Stripe from \"stripe\";\n\nconst note = \"café 😀\"; const stripe = new Stripe(\"" + secret + "\");\n"
	for _, utf8 := range []bool{false, true} {
		name := map[bool]string{false: "utf-16", true: "utf-8"}[utf8]
		t.Run(name, func(t *testing.T) {
			p := lsptest.Start(t, serverBin, lsptest.Options{UTF8: utf8})
			if got := string(p.Result.Capabilities.PositionEncoding); got != name {
				t.Fatalf("negotiated %q, want %q", got, name)
			}
			p.WriteFile("src/pay.ts", src)
			p.OpenFile("src/pay.ts")
			pub := p.AwaitDiagnostics("src/pay.ts", "hardcoded-secret", func(pub lsptest.Publication) bool { return pub.Has("hardcoded-secret") })
			for _, d := range pub.Diagnostics {
				if lsptest.Code(d) != "hardcoded-secret" {
					continue
				}
				if d.Range.Start.Line != 2 {
					t.Fatalf("finding on line %d, want 2", d.Range.Start.Line)
				}
				start, end := p.Offset("src/pay.ts", d.Range.Start), p.Offset("src/pay.ts", d.Range.End)
				found := strings.Trim(src[start:end], `"`)
				if found != secret {
					t.Fatalf("range %v maps to %q in the editor, want the secret", d.Range, src[start:end])
				}
			}
		})
	}
}

func TestOnChangeSetting(t *testing.T) {
	onChange := map[string]any{"diagnostics": map[string]any{"onChange": true, "debounceMs": 10}}
	tests := []struct {
		name  string
		opts  lsptest.Options
		setUp func(p *lsptest.Process) // turns the setting on, if the options did not
	}{
		{"initializationOptions", lsptest.Options{InitializationOptions: onChange}, nil},
		{"workspace/configuration", lsptest.Options{Settings: onChange}, nil},
		{"didChangeConfiguration", lsptest.Options{Settings: map[string]any{}}, func(p *lsptest.Process) {
			seen := len(p.Publications(expertPath))
			p.ChangeSettings(onChange)
			// The new settings apply and every open document is judged again.
			p.Await("a new judgement under the new settings", func() bool { return len(p.Publications(expertPath)) > seen })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := lsptest.Start(t, serverBin, tt.opts)
			p.WriteFile(expertPath, expertWithoutVersion())
			p.OpenFile(expertPath)
			p.AwaitDiagnostics(expertPath, "expertise-missing-field", func(pub lsptest.Publication) bool { return pub.Has("expertise-missing-field") })
			if tt.setUp != nil {
				tt.setUp(p)
			}
			v := p.ReplaceText(expertPath, "domain: integrations\n", "domain: integrations\nversion: 1.0\n")
			p.AwaitDiagnostics(expertPath, "a judgement of the unsaved edit", func(pub lsptest.Publication) bool {
				return pub.Version == v && len(pub.Diagnostics) == 0
			})
		})
	}
}

func TestWatchedFileChangeRepublishes(t *testing.T) {
	p := lsptest.Start(t, serverBin, lsptest.Options{WatchFiles: true})
	p.Await("file watchers registered", func() bool {
		for _, r := range p.Registrations() {
			if r.Method == protocol.MethodWorkspaceDidChangeWatchedFiles {
				return true
			}
		}
		return false
	})
	p.WriteFile("src/client.ts", "export const key = process.env.ACME_API_KEY;\n")
	p.OpenFile("src/client.ts")
	p.AwaitDiagnostics("src/client.ts", "missing-env-var", func(pub lsptest.Publication) bool { return pub.Has("missing-env-var") })

	p.WriteFile(".env.example", "ACME_API_KEY=\n")
	p.ChangeWatchedFiles(protocol.FileChangeTypeCreated, ".env.example")
	p.AwaitDiagnostics("src/client.ts", "missing-env-var gone once .env.example documents it", func(pub lsptest.Publication) bool {
		return !pub.Has("missing-env-var")
	})
}
