package expertise

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestValidateForeignPaths checks that an expert whose paths mostly name
// nothing in the workspace gets one file-level finding (and is not judged
// stale), that `template: true` silences the path checks, and that ordinary
// drift keeps one finding per path.
func TestValidateForeignPaths(t *testing.T) {
	stat := func(p string) (bool, bool) { return strings.HasSuffix(p, "/ws/src/exists.ts"), false }
	withPaths := func(header string, missing int) string {
		var b strings.Builder
		b.WriteString(header + "domain: integrations\nversion: 1.1\nlast_updated: 2025-01-10\nlearnings: []\nfiles:\n  clients:\n")
		b.WriteString("    - path: src/exists.ts\n      purpose: here\n")
		for i := range missing {
			fmt.Fprintf(&b, "    - path: src/gone%d.ts\n      purpose: elsewhere\n", i)
		}
		return b.String()
	}
	opts := ValidateOptions{Root: "/ws", Stat: stat, Today: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)}
	count := func(problems []Problem, code string) (n int, msg string) {
		for _, p := range problems {
			if p.Code == code {
				n++
				msg = p.Message
			}
		}
		return n, msg
	}
	tests := []struct {
		name        string
		content     string
		opts        ValidateOptions
		stalePaths  int
		message     string // of the last stale-path problem
		staleFiles  int    // expertise-stale findings
		foreignHere bool
	}{
		{"five of six missing: one finding for the file", withPaths("", 5), opts, 1,
			"5 of the 6 paths this expertise names do not exist in the workspace (first: src/gone0.ts): it describes another tree. If it is a template, add `template: true`", 0, true},
		{"three of four missing: ordinary drift, one per path", withPaths("", 3), opts, 3, `path "src/gone2.ts" does not exist`, 1, false},
		{"marked as a template: no path checks", withPaths("template: true\n", 8), opts, 0, "", 1, false},
		{"in a foreign folder: one finding even for a little drift", withPaths("", 1), ValidateOptions{Root: "/ws", Stat: stat, Today: opts.Today, Foreign: true}, 1,
			"1 of the 2 paths this expertise names do not exist", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, got := validate(t, "expertise.yaml", tt.content, tt.opts)
			n, msg := count(got, CodeStalePath)
			if n != tt.stalePaths || !strings.Contains(msg, tt.message) {
				t.Errorf("%d stale-path problems, last %q; want %d containing %q", n, msg, tt.stalePaths, tt.message)
			}
			if n, _ := count(got, CodeStale); n != tt.staleFiles {
				t.Errorf("%d expertise-stale problems, want %d", n, tt.staleFiles)
			}
			if _, foreign := ForeignPaths(f, tt.opts); foreign != tt.foreignHere {
				t.Errorf("ForeignPaths = %v, want %v", foreign, tt.foreignHere)
			}
		})
	}
}
