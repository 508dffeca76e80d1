package analysis

import (
	"strings"
	"testing"
)

// TestEqualityOpsEndInComparison guards compareLines, which finds the lines
// worth reading by their "==" or "!=": every operator must end with one.
func TestEqualityOpsEndInComparison(t *testing.T) {
	for family, ops := range equalityOps {
		for _, op := range ops {
			if !strings.HasSuffix(op, "==") && !strings.HasSuffix(op, "!=") {
				t.Errorf("%s: operator %q ends with neither == nor !=", family, op)
			}
		}
	}
}

// TestSignatureWordsHoldHints guards findSignatureCompares, which skips
// variable-time calls in files without a signature hint: every word that
// names a signature must hold one.
func TestSignatureWordsHoldHints(t *testing.T) {
	for _, words := range []map[string]bool{signatureWords, weakSignatureWords} {
		for w := range words {
			if !hasAny([]byte(w), signatureHints) {
				t.Errorf("signature word %q holds no signature hint", w)
			}
		}
	}
}
