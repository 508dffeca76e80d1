// Package checks is the set of expertise-ls's analyzers, in the order they
// run, and their rules: what drivers (the language server, the check
// command, the editors' tests) run and document. A new rule goes into its
// check family's package (analysis/<family>); a new family is one more
// package, listed here.
package checks

import (
	"sort"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/catalog"
	"github.com/expertise-ls/expertise-ls/analysis/clientretry"
	"github.com/expertise-ls/expertise-ls/analysis/envvars"
	"github.com/expertise-ls/expertise-ls/analysis/expertisecheck"
	"github.com/expertise-ls/expertise-ls/analysis/secretlog"
	"github.com/expertise-ls/expertise-ls/analysis/secrets"
	"github.com/expertise-ls/expertise-ls/analysis/webhooks"
)

// Analyzers is every check, in the order they run.
var Analyzers = []*analysis.Analyzer{
	expertisecheck.ExpertiseFile, secrets.Secrets, webhooks.Webhooks, webhooks.SignatureCompare,
	webhooks.RawBody, webhooks.FailOpen, webhooks.NotIdempotent, envvars.EnvVars, secretlog.SecretInLog, catalog.Catalog,
	clientretry.ClientRetry,
}

// NewIndex returns an empty index of the workspace at root that computes
// the facts every analyzer reads (see analysis.NewIndex).
func NewIndex(root string, cfg *analysis.Config) *analysis.Index {
	return analysis.NewIndex(root, cfg, Analyzers...)
}

// Run judges one file with every analyzer (see analysis.RunAnalyzers).
func Run(ix *analysis.Index, f *analysis.File, fixes analysis.Fixes) ([]analysis.Diagnostic, error) {
	return analysis.RunAnalyzers(ix, f, Analyzers, fixes)
}

// Rules returns the rule of every code the analyzers report, sorted by code.
func Rules() []analysis.Rule {
	var out []analysis.Rule
	for _, a := range Analyzers {
		out = append(out, a.Rules...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// RuleFor returns the rule of a code.
func RuleFor(code string) (analysis.Rule, bool) {
	for _, r := range Rules() {
		if r.Code == code {
			return r, true
		}
	}
	return analysis.Rule{}, false
}
