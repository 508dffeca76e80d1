package secrets

import (
	"bytes"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
)

// randomString returns n characters drawn from alphabet (deterministic).
func randomString(r *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}

const (
	base62 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	hexits = "0123456789abcdef"
)

func TestIsSecretValue(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	tests := []struct {
		name, value string
		want        bool
	}{
		{"random 16", randomString(r, base62, 16), true},
		{"random 24", randomString(r, base62, 24), true},
		{"random 40", randomString(r, base62, 40), true},
		{"lower and digits 24", randomString(r, "abcdefghijklmnopqrstuvwxyz0123456789", 24), true},
		{"hex 32", randomString(r, hexits, 32), true},
		{"hex 40 (a secret's name holds it)", randomString(r, hexits, 40), true},
		{"uuid", "7f870fd2-558f-41b5-a971-cfbb53d0122f", true},
		{"django key", "django-insecure-jpz-a9we!kva(a56@q1yhh0llc#=pmt-v-0im", true},
		{"too short", randomString(r, base62, 15), false},
		{"hex too short", randomString(r, hexits, 19), false},
		{"digits only", "38294710293847561029", false},
		{"words", "passport-local-mongoose", false},
		{"identifier", "myapp.auth.accessToken", false},
		{"grant type", "authorization_code", false},
		{"path", "certs/server-2024.key", false},
		{"absolute path", "/run/secrets/Xk9mQ2vL7pR4", false},
		{"host", "myapp-12345.firebaseapp.com", false},
		{"email", "billing-alerts42@example-corp.io", false},
		{"url", "https://api.example.com/v1/keys", false},
		{"template", "${SECRET_FROM_ENVIRONMENT}", false},
		{"handlebars", "{{ secrets.GITHUB_TOKEN }}", false},
		{"env reference", "$STRIPE_SECRET_KEY_LIVE", false},
		{"placeholder", "your-api-key-goes-here", false},
		{"angle placeholder", "<Xk9mQ2vL7pR4sHd3>", false},
		{"x placeholder", "sk-xxxxxxxxxxxxxxxxxxxx", false},
		{"changeme", "changeme-Changeme-2024", false},
		{"documented example", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", false},
		{"repeated", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa11", false},
		{"sequence", "abcdefghijklmnopqrstuvwxyz012345", false},
		{"hex sequence", "0123456789abcdef0123", false},
		{"publishable", "pk_live_" + randomString(r, base62, 24), false},
		{"sri", "sha384-hxKnFnBNJPR4iAAClzh873OGoJmZvBfrqKbfnzsWrMEZa7NyACXov0eLbgOYBlU1", false},
		{"prose", "Invalid credentials, try again", false},
		{"regexp", "^(?=.*[A-Z])(?=.*\\d).{12,}$", false},
		{"format", "Bearer %s-token-for-%s", false},
	}
	for _, tt := range tests {
		if got := isSecretValue(tt.value); got != tt.want {
			t.Errorf("%s: isSecretValue(%q) = %v, want %v (entropy %.2f)", tt.name, tt.value, got, tt.want, shannonEntropy(tt.value))
		}
	}
}

// TestIsSecretValueRandomStrings checks the entropy floors and the word
// test against many random strings: at most 1 in 100 random keys of 24 or
// more characters may slip, 2 of 20, 4 of 16 (short random strings can
// look like words).
func TestIsSecretValueRandomStrings(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for _, alphabet := range []string{base62, hexits, "abcdefghijklmnopqrstuvwxyz0123456789"} {
		for _, n := range []int{16, 20, 24, 32, 40, 64} {
			if alphabet == hexits && n < minHexLen {
				continue
			}
			missed := 0
			for range 1000 {
				if !isSecretValue(randomString(r, alphabet, n)) {
					missed++
				}
			}
			allowed := map[int]int{16: 40, 20: 20}[n]
			if allowed == 0 {
				allowed = 10
			}
			if missed > allowed {
				t.Errorf("%d random strings of %d from %q: %d of 1000 not taken for secrets", n, n, alphabet[:10], missed)
			}
		}
	}
}

func TestIsHashLike(t *testing.T) {
	for v, want := range map[string]bool{
		"3f786850e387550fdab836ed7e6dc881de23001b":                                true, // sha-1, commit id
		"d41d8cd98f00b204e9800998ecf8427e":                                        true,
		"7f870fd2-558f-41b5-a971-cfbb53d0122f":                                    true,
		"sha384-hxKnFnBNJPR4iAAClzh873OGoJmZvBfrqKbfnzsWrMEZa7NyACXov0eLbgOYBlU1": true,
		"3f786850e387550fdab836ed7e6dc881de23001":                                 false, // 39
		"Le0v/8si0coNMnpwroenQ78E9IjYVAm3HYZRgoT3":                                false,
	} {
		if got := isHashLike(v); got != want {
			t.Errorf("isHashLike(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ value, want string }{
		{"sk_live_4eZq9XwB2vTr7YpN", "sk_l…"},
		{"abcdefgh", "ab…"},
		{"abc", "…"},
		{"", "…"},
		{"ключ-секрет-значение", "ключ…"},
	}
	for _, tt := range tests {
		got := redact([]byte(tt.value))
		if got != tt.want || utf8.RuneCountInString(got) > 5 {
			t.Errorf("redact(%q) = %q, want %q", tt.value, got, tt.want)
		}
	}
}

func TestEnvVarFor(t *testing.T) {
	for name, want := range map[string]string{
		"apiKey": "API_KEY", "twilioAuthToken": "TWILIO_AUTH_TOKEN", "client-secret": "CLIENT_SECRET",
		"x-api-key": "X_API_KEY", "api key": "API_KEY", "9key": "SECRET", "": "SECRET", "ключ": "SECRET",
	} {
		if got := envVarFor(name); got != want {
			t.Errorf("envVarFor(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestProviderNamed(t *testing.T) {
	sc := secretScannerOnce()
	for name, want := range map[string]string{
		"twilioAuthToken": "twilio", "STRIPE_SECRET_KEY": "stripe", "stripe.api_key": "stripe",
		"coinbase_commerce_key": "coinbase-commerce", "sendgridApiKey": "sendgrid", "apiKey": "", "awesomeKey": "",
	} {
		got := ""
		if p := sc.providerNamed(name); p != nil {
			got = p.ID
		}
		if got != want {
			t.Errorf("providerNamed(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestKeywordMatcher compares the automaton with a naive search (of the
// lower-cased text) over random texts built from overlapping keywords.
func TestKeywordMatcher(t *testing.T) {
	keywords := []string{"key", "key-", "apikey", "ey", "sk_live_", "sk_", "private key-----", "k"}
	m := newKeywordMatcher(keywords)
	r := rand.New(rand.NewSource(3))
	pieces := []string{"key", "-", "api", "sk_", "live_", "private ", "key-----", "x", "e", "y", " ", "\n", "K"}
	for range 500 {
		var b strings.Builder
		for range r.Intn(60) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		text := []byte(b.String())
		var want []keywordHit
		for end := 1; end <= len(text); end++ {
			for id, kw := range keywords {
				if bytes.HasSuffix(bytes.ToLower(text[:end]), []byte(kw)) {
					want = append(want, keywordHit{keyword: int32(id), start: int32(end - len(kw))})
				}
			}
		}
		got := m.scan(text)
		key := func(h keywordHit) [2]int32 { return [2]int32{h.start + int32(len(keywords[h.keyword])), h.keyword} }
		less := func(a, b keywordHit) int {
			ka, kb := key(a), key(b)
			if ka[0] != kb[0] {
				return int(ka[0] - kb[0])
			}
			return int(ka[1] - kb[1])
		}
		slices.SortFunc(got, less)
		slices.SortFunc(want, less)
		if !slices.Equal(got, want) {
			t.Fatalf("%q: hits %v, want %v", text, got, want)
		}
	}
}

func TestMatchesNewline(t *testing.T) {
	k := knowledge.Get()
	for _, tok := range k.Tokens() {
		want := tok.ID == "private-key"
		if got := matchesNewline(tok.Regexp); got != want {
			t.Errorf("token %s: matchesNewline = %v, want %v", tok.ID, got, want)
		}
	}
}
