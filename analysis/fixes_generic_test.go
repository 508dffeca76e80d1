package analysis

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/expertise"
)

const integrationsExpert = `domain: integrations
version: 1.1
last_updated: 2025-12-16
integrations_catalog:
  payment:
    - name: Stripe
      env_vars: [STRIPE_API_KEY]
learnings:
  - date: 2025-12-16
    insight: "Stripe webhooks need express.raw() before JSON parsing"
    files_affected: [src/webhook.ts]
    context: "US-0101"
`

// finding returns a diagnostic of code on the first line of f holding at.
func finding(t *testing.T, f *File, code, at, msg string) Diagnostic {
	t.Helper()
	i := strings.Index(string(f.Content), at)
	if i < 0 {
		t.Fatalf("%s holds no %q", f.Rel, at)
	}
	return Diagnostic{Path: f.Path, Range: f.Range(i, i+len(at)), Code: code, Message: msg}
}

func TestLearningFix(t *testing.T) {
	const secret = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
	ix := fixWorkspace(t, map[string]string{
		".agileflow/experts/database/expertise.yaml":     "domain: database\nversion: 1.0\nlast_updated: 2025-12-01\nlearnings: []\n",
		".agileflow/experts/integrations/expertise.yaml": integrationsExpert,
		"src/webhook.ts":   "app.post('/hook', (req, res) => {\n  handle(req.body);\n});\n",
		"src/config.ts":    "export const stripe = new Stripe(\n  \"" + secret + "\",\n);\n",
		"src/logger.ts":    "log(\"" + secret + "\", user.apiKey);\n",
		"src/very-long.ts": "call(" + strings.Repeat("argument, ", 30) + ");\n",
	})
	expert := filepath.Join(ix.Root, ".agileflow/experts/integrations/expertise.yaml")
	tests := []struct {
		file, code, at, msg string
		insight, context    string
	}{
		{"src/webhook.ts", "unverified-webhook", "app.post", "the POST /hook handler never verifies a signature",
			"The POST /hook handler never verifies a signature", "app.post('/hook', (req, res) => {"},
		{"src/config.ts", "hardcoded-secret", secret, "Stripe live key hardcoded (sk_l…); read it from the environment",
			"in src/config.ts: read it from the environment", "hardcoded-secret in src/config.ts:2"},
		{"src/logger.ts", "secret-in-log", "user.apiKey", "user.apiKey is logged",
			"User.apiKey is logged", "secret-in-log in src/logger.ts:1"},
		{"src/very-long.ts", "missing-env-var", "call", "X is read here but documented nowhere",
			"X is read here but documented nowhere", "call(argument, argument, "},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := workspaceFile(t, ix, tt.file)
			d := finding(t, f, tt.code, tt.at, tt.msg)
			fixes := genericFixes(ix, f, d, ruleFor(d.Code))
			if got := fixTitles(fixes); len(got) != 2 || got[0] != "Record a learning about this" {
				t.Fatalf("fixes %q, want the learning first, then the ignore comment", got)
			}
			fix := fixes[0]
			path, out := applyFix(t, fix)
			if path != expert {
				t.Fatalf("learning goes to %s, want the integrations expert", path)
			}
			if strings.Contains(string(out), "sk_l") {
				t.Errorf("the secret (or a prefix of it) landed in the expertise:\n%s", out)
			}
			after := expertise.Parse(path, out)
			l := after.Learnings[len(after.Learnings)-1]
			if !strings.Contains(l.Insight.Value, tt.insight) || !strings.HasPrefix(l.Context.Value, tt.context) ||
				l.Date.Value != "2026-01-15" || !slices.Equal([]string{l.FilesAffected[0].Value}, []string{tt.file}) {
				t.Errorf("learning reads back as insight %q, context %q, date %q, files %v", l.Insight.Value, l.Context.Value, l.Date.Value, l.FilesAffected)
			}
			if len([]rune(l.Context.Value)) > maxContext {
				t.Errorf("context is %d runes long, want at most %d", len([]rune(l.Context.Value)), maxContext)
			}
			if after.LastUpdated.Value != "2026-01-15" || len(after.Problems) != 0 {
				t.Errorf("after the fix: last_updated %q, problems %v", after.LastUpdated.Value, after.Problems)
			}
			show := fix.Show
			if show == nil || show.Path != expert || show.Range.Start.Offset != l.Insight.Range.Start.Offset ||
				show.Range.Start.Line != l.Insight.Range.Start.Line || show.Range.End.Line != show.Range.Start.Line {
				t.Errorf("Show = %+v, want the new insight's line (%+v)", show, l.Insight.Range)
			}
		})
	}
}

