package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// benchSource returns about n lines of TypeScript: small functions with
// calls, object literals, strings and comparisons.
func benchSource(n int) []byte {
	var b strings.Builder
	for i := 0; i*10 < n; i++ {
		fmt.Fprintf(&b, `// total%[1]d sums the lines of cart %[1]d.
export function total%[1]d(lines: { qty: number; price: number }[]): number {
  let sum = 0;
  for (const line of lines) {
    if (line.qty === 0) continue;
    sum += line.qty * line.price;
  }
  logger.info("cart %[1]d", { sum, count: lines.length });
  return sum;
}
`, i)
	}
	return []byte(b.String())
}

// BenchmarkParse parses a 1,000-line TypeScript file from scratch, as the
// index does for files that need a tree.
func BenchmarkParse(b *testing.B) {
	src := benchSource(1000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Parse(TypeScript, src).Close()
	}
}

// BenchmarkReparse applies a one-character edit to a parsed 1,000-line file
// and reparses, as the language server does on every keystroke.
func BenchmarkReparse(b *testing.B) {
	src := benchSource(1000)
	tree := Parse(TypeScript, src)
	defer tree.Close()
	at := len(src) / 2
	edited := append(append(append([]byte{}, src[:at]...), ' '), src[at:]...)
	row := strings.Count(string(src[:at]), "\n")
	col := at - strings.LastIndexByte(string(src[:at]), '\n') - 1
	edit := Edit{StartByte: at, OldEndByte: at, NewEndByte: at + 1,
		StartPoint: Point{row, col}, OldEndPoint: Point{row, col}, NewEndPoint: Point{row, col + 1}}
	for b.Loop() {
		tree.Reparse(edited, []Edit{edit}).Close()
	}
}
