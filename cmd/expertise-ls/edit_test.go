package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/expertise-ls/expertise-ls/expertise"
)

const (
	integrationsRel = ".agileflow/experts/integrations/expertise.yaml"
	databaseRel     = ".agileflow/experts/database/expertise.yaml"
)

const integrationsYAML = `domain: integrations
version: 1.1
last_updated: 2025-12-16
integrations_catalog:
  payment:
    - name: Stripe
      env_vars: [STRIPE_API_KEY]
learnings:
  - date: 2025-12-16
    insight: "Stripe webhooks need express.raw() before JSON parsing"
`

const databaseYAML = "domain: database\nversion: 1.0\nlast_updated: 2025-11-01\nlearnings: []\n"

// runEdit pins the clock to 2026-01-15, runs a command line from dir and
// returns its exit code and output.
func runEdit(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	old := editClock
	editClock = func() time.Time { return time.Date(2026, 1, 15, 23, 59, 0, 0, time.Local) }
	t.Cleanup(func() { editClock = old })
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// readExpert parses a workspace file as it is on disk.
func readExpert(t *testing.T, root, rel string) *expertise.File {
	t.Helper()
	path := filepath.Join(root, filepath.FromSlash(rel))
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return expertise.Parse(path, content)
}

func TestLearn(t *testing.T) {
	root := writeWorkspace(t, map[string]string{integrationsRel: integrationsYAML, databaseRel: databaseYAML, "src/app/x.ts": ""})
	code, stdout, stderr := runEdit(t, filepath.Join(root, "src/app"), "learn",
		"--insight", "Retry 429s with jitter: see #42", "--context", "US-0200", "--files", "src/lib/http.ts, src/a.ts,")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	f := readExpert(t, root, integrationsRel)
	l := f.Learnings[len(f.Learnings)-1]
	if len(f.Learnings) != 2 || l.Insight.Value != "Retry 429s with jitter: see #42" || l.Context.Value != "US-0200" ||
		l.Date.Value != "2026-01-15" || len(l.FilesAffected) != 2 || l.FilesAffected[1].Value != "src/a.ts" || f.LastUpdated.Value != "2026-01-15" {
		t.Errorf("learning reads back as %+v (last_updated %q)", l, f.LastUpdated.Value)
	}
	want := "updated ../../" + integrationsRel + "\n" +
		"    3 ~ last_updated: 2026-01-15\n" +
		"   11 +   - date: 2026-01-15\n" +
		"   12 +     insight: \"Retry 429s with jitter: see #42\"\n" +
		"   13 +     files_affected: [src/lib/http.ts, src/a.ts]\n" +
		"   14 +     context: US-0200\n"
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	if db := readExpert(t, root, databaseRel); string(db.Content) != databaseYAML {
		t.Errorf("the database expert changed too:\n%s", db.Content)
	}
}

func TestCatalogAdd(t *testing.T) {
	root := writeWorkspace(t, map[string]string{integrationsRel: integrationsYAML})
	steps := []struct {
		args []string
		out  string
	}{
		{[]string{"--category", "email", "--name", "SendGrid", "--env", "SENDGRID_API_KEY", "--webhooks", "delivered,bounce"},
			"updated " + integrationsRel + "\n" +
				"    3 ~ last_updated: 2026-01-15\n" +
				"    8 +   email:\n" +
				"    9 +     - name: SendGrid\n" +
				"   10 +       env_vars: [SENDGRID_API_KEY]\n" +
				"   11 +       webhooks: [delivered, bounce]\n"},
		{[]string{"--category", "payment", "--name", "stripe", "--env", "STRIPE_API_KEY,STRIPE_WEBHOOK_SECRET"},
			"updated " + integrationsRel + "\n" +
				"    7 ~       env_vars: [STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET]\n"},
		{[]string{"--category", "payment", "--name", "Stripe", "--env", "STRIPE_API_KEY"},
			integrationsRel + ": nothing to change\n"},
	}
	for _, s := range steps {
		code, stdout, stderr := runEdit(t, root, append([]string{"catalog", "add"}, s.args...)...)
		if code != exitOK || stderr != "" || stdout != s.out {
			t.Errorf("catalog add %q: exit %d, stderr %q, stdout:\n%s\nwant:\n%s", s.args, code, stderr, stdout, s.out)
		}
	}
	f := readExpert(t, root, integrationsRel)
	if len(f.Catalog) != 2 || len(f.Catalog[0].Entries[0].EnvVars) != 2 || f.Catalog[1].Entries[0].Name.Value != "SendGrid" {
		t.Errorf("catalog reads back as %+v", f.Catalog)
	}
}

func TestTouch(t *testing.T) {
	root := writeWorkspace(t, map[string]string{integrationsRel: integrationsYAML, databaseRel: databaseYAML})
	code, stdout, stderr := runEdit(t, root, "touch", "--expert", "Database")
	if code != exitOK || stderr != "" || stdout != "updated "+databaseRel+"\n    3 ~ last_updated: 2026-01-15\n" {
		t.Fatalf("exit %d, stderr %q, stdout %q", code, stderr, stdout)
	}
	if f := readExpert(t, root, integrationsRel); string(f.Content) != integrationsYAML {
		t.Errorf("touch --expert database changed the integrations expert")
	}
}

// TestExpertChoice checks which expert a command writes without --expert.
func TestExpertChoice(t *testing.T) {
	const plain = "domain: %s\nversion: 1.0\nlast_updated: 2025-01-01\n"
	const withCatalog = "domain: payments\nintegrations_catalog:\n  payment:\n    - name: Stripe\n"
	tests := []struct {
		name    string
		experts map[string]string // domain folder -> content
		args    []string
		want    string // the folder written, or "" for exit 2 naming every domain
	}{
		{"integrations first", map[string]string{"integrations": integrationsYAML, "database": databaseYAML}, []string{"learn", "--insight", "x"}, "integrations"},
		{"else the catalog", map[string]string{"pay": withCatalog, "database": databaseYAML}, []string{"catalog", "add", "--category", "c", "--name", "n"}, "pay"},
		{"else the only one", map[string]string{"database": databaseYAML}, []string{"learn", "--insight", "x"}, "database"},
		{"ambiguous", map[string]string{"database": databaseYAML, "ui": strings.Replace(plain, "%s", "ui", 1)}, []string{"learn", "--insight", "x"}, ""},
		{"touch needs --expert", map[string]string{"integrations": integrationsYAML, "database": databaseYAML}, []string{"touch"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for dir, content := range tt.experts {
				files[".agileflow/experts/"+dir+"/expertise.yaml"] = content
			}
			root := writeWorkspace(t, files)
			code, stdout, stderr := runEdit(t, root, tt.args...)
			if tt.want == "" {
				if code != exitUsage || !strings.Contains(stderr, "pass --expert") || stdout != "" {
					t.Errorf("exit %d, stderr %q, stdout %q; want exit 2 asking for --expert", code, stderr, stdout)
				}
				for dir := range tt.experts {
					if domain := readExpert(t, root, ".agileflow/experts/"+dir+"/expertise.yaml").Domain.Value; !strings.Contains(stderr, domain) {
						t.Errorf("stderr %q does not list domain %q", stderr, domain)
					}
				}
				return
			}
			if code != exitOK || !strings.HasPrefix(stdout, "updated .agileflow/experts/"+tt.want+"/") {
				t.Errorf("exit %d, stdout %q, stderr %q; want %s written", code, stdout, stderr, tt.want)
			}
		})
	}
}

func TestEditUsageErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		want  string // in stderr
	}{
		{"learn without insight", nil, []string{"learn", "--context", "x"}, "--insight is required"},
		{"learn unknown flag", nil, []string{"learn", "--insight", "x", "--bogus"}, "flag provided but not defined: -bogus"},
		{"learn extra argument", nil, []string{"learn", "--insight", "x", "more"}, `unexpected argument "more"`},
		{"catalog without add", nil, []string{"catalog", "--name", "x"}, "want the subcommand add"},
		{"catalog add without name", nil, []string{"catalog", "add", "--category", "payment"}, "--category and --name are required"},
		{"unknown expert", nil, []string{"touch", "--expert", "nope"}, `no expert with domain "nope"; the experts are: database, integrations`},
		{"learn files outside the workspace", nil, []string{"learn", "--insight", "x", "--files", "src/a.ts,../outside.ts"}, `--files "../outside.ts" is outside the workspace`},
		{"learn absolute files outside the workspace", nil, []string{"learn", "--insight", "x", "--files", "/etc/passwd"}, `--files "/etc/passwd" is outside the workspace`},
		{"no experts", map[string]string{"README.md": "hi"}, []string{"learn", "--insight", "x"}, "no expertise files under"},
		{"invalid YAML", map[string]string{integrationsRel: "domain: integrations\nlearnings: [\n"}, []string{"learn", "--insight", "x"},
			integrationsRel + ":2:1: invalid YAML"},
		{"wrong shape", map[string]string{integrationsRel: "domain: integrations\nlearnings:\n  a: b\n"}, []string{"learn", "--insight", "x"},
			integrationsRel + ":3:3: learnings is a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := tt.files
			if files == nil {
				files = map[string]string{integrationsRel: integrationsYAML, databaseRel: databaseYAML}
			}
			root := writeWorkspace(t, files)
			code, stdout, stderr := runEdit(t, root, tt.args...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 with %q", code, stdout, stderr, tt.want)
			}
			for rel, content := range files {
				if got, _ := os.ReadFile(filepath.Join(root, rel)); string(got) != content {
					t.Errorf("%s changed:\n%s", rel, got)
				}
			}
		})
	}
}

