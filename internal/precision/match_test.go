package precision

import "testing"

func TestMatch(t *testing.T) {
	key := Key{"r", "a.go", "c", "s"}
	other := Key{"r", "a.go", "c", "t"}
	label := func(k Key, line int, v string) Label { return Label{Key: k, Line: line, Verdict: v} }
	tests := []struct {
		name        string
		findings    []Finding
		labels      []Label
		wantVerdict []string // per finding, "" when unlabelled
		wantUnused  int
	}{
		{"line drift still matches", []Finding{{Key: key, Line: 14}}, []Label{label(key, 10, VerdictTP)}, []string{"tp"}, 0},
		{"other subject does not match", []Finding{{Key: other, Line: 10}}, []Label{label(key, 10, VerdictTP)}, []string{""}, 1},
		{"nearest label wins", []Finding{{Key: key, Line: 10}, {Key: key, Line: 50}},
			[]Label{label(key, 48, VerdictFP), label(key, 11, VerdictTP)}, []string{"tp", "fp"}, 0},
		{"one label serves repeated findings", []Finding{{Key: key, Line: 1}, {Key: key, Line: 2}},
			[]Label{label(key, 1, VerdictFP)}, []string{"fp", "fp"}, 0},
		{"no findings: every label unused", nil, []Label{label(key, 1, VerdictFP), label(other, 1, VerdictTP)}, nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			matched, unused := Match(tt.findings, tt.labels)
			for i, m := range matched {
				got := ""
				if m != nil {
					got = m.Verdict
				}
				if got != tt.wantVerdict[i] {
					t.Errorf("finding %d: verdict %q, want %q", i, got, tt.wantVerdict[i])
				}
			}
			if len(unused) != tt.wantUnused {
				t.Errorf("%d unused labels, want %d", len(unused), tt.wantUnused)
			}
		})
	}
}

func TestTallyPrecision(t *testing.T) {
	tests := []struct {
		name   string
		tally  Tally
		want   float64
		wantOK bool
	}{
		{"nothing labelled", Tally{Findings: 3, Unlabelled: 3}, 0, false},
		{"all true", Tally{Findings: 2, TP: 2}, 1, true},
		{"unlabelled left out", Tally{Findings: 9, TP: 3, FP: 1, Unlabelled: 5}, 0.75, true},
		{"all false", Tally{Findings: 1, FP: 1}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.tally.Precision()
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Precision() = %v, %v; want %v, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
	ts := Tallies{"a": {TP: 1, FP: 3}, "b": {TP: 1}, "c": {Unlabelled: 1}}
	if low := ts.Below(0.5); len(low) != 1 || low[0] != "a" {
		t.Errorf("Below(0.5) = %v, want [a]", low)
	}
	if total := ts.Total(); total.TP != 2 || total.FP != 3 || total.Unlabelled != 1 {
		t.Errorf("Total() = %+v", total)
	}
}
