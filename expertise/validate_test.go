package expertise

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var testToday = time.Date(2026, 1, 15, 9, 30, 0, 0, time.Local)

// complete is a valid expertise file that each case changes a little.
const complete = `domain: integrations
version: 1.1
last_updated: 2026-01-10
learnings:
  - date: 2026-01-10
    insight: fine
`

func validate(t *testing.T, name, content string, opts ValidateOptions) (*File, []Problem) {
	t.Helper()
	if opts.Today.IsZero() {
		opts.Today = testToday
	}
	f := Parse(filepath.Join("/ws/.agileflow/experts/x", name), []byte(content))
	return f, Validate(f, opts)
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		file    string // file name ("" is expertise.yaml)
		content string
		opts    ValidateOptions
		want    []wantProblem
	}{
		{name: "a complete file has no problems", content: complete},
		{
			name:    "missing fields are reported on the first key",
			content: "# heading\nlearnings:\n  - date: 2026-01-10\n    insight: x\n",
			want: []wantProblem{
				{2, CodeMissingField, `missing "domain": add domain:`, "learnings"},
				{2, CodeMissingField, `missing "version": add version: 1.0`, "learnings"},
				{2, CodeMissingField, `missing "last_updated": add last_updated: 2026-01-15`, "learnings"},
			},
		},
		{
			name:    "a field without a value",
			content: strings.Replace(complete, "version: 1.1", "version:", 1),
			want:    []wantProblem{{2, CodeMissingField, `"version" has no value: set version: 1.0`, "version"}},
		},
		{
			name:    "the shared core file has no domain and no learnings",
			file:    CoreFileName,
			content: "version: 1.0\nlast_updated: 2026-01-10\ncli_architecture:\n  source: x\n",
		},
		{
			name:    "an empty file",
			content: "",
			want: []wantProblem{
				{1, CodeMissingField, `"domain"`, ""},
				{1, CodeMissingField, `"version"`, ""},
				{1, CodeMissingField, `"last_updated"`, ""},
				{1, CodeNoLearnings, "no learnings: add a learnings: list", ""},
			},
		},
		{
			name:    "stale",
			content: strings.Replace(complete, "2026-01-10\nlearnings", "2025-12-01\nlearnings", 1),
			want:    []wantProblem{{3, CodeStale, "last updated 45 days ago (2025-12-01), over the 30-day limit: review this expertise against the code and bump last_updated", "2025-12-01"}},
		},
		{
			name:    "exactly StaleDays old is not stale",
			content: strings.Replace(complete, "2026-01-10\nlearnings", "2025-12-16\nlearnings", 1),
		},
		{
			name:    "StaleDays is a setting",
			content: complete,
			opts:    ValidateOptions{StaleDays: 3},
			want:    []wantProblem{{3, CodeStale, "5 days ago (2026-01-10), over the 3-day limit", "2026-01-10"}},
		},
		{
			name:    "in the future",
			content: strings.Replace(complete, "2026-01-10\nlearnings", "2026-02-01\nlearnings", 1),
			want:    []wantProblem{{3, CodeStale, "last_updated 2026-02-01 is in the future (today is 2026-01-15)", "2026-02-01"}},
		},
		{
			name:    "last_updated is not a date",
			content: strings.Replace(complete, "2026-01-10\nlearnings", "\"Jan 10, 2026\"\nlearnings", 1),
			want:    []wantProblem{{3, CodeSchema, `last_updated "Jan 10, 2026" is not a date in YYYY-MM-DD form`, `"Jan 10, 2026"`}},
		},
		{
			name:    "too long",
			content: complete + "# 7\n# 8\n",
			opts:    ValidateOptions{MaxLines: 7},
			want:    []wantProblem{{1, CodeTooLong, "expertise file has 8 lines, over the limit of 7", "domain"}},
		},
		{
			name:    "a final line break does not count as a line",
			content: complete + "# 7\n",
			opts:    ValidateOptions{MaxLines: 7},
		},
		{
			name:    "no learnings key",
			content: "domain: x\nversion: 1\nlast_updated: 2026-01-10\n",
			want:    []wantProblem{{1, CodeNoLearnings, "no learnings", "domain"}},
		},
		{
			name:    "empty learnings list",
			content: "domain: x\nversion: 1\nlast_updated: 2026-01-10\nlearnings: []  # none yet\n",
			want:    []wantProblem{{4, CodeNoLearnings, "learnings is empty: record what each task taught", "learnings: []"}},
		},
		{
			name:    "learnings without a value",
			content: "domain: x\nversion: 1\nlast_updated: 2026-01-10\nlearnings:\n",
			want:    []wantProblem{{4, CodeNoLearnings, "learnings is empty", "learnings:"}},
		},
		{
			name:    "learnings that is not a list is a schema problem only",
			content: "domain: x\nversion: 1\nlast_updated: 2026-01-10\nlearnings: none\n",
			want:    []wantProblem{{4, CodeSchema, "learnings must be a list of {date, insight} entries", "none"}},
		},
		{
			name: "learning dates and insights",
			content: complete + `  - just text
  - date: 12/01/2025
    insight: x
  - date: 2026-01-11
    context: "no insight"
  - title: titled
    date: 2026-01-12
    learning: counts as the insight
  - date: 2026-01-13
    insight:
`,
			want: []wantProblem{
				{7, CodeSchema, "learnings[1] must be a mapping with date and insight", "just text"},
				{8, CodeSchema, `learnings[2].date "12/01/2025" is not a date in YYYY-MM-DD form`, "12/01/2025"},
				{10, CodeSchema, "learnings[3] has no insight: add insight: <what was learned>", "date"},
				{15, CodeSchema, "learnings[5] has no insight", "date"},
			},
		},
		{
			name: "catalog names and env vars",
			content: complete + `integrations_catalog:
  payment:
    - name: Stripe
      env_vars: [STRIPE_API_KEY, stripeWebhookSecret, STRIPE__X, sk_test_4eC39HqLyjWDarjtT1zdp7dc]
  billing:
    - not an entry
    - name: stripe
      env_vars: [STRIPE_API_KEY, bad]
    - name: Paddle
`,
			want: []wantProblem{
				{10, CodeSchema, `env var "stripeWebhookSecret" in integrations_catalog.payment[0] is not UPPER_SNAKE_CASE (e.g. STRIPE_WEBHOOK_SECRET)`, "stripeWebhookSecret"},
				{10, CodeSchema, `env var "STRIPE__X" in integrations_catalog.payment[0] is not UPPER_SNAKE_CASE (e.g. STRIPE_X)`, "STRIPE__X"},
				{10, CodeSchema, `env var "sk_t…" in integrations_catalog.payment[0] is not UPPER_SNAKE_CASE`, "sk_test_4eC39HqLyjWDarjtT1zdp7dc"},
				{12, CodeSchema, "integrations_catalog.billing[0] must be a mapping", "not an entry"},
				{13, CodeSchema, `integration "stripe" is already in the catalog (payment, line 9): merge the two entries`, "stripe"},
				{14, CodeSchema, `env var "bad" in integrations_catalog.billing[1] is not UPPER_SNAKE_CASE (e.g. BAD)`, "bad"},
			},
		},
		{
			name:    "parse problems come first in position order",
			content: "domain: x\ndomain: y\nversion: 1\nlast_updated: 2026-01-10\nlearnings: [{date: 2026-01-01, insight: z}]\n",
			want:    []wantProblem{{2, CodeSchema, `duplicate key "domain"`, "domain"}},
		},
		{
			name:    "invalid YAML is judged no further",
			content: "domain: x\n\tversion: 1\n",
			want:    []wantProblem{{2, CodeSyntax, "invalid YAML", "\tversion: 1"}},
		},
		{
			name:    "a list is judged no further",
			content: "- domain: x\n",
			want:    []wantProblem{{1, CodeSchema, "must be a mapping", "- domain: x"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := tt.file
			if name == "" {
				name = "expertise.yaml"
			}
			f, got := validate(t, name, tt.content, tt.opts)
			checkProblems(t, f, got, tt.want)
		})
	}
}

