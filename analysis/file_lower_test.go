package analysis

import (
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// TestFileLower checks that Lower folds ASCII letters only, so that an
// offset into it is the same offset into the content: Unicode case folding
// changes lengths (the Kelvin sign, U+212A, folds from 3 bytes to 1).
func TestFileLower(t *testing.T) {
	tests := []struct{ content, want string }{
		{"", ""},
		{"Stripe-Signature: HMAC", "stripe-signature: hmac"},
		{"\u212a\u212a const SIG = 1", "\u212a\u212a const sig = 1"},
		{"Crème Brûlée ÀÉ @[`{", "crème brûlée ÀÉ @[`{"},
		{"\xff\x80AZaz09", "\xff\x80azaz09"},
	}
	for _, tt := range tests {
		f := NewFile("/ws", "/ws/a.ts", syntax.TypeScript, []byte(tt.content), nil)
		if got := string(f.Lower()); got != tt.want {
			t.Errorf("Lower(%q) = %q, want %q", tt.content, got, tt.want)
		}
	}
}
