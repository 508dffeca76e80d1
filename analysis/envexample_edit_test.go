package analysis

import (
	"path/filepath"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/envdoc"
)

func TestEnvDocTargetDocumentEdit(t *testing.T) {
	tests := []struct {
		name, content, want string // want "" : no edit
		line, col           int    // where KEY lands
	}{
		{"empty", "", "KEY=\n", 0, 0},
		{"final line break", "A=1\n", "A=1\nKEY=\n", 1, 4},
		{"no final line break", "A=1", "A=1\nKEY=", 1, 4},
		{"CRLF", "A=1\r\nB=\r\n", "A=1\r\nB=\r\nKEY=\r\n", 2, 9},
		{"CRLF without final line break", "A=1\r\nB=", "A=1\r\nB=\r\nKEY=", 2, 9},
		{"documented already", "# keys\nexport KEY=x\n", "", 0, 0},
	}
	for _, tt := range tests {
		e := envdoc.ParseEnvExample("/w/.env.example", []byte(tt.content))
		edit, at, ok := EnvDocTarget{Path: e.Path, Example: e}.DocumentEdit("KEY")
		if !ok {
			if tt.want != "" {
				t.Errorf("%s: no edit, want %q", tt.name, tt.want)
			}
			continue
		}
		got, err := ApplyEdits(e.Content, []TextEdit{edit})
		if err != nil || string(got) != tt.want || edit.Path != e.Path {
			t.Errorf("%s: %q (%v), want %q", tt.name, got, err, tt.want)
			continue
		}
		if at.Range.Start.Line != tt.line || at.Range.Start.Offset != tt.col || string(got[at.Range.Start.Offset:at.Range.End.Offset]) != "KEY" {
			t.Errorf("%s: name at %+v, want line %d offset %d", tt.name, at.Range, tt.line, tt.col)
		}
	}
	edit, at, ok := EnvDocTarget{Path: "/w/.env.example"}.DocumentEdit("KEY")
	if !ok || !edit.Create || edit.NewText != "KEY=\n" || at.Range.End.Offset != 3 {
		t.Errorf("creating: %+v at %+v", edit, at)
	}
}

func TestEnvDocTargetForPicksTheNearestFile(t *testing.T) {
	root := filepath.FromSlash("/w")
	rootEx := &envdoc.EnvExample{Path: filepath.FromSlash("/w/.env.example")}
	apiEx := &envdoc.EnvExample{Path: filepath.FromSlash("/w/services/api/.env.sample")}
	outside := &envdoc.EnvExample{Path: filepath.FromSlash("/elsewhere/.env.example")}
	examples := []*envdoc.EnvExample{rootEx, apiEx, outside}
	tests := []struct{ dir, want string }{
		{"/w/services/api/src", apiEx.Path},
		{"/w/services/web", rootEx.Path},
		{"/w", rootEx.Path},
	}
	for _, tt := range tests {
		if got := EnvDocTargetFor(root, filepath.FromSlash(tt.dir), examples); got.Path != tt.want || got.Example == nil {
			t.Errorf("EnvDocTargetFor(%s) = %+v, want %s", tt.dir, got, tt.want)
		}
	}
	if got := EnvDocTargetFor(root, root, []*envdoc.EnvExample{outside}); got.Example != nil || got.Path != filepath.Join(root, ".env.example") {
		t.Errorf("no example inside the root: %+v, want a new root .env.example", got)
	}
}
