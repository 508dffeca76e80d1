// Package analysis judges a workspace's code against its expertise files. It
// is shaped like golang.org/x/tools/go/analysis: an Analyzer is a small value
// whose Run reads a Pass (one file plus the workspace Index) and reports
// Diagnostics that carry their SuggestedFixes as data. Drivers (the language
// server, the check command) only convert and deliver. No LSP types here.
package analysis

import (
	"fmt"
	"strings"

	"github.com/expertise-ls/expertise-ls/internal/span"
)

// Severity of a diagnostic; the values are LSP's.
type Severity int

// Severities, most severe first.
const (
	SeverityError   Severity = 1
	SeverityWarning Severity = 2
	SeverityInfo    Severity = 3
	SeverityHint    Severity = 4
)

var severityNames = map[Severity]string{SeverityError: "error", SeverityWarning: "warning", SeverityInfo: "info", SeverityHint: "hint"}

func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads "error", "warning", "info" (or "information") and "hint".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return SeverityError, nil
	case "warning", "warn":
		return SeverityWarning, nil
	case "info", "information":
		return SeverityInfo, nil
	case "hint":
		return SeverityHint, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning, info or hint)", s)
}

// Rule documents one diagnostic code: its default severity and help text
// (shown in SARIF rules and the README's table). Codes are stable.
type Rule struct {
	Code     string
	Severity Severity
	Summary  string // one line
	Help     string // what to do about it
	// Convention holds words (lowercase) that all occur in the expertise
	// convention a finding of this rule breaks, e.g. {"webhook", "signature"}
	// for "ALWAYS validate webhook signatures"; the finding then points at it.
	Convention []string
	// Sensitive findings sit on a secret's value: fixes every finding offers
	// (a learning about it) quote neither their message nor their line.
	Sensitive bool
	// SilencedBy is another tool's inline directive that silences findings
	// of this rule on any of their lines, as gitleaks:allow does for secrets.
	SilencedBy string
}

// Analyzer is one check.
type Analyzer struct {
	Name  string
	Doc   string
	Rules []Rule
	// Run judges pass.File and reports through pass.Report. It must not keep
	// the pass, and must not fail on any input: malformed code yields fewer
	// findings, never an error or a panic.
	Run func(pass *Pass)
	// FactTypes are the kinds of facts the analyzer reads of other files
	// (see FactType); the index computes them for every file.
	FactTypes []*FactType
}

// Pass is what an Analyzer sees of one file.
type Pass struct {
	Analyzer *Analyzer
	File     *File
	Index    *Index
	Config   *Config
	fixes    Fixes
	report   func(Diagnostic)
}

// NewPass returns the pass on which a judges f, building fixes as fixes
// says and handing each finding to report as is: before suppression and
// without the fixes every finding offers (RunAnalyzers adds both). For
// analyzers' own tests and benchmarks.
func NewPass(a *Analyzer, f *File, ix *Index, cfg *Config, fixes Fixes, report func(Diagnostic)) *Pass {
	return &Pass{Analyzer: a, File: f, Index: ix, Config: cfg, fixes: fixes, report: report}
}

// WantFixes reports whether the driver offers fixes for a finding at r.
// Building fixes can cost more than finding (they parse and edit the
// expertise), so analyzers build them only when asked.
func (p *Pass) WantFixes(r span.Range) bool { return p.fixes.cover(r) }

// Fixes selects the findings a run builds fixes for.
type Fixes struct {
	all    bool
	within *span.Range
}

// NoFixes builds none (publishing, check); AllFixes builds every finding's
// (fix-all).
var (
	NoFixes  = Fixes{}
	AllFixes = Fixes{all: true}
)

// FixesAt builds the fixes of the findings that overlap r (a code action's range).
func FixesAt(r span.Range) Fixes { return Fixes{within: &r} }

func (f Fixes) cover(r span.Range) bool {
	return f.all || f.within != nil && f.within.Overlaps(r)
}

// Report records a diagnostic. Severity defaults to the rule's.
func (p *Pass) Report(d Diagnostic) { p.report(d) }

// BreaksConvention reports whether a finding of code (a rule of the pass's
// analyzer) breaks a convention the workspace's expertise states.
func (p *Pass) BreaksConvention(code string) bool {
	rule, _ := ruleOf([]*Analyzer{p.Analyzer}, code)
	return conventionIndex(p.Index).related(rule) != nil
}

// Diagnostic is one finding.
type Diagnostic struct {
	Path     string // absolute path of the file the finding is in
	Range    span.Range
	Severity Severity
	Code     string
	Message  string
	Related  []Related
	Fixes    []SuggestedFix
}

// Related points at another place that explains a finding, such as the
// expertise convention it breaks.
type Related struct {
	Path    string
	Range   span.Range
	Message string
}

// SuggestedFix is a fix as data: edits that a driver applies as it sees fit.
type SuggestedFix struct {
	Title string
	// Safe fixes are applied by "fix all" without review.
	Safe bool
	// Preferred marks the fix an editor may apply on its own shortcut.
	Preferred bool
	Edits     []TextEdit
	// Show, when set, is where the editor should take the user after applying
	// the fix (for example the insight line of a new learning).
	Show *Location
}

// TextEdit replaces Range of the file at Path with NewText. Ranges are in the
// file's content as the analysis read it. Create means the file does not exist
// yet and the edit creates it with NewText.
type TextEdit struct {
	Path    string
	Range   span.Range
	NewText string
	Create  bool
}

// Location is a range in a file.
type Location struct {
	Path  string
	Range span.Range
}
