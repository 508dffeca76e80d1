package codelex

import (
	"slices"
	"strings"
	"testing"
)

// TestTopLevelStarts: in each source, the lines marked "<" begin a
// top-level statement and are the only starts given; the others continue a
// statement, sit inside one, or follow a decorator. (Ruby's blocks close
// with end, which the reading does not count: an unindented def inside a
// class reads as a start, and the chunk it leaves, "class A" alone, does
// not parse, so the whole file answers: see syntax.ParseChunked.)
func TestTopLevelStarts(t *testing.T) {
	cases := []struct{ family, src string }{
		{"js", `import { a } from "a"; <
import b from "b"; <
const x = a <
  .b();
const y = <
foo();
const z = cond <
? 1
: 2;
@Controller({ <
  path: "x",
})
export class C {
  m() {
  }
}
if (a) { <
} else {
}
try { <
} catch (e) {
}
export default router; <
const t = ` + "`" + ` <
line at column zero
` + "`" + `;
// a comment
function f() {} <
export type A = <
B;
`},
		{"python", `import os <
@app.route("/x", <
methods=["POST"])
def hook():
    return 1
x = 1 <
if x: <
    pass
else:
    pass
try: <
    pass
except Exception:
    pass
s = """ <
text at column zero
"""
y = (1 + <
2)
def g(): <
    pass
`},
		{"go", `package main <

import "fmt" <

func main() { <
	fmt.Println(` + "`" + `
raw at column zero
` + "`" + `)
}

var x = 1 + <
2
type T struct{} <
`},
		{"ruby", `require "x" <
class A <
def b <
end
end
x = <<~SQL <
select
SQL
module M <
end
`},
	}
	for _, c := range cases {
		src := strings.ReplaceAll(c.src, " <\n", "\n")
		var want []int
		off := 0
		for _, ln := range strings.SplitAfter(c.src, "\n") {
			if strings.HasSuffix(ln, " <\n") && off > 0 {
				want = append(want, off)
			}
			off += len(strings.TrimSuffix(ln, " <\n"))
			if strings.HasSuffix(ln, " <\n") {
				off++
			}
		}
		got := Lex([]byte(src), c.family).TopLevelStarts(c.family)
		if !slices.Equal(got, want) {
			t.Errorf("%s: starts at lines %v, want %v\n%s", c.family, lines(src, got), lines(src, want), src)
		}
	}
}

// lines returns the 1-based lines of offsets.
func lines(src string, offs []int) []int {
	out := make([]int, len(offs))
	for i, o := range offs {
		out[i] = strings.Count(src[:o], "\n") + 1
	}
	return out
}
