package codelex

import (
	"strings"
	"testing"
)

func TestLexSource(t *testing.T) {
	// Each probe is a piece of the source (its first occurrence) and what its
	// first byte must belong to.
	type probe struct {
		at   string
		want Kind
	}
	tests := []struct {
		name, family, src string
		probes            []probe
	}{
		{"js comments", "js", "a // x process.env\nb /* y\n z */ C", []probe{{"a", Code}, {"x", Comment}, {"z", Comment}, {"C", Code}}},
		{"js strings", "js", `a = "q\"r" + 's' + b`, []probe{{"q", String}, {"r", String}, {"s", String}, {"b", Code}}},
		{"js template", "js", "`t ${f(`u ${v}`)} w` + x", []probe{{"t", String}, {"f", Code}, {"u", String}, {"v", Code}, {"w", String}, {"x", Code}}},
		{"js braces in interpolation", "js", "`t ${ {k: 1}.k } w` + x", []probe{{"k", Code}, {"w", String}, {"x", Code}}},
		{"js regex", "js", `x = /don't/g; y = a / b / c; z`, []probe{{"don", String}, {"y", Code}, {"z", Code}}},
		{"js unterminated string ends at line", "js", "a = 'it\nb", []probe{{"it", String}, {"b", Code}}},
		{"go raw string", "go", "a := `x\\` + b // c", []probe{{"x", String}, {"b", Code}, {"c", Comment}}},
		{"go rune", "go", `r := '"'; s`, []probe{{"s", Code}}},
		{"python comments and strings", "python", "a = 'x' # c\nb = \"y\"", []probe{{"x", String}, {"c", Comment}, {"b", Code}, {"y", String}}},
		{"python triple", "python", "\"\"\"doc\nos.environ['X']\n\"\"\" + z", []probe{{"doc", String}, {"os", String}, {"z", Code}}},
		{"python f-string", "python", "print(f\"t={tok['k']} {{lit}} u\")\nv", []probe{{"t=", String}, {"tok", Code}, {"'k'", String}, {"lit", String}, {"u", String}, {"v", Code}}},
		{"python prefixed", "python", "x = rb'a' + fr'{b}' + c", []probe{{"rb", String}, {"a'", String}, {"b}", Code}, {"c", Code}}},
		{"ruby interpolation", "ruby", `puts "a #{tok} b" # c` + "\nd = 'e #{f}'", []probe{{"a", String}, {"tok", Code}, {" b", String}, {"c", Comment}, {"d", Code}, {"f}", String}}},
		{"ruby heredoc", "ruby", "x = <<~SQL\n  don't ENV['X']\nSQL\ny", []probe{{"don", String}, {"y", Code}}},
		{"ruby =begin", "ruby", "=begin\nENV['X']\n=end\ny", []probe{{"ENV", Comment}, {"y", Code}}},
		{"ruby append is no heredoc", "ruby", "a << b\nc", []probe{{"b", Code}, {"c", Code}}},
		{"other family has no comments", "yaml", "# x", []probe{{"x", Code}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lx := Lex([]byte(tt.src), tt.family)
			for _, p := range tt.probes {
				i := strings.Index(tt.src, p.at)
				if i < 0 {
					t.Fatalf("probe %q not in source", p.at)
				}
				if got := lx.KindAt(i); got != p.want {
					t.Errorf("kindAt(%q) = %d, want %d (spans %v)", p.at, got, p.want, lx.Spans)
				}
			}
		})
	}
}

func TestMatchClose(t *testing.T) {
	src := `f(a, ")", g(b), '(' /* ) */) + x`
	lx := Lex([]byte(src), "js")
	if got, want := lx.MatchClose(1, 1000), strings.Index(src, " + x"); got != want {
		t.Errorf("matchClose = %d, want %d", got, want)
	}
	if got := lx.MatchClose(1, 5); got != -1 {
		t.Errorf("matchClose with a short limit = %d, want -1", got)
	}
}
