package lsp

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// maxPendingEdits bounds the edits a document keeps between reparses: a long
// stretch of typing without any judgement is folded into the tree now and
// then instead of growing without bound.
const maxPendingEdits = 256

// document is an open editor buffer and its tree-sitter tree.
//
// The tree is reparsed lazily: each change records a syntax.Edit, and the
// tree catches up (syntax.Tree.Reparse with all pending edits) only when a
// judgement needs it, so a storm of keystrokes costs one incremental reparse.
type document struct {
	uri      uri.URI // as the client spelled it
	path     string
	lang     syntax.Lang
	version  int32
	instance uint64 // tells a reopened document from the one closed before it

	// lines indexes the content (lines.Content()). Both are replaced on
	// every change, never modified in place, so a snapshot may keep them;
	// the next change and the judgements of this version share the index.
	lines *span.Lines

	tree  *syntax.Tree  // parse of the content before edits; nil until first needed
	edits []syntax.Edit // changes from the tree's content (or the background parse's) to the content
	// parsing is set while a parse of the whole content is due or runs in
	// the background (see snapshot.TreeOf); edits then count from the
	// content it parses. Closing the document sets closed, which ends it.
	parsing bool
	closed  atomic.Bool
}

// apply applies one content change in the negotiated position encoding.
func (d *document) apply(change protocol.TextDocumentContentChangeEvent, enc positionEncoding) error {
	switch c := change.(type) {
	case *protocol.TextDocumentContentChangeWholeDocument:
		// The edit is derived from the old and new text, so that the tree is
		// reparsed incrementally as with ranged changes.
		next := []byte(c.Text)
		start, oldEnd, newEnd := changedBounds(d.lines.Content(), next)
		if d.tree != nil || d.parsing {
			d.edits = append(d.edits, treeEdit(d.lines, start, oldEnd, c.Text[start:newEnd]))
		}
		d.lines = span.NewLines(next)
		if len(d.edits) >= maxPendingEdits {
			d.syncTree()
		}
	case *protocol.TextDocumentContentChangePartial:
		start, end := enc.offset(d.lines, c.Range.Start), enc.offset(d.lines, c.Range.End)
		if end < start {
			start, end = end, start
		}
		d.splice(start, end, c.Text)
	default:
		return fmt.Errorf("unknown content change %T", change)
	}
	return nil
}

// splice replaces content[start:end] with text and records the edit for the tree.
func (d *document) splice(start, end int, text string) {
	old := d.lines.Content()
	next := make([]byte, 0, len(old)-(end-start)+len(text))
	next = append(next, old[:start]...)
	next = append(next, text...)
	next = append(next, old[end:]...)
	if d.tree != nil || d.parsing {
		d.edits = append(d.edits, treeEdit(d.lines, start, end, text))
	}
	d.lines = span.NewLines(next)
	if len(d.edits) >= maxPendingEdits {
		d.syncTree()
	}
}

// changedBounds returns the part of old that new replaces, [start, oldEnd),
// and what replaces it, new[start:newEnd]: everything between the longest
// common prefix and the longest common suffix that does not overlap it.
func changedBounds(old, new []byte) (start, oldEnd, newEnd int) {
	n := min(len(old), len(new))
	for start < n && old[start] == new[start] {
		start++
	}
	oldEnd, newEnd = len(old), len(new)
	for oldEnd > start && newEnd > start && old[oldEnd-1] == new[newEnd-1] {
		oldEnd--
		newEnd--
	}
	return start, oldEnd, newEnd
}

// treeEdit describes replacing [start, end) of the content lines indexes with
// text, in bytes and (row, byte column) points. Rows follow span's line ends,
// which differ from tree-sitter's only for a lone "\r"; tree-sitter reuses
// subtrees by byte offsets, so such a file is still parsed correctly.
func treeEdit(lines *span.Lines, start, end int, text string) syntax.Edit {
	sp, ep := lines.Position(start), lines.Position(end)
	newEnd := syntax.Point{Row: sp.Line, Col: sp.Col + len(text)}
	if i := strings.LastIndexByte(text, '\n'); i >= 0 {
		newEnd = syntax.Point{Row: sp.Line + strings.Count(text, "\n"), Col: len(text) - i - 1}
	}
	return syntax.Edit{
		StartByte: start, OldEndByte: end, NewEndByte: start + len(text),
		StartPoint:  syntax.Point{Row: sp.Line, Col: sp.Col},
		OldEndPoint: syntax.Point{Row: ep.Line, Col: ep.Col},
		NewEndPoint: newEnd,
	}
}

// syncTree brings the tree up to date with the content: a first parse, or an
// incremental reparse with the pending edits (closing the replaced tree).
func (d *document) syncTree() {
	if !d.lang.Parsed() {
		return
	}
	switch {
	case d.tree == nil:
		d.tree = syntax.Parse(d.lang, d.lines.Content())
		d.edits = d.edits[:0]
	case len(d.edits) > 0:
		next := d.tree.Reparse(d.lines.Content(), d.edits)
		d.tree.Close()
		d.tree, d.edits = next, d.edits[:0]
	}
}

// snapshot is one version of a document handed to a judgement. Its tree is a
// clone the judgement owns: the document may replace and close its own tree
// meanwhile.
type snapshot struct {
	uri      uri.URI
	path     string
	lang     syntax.Lang
	version  int32
	instance uint64
	lines    *span.Lines // the content and its index, shared with the document

	ds   *documents   // where the document is, for its tree (see TreeOf)
	tree *syntax.Tree // nil until TreeOf, and for languages that are not parsed
	// parseWhole is the document whose whole parse release starts (TreeOf).
	parseWhole *document
}

