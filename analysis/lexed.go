package analysis

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
func (f *File) lexed() *lexed {
	return f.Shared(lexedKey{}, func() any { return lexSource(f.Content, f.Lang.Family()) }).(*lexed)
}
