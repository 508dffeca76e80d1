package expertise

import (
	"bytes"
	"strings"
)

// Position is where a cursor is in an expertise file, read from its text
// alone (a file being typed is often not valid YAML): the keys of the
// mappings that enclose the line, outermost first, the key the cursor is
// the value of ("" when it is typing a key), and the word being typed.
type Position struct {
	Keys []string // e.g. ["integrations_catalog", "payment"]
	// Key is the key whose value the cursor is in ("env_vars", "name",
	// "path"); for an item of a block list, the list's key. "" when the
	// cursor is where a key goes.
	Key string
	// Word is the text typed so far (letters, digits, _ . / - and @), which
	// a completion replaces; it starts at WordStart.
	Word      string
	WordStart int
	// Indent is the column of the line's first character that is not a space.
	Indent int
}

// PositionAt reads the position of offset in content.
func PositionAt(content []byte, offset int) Position {
	offset = max(0, min(offset, len(content)))
	lineStart := bytes.LastIndexByte(content[:offset], '\n') + 1
	before := string(content[lineStart:offset])
	ws := len(before)
	for ws > 0 && isWordByte(before[ws-1]) {
		ws--
	}
	p := Position{Word: before[ws:], WordStart: lineStart + ws}
	trimmed := strings.TrimLeft(before, " ")
	p.Indent = len(before) - len(trimmed)
	head := strings.TrimSpace(before[:ws])
	item := strings.HasPrefix(trimmed, "- ") || trimmed == "-"
	switch {
	case strings.Contains(head, ":"):
		// "key: value", "- key: [A, B" or "key: [A, ": the value of key.
		k := strings.TrimSpace(strings.TrimPrefix(head, "-"))
		k, _, _ = strings.Cut(k, ":")
		p.Key = strings.TrimSpace(k)
	case item:
		p.Key = "-" // an item of the enclosing list; resolved below
	}
	p.Keys = enclosingKeys(content[:lineStart], p.Indent, item)
	if p.Key == "-" {
		p.Key = ""
		if n := len(p.Keys); n > 0 {
			p.Key = p.Keys[n-1]
			p.Keys = p.Keys[:n-1]
		}
	}
	return p
}

// enclosingKeys walks up from the end of before (the lines above the
// cursor's) and returns the keys whose block holds a line indented indent.
func enclosingKeys(before []byte, indent int, item bool) []string {
	var keys []string
	limit := indent
	if item {
		limit++ // a "- " item may sit at its key's own column
	}
	for _, line := range reverseLines(before) {
		t := strings.TrimLeft(line, " ")
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		col := len(line) - len(t)
		if col >= limit {
			continue
		}
		body := strings.TrimSpace(strings.TrimPrefix(t, "-"))
		if k, rest, ok := strings.Cut(body, ":"); ok && !strings.ContainsAny(k, " \"'[{") {
			if strings.TrimSpace(rest) == "" || strings.HasPrefix(strings.TrimSpace(rest), "#") {
				keys = append(keys, k)
			}
		}
		// The item's own "- key:" line encloses the keys below it at its
		// content's column; the list it belongs to is one step out.
		if strings.HasPrefix(t, "- ") {
			limit = col + 1
		} else {
			limit = col
		}
		if limit == 0 {
			break
		}
	}
	for i, j := 0, len(keys)-1; i < j; i, j = i+1, j-1 {
		keys[i], keys[j] = keys[j], keys[i]
	}
	return keys
}

func reverseLines(b []byte) []string {
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	for i, j := 0, len(lines)-1; i < j; i, j = i+1, j-1 {
		lines[i], lines[j] = lines[j], lines[i]
	}
	return lines
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '/' || c == '-' || c == '@'
}
