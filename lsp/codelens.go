package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/webhooks"
	"github.com/expertise-ls/expertise-ls/expertise"
)

// Code lenses: above each inbound webhook handler of an open document, whose
// provider it is and whether it verifies a signature ("Stripe webhook ·
// signature verified"); above each catalog entry of an expertise file, how
// many files use it and how many learnings name it, with the
// showPlacesCommand that lists them.

// showPlacesCommand is run by the client, not the server: the editor
// extensions list its places (arguments: the lens's URI, its position and
// the locations) as references (VS Code) or in the quickfix list (Neovim).
const showPlacesCommand = "expertise.showPlaces"

// CodeLens answers textDocument/codeLens.
func (s *Server) CodeLens(_ context.Context, params *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	u := params.TextDocument.URI
	if f, _, ok := s.expertiseDoc(u); ok {
		return s.catalogLenses(u, f), nil
	}
	snap, ok := s.docs.snapshot(u)
	if !ok {
		return []protocol.CodeLens{}, nil
	}
	defer snap.release()
	ix, _ := s.indexOf(snap.path)
	if ix == nil {
		return []protocol.CodeLens{}, nil
	}
	f := s.file(snap)
	defer f.Release()
	out := []protocol.CodeLens{}
	for _, r := range webhooks.Receivers(ix, f) {
		who := "Webhook"
		if r.Provider != "" {
			who = r.Provider + " webhook"
		}
		state := "signature not verified"
		if r.Verified {
			state = "signature verified"
		}
		out = append(out, protocol.CodeLens{Range: s.enc.rangeOf(r.Range), Command: protocol.Command{Title: who + " · " + state}})
	}
	return out, nil
}

// catalogLenses are the lenses of an expertise file's catalog entries.
func (s *Server) catalogLenses(u uri.URI, f *expertise.File) []protocol.CodeLens {
	out := []protocol.CodeLens{}
	ix, _ := s.indexOf(f.Path)
	if ix == nil {
		return out
	}
	for _, cat := range f.Catalog {
		for _, e := range cat.Entries {
			if e.Name.Value == "" {
				continue
			}
			uses, learnings := analysis.CatalogEntryPlaces(ix, e.Name.Value)
			at := s.enc.rangeOf(e.Name.Range)
			title := "not used in code"
			if len(uses) > 0 {
				title = "used in " + expertise.Plural(len(uses), "file")
			}
			out = append(out, protocol.CodeLens{Range: at, Command: s.placesCommand(u, at, title, uses)})
			if len(learnings) > 0 {
				out = append(out, protocol.CodeLens{Range: at, Command: s.placesCommand(u, at, expertise.Plural(len(learnings), "learning"), learnings)})
			}
		}
	}
	return out
}

// placesCommand is a lens command listing places; without places, a title alone.
func (s *Server) placesCommand(u uri.URI, at protocol.Range, title string, places []analysis.Place) protocol.Command {
	if len(places) == 0 {
		return protocol.Command{Title: title}
	}
	locs := make([]protocol.Location, 0, len(places))
	for _, p := range places {
		locs = append(locs, protocol.Location{URI: uri.File(p.Path), Range: s.enc.rangeOf(p.Range)})
	}
	var args []protocol.LSPAny
	for _, v := range []any{u, at.Start, locs} {
		b, err := json.Marshal(v)
		if err != nil {
			return protocol.Command{Title: title}
		}
		args = append(args, b)
	}
	return protocol.Command{Title: title, Command: showPlacesCommand, Arguments: args}
}
