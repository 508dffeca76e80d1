package analysis

import (
	"slices"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/analysis/lexfacts"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// Facts is what the index keeps of one file: what analyzers of other files
// need to know about it. Facts are recomputed when the file changes; when they
// differ from before, the files that depend on them are judged again.
type Facts struct {
	Path string
	Rel  string
	Lang syntax.Lang

	// Role is what the file is to the project (its code, a test, generated).
	Role knowledge.FileRole
	// EnvReads are the environment variables the file reads.
	EnvReads []EnvRead
	// EnvSchema are the variables a typed env schema in the file declares
	// (createEnv, cleanEnv, pydantic BaseSettings, Go struct tags).
	EnvSchema []string
	// Uses are the providers the file uses (SDK imports, API hosts).
	Uses []ProviderUse
	// WebhookEvents are the event names the file's webhook handlers compare
	// with, by provider: what a new catalog entry lists under webhooks.
	WebhookEvents []lexfacts.WebhookEvent

	// declared are the facts of the types analyzers declare (see FactType).
	declared map[*FactType]Fact
}

// A Fact is what an analyzer learns of one file that judging other files
// needs: the webhook analyzers' verification helpers and routes, which a
// file's handlers may use from another file. Facts are kept by the index
// with the file's lexical facts and computed again when the file changes.
type Fact interface {
	// Same reports whether other files would be judged alike with o as
	// with this fact: o is of the same type, and ranges do not count.
	Same(o Fact) bool
}

// A FactType is a kind of Fact an analyzer declares (Analyzer.FactTypes):
// the index computes it for every file it indexes, and the analyzer's
// passes read it of other files with Facts.Of.
type FactType struct {
	Name string
	// Of computes the fact of f; nil when f has none. It must not keep f
	// (the index releases it) and must be safe for concurrent use.
	Of func(f *File, cfg *Config) Fact
	// Codec encodes the facts for a FactCache; nil when they are not kept
	// across runs (then no file's facts are).
	Codec *FactCodec
}

// Of returns the fact of type t of the file, or nil when it has none.
func (f *Facts) Of(t *FactType) Fact { return f.declared[t] }

// EnvRead is one read of an environment variable in code.
type EnvRead struct {
	Name  string
	Range span.Range
}

// ProviderUse is evidence that a file uses a provider.
type ProviderUse struct {
	Provider string // provider id
	Range    span.Range
	Why      string // "imports stripe", "calls api.stripe.com"
}

// extractFacts computes a file's facts: the lexical ones and those of types.
func extractFacts(f *File, cfg *Config, types []*FactType) *Facts {
	facts := &Facts{
		Path:          f.Path,
		Rel:           f.Rel,
		Lang:          f.Lang,
		Role:          f.Role(),
		EnvReads:      FindEnvReads(f),
		EnvSchema:     lexfacts.EnvSchema(f.Content, f.Lang.Family()),
		Uses:          FindProviderUses(f),
		WebhookEvents: findWebhookEvents(f),
	}
	for _, t := range types {
		if fact := t.Of(f, cfg); fact != nil {
			if facts.declared == nil {
				facts.declared = make(map[*FactType]Fact, len(types))
			}
			facts.declared[t] = fact
		}
	}
	return facts
}

// sameFacts reports whether a and b would judge other files alike (ranges aside).
func sameFacts(a, b *Facts) bool {
	if a == nil || b == nil {
		return a == b
	}
	names := func(f *Facts) []string {
		var out []string
		for _, r := range f.EnvReads {
			out = append(out, r.Name)
		}
		for _, u := range f.Uses {
			out = append(out, "use:"+u.Provider)
		}
		for _, n := range f.EnvSchema {
			out = append(out, "schema:"+n)
		}
		return out
	}
	if !slices.Equal(names(a), names(b)) || len(a.declared) != len(b.declared) {
		return false
	}
	for t, fa := range a.declared {
		if fb, ok := b.declared[t]; !ok || !fa.Same(fb) {
			return false
		}
	}
	return true
}
