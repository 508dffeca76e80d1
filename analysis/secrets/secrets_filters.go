package secrets

import (
	"math"
	"regexp"
	"strings"
)

// Entropy floors, tuned on random keys (TestIsSecretValueRandomStrings) and
// testdata/secrets: a random string of n characters has at most log2(n) bits
// per character while n is smaller than its alphabet (most characters occur
// once), so each floor is a share of log2(n), capped: base64-ish values reach
// min(3.8, 0.77*log2(n)) and hex ones min(3.0, 0.65*log2(n)). 99 in 100
// random keys of 16 or more characters (20 for hex) pass.
const (
	minBase64Len      = 16
	minHexLen         = 20
	base64EntropyRate = 0.77 // share of log2(len) a value must reach
	maxBase64Entropy  = 3.8
	maxHexEntropy     = 3.0
	hexEntropyRate    = 0.65
	minTokenEntropy   = 3.0 // floor for provider-shaped tokens, below which they are placeholders
)

// shannonEntropy returns the bits per byte of s.
func shannonEntropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	n := float64(len(s))
	h := 0.0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// placeholderWords mark a value as a placeholder or a documented example
// (compared in lower case).
var placeholderWords = []string{"xxxx", "****", "....", "<", ">", "${", "{{", "%(", "changeme", "change_me", "change-me",
	"replace_me", "replaceme", "placeholder", "redacted", "example", "your_", "your-", "yourkey", "yoursecret", "yourtoken", "insert_"}

// isPlaceholder reports whether v is a placeholder rather than a value: a
// template, "your-api-key", "xxxx", "changeme", a documented example, a
// reference to an env var ($API_KEY), mostly one repeated character, a
// sequence ("12345678", "abcdefgh") or mostly short ones ("abc123def456ghi").
func isPlaceholder(v string) bool {
	lower := strings.ToLower(v)
	for _, w := range placeholderWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	if strings.HasPrefix(lower, "your") {
		return true
	}
	if len(v) > 1 && v[0] == '$' && isEnvVarName(v[1:]) {
		return true
	}
	return longestRun(lower, 0)*3 >= len(lower) || longestRun(lower, 1) >= 8 ||
		len(lower) >= minSequencedLen && inSequences(lower)*5 >= len(lower)*3
}

// minSequencedLen is the length from which a value mostly made of short
// sequences ("abc123def456ghi789") is a made-up one.
const minSequencedLen = 12

// inSequences counts the bytes of s that lie in runs of three or more that
// each follow the one before ("abc", "123", "xyz"). Three fifths of a random
// string almost never do.
func inSequences(s string) int {
	n, run := 0, 1
	for i := 1; i <= len(s); i++ {
		if i < len(s) && int(s[i])-int(s[i-1]) == 1 {
			run++
			continue
		}
		if run >= 3 {
			n += run
		}
		run = 1
	}
	return n
}

// longestRun returns the longest run of bytes that each differ from the one
// before by step (0: repeats, 1: sequences like "abcdef" or "123456").
func longestRun(s string, step int) int {
	best, run := 1, 1
	for i := 1; i < len(s); i++ {
		if int(s[i])-int(s[i-1]) == step {
			run++
			best = max(best, run)
		} else {
			run = 1
		}
	}
	return best
}

func isEnvVarName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' && i > 0) {
			return false
		}
	}
	return true
}

var (
	uuidRE     = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	sriRE      = regexp.MustCompile(`^sha(?:256|384|512)-[A-Za-z0-9+/]{43,86}={0,2}$`)
	hostnameRE = regexp.MustCompile(`^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?$`)
	emailRE    = regexp.MustCompile(`^[^@\s]+@[a-z0-9.-]+\.[a-z]{2,}$`)
	// hashLens are the lengths of hex digests: MD5, SHA-1 (commit ids), SHA-256, SHA-512.
	hashLens = map[int]bool{32: true, 40: true, 64: true, 128: true}
)

// isHashLike reports whether v is a digest, a commit id, a UUID or a
// subresource-integrity string: values that are secrets only when a secret's
// name holds them.
func isHashLike(v string) bool {
	return uuidRE.MatchString(v) || sriRE.MatchString(v) || hashLens[len(v)] && isHex(v)
}

func isHex(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return v != ""
}