func TestEditHelp(t *testing.T) {
	root := writeWorkspace(t, map[string]string{integrationsRel: integrationsYAML})
	for _, args := range [][]string{{"learn", "-h"}, {"catalog", "-h"}, {"catalog", "add", "-h"}, {"touch", "--help"}} {
		code, stdout, stderr := runEdit(t, root, args...)
		if code != exitOK || stdout != "" || !strings.Contains(stderr, "usage: expertise-ls "+args[0]) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want the usage on stderr and exit 0", args, code, stdout, stderr)
		}
	}
}

func TestLearnKeepsMissingFinalNewline(t *testing.T) {
	const noEOL = "domain: database\nversion: 1.0\nlast_updated: 2026-01-15\nlearnings:\n  - date: 2025-01-01\n    insight: old"
	root := writeWorkspace(t, map[string]string{databaseRel: noEOL})
	code, stdout, stderr := runEdit(t, root, "learn", "--insight", "new")
	want := "updated " + databaseRel + "\n    7 +   - date: 2026-01-15\n    8 +     insight: new\n"
	if code != exitOK || stderr != "" || stdout != want {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, stderr, stdout, want)
	}
	if got := string(readExpert(t, root, databaseRel).Content); got != noEOL+"\n  - date: 2026-01-15\n    insight: new" {
		t.Errorf("file is now %q", got)
	}
}
