// Package expertise finds, parses (keeping the position of every value),
// validates and edits expertise files: the per-domain expertise.yaml that an
// expertise-first workflow keeps. It knows nothing of LSP.
package expertise

import (
	"github.com/expertise-ls/expertise-ls/internal/span"
	"gopkg.in/yaml.v3"
)

// File is one parsed expertise file. Parsing never fails: a file that is not
// valid YAML, or whose shapes are wrong, still yields a File whose Problems say
// what is wrong and where, and whose sections hold what could be read.
type File struct {
	Path    string      // absolute path on disk
	Content []byte      // the bytes that were parsed
	Lines   *span.Lines // line index of Content
	Root    *yaml.Node  // the top-level mapping (nil when empty, not YAML, or not a mapping)

	Domain      Scalar
	Version     Scalar
	LastUpdated Scalar

	Files         []FileCategory
	Relationships []Relationship
	Patterns      []Pattern
	Conventions   []Scalar
	Catalog       []CatalogCategory
	Learnings     []Learning
	// LearningsNode is the `learnings` value node (nil when the key is absent).
	LearningsNode *yaml.Node
	// Unknown lists the top-level keys this model does not interpret; they are kept, not flagged.
	Unknown []Scalar

	// Problems found while parsing: YAML syntax errors and wrong shapes.
	Problems []Problem
}

// Scalar is a value read from the file with the range it occupies. Present is
// false when the key was absent; Node is the YAML node it was read from.
type Scalar struct {
	Value   string
	Range   span.Range
	Present bool
	Node    *yaml.Node
}

// FileCategory is one `files:` category and its entries.
type FileCategory struct {
	Name    Scalar
	Entries []FileEntry
	Node    *yaml.Node // the category's sequence node (nil when the category is empty)
}

// FileEntry is one entry of a `files:` category: where code of a kind lives.
type FileEntry struct {
	Path        Scalar
	Purpose     Scalar
	KeyExports  []Scalar
	Conventions Scalar
	Node        *yaml.Node // the entry's mapping node
}

// Relationship is one free-form `relationships:` entry, kept as key -> value.
type Relationship struct {
	Fields map[string]Scalar
	Node   *yaml.Node
}

// Pattern is one `patterns:` entry.
type Pattern struct {
	Name        Scalar
	Description Scalar
	Location    Scalar
	Example     Scalar
	AppliesTo   []Scalar
	Node        *yaml.Node
}

// CatalogCategory is one `integrations_catalog:` category (payment, email, ...).
type CatalogCategory struct {
	Name    Scalar
	Entries []CatalogEntry
	Node    *yaml.Node // the category's sequence node
}

// CatalogEntry is one integration in the catalog.
type CatalogEntry struct {
	Name     Scalar
	EnvVars  []Scalar
	Webhooks []Scalar
	Node     *yaml.Node // the entry's mapping node
}

// Learning is one `learnings:` entry in any of the shapes found in real files:
// {date, insight, files_affected, context}, {date, context, insight} and
// {title, date, context, learning, impact}.
type Learning struct {
	Date          Scalar
	Title         Scalar
	Insight       Scalar // `insight`, or `learning` in the titled shape
	Context       Scalar
	Impact        Scalar
	FilesAffected []Scalar
	Node          *yaml.Node
}

// Problem is something wrong in an expertise file, with a stable code.
type Problem struct {
	Code    string
	Range   span.Range
	Message string
}

// Codes of the problems this package reports. They are stable: users filter
// and suppress by them.
const (
	CodeSyntax       = "expertise-syntax"
	CodeMissingField = "expertise-missing-field"
	CodeStale        = "expertise-stale"
	CodeTooLong      = "expertise-too-long"
	CodeNoLearnings  = "expertise-no-learnings"
	CodeSchema       = "expertise-schema"
	CodeStalePath    = "expertise-stale-path"
)
