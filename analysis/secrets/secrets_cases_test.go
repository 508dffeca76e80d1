package secrets

import (
	"strings"
	"testing"
)

// TestSecretsCases covers findings and non-findings beyond the fixtures:
// each source (with @V@ standing for a random-looking value) must yield
// the messages listed, in order.
func TestSecretsCases(t *testing.T) {
	awsSecret := "Le0v/8si0coNMnpwroenQ78E9IjYVAm3HYZRgoT" + "3"
	tests := []struct {
		name, file, src string
		want            []string // substrings of the messages, in order
	}{
		{"two tokens on a line", "a.ts", `f("sk_live_@V@", "ghp_` + strings.Repeat("q8Zf3kLm9XwB2vTr", 3)[:36] + `")`,
			[]string{"Stripe secret key", "GitHub token"}},
		{"token in a comment", "a.go", "// new client: sk_live_@V@\n", []string{"Stripe secret key hardcoded (sk_l…)"}},
		{"env file", ".env", "STRIPE_SECRET_KEY=sk_live_@V@\n", []string{"keep this file out of version control"}},
		{"aws secret in an env file", ".env", "AWS_SECRET_ACCESS_KEY=" + awsSecret + "\n", []string{"AWS secret access key"}},
		{"aws-looking piece of a base64 blob", "a.go", `blob := "H4sI+` + awsSecret + `+Zq9"  // aws`, nil},
		{"hex that spells text", "a.py", `key = "746869732069732033322d62797465206b6579"`, nil},
		{"label made of the name's words", "a.go", `msgUserAuthRequest: "userAuthRequestMsg2",`, nil},
		{"public half of a key", "a.go", `testKeyECPubX = "@V@"`, nil},
		{"key algorithm", "a.go", `KeyAlgoECDSA256 = "ecdsa-sha2-nistp256"`, nil},
		{"thumbprint", "a.go", `testKeyThumbprint = "@V@"`, nil},
		{"pem armor around words", "a.go", "s := \"-----BEGIN RSA PRIVATE KEY-----\\n  foo\\n  bar\\n  -----END RSA PRIVATE KEY-----\"", nil},
		{"k8s env entry", "a.yaml", "- name: STRIPE_WEBHOOK_SECRET\n  value: \"@V@\"\n", []string{"Stripe secret hardcoded in STRIPE_WEBHOOK_SECRET"}},
		{"long line", "a.js", strings.Repeat(`var a=function(b){return b.key};`, 200) + `var apiKey="@V@";` + strings.Repeat(`x.token=y;`, 200),
			[]string{"Secret hardcoded in apiKey"}},
		{"minified line", "a.min.js", strings.Repeat(`var a=function(b){return b.key};`, 200) + `var apiKey="@V@",k="sk_live_@V@";` + strings.Repeat(`x.token=y;`, 200),
			[]string{"Stripe secret key hardcoded (sk_l…)"}},
		{"live key in a test", "keys_test.go", `const key = "sk_live_@V@"`, []string{"Stripe secret key (in a test) hardcoded"}},
		{"test-mode key in a test", "keys_test.go", `const key = "sk_test_@V@"`, nil},
		{"made-up token", "a.go", `tok := "ghp_abc123def456ghi789jkl012mno345pqr678"`, nil},
		{"quoted env name with default in go", "a.go", `key := cmp.Or(os.Getenv("API_KEY"), "@V@")`, nil},
	}
	for _, tt := range tests {
		src := strings.ReplaceAll(tt.src, "@V@", fakeKey)
		diags := runSecretsOn(t, t.TempDir(), tt.file, src)
		var got []string
		for _, d := range diags {
			got = append(got, d.Message)
		}
		ok := len(got) == len(tt.want)
		for i := 0; ok && i < len(got); i++ {
			ok = strings.Contains(got[i], tt.want[i])
		}
		if !ok {
			t.Errorf("%s: messages %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestSecretsFindingsPerLine checks the cap on findings per line: a
// minified line full of secrets reports maxFindingsPerLine of them, from
// its start, and the next line its own.
func TestSecretsFindingsPerLine(t *testing.T) {
	src := strings.Repeat(`a={k:"sk_live_`+fakeKey+`"};`, 500) + "\nconst apiKey = \"sk_live_" + fakeKey + "\";\n"
	diags := runSecretsOn(t, t.TempDir(), "bundle.min.js", src)
	if len(diags) != maxFindingsPerLine+1 {
		t.Fatalf("%d findings, want %d", len(diags), maxFindingsPerLine+1)
	}
	if first, last := diags[0], diags[len(diags)-1]; first.Range.Start.Col != len(`a={k:"`) || last.Range.Start.Line != 1 {
		t.Errorf("first finding at %+v, last at %+v: want the line's first secret and the next line's", first.Range.Start, last.Range.Start)
	}
}
