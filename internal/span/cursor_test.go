package span

import (
	"testing"
	"unicode/utf8"
)

func TestCursorAgreesWithLines(t *testing.T) {
	src := "ab é😀 c\r\nd\n\n漢字 x y\nlast"
	lines := NewLines([]byte(src))
	var offsets []int
	for i := 0; i <= len(src); i++ {
		if i == len(src) || utf8.RuneStart(src[i]) && src[i] != '\n' && (i == 0 || src[i-1] != '\r') {
			offsets = append(offsets, i)
		}
	}
	c := Cursor{Lines: lines}
	for _, off := range offsets {
		if got, want := c.Pos(off), lines.Position(off); got != want {
			t.Errorf("Pos(%d) = %+v, want %+v", off, got, want)
		}
	}
	if got, want := c.Pos(1), lines.Position(1); got != want { // backwards: recomputed
		t.Errorf("Pos(1) after the end = %+v, want %+v", got, want)
	}
}
