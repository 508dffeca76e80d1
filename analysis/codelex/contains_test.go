package codelex

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestContainsAgreesWithBytesContains on words found and not found, at
// the ends of the input, overlapping and repeated, and on random inputs.
func TestContainsAgreesWithBytesContains(t *testing.T) {
	src := []byte(`import Stripe from "stripe"; const sig = req.headers["stripe-signature"]; // hmac` + "\n\tcreateHmac(aab")
	words := []string{"", "i", "import", "hmac", "createHmac(", "(aab", "aab", "aabb", "stripe-signature", "Stripe", "zz", "\t", "x" + string(src)}
	for i := 0; i < len(src); i += 3 {
		words = append(words, string(src[i:min(len(src), i+1+i%7)]))
	}
	for _, w := range words {
		if got, want := Contains(src, w), bytes.Contains(src, []byte(w)); got != want {
			t.Errorf("Contains(src, %q) = %v, want %v", w, got, want)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		s := randomText(rng, rng.IntN(40))
		w := randomText(rng, rng.IntN(4))
		if got, want := Contains([]byte(s), w), strings.Contains(s, w); got != want {
			t.Fatalf("Contains(%q, %q) = %v, want %v", s, w, got, want)
		}
	}
	if !ContainsAny(src, "nope", "hmac") || ContainsAny(src, "nope", "never") {
		t.Error("ContainsAny")
	}
}

func randomText(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = "ab(c "[rng.IntN(5)]
	}
	return string(b)
}

func BenchmarkContains(b *testing.B) {
	src := bytes.Repeat([]byte("  const intent = await stripe.paymentIntents.create({ amount, currency: \"eur\" });\n"), 500)
	words := []string{"createEnv(", "cleanEnv(", "envsafe(", "parseEnv(", "z.object(", "Joi.object(", "yup.object(", "envSchema", "@t3-oss/env", "hmac", "verif", "construct", "valid", "unmarshal"}
	b.Run("bytes", func(b *testing.B) {
		for range b.N {
			for _, w := range words {
				bytes.Contains(src, []byte(w))
			}
		}
	})
	b.Run("rarest", func(b *testing.B) {
		for range b.N {
			ContainsAny(src, words...)
		}
	})
}
