package secrets

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/envdoc"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// codeHardcodedSecret is the code of Secrets' findings.
const codeHardcodedSecret = "hardcoded-secret"

// Secrets reports hardcoded-secret: provider-shaped tokens and private key
// blocks anywhere in a file (the token shapes of providers.yaml), and
// random-looking string literals that a secret's name holds (apiKey = "…",
// "client_secret": "…", JWT_SECRET=…). It reads every indexed file lexically,
// as gitleaks does: a keyword pass (ignoring case) over the content decides
// which patterns run and where, then filters drop placeholders, documented
// examples, digests, UUIDs and words. The file's role narrows what counts
// (secret_policy in providers.yaml): in tests, generated files and
// translations only a provider's prefixed live token does, a warning in
// tests. Messages never hold the value: at most its first four characters.
var Secrets = &analysis.Analyzer{
	Name: "secrets",
	Doc:  "finds API keys, tokens, passwords and private keys written into code and config",
	Rules: []analysis.Rule{{
		Code:       codeHardcodedSecret,
		Sensitive:  true,
		SilencedBy: "gitleaks:allow",
		Severity:   analysis.SeverityError,
		Summary:    "A secret (API key, token, password, private key) is hardcoded",
		Help: "Read it from the environment instead (the fix writes process.env.NAME, os.Getenv(\"NAME\"), " +
			"os.environ[\"NAME\"] or ENV.fetch(\"NAME\") and documents NAME= in .env.example), then revoke the " +
			"exposed value: it stays in the history. Test-mode keys are warnings. In tests, generated files and " +
			"translations only a provider's prefixed live token is reported (in tests as a warning): test-mode and " +
			"sandbox values, secret-named values and JWTs there are test data, digests or labels. Keys a provider " +
			"documents as public (an Algolia search key beside its app id and index name) are not reported. " +
			"Silence a false positive with " +
			"\"expertise-ls:ignore hardcoded-secret\" or \"gitleaks:allow\" on its line.",
		Convention: []string{"hardcode"},
	}},
	Run: runSecrets,
}

func runSecrets(pass *analysis.Pass) {
	sc := secretScannerOnce()
	f := pass.File
	hits := sc.matcher.scan(f.Content)
	if len(hits) == 0 {
		return
	}
	syn := lexSyntaxFor(f)
	role := f.Role()
	found := sc.tokenFindings(f, hits, syn)
	kept := found[:0]
	for _, fd := range found {
		if tokenReported(role, &fd, f.Content[fd.start:fd.end]) {
			kept = append(kept, fd)
		}
	}
	found = kept
	if genericRuleReads(role) {
		found = append(found, sc.genericFindings(f, hits, syn, found)...)
	}
	sort.Slice(found, func(i, j int) bool { return found[i].start < found[j].start })
	line, onLine := -1, 0
	for i := range found {
		if l := f.Lines.LineOf(found[i].start); l != line {
			line, onLine = l, 0
		}
		if onLine++; onLine <= maxFindingsPerLine {
			pass.Report(found[i].diagnostic(pass))
		}
	}
}

// maxFindingsPerLine bounds the findings reported on one line: a line that
// holds more is a blob of secrets (a minified bundle, a dump), and positions
// on long lines cost their length, so reporting all would cost the square
// of the line's length.
const maxFindingsPerLine = 20

// secretFinding is one hardcoded secret and what holds it.
type secretFinding struct {
	start, end int                   // the secret's bytes in the file
	shape      *knowledge.TokenShape // nil for the generic rule
	provider   *knowledge.Provider   // generic rule: the provider the name points at; may be nil
	name       string                // the variable, key or env var that holds it, as written; may be empty
	asg        assignment
	lineStart  int            // of the line the secret starts on
	lit        *stringLiteral // the string literal the secret fills entirely (offsets from lineStart), or nil
}

// newFinding reads what holds the secret at [start, end): the string literal
// it fills and the name it is assigned to or keyed by.
func newFinding(f *analysis.File, syn lexSyntax, start, end int) secretFinding {
	fd := secretFinding{start: start, end: end}
	line := f.Lines.LineOf(start)
	fd.lineStart = f.Lines.LineStart(line)
	text := f.Lines.LineText(line)
	if f.Lines.LineOf(end) != line {
		if lit, ok := blockLiteralAround(f.Content, start, end, fd.lineStart, syn); ok && !syn.config {
			fd.holdIn(text, lit)
		}
		return fd
	}
	s, e := start-fd.lineStart, end-fd.lineStart
	if syn.config {
		if kv, ok := parseConfigLine(text, syn); ok && kv.valueStart == s && kv.valueEnd == e {
			fd.name = kv.key
		}
		return fd
	}
	if lit, ok := literalAround(text, s, e, syn); ok {
		fd.holdIn(text, lit)
	}
	return fd
}

