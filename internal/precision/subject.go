package precision

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// subjectMax is how many characters of a normalised message a subject keeps.
const subjectMax = 60

var (
	envNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*`)
	// fragmentRE matches what varies between two findings of one kind, or may
	// hold part of a value: (parenthesised), "quoted", 'quoted', `quoted`,
	// “curly quoted”, and digits.
	fragmentRE   = regexp.MustCompile("\\([^()]*\\)|\"[^\"]*\"|'[^']*'|`[^`]*`|“[^”]*”|‘[^’]*’|[0-9]+")
	spaceRE      = regexp.MustCompile(`\s+`)
	spacePunctRE = regexp.MustCompile(`\s+([;:,.!?])(\s|$)`)
)

// Subject returns the stable key of a finding that is not its position, so a
// label survives the line drifting. For missing-env-var it is the variable
// name (the message's first word). For every other code it is the message,
// lowercased, with parenthesised and quoted fragments and digits removed,
// whitespace collapsed, no space before punctuation, cut to its first 60
// characters and trimmed of trailing spaces and punctuation. Removing quoted
// and parenthesised fragments also keeps any echoed value out of labels.
func Subject(code, message string) string {
	if code == "missing-env-var" {
		if name := envNameRE.FindString(message); name != "" {
			return name
		}
	}
	s := message
	for prev := ""; prev != s; { // nested parentheses: strip innermost first
		prev = s
		s = fragmentRE.ReplaceAllString(s, " ")
	}
	s = strings.ToLower(s)
	s = spaceRE.ReplaceAllString(s, " ")
	s = spacePunctRE.ReplaceAllString(s, "$1$2")
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > subjectMax {
		s = string([]rune(s)[:subjectMax])
	}
	return strings.TrimRight(s, " ;:,.!?-…")
}
