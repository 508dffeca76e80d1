package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/webhooks"
	"github.com/expertise-ls/expertise-ls/expertise"
)

// Hover on code (analysis.Explain), and navigation in expertise files: textDocument/documentSymbol outlines an
// expertise file (sections, catalog categories and integrations, files
// entries, patterns, learnings); textDocument/definition follows a path
// value (files[].path, patterns[].location, learnings[].files_affected) to
// the file, to a ":line" it names, or to the files of a folder or glob.

// maxTargets bounds the locations a folder or glob definition lists.
const maxTargets = 50

// expertiseDoc returns the expertise file at u as the editor holds it (the
// open buffer, else the file on disk) and the workspace root its paths are
// relative to; false when u is not an expertise file.
func (s *Server) expertiseDoc(u uri.URI) (*expertise.File, string, bool) {
	path, root, ok := s.expertiseRoot(u)
	if !ok {
		return nil, "", false
	}
	var err error
	content, _, open := s.docs.bufferOf(path)
	if !open {
		if content, err = os.ReadFile(path); err != nil {
			return nil, "", false
		}
	}
	return expertise.Parse(path, content), root, true
}

// expertiseRoot returns the path of u and the root of its workspace when u
// is an expertise file.
func (s *Server) expertiseRoot(u uri.URI) (path, root string, ok bool) {
	path, ok = documentPath(u)
	if !ok {
		return "", "", false
	}
	root = s.folderOf(path).root
	if root == "" {
		root = expertise.FindRoot(filepath.Dir(path))
	}
	rel, err := filepath.Rel(root, path)
	if err != nil || !expertise.IsExpertisePath(filepath.ToSlash(rel), s.settings().Expertise.Paths) {
		return "", "", false
	}
	return path, root, true
}

// DocumentSymbol outlines an expertise file; other files have no symbols
// from this server.
func (s *Server) DocumentSymbol(_ context.Context, params *protocol.DocumentSymbolParams) (protocol.DocumentSymbolResult, error) {
	f, _, ok := s.expertiseDoc(params.TextDocument.URI)
	if !ok {
		return protocol.DocumentSymbolSlice{}, nil
	}
	return protocol.DocumentSymbolSlice(s.enc.symbols(expertise.Outline(f))), nil
}

var symbolKinds = map[expertise.SymbolKind]protocol.SymbolKind{
	expertise.SymbolSection:     protocol.SymbolKindNamespace,
	expertise.SymbolCategory:    protocol.SymbolKindPackage,
	expertise.SymbolIntegration: protocol.SymbolKindModule,
	expertise.SymbolFileEntry:   protocol.SymbolKindFile,
	expertise.SymbolPattern:     protocol.SymbolKindClass,
	expertise.SymbolLearning:    protocol.SymbolKindEvent,
	expertise.SymbolEnvVar:      protocol.SymbolKindVariable,
}

func (e positionEncoding) symbols(in []expertise.Symbol) []protocol.DocumentSymbol {
	out := make([]protocol.DocumentSymbol, 0, len(in))
	for _, s := range in {
		d := protocol.DocumentSymbol{
			Name:           s.Name,
			Kind:           symbolKinds[s.Kind],
			Range:          e.rangeOf(s.Range),
			SelectionRange: e.rangeOf(s.Select),
			Children:       e.symbols(s.Children),
		}
		if s.Name == "" {
			d.Name = "(unnamed)" // LSP forbids empty names
		}
		if s.Detail != "" {
			d.Detail = ptr(s.Detail)
		}
		out = append(out, d)
	}
	return out
}