func TestValidateDefaults(t *testing.T) {
	today := time.Now().Format("2006-01-02")
	content := strings.Replace(complete, "2026-01-10\nlearnings", today+"\nlearnings", 1) + strings.Repeat("# filler\n", 190)
	f := Parse("/ws/x/expertise.yaml", []byte(content))
	if got := Validate(f, ValidateOptions{}); len(got) != 0 {
		t.Errorf("a file updated today, under 200 lines: %+v", got)
	}
	f = Parse("/ws/x/expertise.yaml", []byte(content+strings.Repeat("# filler\n", 5)))
	if got := Validate(f, ValidateOptions{}); len(got) != 1 || got[0].Code != CodeTooLong || !strings.Contains(got[0].Message, "limit of 200") {
		t.Errorf("201 lines: %+v, want one expertise-too-long at the default 200", got)
	}
	old := strings.Replace(complete, "2026-01-10\nlearnings", time.Now().AddDate(0, 0, -31).Format("2006-01-02")+"\nlearnings", 1)
	f = Parse("/ws/x/expertise.yaml", []byte(old))
	if got := Validate(f, ValidateOptions{}); len(got) != 1 || got[0].Code != CodeStale || !strings.Contains(got[0].Message, "31 days ago") {
		t.Errorf("31 days old: %+v, want one expertise-stale at the default 30 days", got)
	}
}

