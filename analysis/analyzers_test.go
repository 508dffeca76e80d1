package analysis

// testAnalyzers are the analyzers this package's own tests run together,
// as analysis/checks lists them for the drivers.
var testAnalyzers = []*Analyzer{EnvVars, Catalog}

// runAll judges f with testAnalyzers.
func runAll(ix *Index, f *File, fixes Fixes) ([]Diagnostic, error) {
	return RunAnalyzers(ix, f, testAnalyzers, fixes)
}

// passRules are the rules of the analyzers in their own packages (which
// this package's tests cannot import) that the framework's tests need: what
// the framework does differs by a rule's Sensitive and SilencedBy.
var passRules = []Rule{
	{Code: "hardcoded-secret", Severity: SeverityError, Sensitive: true, SilencedBy: "gitleaks:allow", Convention: []string{"hardcode"}},
	{Code: "secret-in-log", Severity: SeverityWarning, Convention: []string{"log", "secret"}},
}

// ruleFor returns the rule of a code among testAnalyzers and passRules.
func ruleFor(code string) Rule {
	if r, ok := ruleOf(testAnalyzers, code); ok {
		return r
	}
	for _, r := range passRules {
		if r.Code == code {
			return r
		}
	}
	return Rule{Code: code}
}