// Definition follows, in an expertise file, the path value under the
// cursor (to the file, its :line, or a folder's or glob's files) or a
// catalog env var (to its reads in code and its env example lines); in
// code, an env var read to where it is documented.
func (s *Server) Definition(_ context.Context, params *protocol.DefinitionParams) (protocol.DefinitionResult, error) {
	u := params.TextDocument.URI
	if f, root, ok := s.expertiseDoc(u); ok {
		offset := s.enc.offset(f.Lines, params.Position)
		if name, ok := catalogEnvVarAt(f, offset); ok {
			ix, _ := s.indexOf(f.Path)
			if ix == nil {
				return protocol.LocationSlice{}, nil
			}
			docs, reads := analysis.EnvVarPlaces(ix, name)
			return s.locations(append(reads, withoutCatalog(docs, f.Path)...)), nil
		}
		return s.pathDefinition(f, root, offset), nil
	}
	snap, ok := s.docs.snapshot(u)
	if !ok {
		return protocol.LocationSlice{}, nil
	}
	defer snap.release()
	ix, _ := s.indexOf(snap.path)
	if ix == nil {
		return protocol.LocationSlice{}, nil
	}
	f := s.file(snap)
	defer f.Release()
	name, ok := analysis.EnvReadAt(f, s.enc.offset(snap.lines, params.Position))
	if !ok {
		return protocol.LocationSlice{}, nil
	}
	docs, _ := analysis.EnvVarPlaces(ix, name)
	return s.locations(docs), nil
}

// References lists, on a catalog env var in an expertise file or an env
// var read in code, every read of the variable and where it is documented.
func (s *Server) References(_ context.Context, params *protocol.ReferenceParams) ([]protocol.Location, error) {
	u := params.TextDocument.URI
	var name string
	var ix *analysis.Index
	if f, _, ok := s.expertiseDoc(u); ok {
		name, ok = catalogEnvVarAt(f, s.enc.offset(f.Lines, params.Position))
		if !ok {
			return []protocol.Location{}, nil
		}
		ix, _ = s.indexOf(f.Path)
	} else if snap, ok := s.docs.snapshot(u); ok {
		f := s.file(snap)
		name, ok = analysis.EnvReadAt(f, s.enc.offset(snap.lines, params.Position))
		f.Release()
		snap.release()
		if !ok {
			return []protocol.Location{}, nil
		}
		ix, _ = s.indexOf(snap.path)
	}
	if ix == nil {
		return []protocol.Location{}, nil
	}
	docs, reads := analysis.EnvVarPlaces(ix, name)
	return s.locations(append(reads, docs...)), nil
}

// withoutCatalog drops the places in the expertise file itself: from a
// catalog env var, its own entry is no destination.
func withoutCatalog(places []analysis.Place, path string) []analysis.Place {
	out := places[:0:0]
	for _, p := range places {
		if p.Path != path {
			out = append(out, p)
		}
	}
	return out
}

// catalogEnvVarAt returns the catalog env_vars value at offset.
func catalogEnvVarAt(f *expertise.File, offset int) (string, bool) {
	for _, cat := range f.Catalog {
		for _, e := range cat.Entries {
			for _, v := range e.EnvVars {
				if v.Value != "" && (v.Range.Contains(offset) || v.Range.End.Offset == offset) {
					return v.Value, true
				}
			}
		}
	}
	return "", false
}

func (s *Server) locations(places []analysis.Place) protocol.LocationSlice {
	out := make(protocol.LocationSlice, 0, len(places))
	for _, p := range places {
		out = append(out, protocol.Location{URI: uri.File(p.Path), Range: s.enc.rangeOf(p.Range)})
	}
	return out
}

// pathDefinition follows a path value of an expertise file.
func (s *Server) pathDefinition(f *expertise.File, root string, offset int) protocol.LocationSlice {
	ref, ok := expertise.PathAt(f, offset)
	if !ok {
		return protocol.LocationSlice{}
	}
	out := protocol.LocationSlice{}
	for _, p := range expertise.Targets(root, ref, maxTargets) {
		at := protocol.Range{}
		if ref.Line > 0 {
			at.Start.Line, at.End.Line = toUint32(ref.Line-1), toUint32(ref.Line-1)
		}
		out = append(out, protocol.Location{URI: uri.File(p), Range: at})
	}
	return out
}

