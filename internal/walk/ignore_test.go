package walk

import (
	"os"
	"path/filepath"
	"testing"
)

// writeFiles creates files (slash paths relative to dir) with their contents.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type query struct {
	rel   string
	isDir bool
	want  bool
}

func TestIgnored(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		exclude []string
		queries []query
	}{
		{
			name:  "comments, blanks and basename patterns at any depth",
			files: map[string]string{".gitignore": "# build output\n\n*.log\ndist\n"},
			queries: []query{
				{"a.log", false, true},
				{"src/deep/a.log", false, true},
				{"a.logx", false, false},
				{"dist", true, true},
				{"pkg/dist", true, true},
				{"pkg/dist/x.js", false, true}, // inside an ignored directory
				{"# build output", false, false},
			},
		},
		{
			name:  "negation re-includes, last match wins",
			files: map[string]string{".gitignore": "*.env\n!example.env\nsecret*.txt\n!secret-ok.txt\nsecret-ok.txt\n"},
			queries: []query{
				{"prod.env", false, true},
				{"example.env", false, false},
				{"cfg/example.env", false, false},
				{"secret-1.txt", false, true},
				{"secret-ok.txt", false, true},
			},
		},
		{
			name:  "a file in an ignored directory cannot be re-included",
			files: map[string]string{".gitignore": "build/\n!build/keep.txt\n"},
			queries: []query{
				{"build", true, true},
				{"build/keep.txt", false, true},
			},
		},
		{
			name:  "ignoring the contents keeps the directory, so negation works",
			files: map[string]string{".gitignore": "/out/*\n!/out/keep.txt\n"},
			queries: []query{
				{"out", true, false},
				{"out/x.txt", false, true},
				{"out/keep.txt", false, false},
			},
		},
		{
			name:  "leading slash anchors, middle slash anchors",
			files: map[string]string{".gitignore": "/root.txt\ndoc/frotz\n"},
			queries: []query{
				{"root.txt", false, true},
				{"sub/root.txt", false, false},
				{"doc/frotz", true, true},
				{"a/doc/frotz", true, false},
			},
		},
		{
			name:  "trailing slash matches directories only",
			files: map[string]string{".gitignore": "cache/\n"},
			queries: []query{
				{"cache", true, true},
				{"cache", false, false},
				{"a/cache", true, true},
			},
		},
		{
			name:  "double stars",
			files: map[string]string{".gitignore": "**/logs\n/a/**/b\ngen/**\n"},
			queries: []query{
				{"logs", true, true},
				{"x/y/logs", true, true},
				{"a/b", true, true},
				{"a/x/y/b", false, true},
				{"z/a/b", false, false},
				{"gen", true, false},
				{"gen/x/y.go", false, true},
			},
		},
		{
			name:  "character classes and question marks",
			files: map[string]string{".gitignore": "file[0-9].txt\n?.tmp\n[!a]*.bak\n"},
			queries: []query{
				{"file3.txt", false, true},
				{"filex.txt", false, false},
				{"x.tmp", false, true},
				{"xy.tmp", false, false},
				{"b.bak", false, true},
				{"a.bak", false, false},
			},
		},
		{
			name:  "escapes and trailing spaces",
			files: map[string]string{".gitignore": "\\#notes\n\\!bang\nspaced   \nkept\\ \n"},
			queries: []query{
				{"#notes", false, true},
				{"!bang", false, true},
				{"spaced", false, true},
				{"kept ", false, true},
				{"kept", false, false},
			},
		},
		{
			name: "nested .gitignore is relative to its directory and overrides the root",
			files: map[string]string{
				".gitignore":     "*.gen.ts\n",
				"pkg/.gitignore": "/local\n!keep.gen.ts\n",
			},
			queries: []query{
				{"pkg/local", true, true},
				{"local", true, false},
				{"pkg/sub/local", true, false},
				{"pkg/keep.gen.ts", false, false},
				{"keep.gen.ts", false, true},
				{"pkg/other.gen.ts", false, true},
			},
		},
		{
			name:  ".git/info/exclude, overridden by .gitignore",
			files: map[string]string{".git/info/exclude": "*.swp\nlocal.txt\n", ".gitignore": "!local.txt\n"},
			queries: []query{
				{"a.swp", false, true},
				{"local.txt", false, false},
			},
		},
		{
			name:    "always skipped directories and Exclude globs",
			files:   map[string]string{".gitignore": "!node_modules\n"},
			exclude: []string{"fixtures/**", "**/*.min.js"},
			queries: []query{
				{"node_modules", true, true},
				{"web/node_modules/x/index.js", false, true},
				{"vendor", true, true},
				{".git", true, true},
				{".git/config", false, true},
				{"fixtures/a/b.ts", false, true},
				{"web/app.min.js", false, true},
				{"web/app.js", false, false},
				{"vendor.go", false, false},
			},
		},
		{
			name:  "CRLF line ends and a BOM",
			files: map[string]string{".gitignore": "\ufefftmp\r\n*.o\r\n"},
			queries: []query{
				{"tmp", true, true},
				{"x/y.o", false, true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
				t.Fatal(err)
			}
			writeFiles(t, dir, tt.files)
			ig := NewIgnorer(dir, tt.exclude...)
			for _, q := range tt.queries {
				if got := ig.Ignored(q.rel, q.isDir); got != q.want {
					t.Errorf("Ignored(%q, dir=%v) = %v, want %v", q.rel, q.isDir, got, q.want)
				}
			}
		})
	}
}

func TestIgnoredBelowRepositoryTop(t *testing.T) {
	top := t.TempDir()
	writeFiles(t, top, map[string]string{
		".git/info/exclude":  "*.bak\n",
		".gitignore":         "*.log\n/ws/generated/\n",
		"ws/.gitignore":      "/tmp\n",
		"ws/src/app.ts":      "",
		"other/.gitignore":   "*.ts\n",
		"ws/generated/x.txt": "",
	})
	ig := NewIgnorer(filepath.Join(top, "ws"))
	for _, q := range []query{
		{"a.log", false, true},          // the repository's .gitignore applies
		{"a.bak", false, true},          // and its info/exclude
		{"generated", true, true},       // anchored at the repository's top
		{"tmp", true, true},             // the workspace's own .gitignore
		{"src/app.ts", false, false},    // a sibling directory's .gitignore does not
		{"../other/x.ts", false, false}, // outside the workspace: never ignored
	} {
		if got := ig.Ignored(q.rel, q.isDir); got != q.want {
			t.Errorf("Ignored(%q, dir=%v) = %v, want %v", q.rel, q.isDir, got, q.want)
		}
	}
}

func TestIgnoredFollowsGitdirFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"modules/sub/info/exclude": "secret.txt\n",
		"ws/.git":                  "gitdir: ../modules/sub\n",
	})
	ig := NewIgnorer(filepath.Join(dir, "ws"))
	if !ig.Ignored("secret.txt", false) {
		t.Error("secret.txt listed in the submodule's info/exclude is not ignored")
	}
	if !ig.Ignored(".git", false) {
		t.Error("the .git file itself is not ignored")
	}
}
