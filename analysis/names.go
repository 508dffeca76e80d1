package analysis

import (
	"strings"
	"unicode"
)

// secretWords are the parts of an identifier that name a secret.
var secretWords = []string{"key", "secret", "token", "password", "passwd", "pwd", "credential", "auth", "apikey", "signingsecret", "privatekey"}

// notSecretWords are parts that make a secret-sounding name harmless wherever
// they stand: "publishable_key", "key_id", "token_url", "AuthError",
// "tokenRenewalOffsetSeconds", "testKeyECPubX", "KeyAlgoECDSA256", the
// template TplForgotPassword, the label auth_info, the choice auth_method.
var notSecretWords = setOf("publishable", "public", "pub", "pubkey", "id", "ids", "url", "uri", "endpoint", "name", "names",
	"path", "file", "type", "length", "len", "count", "expires", "expiry", "expiration", "ttl", "header", "prefix",
	"field", "param", "cache", "hash", "index", "version", "env", "var", "format", "mode", "author", "authors",
	"authority", "algo", "alg", "algorithm", "error", "errors", "err", "exception", "seconds", "secs", "ms", "millis",
	"timeout", "offset", "renewal", "label", "placeholder", "message", "msg", "status", "tpl", "tmpl", "forgot", "info",
	"method")

// roleWords, as a name's last word, say it holds something that handles or
// describes a secret, not the secret: authClient, tokenManager,
// secretValidator, signing_key_fingerprint. (clientSecret still is one.)
var roleWords = setOf("manager", "client", "service", "provider", "handler", "validator", "verifier", "factory",
	"strategy", "guard", "middleware", "store", "storage", "class", "schema", "model", "request", "response",
	"options", "config", "settings", "builder", "parser", "router", "controller", "helper", "util", "utils",
	"input", "form", "button", "sha", "sha1", "sha256", "sha512", "md5", "digest", "checksum", "fingerprint",
	"thumbprint")

func setOf(words ...string) map[string]bool {
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
	words := splitIdentifier(name)
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
			if i > 0 {
				switch words[i-1] {
				case "sort", "primary", "foreign", "partition", "row", "map", "lookup", "idempotency", "dedupe", "cache", "storage", "object", "s3", "redis", "i18n", "translation", "react", "unique", "composite", "hot", "shortcut":
					return false
				}
			}
			secret = true
		default:
			for _, sw := range secretWords {
				if w == sw {
					secret = true
				}
			}
		}
	}
	return secret
}

// splitIdentifier splits an identifier into lower-case words.
func splitIdentifier(name string) []string {
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
	return strings.ToUpper(strings.Join(splitIdentifier(identifier), "_"))
}