// Symbols answers workspace/symbol with the catalog entries of every
// folder's experts whose name contains the query (case-insensitively).
func (s *Server) Symbols(_ context.Context, params *protocol.WorkspaceSymbolParams) (protocol.WorkspaceSymbolResult, error) {
	query := strings.ToLower(params.Query)
	out := protocol.WorkspaceSymbolSlice{}
	for _, fo := range s.allFolders() {
		ix, _ := s.state(fo)
		if ix == nil {
			continue
		}
		for _, x := range ix.Experts() {
			for _, cat := range x.Catalog {
				for _, e := range cat.Entries {
					if e.Name.Value == "" || !strings.Contains(strings.ToLower(e.Name.Value), query) {
						continue
					}
					container := "integrations_catalog." + cat.Name.Value
					if x.Domain.Value != "" {
						container = x.Domain.Value + ": " + container
					}
					out = append(out, protocol.WorkspaceSymbol{
						BaseSymbolInformation: protocol.BaseSymbolInformation{Name: e.Name.Value, Kind: protocol.SymbolKindModule, ContainerName: ptr(container)},
						Location:              &protocol.Location{URI: uri.File(x.Path), Range: s.enc.rangeOf(e.Name.Range)},
					})
				}
			}
		}
	}
	return out, nil
}

// Hover shows, on an env var read or a provider's import or API host in an
// open document, what the expertise says about it (analysis.Explain).
func (s *Server) Hover(_ context.Context, params *protocol.HoverParams) (*protocol.Hover, error) {
	snap, ok := s.docs.snapshot(params.TextDocument.URI)
	if !ok {
		return nil, nil
	}
	defer snap.release()
	ix, _ := s.indexOf(snap.path)
	if ix == nil {
		return nil, nil
	}
	f := s.file(snap)
	defer f.Release()
	off := s.enc.offset(snap.lines, params.Position)
	ex, ok := analysis.Explain(ix, f, off)
	if !ok {
		ex, ok = webhooks.ExplainReceiver(ix, f, off)
	}
	if !ok {
		return nil, nil
	}
	r := s.enc.rangeOf(ex.Range)
	return &protocol.Hover{Contents: &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: ex.Markdown}, Range: &r}, nil
}

// completionTriggers open completion where an env var name or an
// expertise value starts.
var completionTriggers = []string{".", "\"", "'", "[", " ", "/"}

var completionKinds = map[analysis.CompletionKind]protocol.CompletionItemKind{
	analysis.CompleteEnvVar:   protocol.CompletionItemKindVariable,
	analysis.CompleteKey:      protocol.CompletionItemKindProperty,
	analysis.CompleteProvider: protocol.CompletionItemKindModule,
	analysis.CompleteFile:     protocol.CompletionItemKindFile,
	analysis.CompleteFolder:   protocol.CompletionItemKindFolder,
}

// Completion offers env var names where code reads one, and keys,
// provider names and env var names in expertise files (analysis.Complete).
func (s *Server) Completion(_ context.Context, params *protocol.CompletionParams) (protocol.CompletionResult, error) {
	snap, ok := s.docs.snapshot(params.TextDocument.URI)
	if !ok {
		return protocol.CompletionItemSlice{}, nil
	}
	defer snap.release()
	ix, _ := s.indexOf(snap.path)
	if ix == nil {
		return protocol.CompletionItemSlice{}, nil
	}
	_, _, isExpertise := s.expertiseRoot(params.TextDocument.URI)
	f := s.file(snap)
	defer f.Release()
	found := analysis.Complete(ix, f, s.enc.offset(snap.lines, params.Position), isExpertise)
	out := make(protocol.CompletionItemSlice, 0, len(found))
	for i, c := range found {
		out = append(out, protocol.CompletionItem{
			Label:    c.Label,
			Kind:     completionKinds[c.Kind],
			Detail:   protocol.NewOptional(c.Detail),
			SortText: protocol.NewOptional(fmt.Sprintf("%04d", i)), // the analysis's order: the catalog's names first
			TextEdit: &protocol.TextEdit{Range: s.enc.rangeOf(c.Range), NewText: c.Label},
		})
	}
	return out, nil
}
