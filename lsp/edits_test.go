package lsp

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

func TestWorkspaceEditForms(t *testing.T) {
	v := int32(3)
	edit := []protocol.TextEdit{{Range: protocol.Range{Start: protocol.Position{Line: 1, Character: 2}, End: protocol.Position{Line: 1, Character: 4}}, NewText: "x"}}
	insert := []protocol.TextEdit{{NewText: "A=\n"}}
	open := fileChange{path: "/w/a.ts", uri: "file:///w/a.ts", version: &v, edits: edit}
	disk := fileChange{path: "/w/e.yaml", uri: "file:///w/e.yaml", edits: edit}
	create := fileChange{path: "/w/.env.example", uri: "file:///w/.env.example", create: true, edits: insert}
	const (
		editJSON   = `[{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":4}},"newText":"x"}]`
		insertJSON = `[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"newText":"A=\n"}]`
	)
	tests := []struct {
		name    string
		caps    editCaps
		changes []fileChange
		want    string // JSON, or the start of the error
	}{
		{"versioned document changes", editCaps{documentChanges: true, createFiles: true}, []fileChange{open, disk, create},
			`{"documentChanges":[` +
				`{"textDocument":{"uri":"file:///w/a.ts","version":3},"edits":` + editJSON + `},` +
				`{"textDocument":{"uri":"file:///w/e.yaml","version":null},"edits":` + editJSON + `},` +
				`{"kind":"create","uri":"file:///w/.env.example"},` +
				`{"textDocument":{"uri":"file:///w/.env.example","version":null},"edits":` + insertJSON + `}]}`},
		{"plain changes", editCaps{}, []fileChange{open, disk},
			`{"changes":{"file:///w/a.ts":` + editJSON + `,"file:///w/e.yaml":` + editJSON + `}}`},
		{"plain changes cannot create", editCaps{}, []fileChange{open, create}, "error: /w/.env.example does not exist and the client cannot create files"},
		{"document changes without create", editCaps{documentChanges: true}, []fileChange{create}, "error: /w/.env.example does not exist and the client cannot create files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			we, err := tt.caps.workspaceEdit(tt.changes)
			got := ""
			if err != nil {
				got = "error: " + err.Error()
			} else {
				b, merr := protocol.Marshal(we)
				if merr != nil {
					t.Fatal(merr)
				}
				got = string(b)
			}
			if err != nil && !strings.HasPrefix(got, tt.want) || err == nil && !sameJSON(t, got, tt.want) {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// sameJSON reports whether two JSON texts hold the same value (objects'
// key order, which protocol.Marshal leaves to map iteration, aside).
func sameJSON(t *testing.T, a, b string) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal([]byte(a), &va); err != nil {
		t.Fatalf("%v: %s", err, a)
	}
	if err := json.Unmarshal([]byte(b), &vb); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return reflect.DeepEqual(va, vb)
}

// fixWorkspace is a workspace with an expertise file, as the index and the
// disk hold it, and an open TypeScript document.
type fixWorkspace struct {
	s      *Server
	ix     *analysis.Index
	doc    *snapshot
	expert string // path
	env    string // path of .env.example, which does not exist
}

const fixExpert = "domain: integrations\nlearnings: []\n"

// docText has "é" and an emoji before KEY on its second line.
const docText = "// pay\nconst note = \"café 😀\"; const k = \"KEY\";\n"

func newFixWorkspace(t *testing.T, enc positionEncoding) *fixWorkspace {
	t.Helper()
	root := t.TempDir()
	w := &fixWorkspace{s: newServer(Options{}), expert: filepath.Join(root, ".agileflow/experts/integrations/expertise.yaml"), env: filepath.Join(root, ".env.example")}
	w.s.setFolders([]string{root})
	w.s.enc = enc
	writeTestFile(t, w.expert, fixExpert)
	w.ix = checks.NewIndex(root, nil)
	w.ix.Update(w.expert, []byte(fixExpert))
	path := filepath.Join(root, "src/pay.ts")
	w.doc = &snapshot{uri: uri.File(path), path: path, lang: syntax.TypeScript, version: 7, lines: span.NewLines([]byte(docText))}
	return w
}

func writeTestFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFixChanges(t *testing.T) {
	keyAt := strings.Index(docText, "KEY")
	docLines := span.NewLines([]byte(docText))
	expertLines := span.NewLines([]byte(fixExpert))
	end := len(fixExpert)
	tests := []struct {
		name   string
		enc    positionEncoding
		setUp  func(t *testing.T, w *fixWorkspace)
		edits  func(w *fixWorkspace) []analysis.TextEdit
		want   func(w *fixWorkspace) []fileChange
		errHas string
	}{
		{"document in utf-16, at its version", encUTF16, nil,
			func(w *fixWorkspace) []analysis.TextEdit {
				return []analysis.TextEdit{{Path: w.doc.path, Range: docLines.Range(keyAt, keyAt+3), NewText: "process.env.KEY"}}
			},
			func(w *fixWorkspace) []fileChange {
				// Before KEY on line 1: 35 UTF-16 units (😀 is two), 38 bytes (é two, 😀 four).
				return []fileChange{{path: w.doc.path, uri: w.doc.uri, version: ptr[int32](7), edits: []protocol.TextEdit{{
					Range: protocol.Range{Start: protocol.Position{Line: 1, Character: 35}, End: protocol.Position{Line: 1, Character: 38}}, NewText: "process.env.KEY"}}}}
			}, ""},
		{"document in utf-8", encUTF8, nil,
			func(w *fixWorkspace) []analysis.TextEdit {
				return []analysis.TextEdit{{Path: w.doc.path, Range: docLines.Range(keyAt, keyAt+3), NewText: "x"}}
			},
			func(w *fixWorkspace) []fileChange {
				return []fileChange{{path: w.doc.path, uri: w.doc.uri, version: ptr[int32](7), edits: []protocol.TextEdit{{
					Range: protocol.Range{Start: protocol.Position{Line: 1, Character: 38}, End: protocol.Position{Line: 1, Character: 41}}, NewText: "x"}}}}
			}, ""},
		{"unopened expert, then a new env example", encUTF16, nil,
			func(w *fixWorkspace) []analysis.TextEdit {
				return []analysis.TextEdit{
					{Path: w.expert, Range: expertLines.Range(end, end), NewText: "version: 1\n"},
					{Path: w.env, NewText: "A=\n", Create: true},
					{Path: w.env, NewText: "B=\n", Create: true},
				}
			},
			func(w *fixWorkspace) []fileChange {
				return []fileChange{
					{path: w.expert, uri: uri.File(w.expert), edits: []protocol.TextEdit{{Range: protocol.Range{Start: protocol.Position{Line: 2}, End: protocol.Position{Line: 2}}, NewText: "version: 1\n"}}},
					{path: w.env, uri: uri.File(w.env), create: true, edits: []protocol.TextEdit{{NewText: "A=\n"}, {NewText: "B=\n"}}},
				}
			}, ""},
		{"open expert, at its version", encUTF16,
			func(t *testing.T, w *fixWorkspace) {
				w.s.docs.open("file://"+uri.URI(w.expert), w.expert, syntax.YAML, 4, []byte(fixExpert))
			},
			func(w *fixWorkspace) []analysis.TextEdit {
				return []analysis.TextEdit{{Path: w.expert, Range: expertLines.Range(end, end), NewText: "version: 1\n"}}
			},
			func(w *fixWorkspace) []fileChange {
				return []fileChange{{path: w.expert, uri: "file://" + uri.URI(w.expert), version: ptr[int32](4), edits: []protocol.TextEdit{{Range: protocol.Range{Start: protocol.Position{Line: 2}, End: protocol.Position{Line: 2}}, NewText: "version: 1\n"}}}}
			}, ""},
		{"open expert with unsaved edits", encUTF16,
			func(t *testing.T, w *fixWorkspace) {
				w.s.docs.open(uri.File(w.expert), w.expert, syntax.YAML, 4, []byte(fixExpert+"version: 2\n"))
			},
			func(w *fixWorkspace) []analysis.TextEdit {
				return []analysis.TextEdit{{Path: w.expert, Range: expertLines.Range(end, end), NewText: "version: 1\n"}}
			}, nil, "changed since expertise-ls read it"},
		{"expert changed on disk", encUTF16,
			func(t *testing.T, w *fixWorkspace) { writeTestFile(t, w.expert, "domain: other\n") },
			func(w *fixWorkspace) []analysis.TextEdit {
				return []analysis.TextEdit{{Path: w.expert, Range: expertLines.Range(end, end), NewText: "version: 1\n"}}
			}, nil, "changed since expertise-ls read it"},
		{"creating a file that exists", encUTF16,
			func(t *testing.T, w *fixWorkspace) { writeTestFile(t, w.env, "A=\n") },
			func(w *fixWorkspace) []analysis.TextEdit {
				return []analysis.TextEdit{{Path: w.env, NewText: "B=\n", Create: true}}
			}, nil, ".env.example exists now"},
		{"a file outside the workspace", encUTF16, nil,
			func(w *fixWorkspace) []analysis.TextEdit {
				return []analysis.TextEdit{{Path: filepath.Join(filepath.Dir(w.s.firstRoot()), ".env.example"), NewText: "A=\n", Create: true}}
			}, nil, "is outside the workspace"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newFixWorkspace(t, tt.enc)
			if tt.setUp != nil {
				tt.setUp(t, w)
			}
			got, err := w.s.fixChanges(w.ix, w.doc, tt.edits(w))
			if tt.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("error %v, want one saying %q", err, tt.errHas)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want(w)
			if len(got) != len(want) {
				t.Fatalf("%d changes, want %d: %+v", len(got), len(want), got)
			}
			for i := range want {
				g, w := got[i], want[i]
				if g.path != w.path || g.uri != w.uri || g.create != w.create || (g.version == nil) != (w.version == nil) ||
					g.version != nil && *g.version != *w.version || !equalEdits(g.edits, w.edits) {
					t.Errorf("change %d = %+v (version %v), want %+v (version %v)", i, g, deref(g.version), w, deref(w.version))
				}
			}
		})
	}
}

func equalEdits(a, b []protocol.TextEdit) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func deref(v *int32) any {
	if v == nil {
		return nil
	}
	return *v
}

func TestInWorkspace(t *testing.T) {
	base := t.TempDir()
	root, outside := filepath.Join(base, "ws"), filepath.Join(base, "elsewhere")
	writeTestFile(t, filepath.Join(root, "src/a.ts"), "")
	writeTestFile(t, filepath.Join(outside, "expertise.yaml"), "")
	if err := os.Symlink(filepath.Join(outside, "expertise.yaml"), filepath.Join(root, "linked.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "linkdir")); err != nil {
		t.Fatal(err)
	}
	s := newServer(Options{})
	s.setFolders([]string{root})
	tests := []struct {
		path string
		want bool
	}{
		{filepath.Join(root, "src/a.ts"), true},
		{filepath.Join(root, "src/new/b.ts"), true}, // does not exist yet
		{filepath.Join(root, ".env.example"), true},
		{filepath.Join(root, "src/../../elsewhere/x"), false},
		{filepath.Join(base, "ws2/a.ts"), false}, // shares the root's prefix
		{outside, false},
		{filepath.Join(root, "linked.yaml"), false},      // a link to a file outside
		{filepath.Join(root, "linkdir/new.yaml"), false}, // inside a linked directory outside
		{"src/a.ts", false},                              // not absolute
	}
	for _, tt := range tests {
		if got := s.inWorkspace(tt.path); got != tt.want {
			t.Errorf("inWorkspace(%s) = %v, want %v", tt.path, got, tt.want)
		}
	}
	s.setFolders(nil)
	if s.inWorkspace(filepath.Join(root, "src/a.ts")) {
		t.Error("without a workspace folder nothing is inside it")
	}
}

func TestReadEditCaps(t *testing.T) {
	yes := true
	full := protocol.ClientCapabilities{
		TextDocument: &protocol.TextDocumentClientCapabilities{CodeAction: &protocol.CodeActionClientCapabilities{
			ResolveSupport: protocol.ClientCodeActionResolveOptions{Properties: []string{"command", "edit"}}}},
		Workspace: &protocol.WorkspaceClientCapabilities{ApplyEdit: &yes, WorkspaceEdit: &protocol.WorkspaceEditClientCapabilities{
			DocumentChanges: &yes, ResourceOperations: []protocol.ResourceOperationKind{protocol.ResourceOperationKindCreate, protocol.ResourceOperationKindRename}}},
		Window: &protocol.WindowClientCapabilities{ShowDocument: &protocol.ShowDocumentClientCapabilities{Support: true}},
	}
	noCreate := protocol.ClientCapabilities{Workspace: &protocol.WorkspaceClientCapabilities{WorkspaceEdit: &protocol.WorkspaceEditClientCapabilities{
		DocumentChanges: &yes, ResourceOperations: []protocol.ResourceOperationKind{protocol.ResourceOperationKindDelete}}}}
	createWithoutDocumentChanges := protocol.ClientCapabilities{Workspace: &protocol.WorkspaceClientCapabilities{WorkspaceEdit: &protocol.WorkspaceEditClientCapabilities{
		ResourceOperations: []protocol.ResourceOperationKind{protocol.ResourceOperationKindCreate}}}}
	tests := []struct {
		name string
		caps protocol.ClientCapabilities
		want editCaps
	}{
		{"nothing", protocol.ClientCapabilities{}, editCaps{}},
		{"everything", full, editCaps{applyEdit: true, documentChanges: true, createFiles: true, resolveEdit: true, showDocument: true}},
		{"document changes without create", noCreate, editCaps{documentChanges: true}},
		{"create without document changes", createWithoutDocumentChanges, editCaps{}},
	}
	for _, tt := range tests {
		if got := readEditCaps(tt.caps); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestToChangesRefusesMixedCreation(t *testing.T) {
	w := newFixWorkspace(t, encUTF16)
	_, err := w.s.fixChanges(w.ix, w.doc, []analysis.TextEdit{{Path: w.env, NewText: "A=\n", Create: true}, {Path: w.env, NewText: "B=\n"}})
	if err == nil || errors.Is(err, errStale) || !strings.Contains(err.Error(), "some edits create the file") {
		t.Errorf("error %v, want a refusal of edits that both create and change a file", err)
	}
}
