package precision

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteReport prints the result: a table per repository and rule, a table
// per rule with its precision, then the labels no finding matched.
func WriteReport(w io.Writer, res *Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "REPO\tCOMMIT\tFILES\tRULE\tFINDINGS\tTP\tFP\tUNLABELLED")
	for _, rr := range res.Repos {
		commit := rr.Repo.Commit[:12]
		if !rr.Verified {
			commit += "?"
		}
		if len(rr.Rules) == 0 {
			fmt.Fprintf(tw, "%s\t%s\t%d\t-\t0\t0\t0\t0\n", rr.Repo.Name, commit, rr.Files)
		}
		for _, c := range rr.Rules.Codes() {
			t := rr.Rules[c]
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%d\t%d\t%d\t%d\n", rr.Repo.Name, commit, rr.Files, c, t.Findings, t.TP, t.FP, t.Unlabelled)
		}
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "RULE\tFINDINGS\tTP\tFP\tUNLABELLED\tPRECISION")
	for _, c := range res.Rules.Codes() {
		writeRuleRow(tw, c, *res.Rules[c])
	}
	writeRuleRow(tw, "total", res.Rules.Total())
	if err := tw.Flush(); err != nil {
		return err
	}
	writeLabels(w, "fixed/gone: fp labels no finding matched (the false positive is gone)", res.Gone)
	writeLabels(w, "stale: tp labels no finding matched (a true finding was lost, or its subject changed)", res.Stale)
	return nil
}

// writeRuleRow prints one row of the per-rule table.
func writeRuleRow(w io.Writer, code string, t Tally) {
	prec := "-"
	if p, ok := t.Precision(); ok {
		prec = fmt.Sprintf("%.2f", p)
	}
	fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%s\n", code, t.Findings, t.TP, t.FP, t.Unlabelled, prec)
}

// writeLabels prints a titled list of labels, with where each was read.
func writeLabels(w io.Writer, title string, labels []Label) {
	fmt.Fprintf(w, "\n%s: %d\n", title, len(labels))
	for _, l := range labels {
		fmt.Fprintf(w, "  %s: %s %s:%d %s %q\n", l.Source, l.Repo, l.Path, l.Line, l.Code, l.Subject)
	}
}
