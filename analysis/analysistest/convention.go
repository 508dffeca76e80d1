package analysistest

import (
	"strings"
	"testing"
)

// WantConvention checks that every finding of code points at the expertise
// convention it breaks.
func WantConvention(t *testing.T, results []Result, code, convention string) {
	t.Helper()
	found := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if d.Code != code {
				continue
			}
			found++
			if len(d.Related) == 0 || !strings.Contains(d.Related[0].Message, convention) {
				t.Errorf("%s:%d: %s relates to %+v, want the convention %q", r.File.Rel, d.Range.Start.Line+1, code, d.Related, convention)
			}
		}
	}
	if found == 0 {
		t.Errorf("no %s finding", code)
	}
}
