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
	// Hooks are the file's webhook-related declarations: verification helpers
	// it defines, routes it registers, middleware it mounts.
	Hooks HookFacts
	// Uses are the providers the file uses (SDK imports, API hosts).
	Uses []ProviderUse
	// WebhookEvents are the event names the file's webhook handlers compare
	// with, by provider: what a new catalog entry lists under webhooks.
	WebhookEvents []lexfacts.WebhookEvent
}

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

// extractFacts computes a file's facts.
func extractFacts(f *File, cfg *Config) *Facts {
	return &Facts{
		Path:          f.Path,
		Rel:           f.Rel,
		Lang:          f.Lang,
		Role:          f.Role(),
		EnvReads:      findEnvReads(f),
		EnvSchema:     lexfacts.EnvSchema(f.Content, f.Lang.Family()),
		Hooks:         findHookFacts(f, cfg),
		Uses:          findProviderUses(f),
		WebhookEvents: findWebhookEvents(f),
	}
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
	return slices.Equal(names(a), names(b)) && a.Hooks.equal(b.Hooks)
}
