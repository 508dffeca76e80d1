package analysis

// testAnalyzers are the analyzers this package's own tests run together,
// as analysis/checks lists them for the drivers.
var testAnalyzers = []*Analyzer{Secrets, Webhooks, SignatureCompare, RawBody, EnvVars, Catalog}

// runAll judges f with testAnalyzers.
func runAll(ix *Index, f *File, fixes Fixes) ([]Diagnostic, error) {
	return RunAnalyzers(ix, f, testAnalyzers, fixes)
}

// ruleFor returns the rule of a code among testAnalyzers.
func ruleFor(code string) Rule {
	r, _ := ruleOf(testAnalyzers, code)
	return r
}