// hexText reports whether hex digits encode printable ASCII text
// ("746869732069732033322d62797465206b6579" is "this is 32-byte key"):
// random bytes almost never do.
func hexText(v string) bool {
	if len(v)%2 != 0 {
		return false
	}
	for i := 0; i < len(v); i += 2 {
		hi, lo := hexDigit(v[i]), hexDigit(v[i+1])
		if c := hi<<4 | lo; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

func hexDigit(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// charClasses counts which of lower-case letters, upper-case letters and
// digits occur in v.
func charClasses(v string) int {
	var lower, upper, digit int
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= 'a' && c <= 'z':
			lower = 1
		case c >= 'A' && c <= 'Z':
			upper = 1
		case c >= '0' && c <= '9':
			digit = 1
		}
	}
	return lower + upper + digit
}

// looksLikeWords reports whether v is made of words (identifiers, paths, key
// names: "myapp.auth.accessToken", "authorization_code", "x-api-key-header",
// "pbSidebarWidth") rather than random characters: its runs of letters (split
// at case changes) are three letters long on average, each holds a vowel (one
// single letter, or a namespace prefix of up to maxNamespaceLen letters that
// starts the value, may not) and no five consonants in a row, and its digits are one run of at
// most a quarter of it. Random strings of 24 or more characters almost never
// pass; of 16, about 2 in 100 do.
func looksLikeWords(v string) bool {
	runs, letters, bare, digitRuns, digits := 0, 0, 0, 0, 0
	vowel, consonants := false, 0
	endRun := func(n int) bool {
		if n == 0 {
			return true
		}
		runs++
		letters += n
		if !vowel {
			bare++
			return (n == 1 || runs == 1 && n <= maxNamespaceLen) && bare == 1
		}
		return true
	}
	n := 0 // letters in the current run
	for i := 0; i < len(v); i++ {
		c := v[i]
		upper, lower := c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z'
		if !upper && !lower || upper && n > 0 && v[i-1] >= 'a' && v[i-1] <= 'z' {
			if !endRun(n) {
				return false
			}
			n, vowel, consonants = 0, false, 0
		}
		switch {
		case upper || lower:
			n++
			if strings.IndexByte("aeiouyAEIOUY", c) >= 0 {
				vowel, consonants = true, 0
			} else if consonants++; consonants >= 5 {
				return false
			}
		case c >= '0' && c <= '9':
			if i == 0 || v[i-1] < '0' || v[i-1] > '9' {
				digitRuns++
			}
			digits++
		}
	}
	if !endRun(n) || runs == 0 {
		return false
	}
	return letters >= 3*runs && digitRuns <= 1 && digits*4 <= len(v)
}

// maxNamespaceLen bounds the vowelless prefix that starts an identifier
// ("pb" in pbSidebarWidth, "js" in jsCallbackName).
const maxNamespaceLen = 3

// looksLikeRegexp reports whether v is a regular expression or a format.
func looksLikeRegexp(v string) bool {
	return strings.HasPrefix(v, "^") || strings.HasSuffix(v, "$") && !strings.HasSuffix(v, `\$`) ||
		strings.Contains(v, "(?") || strings.Contains(v, `\d`) || strings.Contains(v, `\w`) || strings.Contains(v, "%s")
}

// isSecretValue reports whether a literal held by a secret's name is a
// hardcoded secret: long enough, random enough, and not a placeholder, a
// template, a URL, a host, an e-mail address, a path (or one holding "../"),
// words or a regexp.
func isSecretValue(v string) bool {
	if len(v) < minBase64Len || strings.ContainsAny(v, " \t\n\\{}[]|") || isPlaceholder(v) || strings.Contains(v, "://") ||
		strings.HasPrefix(v, "pk_") || sriRE.MatchString(v) || hostnameRE.MatchString(v) || emailRE.MatchString(v) ||
		strings.HasPrefix(v, "/") || strings.HasPrefix(v, "./") || strings.HasPrefix(v, "~/") || strings.Contains(v, "../") || looksLikeRegexp(v) ||
		charClasses(v) < 2 {
		return false
	}
	if uuidRE.MatchString(v) {
		v = strings.ReplaceAll(v, "-", "")
	}
	h := shannonEntropy(v)
	if isHex(v) {
		return len(v) >= minHexLen && !hexText(v) && h >= min(maxHexEntropy, hexEntropyRate*math.Log2(float64(len(v))))
	}
	if looksLikeWords(v) {
		return false
	}
	return h >= min(maxBase64Entropy, base64EntropyRate*math.Log2(float64(len(v))))
}
