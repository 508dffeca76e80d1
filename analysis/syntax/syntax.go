// Package syntax parses source files with tree-sitter (the official Go binding
// and grammars) and keeps trees reparsable incrementally. Trees hold C memory:
// whoever gets a Tree from Parse or Reparse must Close it.
package syntax

import (
	"path/filepath"
	"strings"
	"sync"

	sitter "github.com/tree-sitter/go-tree-sitter"
	tsgo "github.com/tree-sitter/tree-sitter-go/bindings/go"
	tsjs "github.com/tree-sitter/tree-sitter-javascript/bindings/go"
	tspy "github.com/tree-sitter/tree-sitter-python/bindings/go"
	tsrb "github.com/tree-sitter/tree-sitter-ruby/bindings/go"
	tsts "github.com/tree-sitter/tree-sitter-typescript/bindings/go"
)

// Lang is a file's language as far as the analyzers care.
type Lang uint8

// The languages. Other is any text file (scanned lexically, never parsed).
const (
	Other Lang = iota
	TypeScript
	TSX
	JavaScript // also JSX, .mjs, .cjs
	Python
	Go
	Ruby
	YAML
	EnvFile // .env, .env.example, ...
)

var langNames = [...]string{"other", "typescript", "typescriptreact", "javascript", "python", "go", "ruby", "yaml", "dotenv"}

// String returns the LSP language identifier of l.
func (l Lang) String() string { return langNames[l] }

// Parsed reports whether files of l are parsed with tree-sitter.
func (l Lang) Parsed() bool { return l >= TypeScript && l <= Ruby }

// Family groups languages that share syntax and runtime: "js" for
// TypeScript, TSX and JavaScript, otherwise the language name.
func (l Lang) Family() string {
	switch l {
	case TypeScript, TSX, JavaScript:
		return "js"
	}
	return l.String()
}

// Detect returns the language of a file from its name.
func Detect(path string) Lang {
	base := filepath.Base(path)
	if base == ".env" || strings.HasPrefix(base, ".env.") || strings.HasSuffix(base, ".env") {
		return EnvFile
	}
	switch strings.ToLower(filepath.Ext(base)) {
	case ".ts", ".mts", ".cts":
		return TypeScript
	case ".tsx":
		return TSX
	case ".js", ".jsx", ".mjs", ".cjs":
		return JavaScript
	case ".py":
		return Python
	case ".go":
		return Go
	case ".rb", ".rake":
		return Ruby
	case ".yaml", ".yml":
		return YAML
	}
	if base == "Rakefile" || base == "Gemfile" || base == "config.ru" {
		return Ruby
	}
	return Other
}

// FromLanguageID maps an LSP languageId to a Lang, falling back to the file name.
func FromLanguageID(id, path string) Lang {
	switch id {
	case "typescript":
		return TypeScript
	case "typescriptreact":
		return TSX
	case "javascript", "javascriptreact":
		return JavaScript
	case "python":
		return Python
	case "go":
		return Go
	case "ruby":
		return Ruby
	case "yaml":
		return YAML
	}
	return Detect(path)
}

var languages = sync.OnceValue(func() map[Lang]*sitter.Language {
	return map[Lang]*sitter.Language{
		TypeScript: sitter.NewLanguage(tsts.LanguageTypescript()),
		TSX:        sitter.NewLanguage(tsts.LanguageTSX()),
		JavaScript: sitter.NewLanguage(tsjs.Language()),
		Python:     sitter.NewLanguage(tspy.Language()),
		Go:         sitter.NewLanguage(tsgo.Language()),
		Ruby:       sitter.NewLanguage(tsrb.Language()),
	}
})

// parsers pools one tree-sitter parser per language; a parser is not safe for
// concurrent use, a pool hands each goroutine its own.
var parsers [Ruby + 1]sync.Pool

func getParser(l Lang) *sitter.Parser {
	if p, ok := parsers[l].Get().(*sitter.Parser); ok {
		return p
	}
	p := sitter.NewParser()
	if err := p.SetLanguage(languages()[l]); err != nil {
		panic("syntax: grammar version mismatch for " + l.String() + ": " + err.Error())
	}
	return p
}

// Tree is a parse tree of one version of a file's content: the whole
// file's, or one parsed a stretch at a time as queries reach it
// (ParseChunked).
type Tree struct {
	Lang Lang
	Src  []byte
	ts   *sitter.Tree // the whole file's tree; nil while a chunked tree needs none
	lazy *chunks      // nil for a tree parsed whole
}