func TestPathOf(t *testing.T) {
	tests := []struct {
		value, want string
		ok          bool
	}{
		{"src/integrations/", "src/integrations/", true},
		{"src/config/integrations.ts", "src/config/integrations.ts", true},
		{".env.example", ".env.example", true},
		{"./src/a.ts", "src/a.ts", true},
		{"/src/a.ts", "src/a.ts", true},
		{"src/a.ts:42", "src/a.ts", true},
		{"src/a.ts:42:7", "src/a.ts", true},
		{"README.md#setup", "README.md", true},
		{"src/**/*.ts", "src/**/*.ts", true},
		{"middleware chains", "", false},                // prose
		{"src/a.ts (lines 1-20)", "", false},            // prose around a path
		{"Stripe", "", false},                           // a word
		{"https://stripe.com/docs/webhooks", "", false}, // URL
		{"<ModelName>.model.ts", "", false},             // template
		{"{{dir}}/x.ts", "", false},                     // template
		{"$HOME/.npmrc", "", false},                     // variable
		{"~/.npmrc", "", false},                         // home
		{".", "", false},                                // the root itself
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := pathOf(tt.value)
		if got != tt.want || ok != tt.ok {
			t.Errorf("pathOf(%q) = %q, %v; want %q, %v", tt.value, got, ok, tt.want, tt.ok)
		}
	}
}

func TestValidateStalePaths(t *testing.T) {
	existing := map[string]bool{ // path -> is a folder
		"/ws/src/integrations":           true,
		"/ws/src/integrations/stripe.ts": false,
		"/ws/.env.example":               false,
		"/ws/src/config.ts":              false,
		"/ws/src/services/payment":       true,
	}
	stat := func(p string) (bool, bool) {
		isDir, ok := existing[filepath.ToSlash(p)]
		return ok, isDir
	}
	content := complete + `files:
  clients:
    - path: src/integrations/
      purpose: exists
    - path: src/gone/
      purpose: a folder that is gone
    - path: src/config.ts/
      purpose: a file named as a folder
    - path: .env.example
      purpose: exists
patterns:
  - name: prose
    location: "middleware chains"
  - name: url
    location: https://example.com/x.ts
  - name: missing file
    location: src/retry.ts:10
  - name: folder without slash
    location: src/services/payment
`
	content = strings.Replace(content, "    insight: fine\n", "    insight: fine\n    files_affected: [src/integrations/stripe.ts, src/old.ts]\n", 1)
	f, got := validate(t, "expertise.yaml", content, ValidateOptions{Root: "/ws", Stat: stat})
	checkProblems(t, f, got, []wantProblem{
		{7, CodeStalePath, `path "src/old.ts" does not exist in the workspace: update or remove this entry`, "src/old.ts"},
		{12, CodeStalePath, `path "src/gone/" does not exist`, "src/gone/"},
		{14, CodeStalePath, `"src/config.ts/" names a folder, but src/config.ts is a file: drop the trailing /`, "src/config.ts/"},
		{24, CodeStalePath, `path "src/retry.ts" does not exist`, "src/retry.ts:10"},
	})

	// Without a root, paths are not checked.
	if _, got := validate(t, "expertise.yaml", content, ValidateOptions{Stat: stat}); len(got) != 0 {
		t.Errorf("without Root: %+v", got)
	}
}

func TestValidateGlobPaths(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"docs/10-research/20260101-security-audit.md", "src/api/v1/users.ts", "node_modules/x/index.ts"} {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	content := complete + `files:
  research:
    - path: docs/10-research/*security*.md
    - path: docs/10-research/*privacy*.md
    - path: src/**/users.ts
    - path: src/**/orders.ts
    - path: "**/index.ts"
    - path: src/*/
`
	f, got := validate(t, "expertise.yaml", content, ValidateOptions{Root: root})
	checkProblems(t, f, got, []wantProblem{
		{10, CodeStalePath, `no file in the workspace matches "docs/10-research/*privacy*.md"`, "docs/10-research/*privacy*.md"},
		{12, CodeStalePath, `no file in the workspace matches "src/**/orders.ts"`, "src/**/orders.ts"},
		{13, CodeStalePath, `no file in the workspace matches "**/index.ts"`, `"**/index.ts"`}, // node_modules is not the workspace's
	})
}
