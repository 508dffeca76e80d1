package analysis

import (
	"bytes"
	"slices"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
)

// secretPolicy is the secret_policy section of the knowledge table: how
// hardcoded-secret judges a value by its file's role and its neighbours.
type secretPolicy struct {
	FakeValueWords []string    `yaml:"fake_value_words"`
	PublicKeys     []publicKey `yaml:"public_keys"`
}

// publicKey is a key that its provider documents as public, recognised by
// the name that holds it and the identifiers next to it.
type publicKey struct {
	Provider string   `yaml:"provider"`
	Reason   string   `yaml:"reason"`
	Names    []string `yaml:"names"`    // the holder's last name segment, normalised
	Siblings []string `yaml:"siblings"` // identifiers, normalised, that all occur within publicKeyLines
}

// publicKeyLines is how many lines around a key its siblings may stand.
const publicKeyLines = 5

// genericRuleReads reports whether the generic rule (secret-named values)
// reads files of a role: the project's own code and its templates. Tests,
// generated files and translations hold test data, digests, storage keys and
// labels under secret-sounding names.
func genericRuleReads(role FileRole) bool { return role == RoleSource || role == RoleTemplate }

// tokenReported reports whether a token finding is reported in a file of
// role: anywhere in the project's own code; elsewhere only a provider's
// prefixed, live token whose value is not recognisably fake.
func tokenReported(role FileRole, fd *secretFinding, value []byte) bool {
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
	for _, w := range Providers().SecretPolicy.FakeValueWords {
		if bytes.Contains(lower, []byte(w)) {
			return true
		}
	}
	return false
}

// publicKeyFor returns the public key that the generic finding fd is, or nil:
// its holder's name is one of a public key's names and every sibling
// identifier occurs within publicKeyLines lines of it.
func publicKeyFor(f *File, fd *secretFinding) *publicKey {
	name := normalizeName(lastSegment(fd.name))
	for i := range Providers().SecretPolicy.PublicKeys {
		pk := &Providers().SecretPolicy.PublicKeys[i]
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
		out[normalizeName(string(text[i:j]))] = true
		i = j
	}
	return out
}
