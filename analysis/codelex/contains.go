package codelex

import "bytes"

// byFrequency is the printable ASCII bytes, most frequent first, in the
// TypeScript, JavaScript, Python, Go and Ruby of five of the corpus trees
// (documenso, saleor, spree, listmonk, dub).
const byFrequency = " etraonisdlc.pu_m\",ghf-)(=:byv1{}k2w'/xT3ES4C0A5I;][RPD6N>78O<LMUqF9#Bjz`V?G@|*WH&$!YKQZ+XJ\\%^~"

// rarity ranks bytes: higher is rarer in source code. Bytes outside
// printable ASCII (tabs, line breaks, UTF-8) rank as common.
var rarity = func() (r [256]uint8) {
	for i := 0; i < len(byFrequency); i++ {
		r[byFrequency[i]] = uint8(i + 1)
	}
	return r
}()

// Contains reports whether word occurs in src, as bytes.Contains does, but
// looks for the word's rarest byte first: bytes.Contains looks for its
// first, and the prefilters that ask whether a file mentions "createEnv("
// or "hmac" at all scan whole files for a "c" or an "h". Fourteen such
// words on 40 KB of TypeScript (BenchmarkContains): 239 µs -> 35 µs.
func Contains(src []byte, word string) bool {
	n := len(word)
	switch {
	case n == 0:
		return true
	case n > len(src):
		return false
	}
	a := 0
	for i := 1; i < n; i++ {
		if rarity[word[i]] > rarity[word[a]] {
			a = i
		}
	}
	c := word[a]
	last := len(src) - n + a // the anchor's last possible offset
	for i := a; i <= last; i++ {
		j := bytes.IndexByte(src[i:last+1], c)
		if j < 0 {
			return false
		}
		i += j
		if string(src[i-a:i-a+n]) == word {
			return true
		}
	}
	return false
}

// ContainsAny reports whether one of words occurs in src (Contains).
func ContainsAny(src []byte, words ...string) bool {
	for _, w := range words {
		if Contains(src, w) {
			return true
		}
	}
	return false
}