// TreeOf returns the tree of the snapshot's content, f (the snapshot's
// File): on first use a copy of the document's tree, brought up to date
// incrementally, while the document still holds this content; else a parse
// of its own. Judgements whose analyzers need no tree never parse. A
// snapshot is used by one goroutine at a time.
//
// A large document's first judgement does not wait for the parse of the
// whole file: it gets a tree parsed a chunk at a time (analysis.Parse).
// The whole parse, the base of the incremental reparses of the versions to
// come, runs in the background once the judgement is done (release), so
// that it does not compete with it.
func (s *snapshot) TreeOf(f *analysis.File) *syntax.Tree {
	if s.tree != nil || !s.lang.Parsed() {
		return s.tree
	}
	if s.ds != nil {
		s.ds.mu.Lock()
		if d := s.ds.byURI[s.uri]; d != nil && d.instance == s.instance && d.lines == s.lines {
			if d.tree == nil && len(d.lines.Content()) >= analysis.ChunkFrom {
				if !d.parsing {
					d.parsing, d.edits = true, d.edits[:0]
					s.parseWhole = d
				}
			} else {
				d.syncTree()
				if d.tree != nil {
					s.tree = d.tree.Clone()
				}
			}
		}
		s.ds.mu.Unlock()
	}
	if s.tree == nil {
		s.tree = analysis.Parse(f)
	}
	return s.tree
}

// parseWhole parses the whole of lines, d's content when its first
// judgement began, and makes it d's tree, the edits recorded since then
// pending, unless d has a tree by now or is closed.
func (ds *documents) parseWhole(d *document, lines *span.Lines) {
	t := syntax.ParseUnless(d.lang, lines.Content(), d.closed.Load)
	ds.mu.Lock()
	defer ds.mu.Unlock()
	d.parsing = false
	if d.tree != nil || d.closed.Load() {
		t.Close()
		return
	}
	d.tree = t
}

// release closes the snapshot's tree.
func (s *snapshot) release() {
	s.tree.Close()
	if d := s.parseWhole; d != nil {
		s.parseWhole = nil
		go s.ds.parseWhole(d, s.lines)
	}
}

// documents is the set of open documents. Its methods are safe for
// concurrent use; changes arrive on the read loop, snapshots are taken by
// judgements on other goroutines.
type documents struct {
	mu        sync.Mutex
	byURI     map[uri.URI]*document
	instances uint64
}

func newDocuments() *documents { return &documents{byURI: map[uri.URI]*document{}} }

// open starts tracking a document (replacing one the client opened twice).
func (ds *documents) open(u uri.URI, path string, lang syntax.Lang, version int32, content []byte) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	if old := ds.byURI[u]; old != nil {
		old.tree.Close()
		old.closed.Store(true)
	}
	ds.instances++
	ds.byURI[u] = &document{uri: u, path: path, lang: lang, version: version, instance: ds.instances, lines: span.NewLines(content)}
}

// change applies a didChange's content changes, in order, and sets the version.
func (ds *documents) change(u uri.URI, version int32, changes []protocol.TextDocumentContentChangeEvent, enc positionEncoding) error {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	d := ds.byURI[u]
	if d == nil {
		return fmt.Errorf("document is not open")
	}
	for i, c := range changes {
		if err := d.apply(c, enc); err != nil {
			return fmt.Errorf("change %d: %w", i, err)
		}
	}
	d.version = version
	return nil
}

// close stops tracking a document and frees its tree.
func (ds *documents) close(u uri.URI) bool {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	d := ds.byURI[u]
	if d == nil {
		return false
	}
	d.tree.Close()
	d.closed.Store(true)
	delete(ds.byURI, u)
	return true
}

// closeAll frees every tree; the server is going away.
func (ds *documents) closeAll() {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	for u, d := range ds.byURI {
		d.tree.Close()
		d.closed.Store(true)
		delete(ds.byURI, u)
	}
}

// snapshot returns the current version of a document with an up-to-date
// tree, which the caller must release.
func (ds *documents) snapshot(u uri.URI) (*snapshot, bool) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	d := ds.byURI[u]
	if d == nil {
		return nil, false
	}
	return &snapshot{uri: d.uri, path: d.path, lang: d.lang, version: d.version, instance: d.instance, lines: d.lines, ds: ds}, true
}

// isCurrent reports whether instance is still the open incarnation of u.
func (ds *documents) isCurrent(u uri.URI, instance uint64) bool {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	d := ds.byURI[u]
	return d != nil && d.instance == instance
}

// identity returns what names the content a judgement of u would see: the
// document's incarnation and version.
func (ds *documents) identity(u uri.URI) (instance uint64, version int32, ok bool) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	d := ds.byURI[u]
	if d == nil {
		return 0, 0, false
	}
	return d.instance, d.version, true
}

// uris returns the open documents.
func (ds *documents) uris() []uri.URI {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	out := make([]uri.URI, 0, len(ds.byURI))
	for u := range ds.byURI {
		out = append(out, u)
	}
	return out
}

// isOpen reports whether a document of the file at path is open.
func (ds *documents) isOpen(path string) bool {
	_, _, _, open := ds.byPath(path)
	return open
}

// bufferOf returns the content of the open document of the file at path and
// a key that changes with each of its versions and incarnations.
func (ds *documents) bufferOf(path string) (content []byte, key uint64, ok bool) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	for _, d := range ds.byURI {
		if d.path == path {
			return d.lines.Content(), d.instance<<32 ^ uint64(uint32(d.version)), true
		}
	}
	return nil, 0, false
}
