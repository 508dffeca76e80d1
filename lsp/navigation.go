package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/expertise-ls/expertise-ls/analysis"
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

// Definition follows the path value under the cursor in an expertise file.
func (s *Server) Definition(_ context.Context, params *protocol.DefinitionParams) (protocol.DefinitionResult, error) {
	f, root, ok := s.expertiseDoc(params.TextDocument.URI)
	if !ok {
		return protocol.LocationSlice{}, nil
	}
	ref, ok := expertise.PathAt(f, s.enc.offset(f.Lines, params.Position))
	if !ok {
		return protocol.LocationSlice{}, nil
	}
	var out protocol.LocationSlice
	for _, p := range expertise.Targets(root, ref, maxTargets) {
		at := protocol.Range{}
		if ref.Line > 0 {
			at.Start.Line, at.End.Line = toUint32(ref.Line-1), toUint32(ref.Line-1)
		}
		out = append(out, protocol.Location{URI: uri.File(p), Range: at})
	}
	if out == nil {
		out = protocol.LocationSlice{}
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
	ex, ok := analysis.Explain(ix, f, s.enc.offset(snap.lines, params.Position))
	if !ok {
		return nil, nil
	}
	r := s.enc.rangeOf(ex.Range)
	return &protocol.Hover{Contents: &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: ex.Markdown}, Range: &r}, nil
}

// completionTriggers open completion where an env var name or an
// expertise value starts.
var completionTriggers = []string{".", "\"", "'", "[", " "}

var completionKinds = map[analysis.CompletionKind]protocol.CompletionItemKind{
	analysis.CompleteEnvVar:   protocol.CompletionItemKindVariable,
	analysis.CompleteKey:      protocol.CompletionItemKindProperty,
	analysis.CompleteProvider: protocol.CompletionItemKindModule,
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
