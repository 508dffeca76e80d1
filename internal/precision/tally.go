package precision

import "sort"

// Tally counts the findings of one rule and how they were judged.
type Tally struct {
	Findings, TP, FP, Unlabelled int
}

// add counts one finding with its label (nil when unlabelled).
func (t *Tally) add(l *Label) {
	t.Findings++
	switch {
	case l == nil:
		t.Unlabelled++
	case l.Verdict == VerdictTP:
		t.TP++
	default:
		t.FP++
	}
}

// Precision is TP/(TP+FP); ok is false when no finding is labelled.
func (t Tally) Precision() (p float64, ok bool) {
	if t.TP+t.FP == 0 {
		return 0, false
	}
	return float64(t.TP) / float64(t.TP+t.FP), true
}

// Tallies maps a rule's code to its tally.
type Tallies map[string]*Tally

// add counts a finding of rule code.
func (ts Tallies) add(code string, l *Label) {
	if ts[code] == nil {
		ts[code] = &Tally{}
	}
	ts[code].add(l)
}

// Codes returns the rules' codes, sorted.
func (ts Tallies) Codes() []string {
	codes := make([]string, 0, len(ts))
	for c := range ts {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// Total sums every rule's tally.
func (ts Tallies) Total() Tally {
	var sum Tally
	for _, t := range ts {
		sum.Findings += t.Findings
		sum.TP += t.TP
		sum.FP += t.FP
		sum.Unlabelled += t.Unlabelled
	}
	return sum
}

// Below returns the codes of the rules whose precision is known and below min.
func (ts Tallies) Below(min float64) []string {
	var low []string
	for _, c := range ts.Codes() {
		if p, ok := ts[c].Precision(); ok && p < min {
			low = append(low, c)
		}
	}
	return low
}
