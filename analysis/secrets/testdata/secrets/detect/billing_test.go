// Fixture: a Go test file. Test data is recognisably fake and not reported;
// a live provider key is still a leak, reported at warning.
package billing

import "testing"

const liveKey = "sk_live_ehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStPKR0CsTy4Qwb8DwkN" // want "Stripe secret key \\(in a test\\) hardcoded \\(sk_l…\\)"
const liveToken = "ghp_2G8NPRVdD53X83RZJzzzzgEOzdmenCkhvMdg"                           // want "GitHub token \\(in a test\\) hardcoded"

// Test-mode keys, made-up tokens, sandbox values and secret-named test data.
const testKey = "sk_test_hFdnXsiVpzz63FfkCzJr4i0B"
const fakeToken = "ghp_FakeTokenWi0B26R08qzjI6GKFSufrdZSlB5"
const madeUpToken = "ghp_abc123def456ghi789jkl012mno345pqr678"
const apiKey = "aKjIg8xNbe3nNyjOq9wMxEhh2FDEEtfj"

func TestConfirm(t *testing.T) {
	cases := []struct{ body string }{
		{body: `{"token":"eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJpZCI6ICJ1MXg5IiwgInR5cGUiOiAiYXV0aFJlY29yZCIsICJleHAiOiAyMjA4OTg4ODAwfQ.3yBdGBLEPH1qhT61qtc4xatws8phP9nhFyJfm5di4Pz"}`},
		{body: `{"access_token":"access-sandbox-575dcad6-ba2b-40ae-ae0c-a92373288158"}`},
		{body: `{"key":"uploadsB/../outside.txt","size":12}`},
	}
	_ = cases
}
