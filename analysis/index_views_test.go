package analysis

import (
	"testing"
)

// TestIndexView checks that a view is built once and built again only
// after the facts change: an update with different facts or a removal, not
// an update that changes nothing other files see.
func TestIndexView(t *testing.T) {
	ix := NewIndex("/ws", nil)
	builds := 0
	view := func() int {
		return ix.View("count", func() any {
			builds++
			n := 0
			ix.AllFacts(func(*Facts) bool { n++; return true })
			return n
		}).(int)
	}
	steps := []struct {
		name       string
		change     func()
		files      int
		wantBuilds int
	}{
		{"first use", func() {}, 0, 1},
		{"unchanged", func() {}, 0, 1},
		{"new file", func() { ix.Update("/ws/a.ts", []byte("export const a = process.env.A;\n")) }, 1, 2},
		{"same facts, other ranges", func() { ix.Update("/ws/a.ts", []byte("\n\nexport const a = process.env.A;\n")) }, 1, 2},
		{"other facts", func() { ix.Update("/ws/a.ts", []byte("export const a = process.env.B;\n")) }, 1, 3},
		{"removed", func() { ix.Remove("/ws/a.ts") }, 0, 4},
		{"removed again", func() { ix.Remove("/ws/a.ts") }, 0, 4},
	}
	for _, s := range steps {
		s.change()
		if got := view(); got != s.files || builds != s.wantBuilds {
			t.Errorf("%s: view = %d after %d builds, want %d after %d", s.name, got, builds, s.files, s.wantBuilds)
		}
	}
}
