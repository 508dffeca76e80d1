package walk

import "testing"

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, rel string
		want         bool
	}{
		{"a.txt", "a.txt", true},
		{"a.txt", "b/a.txt", false},
		{"*.go", "main.go", true},
		{"*.go", "cmd/main.go", false}, // * stays inside one segment
		{"*", ".hidden", true},         // gitignore's * matches a leading dot
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"a?c", "aéc", true}, // ? is one character, not one byte
		{"[abc]x", "bx", true},
		{"[a-c]x", "dx", false},
		{"[!a-c]x", "dx", true},
		{"[^a-c]x", "ax", false},
		{"[]]x", "]x", true},
		{"[a-]x", "-x", true},
		{"[ab", "[ab", true}, // unclosed class is literal
		{`\*x`, "*x", true},
		{`\*x`, "ax", false},
		{`a\ `, "a ", true},
		{"**/x", "x", true},
		{"**/x", "a/b/x", true},
		{"**/x", "a/b/xy", false},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/y/b", true},
		{"a/**/b", "a/x/y/c", false},
		{"a/**", "a/x", true},
		{"a/**", "a/x/y", true},
		{"a/**", "a", false}, // everything inside a, not a itself
		{"**", "a/b", true},
		{"a**b", "axyb", true}, // ** inside a segment is a plain *
		{"a**b", "ax/yb", false},
		{"/a/b", "a/b", true},
		{"**/experts/*/expertise.yaml", ".agileflow/experts/integrations/expertise.yaml", true},
		{"**/experts/*/expertise.yaml", "experts/x/expertise.yaml", true},
		{"**/experts/*/expertise.yaml", "experts/x/y/expertise.yaml", false},
		{"**/**/x", "a/x", true},
		{"*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
		{"", "", true},
		{"a", "", false},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.rel); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.rel, got, tt.want)
		}
	}
}

func FuzzMatch(f *testing.F) {
	f.Add("a/**/b*[!x]?", "a/c/bd y")
	f.Add(`[\]a-`, "]")
	f.Fuzz(func(t *testing.T, pattern, rel string) {
		Match(pattern, rel) // must not panic
	})
}