// holdIn records the literal (on line, where it starts) that the secret
// fills and what the literal is assigned to.
func (fd *secretFinding) holdIn(line []byte, lit stringLiteral) {
	fd.lit = &lit
	if asg, ok := assignmentBefore(line, lit.start); ok {
		fd.asg, fd.name = asg, asg.name
	}
}

// testMode reports whether the secret is a test-mode key (sk_test_...).
func (fd *secretFinding) testMode(value []byte) bool {
	return fd.shape != nil && fd.shape.TestMode != "" && bytes.Contains(value, []byte(fd.shape.TestMode))
}

// label names the kind of secret: the token shape's name, else the provider
// its name points at, else "Secret".
func (fd *secretFinding) label() string {
	switch {
	case fd.shape != nil:
		return fd.shape.Name
	case fd.provider != nil:
		return fd.provider.Name + " secret"
	}
	return "Secret"
}

// envVar is the environment variable the secret belongs in: the env file's
// key, the env var whose fallback it is, the token shape's, or one named
// after the variable that holds it.
func (fd *secretFinding) envVar(f *analysis.File) string {
	switch {
	case fd.asg.envFallback:
		return fd.asg.name
	case f.Lang == syntax.EnvFile:
		if isEnvVarName(fd.name) {
			return fd.name
		}
	}
	if fd.shape != nil && fd.shape.EnvVar != "" {
		return fd.shape.EnvVar
	}
	return envVarFor(lastSegment(fd.name))
}

// envVarFor turns an identifier into an env var name; SECRET when nothing is left.
func envVarFor(name string) string {
	n := strings.Map(func(r rune) rune {
		if r == '_' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, knowledge.EnvName(name))
	n = strings.Trim(n, "_")
	if n == "" || n[0] >= '0' && n[0] <= '9' {
		return "SECRET"
	}
	return n
}

// redact returns at most the first four characters of a secret, and "…".
func redact(value []byte) string {
	n := min(4, utf8.RuneCount(value)/4)
	var b strings.Builder
	for i := 0; i < n; i++ {
		r, size := utf8.DecodeRune(value)
		b.WriteRune(r)
		value = value[size:]
	}
	return b.String() + "…"
}

// maxNameInMessage bounds the holder's name quoted in a message (which must
// not look like a secret itself either).
const maxNameInMessage = 64

func (fd *secretFinding) diagnostic(pass *analysis.Pass) analysis.Diagnostic {
	f := pass.File
	value := f.Content[fd.start:fd.end]
	label := fd.label()
	test := fd.testMode(value)
	inTest := f.Role() == knowledge.RoleTest
	switch {
	case test:
		label += " (test mode)"
	case inTest:
		label += " (in a test)"
	}
	where := ""
	if fd.shape == nil && fd.name != "" && len(fd.name) <= maxNameInMessage && !fd.asg.envFallback && !isSecretValue(fd.name) {
		where = " in " + fd.name
	}
	envVar := fd.envVar(f)
	var advice string
	switch {
	case fd.asg.envFallback:
		advice = fmt.Sprintf("read it from the environment (%s) without a hardcoded fallback", envVar)
	case envdoc.IsEnvExample(f.Path):
		advice = fmt.Sprintf("leave %s empty in the example file", envVar)
	case f.Lang == syntax.EnvFile:
		advice = "keep this file out of version control"
	default:
		advice = fmt.Sprintf("read it from the environment (%s)", envVar)
	}
	d := analysis.Diagnostic{
		Range:   f.Range(fd.start, fd.end),
		Code:    codeHardcodedSecret,
		Message: fmt.Sprintf("%s hardcoded%s (%s); %s", label, where, redact(value), advice),
	}
	if test || inTest {
		d.Severity = analysis.SeverityWarning
	}
	if pass.WantFixes(d.Range) {
		d.Fixes = secretFixes(pass, fd, envVar)
	}
	return d
}
