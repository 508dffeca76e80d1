package expertise

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// learnings reports a missing or empty learnings list, learnings without an
// insight and learning dates that are not YYYY-MM-DD.
func (v *validator) learnings() {
	if !v.isCore() {
		switch n := v.f.LearningsNode; {
		case n == nil:
			v.report(CodeNoLearnings, v.fileAnchor(), "no learnings: add a learnings: list and record what each task taught (date, insight)")
		case isNullNode(resolveAlias(n)) || resolveAlias(n).Kind == yaml.SequenceNode && len(resolveAlias(n).Content) == 0:
			r := v.topKey("learnings")
			if vr := v.nodeRange(n); vr.End.Offset > r.End.Offset {
				r.End = vr.End
			}
			v.report(CodeNoLearnings, r, "learnings is empty: record what each task taught (date, insight)")
		}
	}
	for _, l := range v.f.Learnings {
		i := indexIn(v.f.LearningsNode, l.Node)
		if !hasValue(l.Insight) {
			at := v.nodeRange(l.Node)
			if len(l.Node.Content) > 0 {
				at = v.nodeRange(l.Node.Content[0])
			}
			v.report(CodeSchema, at, "learnings[%d] has no insight: add insight: <what was learned>", i)
		}
		if hasValue(l.Date) {
			if _, ok := parseDate(l.Date.Value); !ok {
				v.report(CodeSchema, l.Date.Range, "learnings[%d].date %q is not a date in YYYY-MM-DD form", i, shortValue(l.Date.Value))
			}
		}
	}
}

// indexIn returns the position of an entry in its list, as the file counts
// (malformed items included), or -1.
func indexIn(list, entry *yaml.Node) int {
	if list == nil {
		return -1
	}
	for i, item := range resolveAlias(list).Content {
		if resolveAlias(item) == entry {
			return i
		}
	}
	return -1
}

// envVarRE is an env var name as the expertise format writes them (the
// schema's pattern for env_vars, expertise.schema.json, is the same).
var envVarRE = regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$`)

// IsEnvVarName reports whether s is an env var name as the expertise format
// writes them: UPPER_SNAKE_CASE, starting with a letter.
func IsEnvVarName(s string) bool { return envVarRE.MatchString(s) }

// catalog reports env var names that are not UPPER_SNAKE_CASE and
// integrations listed twice (on the second).
func (v *validator) catalog() {
	type seen struct {
		category string
		line     int
	}
	first := map[string]seen{}
	for _, cat := range v.f.Catalog {
		for _, e := range cat.Entries {
			where := fmt.Sprintf("integrations_catalog.%s[%d]", cat.Name.Value, indexIn(cat.Node, e.Node))
			for _, ev := range e.EnvVars {
				if hasValue(ev) && !envVarRE.MatchString(ev.Value) {
					v.report(CodeSchema, ev.Range, "env var %s in %s is not UPPER_SNAKE_CASE%s", quoteName(ev.Value), where, suggestUpperSnake(ev.Value))
				}
			}
			if !hasValue(e.Name) {
				continue
			}
			key := strings.ToLower(strings.TrimSpace(e.Name.Value))
			if prev, ok := first[key]; ok {
				v.report(CodeSchema, e.Name.Range, "integration %q is already in the catalog (%s, line %d): merge the two entries", shortValue(e.Name.Value), prev.category, prev.line)
				continue
			}
			first[key] = seen{cat.Name.Value, e.Name.Range.Start.Line + 1}
		}
	}
}

// quoteName quotes a name for a message, or only its first four characters
// when it looks like a credential rather than a name (long, or with a long
// random-looking part), so that a secret pasted by mistake is not repeated.
func quoteName(s string) string {
	digits, longPart := 0, false
	for _, r := range s {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == '-' || r == '.' }) {
		longPart = longPart || len(part) > 20
	}
	if len(s) > 40 || digits >= 6 || longPart || strings.ContainsAny(s, " \t/+=") {
		r := []rune(s)
		return fmt.Sprintf("%q", string(r[:min(4, len(r))])+"…")
	}
	return fmt.Sprintf("%q", s)
}

var (
	wordBoundaryRE = regexp.MustCompile(`([a-z0-9])([A-Z])`)
	nonAlnumRE     = regexp.MustCompile(`[^A-Za-z0-9]+`)
)

// suggestUpperSnake proposes the UPPER_SNAKE_CASE form of an env var name.
func suggestUpperSnake(s string) string {
	snake := wordBoundaryRE.ReplaceAllString(s, "${1}_${2}")
	snake = strings.ToUpper(strings.Trim(nonAlnumRE.ReplaceAllString(snake, "_"), "_"))
	if !envVarRE.MatchString(snake) || quoteName(s) != fmt.Sprintf("%q", s) {
		return ""
	}
	return fmt.Sprintf(" (e.g. %s)", snake)
}
