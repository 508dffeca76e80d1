package lsptest_test

import (
	"encoding/json"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"

	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// requestFailed is LSP's RequestFailed error code.
const requestFailed jsonrpc2.Code = -32803

// run runs a command that must succeed and returns the URIs of the files
// it changed.
func run(t *testing.T, p *lsptest.Process, command string, args any) []string {
	t.Helper()
	raw, err := p.ExecuteCommand(command, args)
	if err != nil {
		t.Fatalf("command failed: %v", err)
	}
	var res struct {
		Changed []string `json:"changed"`
	}
	if err := json.Unmarshal(raw, &res); err != nil || res.Changed == nil {
		t.Fatalf("result %s, want {\"changed\": [...]}", raw)
	}
	return res.Changed
}

func catalogEntry(f *expertise.File, category, name string) *expertise.CatalogEntry {
	for _, c := range f.Catalog {
		if c.Name.Value != category {
			continue
		}
		for i := range c.Entries {
			if c.Entries[i].Name.Value == name {
				return &c.Entries[i]
			}
		}
	}
	return nil
}

func values(ss []expertise.Scalar) string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Value)
	}
	return strings.Join(out, ",")
}

// TestCommands runs each command against an unopened expertise file and
// checks the files on disk afterwards.
func TestCommands(t *testing.T) {
	tests := []struct {
		name    string
		command string
		args    any
		check   func(t *testing.T, p *lsptest.Process)
	}{
		{"add a catalog entry", "expertise.addCatalogEntry",
			map[string]any{"category": "email", "name": "Resend", "env_vars": []string{"RESEND_API_KEY"}, "webhooks": []string{"email.bounced"}},
			func(t *testing.T, p *lsptest.Process) {
				f := parseExpert(t, onDisk(t, p, expertPath))
				e := catalogEntry(f, "email", "Resend")
				if e == nil || values(e.EnvVars) != "RESEND_API_KEY" || values(e.Webhooks) != "email.bounced" || f.LastUpdated.Value != today() {
					t.Errorf("catalog after the command: %+v, last_updated %s", f.Catalog, f.LastUpdated.Value)
				}
			}},
		{"extend a catalog entry", "expertise.addCatalogEntry",
			map[string]any{"category": "payment", "name": "stripe", "env_vars": []string{"STRIPE_WEBHOOK_SECRET"}, "expert": "Integrations"},
			func(t *testing.T, p *lsptest.Process) {
				f := parseExpert(t, onDisk(t, p, expertPath))
				if e := catalogEntry(f, "payment", "Stripe"); e == nil || values(e.EnvVars) != "STRIPE_SECRET_KEY,STRIPE_WEBHOOK_SECRET" || len(f.Catalog) != 1 {
					t.Errorf("catalog after the command: %+v", f.Catalog)
				}
			}},
		{"add a learning", "expertise.addLearning",
			map[string]any{"insight": "Resend retries bounces: dedupe by id", "context": "INC-42", "files_affected": []string{"src/email.ts"}},
			func(t *testing.T, p *lsptest.Process) {
				content := onDisk(t, p, expertPath)
				ls := parseExpert(t, content).Learnings
				l := ls[len(ls)-1]
				if len(ls) != 2 || l.Date.Value != today() || l.Insight.Value != "Resend retries bounces: dedupe by id" || l.Context.Value != "INC-42" || values(l.FilesAffected) != "src/email.ts" {
					t.Errorf("learnings after the command: %+v", ls)
				}
				shown := p.Shown()
				if len(shown) != 1 || shown[0].Selection == nil || !strings.HasPrefix(strings.Split(content, "\n")[shown[0].Selection.Start.Line], "    insight: ") {
					t.Errorf("showDocument requests %+v, want the new insight's line", shown)
				}
			}},
		{"touch", "expertise.touch", nil,
			func(t *testing.T, p *lsptest.Process) {
				want := strings.Replace(integrationsExpert("2020-01-01"), "last_updated: 2020-01-01", "last_updated: "+today(), 1)
				if got := onDisk(t, p, expertPath); got != want {
					t.Errorf("expert after touch:\n%s\nwant\n%s", got, want)
				}
			}},
		{"document an env var", "expertise.documentEnvVar", map[string]any{"name": "RESEND_API_KEY"},
			func(t *testing.T, p *lsptest.Process) {
				if got := onDisk(t, p, ".env.example"); got != "RESEND_API_KEY=\n" {
					t.Errorf(".env.example = %q", got)
				}
				if onDisk(t, p, expertPath) != integrationsExpert("2020-01-01") {
					t.Error("the expert changed without an integration")
				}
			}},
		{"document an env var of an integration", "expertise.documentEnvVar", map[string]any{"name": "STRIPE_WEBHOOK_SECRET", "integration": "Stripe"},
			func(t *testing.T, p *lsptest.Process) {
				if got := onDisk(t, p, ".env.example"); got != "STRIPE_WEBHOOK_SECRET=\n" {
					t.Errorf(".env.example = %q", got)
				}
				f := parseExpert(t, onDisk(t, p, expertPath))
				if e := catalogEntry(f, "payment", "Stripe"); e == nil || values(e.EnvVars) != "STRIPE_SECRET_KEY,STRIPE_WEBHOOK_SECRET" {
					t.Errorf("catalog after the command: %+v", f.Catalog)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := startWorkspace(t, modern, map[string]string{expertPath: integrationsExpert("2020-01-01")})
			got := run(t, p, tt.command, tt.args)
			if len(got) == 0 {
				t.Fatal("the command changed nothing")
			}
			tt.check(t, p)
		})
	}
}

// TestCommandsAreIdempotent: what is there already is not added again.
func TestCommandsAreIdempotent(t *testing.T) {
	p := startWorkspace(t, modern, map[string]string{expertPath: integrationsExpert(today()), ".env.example": "STRIPE_SECRET_KEY=\n"})
	args := map[string]any{"name": "STRIPE_SECRET_KEY", "integration": "Stripe"}
	if got := run(t, p, "expertise.documentEnvVar", args); len(got) != 0 {
		t.Errorf("documenting a documented env var changed %v", got)
	}
	if got := run(t, p, "expertise.touch", nil); len(got) != 0 {
		t.Errorf("touching an expert updated today changed %v", got)
	}
	if p.ApplyEditRequests() != 0 {
		t.Errorf("%d workspace/applyEdit requests for nothing to change", p.ApplyEditRequests())
	}
}

// TestCommandEditsTheOpenBuffer: an expertise file open with unsaved edits
// is edited in the buffer, at its version; the disk keeps the saved file.
func TestCommandEditsTheOpenBuffer(t *testing.T) {
	p := startWorkspace(t, modern, map[string]string{expertPath: integrationsExpert(today())})
	p.OpenFile(expertPath)
	p.ReplaceText(expertPath, "conventions:\n", "conventions:\n  - ALWAYS validate webhook signatures\n")
	got := run(t, p, "expertise.addCatalogEntry", map[string]any{"category": "email", "name": "Resend"})
	if len(got) != 1 || got[0] != string(p.URI(expertPath)) {
		t.Fatalf("changed %v, want the expert", got)
	}
	buf := p.Text(expertPath)
	f := parseExpert(t, buf)
	if catalogEntry(f, "email", "Resend") == nil || len(f.Conventions) != 2 || p.Version(expertPath) != 3 {
		t.Errorf("buffer (version %d) after the command:\n%s\nwant the unsaved convention kept and Resend added", p.Version(expertPath), buf)
	}
	if onDisk(t, p, expertPath) != integrationsExpert(today()) {
		t.Error("the command wrote the open expertise file on disk")
	}
}

// TestCommandFailures: every failure is an LSP error that says what to do,
// and nothing changes.
func TestCommandFailures(t *testing.T) {
	invalid := "domain: integrations\nlearnings: [\n"
	tests := []struct {
		name    string
		opts    lsptest.Options
		files   map[string]string
		command string
		args    []any
		code    jsonrpc2.Code
		says    []string
	}{
		{"invalid YAML expert", modern, map[string]string{expertPath: invalid}, "expertise.addLearning",
			[]any{map[string]any{"insight": "x"}}, requestFailed, []string{expertPath, "invalid YAML", "fix it"}},
		{"no expert", modern, map[string]string{"src/a.ts": "x"}, "expertise.touch", nil, requestFailed, []string{"no expertise files"}},
		{"two experts, none named", modern, map[string]string{expertPath: integrationsExpert(today()), ".agileflow/experts/database/expertise.yaml": "domain: database\n"},
			"expertise.touch", nil, requestFailed, []string{"which expert?", "database, integrations"}},
		{"unknown expert", modern, map[string]string{expertPath: integrationsExpert(today())}, "expertise.touch",
			[]any{map[string]any{"expert": "billing"}}, requestFailed, []string{`no expert with domain "billing"`}},
		{"the client refuses the edit", lsptest.Options{DocumentChanges: true, RefuseEdits: true}, map[string]string{expertPath: integrationsExpert(today())},
			"expertise.addLearning", []any{map[string]any{"insight": "x"}}, requestFailed, []string{"did not apply", "cancelled"}},
		{"unknown integration", modern, map[string]string{expertPath: integrationsExpert(today())}, "expertise.documentEnvVar",
			[]any{map[string]any{"name": "RESEND_API_KEY", "integration": "Resend"}}, requestFailed, []string{`"Resend"`, "expertise.addCatalogEntry"}},
		{"no .env.example and no file creation", lsptest.Options{}, map[string]string{expertPath: integrationsExpert(today())},
			"expertise.documentEnvVar", []any{map[string]any{"name": "RESEND_API_KEY"}}, requestFailed, []string{".env.example", "cannot create files"}},
		{"env var not UPPER_SNAKE_CASE", modern, nil, "expertise.documentEnvVar",
			[]any{map[string]any{"name": "stripe_key"}}, jsonrpc2.InvalidParams, []string{"name", `"stri…"`, "UPPER_SNAKE_CASE"}},
		{"missing insight", modern, nil, "expertise.addLearning", []any{map[string]any{"context": "x"}}, jsonrpc2.InvalidParams, []string{"insight is required"}},
		{"missing category and name", modern, nil, "expertise.addCatalogEntry", []any{map[string]any{}}, jsonrpc2.InvalidParams,
			[]string{"category is required", "name is required"}},
		{"wrong type", modern, nil, "expertise.addCatalogEntry",
			[]any{map[string]any{"category": "email", "name": 7}}, jsonrpc2.InvalidParams, []string{"name must be a string, not number"}},
		{"wrong element type", modern, nil, "expertise.addCatalogEntry",
			[]any{map[string]any{"category": "email", "name": "Resend", "env_vars": "RESEND_API_KEY"}}, jsonrpc2.InvalidParams, []string{"env_vars must be a list of strings"}},
		{"unknown field", modern, nil, "expertise.addLearning", []any{map[string]any{"insigt": "x"}}, jsonrpc2.InvalidParams, []string{`unknown field "insigt"`}},
		{"not an object", modern, nil, "expertise.touch", []any{"integrations"}, jsonrpc2.InvalidParams, []string{"must be an object"}},
		{"two arguments", modern, nil, "expertise.touch", []any{map[string]any{}, map[string]any{}}, jsonrpc2.InvalidParams, []string{"one argument"}},
		{"path outside the workspace", modern, nil, "expertise.addLearning",
			[]any{map[string]any{"insight": "x", "files_affected": []string{"../secrets.ts"}}}, jsonrpc2.InvalidParams, []string{"leaves the workspace"}},
		{"unknown command", modern, nil, "expertise.nope", nil, jsonrpc2.InvalidParams, []string{`unknown command "expertise.nope"`, "expertise.touch"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := tt.files
			if files == nil {
				files = map[string]string{expertPath: integrationsExpert(today())}
			}
			p := startWorkspace(t, tt.opts, files)
			_, err := p.ExecuteCommand(tt.command, tt.args...)
			wantError(t, err, tt.code, tt.says...)
			for rel, content := range files {
				if got := onDisk(t, p, rel); got != content {
					t.Errorf("%s changed:\n%s", rel, got)
				}
			}
			if env := onDisk(t, p, ".env.example"); env != "" {
				t.Errorf(".env.example was written: %q", env)
			}
		})
	}
}
