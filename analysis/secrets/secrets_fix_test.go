package secrets

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// runSecretsOn runs Secrets over one file of a workspace rooted at root,
// with fixes, and returns its findings.
func runSecretsOn(t testing.TB, root, name, src string) []analysis.Diagnostic {
	t.Helper()
	path := filepath.Join(root, name)
	f := analysis.NewFile(root, path, syntax.Detect(path), []byte(src), nil)
	var out []analysis.Diagnostic
	pass := analysis.NewPass(Secrets, f, analysis.NewIndex(root, nil), analysis.DefaultConfig(), analysis.AllFixes, func(d analysis.Diagnostic) { out = append(out, d) })
	Secrets.Run(pass)
	return out
}

// applyOwnEdits applies a fix's edits to the file it was found in.
func applyOwnEdits(t *testing.T, path, src string, fix analysis.SuggestedFix) string {
	t.Helper()
	var own []analysis.TextEdit
	for _, e := range fix.Edits {
		if e.Path == path {
			own = append(own, e)
		}
	}
	got, err := analysis.ApplyEdits([]byte(src), own)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return string(got)
}

// fakeKey is a random-looking value built at run time (no secret in the source).
var fakeKey = strings.Repeat("q8Zf3kLm9XwB2vTr", 2)

func TestSecretsFixEdits(t *testing.T) {
	tests := []struct {
		name, file, src, want string // want "" : no fix
	}{
		{"go block, sorted", "a.go",
			"package p\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nvar apiKey = \"@V@\"\n",
			"package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"strings\"\n)\n\nvar apiKey = os.Getenv(\"API_KEY\")\n"},
		{"go block with groups", "a.go",
			"package p\n\nimport (\n\t\"fmt\"\n\n\t\"github.com/x/y\"\n)\n\nfunc f() {\n\tapiKey := \"@V@\"\n}\n",
			"package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\n\t\"github.com/x/y\"\n)\n\nfunc f() {\n\tapiKey := os.Getenv(\"API_KEY\")\n}\n"},
		{"go os imported", "a.go",
			"package p\n\nimport (\n\t\"os\"\n)\n\nvar apiKey = \"@V@\"\n",
			"package p\n\nimport (\n\t\"os\"\n)\n\nvar apiKey = os.Getenv(\"API_KEY\")\n"},
		{"go single import", "a.go",
			"package p\n\nimport \"fmt\"\n\nconst apiKey = \"@V@\"\n",
			"package p\n\nimport \"fmt\"\nimport \"os\"\n\nvar apiKey = os.Getenv(\"API_KEY\")\n"},
		{"go no import", "a.go",
			"package p\n\nconst apiKey string = \"@V@\"\n",
			"package p\n\nimport \"os\"\n\nvar apiKey string = os.Getenv(\"API_KEY\")\n"},
		{"go const block: no fix", "a.go",
			"package p\n\nconst (\n\tapiKey = \"@V@\"\n)\n", ""},
		{"go raw string key block", "a.go",
			"package p\n\nimport \"os\"\n\nvar signingKey = `-----BEGIN EC PRIVATE KEY-----\n" + fakeKey + "\n" + fakeKey + "\n-----END EC PRIVATE KEY-----`\n",
			"package p\n\nimport \"os\"\n\nvar signingKey = os.Getenv(\"PRIVATE_KEY\")\n"},
		{"python docstring", "a.py",
			"\"\"\"Doc.\n\nMore.\n\"\"\"\nAPI_KEY = '@V@'\n",
			"\"\"\"Doc.\n\nMore.\n\"\"\"\nimport os\nAPI_KEY = os.environ[\"API_KEY\"]\n"},
		{"python future import", "a.py",
			"from __future__ import annotations\n\nAPI_KEY = r'@V@'\n",
			"from __future__ import annotations\nimport os\n\nAPI_KEY = os.environ[\"API_KEY\"]\n"},
		{"python os imported", "a.py",
			"import sys, os\nAPI_KEY = '@V@'\n",
			"import sys, os\nAPI_KEY = os.environ[\"API_KEY\"]\n"},
		{"python shebang", "a.py",
			"#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nAPI_KEY = '@V@'\n",
			"#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nimport os\nAPI_KEY = os.environ[\"API_KEY\"]\n"},
		{"python fallback", "a.py",
			"import os\nAPI_KEY = os.getenv('API_KEY', '@V@')\n",
			"import os\nAPI_KEY = os.getenv('API_KEY')\n"},
		{"ruby fallback block: no fix", "a.rb",
			"key = ENV.fetch(\"API_KEY\") { \"@V@\" }\n", ""},
		{"js template literal", "a.js",
			"const apiKey = `@V@`;\n", "const apiKey = process.env.API_KEY;\n"},
		{"token inside a larger string: no fix", "a.ts",
			"const auth = \"Bearer sk_live_@V@\";\n", ""},
		{"yaml: no fix", "a.yaml", "api_key: @V@\n", ""},
	}
	for _, tt := range tests {
		root := t.TempDir()
		src := strings.ReplaceAll(tt.src, "@V@", fakeKey)
		diags := runSecretsOn(t, root, tt.file, src)
		if len(diags) != 1 {
			t.Errorf("%s: %d findings, want 1: %+v", tt.name, len(diags), diags)
			continue
		}
		if tt.want == "" {
			if len(diags[0].Fixes) != 0 {
				t.Errorf("%s: fix %q offered, want none", tt.name, diags[0].Fixes[0].Title)
			}
			continue
		}
		if len(diags[0].Fixes) != 1 {
			t.Errorf("%s: %d fixes, want 1", tt.name, len(diags[0].Fixes))
			continue
		}
		if got := applyOwnEdits(t, filepath.Join(root, tt.file), src, diags[0].Fixes[0]); got != tt.want {
			t.Errorf("%s: fixed\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

func TestSecretsEnvExampleEdits(t *testing.T) {
	tests := []struct {
		name, example, want string // want: the edit's text, "" for none
	}{
		{"appends", "STRIPE_API_KEY=\n", "API_KEY=\n"},
		{"appends after a last line without newline, keeping none", "STRIPE_API_KEY=", "\nAPI_KEY="},
		{"already documented", "# keys\nexport API_KEY=\n", ""},
	}
	for _, tt := range tests {
		root := t.TempDir()
		example := filepath.Join(root, ".env.example")
		if err := os.WriteFile(example, []byte(tt.example), 0o644); err != nil {
			t.Fatal(err)
		}
		ix := analysis.NewIndex(root, nil)
		ix.Update(example, []byte(tt.example))
		f := analysis.NewFile(root, filepath.Join(root, "src", "client.ts"), syntax.TypeScript, nil, nil)
		edits := envExampleEdits(ix, f, "API_KEY")
		switch {
		case tt.want == "" && len(edits) != 0:
			t.Errorf("%s: edits %+v, want none", tt.name, edits)
		case tt.want != "" && (len(edits) != 1 || edits[0].Path != example || edits[0].NewText != tt.want ||
			edits[0].Range.Start.Offset != len(tt.example)):
			t.Errorf("%s: edits %+v, want %q appended to %s", tt.name, edits, tt.want, example)
		}
	}
}

// TestSecretsMalformedInput runs the analyzer over truncated and corrupted
// versions of every fixture: it must never panic.
func TestSecretsMalformedInput(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	noise := []byte("\"'`\\\n\r\x00{}=:#/*$\xc3")
	paths, _ := filepath.Glob("testdata/secrets/*/*")
	more, _ := filepath.Glob("testdata/secrets/*/.env*")
	paths = append(paths, more...)
	if len(paths) < 10 {
		t.Fatalf("found %d fixtures", len(paths))
	}
	root := t.TempDir()
	for _, p := range paths {
		content, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		name := filepath.Base(p)
		for cut := 0; cut < len(content); cut += 1 + len(content)/50 {
			runSecretsOn(t, root, name, string(content[:cut]))
		}
		for range 30 {
			b := []byte(string(content))
			for range 1 + r.Intn(8) {
				b[r.Intn(len(b))] = noise[r.Intn(len(noise))]
			}
			runSecretsOn(t, root, name, string(b))
		}
	}
}

// FuzzSecrets checks that no input makes the analyzer panic, and that every
// finding's range lies in the content and no message shows the value.
func FuzzSecrets(f *testing.F) {
	for _, seed := range []string{
		"const apiKey = \"q8Zf3kLm9XwB2vTrq8Zf3kLm9XwB2vTr\";\n",
		"k = os.getenv('API_KEY', 'q8Zf3kLm9XwB2vTrq8Zf3kLm9XwB2vTr')\n",
		"-----BEGIN RSA PRIVATE KEY-----\n" + strings.Repeat("q8Zf3kLm9XwB2vTr", 5) + "\n-----END RSA PRIVATE KEY-----",
		"- name: API_KEY\n  value: \"q8Zf3kLm9XwB2vTrq8Zf3kLm9XwB2vTr\"\n",
	} {
		for _, name := range []string{"a.ts", "a.py", "a.go", "a.rb", "a.yaml", ".env", "a.json"} {
			f.Add(name, seed)
		}
	}
	root := f.TempDir()
	f.Fuzz(func(t *testing.T, name, src string) {
		if strings.ContainsAny(name, "/\\\x00") || name == "" || name == "." || name == ".." {
			return
		}
		for _, d := range runSecretsOn(t, root, name, src) {
			if d.Range.Start.Offset < 0 || d.Range.End.Offset > len(src) || d.Range.Start.Offset >= d.Range.End.Offset {
				t.Fatalf("range %+v outside %d bytes", d.Range, len(src))
			}
			if value := src[d.Range.Start.Offset:d.Range.End.Offset]; len(value) >= 5 && strings.Contains(d.Message, value[:5]) {
				t.Fatalf("message %q shows %q", d.Message, value[:5])
			}
		}
	})
}
