package analysis

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

func TestLexSource(t *testing.T) {
	// Each probe is a piece of the source (its first occurrence) and what its
	// first byte must belong to.
	type probe struct {
		at   string
		want lexKind
	}
	tests := []struct {
		name, family, src string
		probes            []probe
	}{
		{"js comments", "js", "a // x process.env\nb /* y\n z */ C", []probe{{"a", lexCode}, {"x", lexComment}, {"z", lexComment}, {"C", lexCode}}},
		{"js strings", "js", `a = "q\"r" + 's' + b`, []probe{{"q", lexString}, {"r", lexString}, {"s", lexString}, {"b", lexCode}}},
		{"js template", "js", "`t ${f(`u ${v}`)} w` + x", []probe{{"t", lexString}, {"f", lexCode}, {"u", lexString}, {"v", lexCode}, {"w", lexString}, {"x", lexCode}}},
		{"js braces in interpolation", "js", "`t ${ {k: 1}.k } w` + x", []probe{{"k", lexCode}, {"w", lexString}, {"x", lexCode}}},
		{"js regex", "js", `x = /don't/g; y = a / b / c; z`, []probe{{"don", lexString}, {"y", lexCode}, {"z", lexCode}}},
		{"js unterminated string ends at line", "js", "a = 'it\nb", []probe{{"it", lexString}, {"b", lexCode}}},
		{"go raw string", "go", "a := `x\\` + b // c", []probe{{"x", lexString}, {"b", lexCode}, {"c", lexComment}}},
		{"go rune", "go", `r := '"'; s`, []probe{{"s", lexCode}}},
		{"python comments and strings", "python", "a = 'x' # c\nb = \"y\"", []probe{{"x", lexString}, {"c", lexComment}, {"b", lexCode}, {"y", lexString}}},
		{"python triple", "python", "\"\"\"doc\nos.environ['X']\n\"\"\" + z", []probe{{"doc", lexString}, {"os", lexString}, {"z", lexCode}}},
		{"python f-string", "python", "print(f\"t={tok['k']} {{lit}} u\")\nv", []probe{{"t=", lexString}, {"tok", lexCode}, {"'k'", lexString}, {"lit", lexString}, {"u", lexString}, {"v", lexCode}}},
		{"python prefixed", "python", "x = rb'a' + fr'{b}' + c", []probe{{"rb", lexString}, {"a'", lexString}, {"b}", lexCode}, {"c", lexCode}}},
		{"ruby interpolation", "ruby", `puts "a #{tok} b" # c` + "\nd = 'e #{f}'", []probe{{"a", lexString}, {"tok", lexCode}, {" b", lexString}, {"c", lexComment}, {"d", lexCode}, {"f}", lexString}}},
		{"ruby heredoc", "ruby", "x = <<~SQL\n  don't ENV['X']\nSQL\ny", []probe{{"don", lexString}, {"y", lexCode}}},
		{"ruby =begin", "ruby", "=begin\nENV['X']\n=end\ny", []probe{{"ENV", lexComment}, {"y", lexCode}}},
		{"ruby append is no heredoc", "ruby", "a << b\nc", []probe{{"b", lexCode}, {"c", lexCode}}},
		{"other family has no comments", "yaml", "# x", []probe{{"x", lexCode}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lx := lexSource([]byte(tt.src), tt.family)
			for _, p := range tt.probes {
				i := strings.Index(tt.src, p.at)
				if i < 0 {
					t.Fatalf("probe %q not in source", p.at)
				}
				if got := lx.kindAt(i); got != p.want {
					t.Errorf("kindAt(%q) = %d, want %d (spans %v)", p.at, got, p.want, lx.spans)
				}
			}
		})
	}
}

func TestMatchClose(t *testing.T) {
	src := `f(a, ")", g(b), '(' /* ) */) + x`
	lx := lexSource([]byte(src), "js")
	if got, want := lx.matchClose(1, 1000), strings.Index(src, " + x"); got != want {
		t.Errorf("matchClose = %d, want %d", got, want)
	}
	if got := lx.matchClose(1, 5); got != -1 {
		t.Errorf("matchClose with a short limit = %d, want -1", got)
	}
}

func TestPosCursor(t *testing.T) {
	src := "ab é😀 c\r\nd\n\n漢字 x y\nlast"
	f := NewFile("/w", "/w/a.ts", syntax.TypeScript, []byte(src), nil)
	var offsets []int
	for i := 0; i <= len(src); i++ {
		if i == len(src) || utf8.RuneStart(src[i]) && src[i] != '\n' && (i == 0 || src[i-1] != '\r') {
			offsets = append(offsets, i)
		}
	}
	c := posCursor{f: f}
	for _, off := range offsets {
		if got, want := c.pos(off), f.Lines.Position(off); got != want {
			t.Errorf("pos(%d) = %+v, want %+v", off, got, want)
		}
	}
	if got, want := c.pos(1), f.Lines.Position(1); got != want { // backwards: recomputed
		t.Errorf("pos(1) after the end = %+v, want %+v", got, want)
	}
}