// Parse parses src as l. It returns nil for languages that are not parsed.
func Parse(l Lang, src []byte) *Tree { return ParseUnless(l, src, nil) }

// ParseUnless is Parse that gives up once stop reports true, returning nil:
// stop is asked now and then while the parse runs (a parse of a large file
// that nobody needs any more, its document closed, ends early). A nil stop
// never gives up.
func ParseUnless(l Lang, src []byte, stop func() bool) *Tree {
	if !l.Parsed() {
		return nil
	}
	ts := parseWhole(l, src, stop)
	if ts == nil {
		return nil
	}
	return &Tree{Lang: l, Src: src, ts: ts}
}

// parseWhole parses all of src with a pooled parser (see ParseUnless).
func parseWhole(l Lang, src []byte, stop func() bool) *sitter.Tree {
	p := getParser(l)
	defer parsers[l].Put(p)
	var opts *sitter.ParseOptions
	if stop != nil {
		opts = &sitter.ParseOptions{ProgressCallback: func(sitter.ParseState) bool { return stop() }}
	}
	ts := p.ParseWithOptions(func(i int, _ sitter.Point) []byte {
		if i < len(src) {
			return src[i:]
		}
		return nil
	}, nil, opts)
	if ts == nil {
		p.Reset() // a cancelled parse leaves state for resuming it
	}
	return ts
}

// Edit describes one change to the content a tree was parsed from, in bytes
// and in (row, byte column) points, as tree-sitter wants it.
type Edit struct {
	StartByte, OldEndByte, NewEndByte    int
	StartPoint, OldEndPoint, NewEndPoint Point
}

// Point is a 0-based row and byte column.
type Point struct{ Row, Col int }

// Reparse applies edits (in order) to a copy of t and parses src, the content
// after the edits, reusing the unchanged parts of t. t itself stays valid and
// unchanged; the caller still owns it. A chunked tree has nothing to reuse:
// its reparse is a parse of the whole file.
func (t *Tree) Reparse(src []byte, edits []Edit) *Tree {
	if t.ts == nil {
		return Parse(t.Lang, src)
	}
	old := t.ts.Clone()
	defer old.Close()
	for _, e := range edits {
		old.Edit(&sitter.InputEdit{
			StartByte: uint(e.StartByte), OldEndByte: uint(e.OldEndByte), NewEndByte: uint(e.NewEndByte),
			StartPosition:  sitter.Point{Row: uint(e.StartPoint.Row), Column: uint(e.StartPoint.Col)},
			OldEndPosition: sitter.Point{Row: uint(e.OldEndPoint.Row), Column: uint(e.OldEndPoint.Col)},
			NewEndPosition: sitter.Point{Row: uint(e.NewEndPoint.Row), Column: uint(e.NewEndPoint.Col)},
		})
	}
	p := getParser(t.Lang)
	defer parsers[t.Lang].Put(p)
	return &Tree{Lang: t.Lang, Src: src, ts: p.Parse(src, old)}
}

// Clone returns a tree sharing t's nodes that must be closed on its own; it
// lets a reader keep a tree while its owner replaces and closes the original.
func (t *Tree) Clone() *Tree {
	if t.lazy != nil {
		return t.lazy.clone(t)
	}
	return &Tree{Lang: t.Lang, Src: t.Src, ts: t.ts.Clone()}
}

// Close frees the tree's C memory. It is safe on a nil tree.
func (t *Tree) Close() {
	if t == nil {
		return
	}
	if t.lazy != nil {
		t.lazy.close()
		t.lazy = nil
	}
	if t.ts != nil {
		t.ts.Close()
		t.ts = nil
	}
}

// closed reports whether t has no tree to query (nil or closed).
func (t *Tree) closed() bool { return t == nil || t.ts == nil && t.lazy == nil }

// Root returns the root node of the whole file's tree; a chunked tree
// parses the whole file for it.
func (t *Tree) Root() *sitter.Node { return t.whole().RootNode() }

// rootFor returns the root of a tree that holds [start, end): the chunk's
// that holds it, or the whole file's.
func (t *Tree) rootFor(start, end int) *sitter.Node {
	if t.lazy != nil && t.ts == nil {
		if n := t.lazy.rootFor(t, start, end); n != nil {
			return n
		}
	}
	return t.whole().RootNode()
}
