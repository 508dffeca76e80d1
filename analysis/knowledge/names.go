package knowledge

import (
	"strings"
	"unicode"
)

// The word lists of secret_names in providers.yaml.
var (
	// secretWords are the parts of an identifier that name a secret.
	SecretWords = Get().SecretNames.Words
	// notSecretWords are parts that make a secret-sounding name harmless wherever they stand.
	notSecretWords = SetOf(Get().SecretNames.NotSecretWords...)
	// roleWords, as a name's last word, say it holds something that handles or
	// describes a secret, not the secret (clientSecret still is one).
	roleWords = SetOf(Get().SecretNames.RoleWords...)
	// lookupKeyWords, before "key", make it a lookup key, not a secret.
	lookupKeyWords = SetOf(Get().SecretNames.LookupKeyWords...)
)

// SetOf returns the set of words.
func SetOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// IsSecretName reports whether an identifier names a secret: one of its words
// (split at case changes, '_', '-', '.', '$') is key, secret, token, password,
// credential or auth, no word says it is public, an id, a URL, a name, a
// duration or an error, and its last word is not a role or a digest.
// Examples: STRIPE_API_KEY, apiKey, client_secret, authToken yes;
// publishableKey, keyId, tokenUrl, sortKey, AuthError, authClient,
// signing_key_fingerprint no.
func IsSecretName(name string) bool {
	words := SplitIdentifier(name)
	if len(words) == 0 || roleWords[words[len(words)-1]] {
		return false
	}
	secret := false
	for i, w := range words {
		if notSecretWords[w] {
			return false
		}
		switch w {
		case "key":
			// "sort_key", "cache_key", "primary_key", "foreign_key", "map key" are not secrets.
			if i > 0 && lookupKeyWords[words[i-1]] {
				return false
			}
			secret = true
		default:
			for _, sw := range SecretWords {
				if w == sw {
					secret = true
				}
			}
		}
	}
	return secret
}

// SplitIdentifier splits an identifier into lower-case words.
func SplitIdentifier(name string) []string {
	var words []string
	var cur []rune
	runes := []rune(name)
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for i, r := range runes {
		switch {
		case r == '_' || r == '-' || r == '.' || r == '$' || r == ' ' || r == ':':
			flush()
		case unicode.IsUpper(r):
			// a new word starts at an upper-case letter after a lower-case one, or
			// before a lower-case one in a run of capitals ("APIKey" -> api, key)
			if len(cur) > 0 && (unicode.IsLower(runes[i-1]) || unicode.IsDigit(runes[i-1]) ||
				(i+1 < len(runes) && unicode.IsLower(runes[i+1]))) {
				flush()
			}
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}

// EnvName turns an identifier into an environment variable name:
// stripeApiKey -> STRIPE_API_KEY, client-secret -> CLIENT_SECRET.
func EnvName(identifier string) string {
	return strings.ToUpper(strings.Join(SplitIdentifier(identifier), "_"))
}
