package analysis

import (
	"slices"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/lexfacts"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// The lexical reading of a File and what the extractors found in it, kept
// (File.Shared) for the analyzers that ask again about the same File: the
// index extracts, then the analyzers judge.

// Keys of File.Shared.
type (
	lexedKey        struct{}
	envSitesKey     struct{}
	envReadsKey     struct{}
	providerUsesKey struct{}
	lexicalUsesKey  struct{}
	sdkCallsKey     struct{}
)

// Lexed returns the file's comments and literals, located on first use and
// shared by the extractors and analyzers that read the same File.
func (f *File) Lexed() *codelex.Lexed {
	return f.Shared(lexedKey{}, func() any { return codelex.Lex(f.Content, f.Lang.Family()) }).(*codelex.Lexed)
}

// FindProviderUses returns the evidence that f uses providers, in order:
// imports of their SDKs (the module name is the range) and their API hosts
// in string literals (the host is the range). Comments do not count.
func FindProviderUses(f *File) []ProviderUse {
	family := f.Lang.Family()
	if !codelex.Supports(family) {
		return nil
	}
	uses := f.Shared(providerUsesKey{}, func() any {
		found := lexicalUses(f)
		uses := make([]ProviderUse, 0, len(found))
		pc := span.Cursor{Lines: f.Lines}
		for _, u := range found {
			uses = append(uses, ProviderUse{Provider: u.Provider.ID, Range: pc.Range(u.Start, u.End), Why: u.Why + string(f.Content[u.Start:u.End])})
		}
		return uses
	}).([]ProviderUse)
	return slices.Clip(uses)
}

// SDKCall is a use of a provider's SDK through a name its import binds, or
// one assigned from it: stripe.customers.create, new Stripe(key).
type SDKCall struct {
	Provider string // provider id
	Callee   string // the name chain as written
	Range    span.Range
}

// FindSDKCalls returns f's SDK calls (lexfacts.SDKCalls), found once per File.
// It is for hovers: nothing on the check path asks for it.
func FindSDKCalls(f *File) []SDKCall {
	family := f.Lang.Family()
	if !codelex.Supports(family) {
		return nil
	}
	return slices.Clip(f.Shared(sdkCallsKey{}, func() any {
		var out []SDKCall
		pc := span.Cursor{Lines: f.Lines}
		for _, u := range lexfacts.SDKCalls(f.Lexed(), family, lexicalUses(f)) {
			out = append(out, SDKCall{Provider: u.Provider.ID, Callee: string(f.Content[u.Start:u.End]), Range: pc.Range(u.Start, u.End)})
		}
		return out
	}).([]SDKCall))
}

// findWebhookEvents returns the event names f's webhook handlers compare
// with, by provider (see lexfacts.WebhookEvents).
func findWebhookEvents(f *File) []lexfacts.WebhookEvent {
	family := f.Lang.Family()
	if !codelex.Supports(family) {
		return nil
	}
	return lexfacts.WebhookEvents(f.Lexed(), family, f.Rel, f.Lower(), lexicalUses(f))
}

// lexicalUses returns what lexfacts.ProviderUses finds in f, found once per File.
func lexicalUses(f *File) []lexfacts.Use {
	return f.Shared(lexicalUsesKey{}, func() any { return lexfacts.ProviderUses(f.Lexed(), f.Lang.Family()) }).([]lexfacts.Use)
}

// FindEnvReads returns the environment variables f reads, in order: the name
// of each read, ranged exactly. Reads in comments and literals do not count;
// writes (`process.env.X = ...`) are not reads.
func FindEnvReads(f *File) []EnvRead {
	reads := f.Shared(envReadsKey{}, func() any {
		sites := EnvSites(f)
		reads := make([]EnvRead, 0, len(sites))
		pc := span.Cursor{Lines: f.Lines}
		for _, s := range sites {
			reads = append(reads, EnvRead{Name: s.Name, Range: pc.Range(s.NameStart, s.NameEnd)})
		}
		return reads
	}).([]EnvRead)
	return slices.Clip(reads)
}

// EnvSites finds the env reads of f, sorted by name offset.
func EnvSites(f *File) []lexfacts.EnvSite {
	return f.Shared(envSitesKey{}, func() any { return lexfacts.EnvSites(f.Lexed(), f.Lang.Family()) }).([]lexfacts.EnvSite)
}
