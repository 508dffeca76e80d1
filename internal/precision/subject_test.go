package precision

import "testing"

func TestSubject(t *testing.T) {
	tests := []struct {
		name, code, message, want string
	}{
		{"env var name", "missing-env-var", "STRIPE_KEY is read here but documented nowhere: add it to .env.example", "STRIPE_KEY"},
		{"env var name from a catalog message", "missing-env-var", "RESEND_API_KEY is in the resend entry's env_vars but missing from .env", "RESEND_API_KEY"},
		{"value prefix and env name dropped", "hardcoded-secret", "Secret hardcoded in token (eyJh…); read it from the environment (TOKEN)", "secret hardcoded in token; read it from the environment"},
		{"digits dropped", "expertise-stale", "last updated 412 days ago, over the 90-day limit", "last updated days ago, over the -day limit"},
		{"quoted fragments dropped", "expertise-stale-path", "path \"app/x.ts\" does not exist in 'the' `workspace`", "path does not exist in"},
		{"nested parentheses", "x", "a (b (c) d) e", "a e"},
		{"operator kept apart from the next word", "insecure-signature-compare", "signature compared with !==, which returns", "signature compared with !==, which returns"},
		{"cut to 60 characters, trailing space trimmed", "x", "abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcd xyz", "abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcd"},
		{"missing-env-var without a name falls back", "missing-env-var", "(odd) message", "message"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Subject(tt.code, tt.message); got != tt.want {
				t.Errorf("Subject(%q, %q) = %q, want %q", tt.code, tt.message, got, tt.want)
			}
		})
	}
}
