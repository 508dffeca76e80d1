package span

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestPositionsAcrossEncodingsAndLineEnds(t *testing.T) {
	// "é" is 2 bytes / 1 UTF-16 unit; "😀" is 4 bytes / 2 UTF-16 units.
	content := []byte("aé😀b\r\nx\ry\n")
	l := NewLines(content)
	if got := l.Count(); got != 4 {
		t.Fatalf("Count = %d, want 4", got)
	}
	tests := []struct {
		offset         int
		line, col, c16 int
	}{
		{0, 0, 0, 0},
		{1, 0, 1, 1},  // before é
		{3, 0, 3, 2},  // before 😀
		{7, 0, 7, 4},  // before b
		{8, 0, 8, 5},  // before \r\n
		{9, 0, 8, 5},  // inside \r\n clamps to line end
		{10, 1, 0, 0}, // x
		{12, 2, 0, 0}, // y after lone \r
		{14, 3, 0, 0}, // empty last line
		{5, 0, 3, 2},  // inside 😀 moves back to its start
	}
	for _, tt := range tests {
		p := l.Position(tt.offset)
		if p.Line != tt.line || p.Col != tt.col || p.Col16 != tt.c16 {
			t.Errorf("Position(%d) = %+v, want line %d col %d col16 %d", tt.offset, p, tt.line, tt.col, tt.c16)
		}
	}
	if got := string(l.LineText(0)); got != "aé😀b" {
		t.Errorf("LineText(0) = %q", got)
	}
	if got := l.OffsetUTF16(0, 4); got != 7 {
		t.Errorf("OffsetUTF16(0,4) = %d, want 7", got)
	}
	if got := l.OffsetUTF16(0, 3); got != 3 {
		t.Errorf("OffsetUTF16 inside surrogate pair = %d, want 3", got)
	}
	if got := l.OffsetUTF16(0, 99); got != 8 {
		t.Errorf("OffsetUTF16 past line end = %d, want 8", got)
	}
	if got := l.OffsetUTF16(9, 0); got != len(content) {
		t.Errorf("OffsetUTF16 past last line = %d, want %d", got, len(content))
	}
	if got := l.OffsetUTF16(1, 5); got != 11 {
		t.Errorf("OffsetUTF16 past an ASCII line's end = %d, want 11", got)
	}
	if got := l.OffsetUTF16(1, -1); got != 10 {
		t.Errorf("OffsetUTF16 with a negative column = %d, want 10", got)
	}
	if got := l.OffsetRunes(0, 3); got != 7 {
		t.Errorf("OffsetRunes(0,3) = %d, want 7", got)
	}
	if got := l.OffsetUTF8(1, 1); got != 11 {
		t.Errorf("OffsetUTF8(1,1) = %d, want 11", got)
	}
}

func TestEmptyContent(t *testing.T) {
	l := NewLines(nil)
	if l.Count() != 1 {
		t.Fatalf("Count = %d", l.Count())
	}
	if p := l.Position(5); p.Offset != 0 || p.Line != 0 {
		t.Fatalf("Position(5) = %+v", p)
	}
	r := l.Range(3, 1)
	if r.Start.Offset != 0 || r.End.Offset != 0 {
		t.Fatalf("Range = %+v", r)
	}
}

// BenchmarkPositionLongLine measures positions on one 500 KB ASCII line, as
// in minified files: each must cost O(1) past the line lookup, not O(column).
func BenchmarkPositionLongLine(b *testing.B) {
	content := make([]byte, 500_000)
	for i := range content {
		content[i] = 'a'
	}
	l := NewLines(content)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = l.Position((i * 7919) % len(content))
	}
}

// naiveLines is the definition NewLines must agree with: one byte at a time,
// "\n", "\r\n" and a lone "\r" end a line, and a line is wide when it holds a
// byte of 0x80 or more.
func naiveLines(content []byte) (starts []int, wide []bool) {
	starts, wide = []int{0}, []bool{false}
	for i := 0; i < len(content); i++ {
		switch c := content[i]; {
		case c == '\n':
			starts, wide = append(starts, i+1), append(wide, false)
		case c == '\r':
			if i+1 < len(content) && content[i+1] == '\n' {
				i++
			}
			starts, wide = append(starts, i+1), append(wide, false)
		case c >= 0x80:
			wide[len(wide)-1] = true
		}
	}
	return starts, wide
}

func TestNewLinesAgreesWithByteByByte(t *testing.T) {
	pieces := []string{"a", "abcdefghij", "é", "😀", "\n", "\r", "\r\n", "\r\r\n", "\n\r", "\xff", "0123456\xc3"}
	rng := rand.New(rand.NewPCG(5, 8))
	inputs := []string{"", "\r", "\n", "\r\n", "x\r", "é\r", "abcdefgh\r\n", "abcdefghé\n"}
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		inputs = append(inputs, b.String())
	}
	for _, in := range inputs {
		l := NewLines([]byte(in))
		starts, wide := naiveLines([]byte(in))
		if !slices.Equal(l.starts, starts) || !slices.Equal(l.wide, wide) {
			t.Fatalf("NewLines(%q): starts %v wide %v, want %v %v", in, l.starts, l.wide, starts, wide)
		}
	}
}

// BenchmarkNewLines indexes a 1,000-line source file, as on every change of
// an open document and every file the index reads.
func BenchmarkNewLines(b *testing.B) {
	var src strings.Builder
	for i := range 1000 {
		if i%10 == 0 {
			fmt.Fprintf(&src, "  // note %d: Crème brûlée 😀 order\n", i)
			continue
		}
		fmt.Fprintf(&src, "  const res%d = await fetch(\"https://api.example.com/v3/items/%d\", { method: \"POST\" });\n", i, i)
	}
	content := []byte(src.String())
	b.SetBytes(int64(len(content)))
	for b.Loop() {
		NewLines(content)
	}
}
