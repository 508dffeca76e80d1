package analysis

import "github.com/expertise-ls/expertise-ls/analysis/codelex"

// The lexical reading of a File and what the extractors found in it, kept
// (File.Shared) for the analyzers that ask again about the same File: the
// index extracts, then the analyzers judge.

// Keys of File.Shared.
type (
	lexedKey        struct{}
	envSitesKey     struct{}
	envReadsKey     struct{}
	providerUsesKey struct{}
)

// lexed returns the file's comments and literals, located on first use and
// shared by the extractors and analyzers that read the same File.
func (f *File) lexed() *codelex.Lexed {
	return f.Shared(lexedKey{}, func() any { return codelex.Lex(f.Content, f.Lang.Family()) }).(*codelex.Lexed)
}
