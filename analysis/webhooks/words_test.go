package webhooks

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestWordSetScan compares the one-pass scanner with wholeWords, the plain
// search for one word.
func TestWordSetScan(t *testing.T) {
	names := hookNames(nil, []string{"verify", "crypto.verify", "createHmac", "secure_compare?", "save!", "save", "Webhook::construct_event", "a", "bodyParser: false"})
	ws := newWordSet(names)
	tests := []string{
		"",
		"verify",
		"crypto.verify(x) verifyAll reverify verify_ $verify @verify verify$ ",
		"createHmac('sha256').createHmac\ncreateHmacs",
		"x.secure_compare?(a, b) secure_compare?x secure_compare ?secure_compare? secure_compare?",
		"save! save!! save save!x a.save!",
		"construct_event Webhook::construct_event a b aa a",
		"héllo verify\u00e9 verify\u00e9verify verify",
		"bodyParser: false",
	}
	for _, src := range tests {
		got := ws.scan([]byte(src))
		for _, n := range names {
			if n.literal {
				if _, ok := got[n.last]; ok {
					t.Errorf("%q: the literal name %q was scanned as a word", src, n.last)
				}
				continue
			}
			if want := wholeWords([]byte(src), n.last); !slices.Equal(got[n.last], want) {
				t.Errorf("%q: %q at %v, want %v", src, n.last, got[n.last], want)
			}
		}
	}
}

// TestWordSetScanRandom compares the scanner with the plain search on
// random text made of the names' pieces and separators.
func TestWordSetScanRandom(t *testing.T) {
	words := []string{"verify", "verify!", "valid?", "json", "Hmac", "x"}
	ws := newWordSet(hookNames(nil, words))
	pieces := []string{"verify", "valid", "json", "Hmac", "x", "!", "?", ".", " ", "_", "$", "@", "\n", "é", "(", "::"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		got := ws.scan(b)
		for _, w := range words {
			if want := wholeWords(b, w); !slices.Equal(got[w], want) {
				t.Fatalf("%q: %q at %v, want %v", b, w, got[w], want)
			}
		}
	}
}

func TestWordSetWith(t *testing.T) {
	base := newWordSet(hookNames(nil, []string{"verify"}))
	if base.with(hookNames(nil, []string{"x-signature check"})) != base {
		t.Error("literal extra names copied the set")
	}
	more := base.with(hookNames(nil, []string{"checkSig"}))
	src := []byte("verify(a); checkSig(b)")
	if got := more.scan(src); len(got["verify"]) != 1 || len(got["checkSig"]) != 1 {
		t.Errorf("extended set found %v", got)
	}
	if got := base.scan(src); len(got["checkSig"]) != 0 || base.has("checkSig") || !more.has("checkSig") || !more.has("verify") {
		t.Errorf("extending changed the original set: %v", got)
	}
}

func TestContainsAfterDot(t *testing.T) {
	tests := []struct {
		text, word string
		want       bool
	}{
		{"", "use", false},
		{"use", "use", false},
		{".use", "use", true},
		{"app.use(x)", "use", true},
		{"use(x); house.user", "use", true},
		{"reuse(x); use", "use", false},
		{"a . use", "use", false},
		{"req.json()", "json(", true},
		{"req.json ()", "json(", false},
	}
	for _, tt := range tests {
		if got := containsAfterDot([]byte(tt.text), tt.word); got != tt.want {
			t.Errorf("containsAfterDot(%q, %q) = %v, want %v", tt.text, tt.word, got, tt.want)
		}
	}
}
