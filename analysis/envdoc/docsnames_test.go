package envdoc

import (
	"maps"
	"math/rand/v2"
	"regexp"
	"slices"
	"testing"
)

// docsNames reads the words regexp `\b[A-Z][A-Z0-9_]+\b` finds, without a
// regexp: the two agree on hand-picked and random text.
func TestDocsNamesAsTheRegexp(t *testing.T) {
	oracle := regexp.MustCompile(`\b[A-Z][A-Z0-9_]+\b`)
	texts := []string{
		"Set `STRIPE_API_KEY` and ADMINS; not FOO_bar, not A, but A1 and X_ (café PORT) é_NOT ÉTÉ_X",
		"_LEADING 9ABC ABC9 a_B_C B-C D.E $HOME ${DB_URL} env:REDIS_URL\n",
		"",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("AZaz09_ .-`$é\n")
	for range 2000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		texts = append(texts, string(b))
	}
	for _, text := range texts {
		want := map[string]bool{}
		for _, w := range oracle.FindAllString(text, -1) {
			want[w] = true
		}
		got := docsNames("README.md", []byte(text)).Names
		if !maps.Equal(got, want) {
			t.Fatalf("docsNames(%q) = %v, want %v", text, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		}
	}
}
