package analysis

import (
	"path/filepath"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// File is one version of one file's content, as an analyzer sees it.
type File struct {
	Path    string // absolute, cleaned
	Rel     string // slash-separated, relative to the workspace root
	Lang    syntax.Lang
	Content []byte
	Lines   *span.Lines

	tree    *syntax.Tree
	ownTree bool
	source  func() *syntax.Tree // gives the tree on first use (NewFileOfLinesFrom); nil: Tree parses
	lower   []byte
	shared  map[any]any

	role      knowledge.FileRole
	roleKnown bool
}

// NewFile wraps content. tree may be nil (parsed on first use) or a tree of
// exactly this content owned by the caller, who must keep it open while the
// File is in use.
func NewFile(root, path string, lang syntax.Lang, content []byte, tree *syntax.Tree) *File {
	return NewFileOfLines(root, path, lang, span.NewLines(content), tree)
}

// NewFileOfLines is NewFile for content already indexed: the File's content
// is lines.Content() and its Lines is lines, which a caller that keeps the
// index of the content (an open document) need not build again.
func NewFileOfLines(root, path string, lang syntax.Lang, lines *span.Lines, tree *syntax.Tree) *File {
	rel, err := filepath.Rel(root, path)
	if err != nil {
		rel = path
	}
	return &File{Path: path, Rel: filepath.ToSlash(rel), Lang: lang, Content: lines.Content(), Lines: lines, tree: tree}
}

// NewFileOfLinesFrom is NewFileOfLines for a caller that can give a tree of
// the content cheaper than a parse (an open document, reparsed
// incrementally) but need not: source is called on the first Tree, if an
// analyzer asks, and the tree it returns stays the caller's.
func NewFileOfLinesFrom(root, path string, lang syntax.Lang, lines *span.Lines, source func() *syntax.Tree) *File {
	f := NewFileOfLines(root, path, lang, lines, nil)
	f.source = source
	return f
}

// Tree returns the file's parse tree, parsing on first use; nil for languages
// that are not parsed. A File is used by one goroutine at a time.
func (f *File) Tree() *syntax.Tree {
	if f.tree == nil && f.source != nil && f.Lang.Parsed() {
		f.tree, f.source = f.source(), nil
	}
	if f.tree == nil && f.Lang.Parsed() {
		f.tree = Parse(f)
		f.ownTree = true
	}
	return f.tree
}

// ChunkFrom is the size from which a file is parsed a chunk at a time
// (syntax.ParseChunked): the analyzers ask the tree about the few places
// the lexical scans found, and a smaller file costs less parsed whole than
// lexed for its statements.
const ChunkFrom = 4 * syntax.MinChunk

// Parse returns a tree of f's content that the caller owns: parsed whole,
// or from ChunkFrom bytes on a chunk at a time as queries reach it.
func Parse(f *File) *syntax.Tree {
	if len(f.Content) < ChunkFrom || !f.Lang.Parsed() {
		return syntax.Parse(f.Lang, f.Content)
	}
	return syntax.ParseChunked(f.Lang, f.Content, f.Lexed().TopLevelStarts(f.Lang.Family()))
}

// HasTree reports whether the file has a parse tree: given to NewFile or
// parsed by Tree. (Analyzers that need no tree should leave it unparsed.)
func (f *File) HasTree() bool { return f.tree != nil }

// Shared returns the value analyzers of this File share under key,
// computing it with make on first use: several analyzers read a file the
// same way, and the File (one version of one file, used by one goroutine at a
// time) is where that reading lives and dies.
func (f *File) Shared(key any, make func() any) any {
	if v, ok := f.shared[key]; ok {
		return v
	}
	if f.shared == nil {
		f.shared = map[any]any{}
	}
	v := make()
	f.shared[key] = v
	return v
}

// Lower returns the content in ASCII lower case, for keyword prefilters.
// Other bytes are kept, so offsets into it are offsets into Content.
func (f *File) Lower() []byte {
	if f.lower == nil {
		lower := make([]byte, len(f.Content))
		for i, c := range f.Content {
			lower[i] = asciiLower[c]
		}
		f.lower = lower
	}
	return f.lower
}

// asciiLower maps each byte to its ASCII lower case.
var asciiLower = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// Range converts byte offsets in the content to a range.
func (f *File) Range(start, end int) span.Range { return f.Lines.Range(start, end) }

// Release frees a tree the File parsed itself. The File stays usable.
func (f *File) Release() {
	if f.ownTree {
		f.tree.Close()
		f.tree, f.ownTree = nil, false
	}
}

// Role returns the file's role, computed once.
func (f *File) Role() knowledge.FileRole {
	if !f.roleKnown {
		f.role, f.roleKnown = knowledge.RoleOf(f.Rel, f.Content), true
	}
	return f.role
}
