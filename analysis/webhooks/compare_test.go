package webhooks

import (
	"slices"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
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

// TestSignatureWordsHoldHints guards compareLines, which skips lines
// without a signature hint (or a MAC holder's name): every word that names
// a signature must hold one.
func TestSignatureWordsHoldHints(t *testing.T) {
	for w := range signatureWords {
		if !hasAny([]byte(w), signatureHints) {
			t.Errorf("signature word %q holds no signature hint", w)
		}
	}
}

func TestAssignedNames(t *testing.T) {
	tests := []struct {
		stmt string
		want []string
	}{
		{"  const digest = ", []string{"digest"}},
		{"\tmac := ", []string{"mac"}},
		{"    digest: str = ", []string{"digest"}},
		{"  let sig: Buffer = ", []string{"sig"}},
		{"\tsig, err := ", []string{"sig"}},
		{"\tvar sig []byte = ", []string{"sig"}},
		{"  @sig ||= ", []string{"@sig"}},
		{"  this.expected = ", []string{"this.expected"}},
		{"  const { a, b } = ", nil},
		{"  const [a, b] = ", nil},
		{"  buf[i] = ", nil},
		{"\tif sum := ", []string{"sum"}},
	}
	for _, tt := range tests {
		eq := assignmentOp([]byte(tt.stmt + "x"))
		if eq < 0 {
			t.Errorf("assignmentOp(%q) found no assignment", tt.stmt)
			continue
		}
		if got := assignedNames(tt.stmt[:eq]); !slices.Equal(got, tt.want) {
			t.Errorf("assignedNames(%q) = %q, want %q", tt.stmt[:eq], got, tt.want)
		}
	}
	for _, text := range []string{"if (digest === sig) ", "return a == b", "f(key=value)", "x => y", "a != b", "a <= b"} {
		if eq := assignmentOp([]byte(text)); eq >= 0 {
			t.Errorf("assignmentOp(%q) = %d, want none", text, eq)
		}
	}
}

func TestTestFile(t *testing.T) {
	tests := []struct {
		rel  string
		want bool
	}{
		{"crypto/acme/jws_test.go", true},
		{"lib/test/test_hmac.py", true},
		{"pkg/hooks_test.py", true},
		{"src/verify.test.ts", true},
		{"src/verify.spec.js", true},
		{"spec/webhooks_spec.rb", true},
		{"src/__tests__/sig.ts", true},
		{"src/webhooks/stripe.ts", false},
		{"app/controllers/webhooks_controller.rb", false},
		{"testdata/webhooks/server.ts", true}, // test data, by the Go convention
		{"src/testimonials/server.ts", false},
		{"playwright.config.ts", true},
		{"spec/fixtures/stripe.json", true},
		{"contest.py", false},
	}
	for _, tt := range tests {
		if got := knowledge.TestFile(tt.rel); got != tt.want {
			t.Errorf("testFile(%q) = %v, want %v", tt.rel, got, tt.want)
		}
	}
}
