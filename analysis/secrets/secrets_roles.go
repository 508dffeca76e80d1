package secrets

import (
	"bytes"
	"slices"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
)

// publicKeyLines is how many lines around a key its siblings may stand.
const publicKeyLines = 5

// genericRuleReads reports whether the generic rule (secret-named values)
// reads files of a role: the project's own code and its templates. Tests,
// generated files and translations hold test data, digests, storage keys and
// labels under secret-sounding names.
func genericRuleReads(role knowledge.FileRole) bool {
	return role == knowledge.RoleSource || role == knowledge.RoleTemplate
}

// tokenReported reports whether a token finding is reported in a file of
// role: anywhere in the project's own code; elsewhere only a provider's
// prefixed, live token whose value is not recognisably fake.
func tokenReported(role knowledge.FileRole, fd *secretFinding, value []byte) bool {
	if genericRuleReads(role) {
		return true
	}
	t := fd.shape
	return t.Provider != nil && !t.Unprefixed && !fd.testMode(value) && !fakeValue(value)
}

// fakeValue reports whether a value holds one of the words of fake test data
// (sandbox, test, dummy, ...).
func fakeValue(value []byte) bool {
	lower := bytes.ToLower(value)
	for _, w := range knowledge.Get().SecretPolicy.FakeValueWords {
		if bytes.Contains(lower, []byte(w)) {
			return true
		}
	}
	return false
}

// publicKeyFor returns the public key that the generic finding fd is, or nil:
// its holder's name is one of a public key's names and every sibling
// identifier occurs within publicKeyLines lines of it.
func publicKeyFor(f *analysis.File, fd *secretFinding) *knowledge.PublicKey {
	name := knowledge.NormalizeName(lastSegment(fd.name))
	for i := range knowledge.Get().SecretPolicy.PublicKeys {
		pk := &knowledge.Get().SecretPolicy.PublicKeys[i]
		if !slices.Contains(pk.Names, name) {
			continue
		}
		line := f.Lines.LineOf(fd.start)
		from := f.Lines.LineStart(max(0, line-publicKeyLines))
		to := f.Lines.LineEnd(min(f.Lines.Count()-1, line+publicKeyLines))
		near := identifiersIn(f.Content[from:to])
		all := true
		for _, s := range pk.Siblings {
			all = all && near[s]
		}
		if all {
			return pk
		}
	}
	return nil
}

// identifiersIn returns the normalised identifiers of text (appId and app_id
// are both "appid").
func identifiersIn(text []byte) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < len(text); {
		if !codelex.IsIdentByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && codelex.IsIdentByte(text[j]) {
			j++
		}
		out[knowledge.NormalizeName(string(text[i:j]))] = true
		i = j
	}
	return out
}