func TestLearningFixTarget(t *testing.T) {
	tests := []struct {
		name    string
		experts map[string]string
		want    string // the expert that gets the learning; "" for no learning fix
	}{
		{"no experts", nil, ""},
		{"the only expert", map[string]string{"x/experts/ui/expertise.yaml": "domain: ui\n"}, "x/experts/ui/expertise.yaml"},
		{"the one with a catalog", map[string]string{
			"x/experts/api/expertise.yaml":  "domain: api\n",
			"x/experts/pays/expertise.yaml": "domain: payments\nintegrations_catalog:\n  payment:\n    - name: Stripe\n",
		}, "x/experts/pays/expertise.yaml"},
		{"an invalid expert gets none", map[string]string{"x/experts/ui/expertise.yaml": "domain: [ui\n"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"src/a.ts": "fetch(url);\n"}
			for k, v := range tt.experts {
				files[k] = v
			}
			ix := fixWorkspace(t, files)
			f := workspaceFile(t, ix, "src/a.ts")
			fixes := genericFixes(ix, f, finding(t, f, "missing-env-var", "fetch", "URL is read here"), ruleFor("missing-env-var"))
			has := len(fixes) == 2
			if has != (tt.want != "") {
				t.Fatalf("fixes %q; want a learning fix: %v", fixTitles(fixes), tt.want != "")
			}
			if has && fixes[0].Edits[0].Path != filepath.Join(ix.Root, tt.want) {
				t.Errorf("learning goes to %s, want %s", fixes[0].Edits[0].Path, tt.want)
			}
		})
	}
}

func TestIgnoreFix(t *testing.T) {
	tests := []struct {
		rel, content, at string
		want             string // the inserted line; "" for no ignore fix
	}{
		{"src/a.ts", "function f() {\n    handle(req.body);\n}\n", "handle", "    // expertise-ls:ignore unverified-webhook\n"},
		{"src/a.py", "def f():\n\thandle(request)\n", "handle", "\t# expertise-ls:ignore unverified-webhook\n"},
		{"src/a.go", "package a\r\n\r\nfunc f() {\r\n\thandle()\r\n}\r\n", "handle", "\t// expertise-ls:ignore unverified-webhook\r\n"},
		{"app.rb", "post '/hook' do\n  handle\nend\n", "handle", "  # expertise-ls:ignore unverified-webhook\n"},
		{"config/app.yaml", "stripe:\n  key: abc\n", "key", "  # expertise-ls:ignore unverified-webhook\n"},
		{".env", "STRIPE_KEY=abc\n", "STRIPE", "# expertise-ls:ignore unverified-webhook\n"},
		{"conf/app.toml", "[stripe]\nkey = \"abc\"\n", "key", "# expertise-ls:ignore unverified-webhook\n"},
		{"Main.java", "class A {\n  String k = \"abc\";\n}\n", "String", "  // expertise-ls:ignore unverified-webhook\n"},
		{"conf/app.json", "{\n  \"key\": \"abc\"\n}\n", "\"key\"", ""},
		{"src/t.ts", "const s = `first\n  handle\n`;\n", "handle", ""},
		{"src/t.py", "s = \"\"\"first\nhandle\n\"\"\"\n", "handle", ""},
		{"src/c.go", "package c\n/* a\n handle\n*/\n", "handle", ""},
		{"config/k.yaml", "tls:\n  key: |\n    handle\n", "handle", ""},
		{"config/k.yaml", "tls:\n  key: >-  # folded\n    first\n    handle\n", "handle", ""},
		{"src/s.ts", "const keys = [\n\"handle\",\n];\n", "\"handle\"", "// expertise-ls:ignore unverified-webhook\n"},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			ix := fixWorkspace(t, map[string]string{tt.rel: tt.content})
			f := workspaceFile(t, ix, tt.rel)
			d := finding(t, f, "unverified-webhook", tt.at, "never verifies")
			fixes := genericFixes(ix, f, d, ruleFor(d.Code))
			if tt.want == "" {
				if len(fixes) != 0 {
					t.Errorf("fixes %q, want none", fixTitles(fixes))
				}
				return
			}
			if len(fixes) != 1 || fixes[0].Title != "Ignore unverified-webhook here" {
				t.Fatalf("fixes %q, want only the ignore fix (no expert in this workspace)", fixTitles(fixes))
			}
			e := fixes[0].Edits[0]
			if e.NewText != tt.want || e.Range.Start.Line != d.Range.Start.Line || e.Range.Start.Col != 0 || e.Range.End != e.Range.Start {
				t.Errorf("edit %+v, want %q inserted at the start of line %d", e, tt.want, d.Range.Start.Line)
			}
			_, out := applyFix(t, fixes[0])
			fixed := NewFile(ix.Root, f.Path, f.Lang, out, nil)
			moved := finding(t, fixed, d.Code, tt.at, d.Message)
			if !suppressed(fixed, moved, []*Analyzer{ruleAnalyzer}) {
				t.Errorf("the inserted comment does not silence the finding:\n%s", out)
			}
		})
	}
}

func TestGenericFixesElsewhere(t *testing.T) {
	ix := fixWorkspace(t, map[string]string{"src/a.ts": "handle();\n", "x/experts/i/expertise.yaml": integrationsExpert})
	f := workspaceFile(t, ix, "src/a.ts")
	d := finding(t, f, "unverified-webhook", "handle", "never verifies")
	d.Path = filepath.Join(ix.Root, "src/b.ts")
	if fixes := genericFixes(ix, f, d, ruleFor(d.Code)); len(fixes) != 0 {
		t.Errorf("a finding in another file got fixes %q", fixTitles(fixes))
	}
}
