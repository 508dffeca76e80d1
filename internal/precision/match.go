package precision

// Match gives each finding the label of the same Key whose line is nearest
// to it (the first such label on a tie), or nil when no label has its Key.
// It returns the labels no finding took, in their input order: those whose
// findings have gone (fixed, or the rule changed).
func Match(findings []Finding, labels []Label) (matched []*Label, unused []Label) {
	byKey := map[Key][]int{}
	for i, l := range labels {
		byKey[l.Key] = append(byKey[l.Key], i)
	}
	used := make([]bool, len(labels))
	matched = make([]*Label, len(findings))
	for fi, f := range findings {
		best := -1
		for _, li := range byKey[f.Key] {
			if best < 0 || abs(labels[li].Line-f.Line) < abs(labels[best].Line-f.Line) {
				best = li
			}
		}
		if best >= 0 {
			matched[fi] = &labels[best]
			used[best] = true
		}
	}
	for i, l := range labels {
		if !used[i] {
			unused = append(unused, l)
		}
	}
	return matched, unused
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
