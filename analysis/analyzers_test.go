package analysis

// ruleAnalyzer carries the rules the framework's own tests judge findings
// by. They are test data shaped like four of the real rules (whose packages
// this one cannot import): what the framework does with a finding depends
// only on its rule's Sensitive, SilencedBy and Convention fields.
var ruleAnalyzer = &Analyzer{
	Name: "rules",
	Rules: []Rule{
		{Code: "hardcoded-secret", Severity: SeverityError, Sensitive: true, SilencedBy: "gitleaks:allow", Convention: []string{"hardcode"}},
		{Code: "secret-in-log", Severity: SeverityWarning, Convention: []string{"log", "secret"}},
		{Code: "unverified-webhook", Severity: SeverityError, Convention: []string{"webhook", "signature"}},
		{Code: "missing-env-var", Severity: SeverityWarning, Convention: []string{"document", "env"}},
	},
	Run: func(*Pass) {},
}

// ruleFor returns the rule of a code among ruleAnalyzer's.
func ruleFor(code string) Rule {
	r, _ := ruleOf([]*Analyzer{ruleAnalyzer}, code)
	if r.Code == "" {
		r.Code = code
	}
	return r
}
