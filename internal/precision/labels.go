package precision

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// LabelsHeader is the header line of labels.tsv, tab-separated.
const LabelsHeader = "repo\tpath\tline\tcode\tsubject\tverdict\tnote"

// labelColumns is how many columns every row of labels.tsv has.
const labelColumns = 7

// Verdicts a label may hold: a true or a false positive.
const (
	VerdictTP = "tp"
	VerdictFP = "fp"
)

// Key is what a label and a finding share to match: their position within a
// file (the line) is left out, so labels survive small line drift.
type Key struct {
	Repo, Path, Code, Subject string
}

// Label is one hand-judged finding.
type Label struct {
	Key
	Line    int    // 1-based, informative: the nearest label wins among equal keys
	Verdict string // VerdictTP or VerdictFP
	Note    string
	Source  string // "file:line" the label was read from
}

// LoadLabels reads a labels.tsv file.
func LoadLabels(path string) ([]Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseLabels(path, f)
}

// ParseLabels reads labels in the labels.tsv format from r, named name in
// errors: blank lines and lines starting with # are skipped, the first other
// line is LabelsHeader, and every row after it has seven tab-separated
// columns with a 1-based line and a verdict of tp or fp.
func ParseLabels(name string, r io.Reader) ([]Label, error) {
	var labels []Label
	seen := map[string]string{}
	header := false
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, n)
		if !header {
			if text != LabelsHeader {
				return nil, fmt.Errorf("%s: want the header %q", where, LabelsHeader)
			}
			header = true
			continue
		}
		l, err := parseLabel(text)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", where, err)
		}
		l.Source = where
		id := fmt.Sprintf("%v\x00%d", l.Key, l.Line)
		if prev, dup := seen[id]; dup {
			return nil, fmt.Errorf("%s: the same finding is labelled on %s", where, prev)
		}
		seen[id] = where
		labels = append(labels, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return labels, nil
}

// parseLabel parses one row.
func parseLabel(text string) (Label, error) {
	cols := strings.Split(text, "\t")
	if len(cols) != labelColumns {
		return Label{}, fmt.Errorf("%d columns, want %d tab-separated (%s)", len(cols), labelColumns, strings.ReplaceAll(LabelsHeader, "\t", ", "))
	}
	l := Label{Key: Key{Repo: cols[0], Path: cols[1], Code: cols[3], Subject: cols[4]}, Verdict: cols[5], Note: cols[6]}
	line, err := strconv.Atoi(cols[2])
	switch {
	case err != nil || line < 1:
		return l, fmt.Errorf("line %q: want a 1-based line number", cols[2])
	case l.Verdict != VerdictTP && l.Verdict != VerdictFP:
		return l, fmt.Errorf("verdict %q: want tp or fp", l.Verdict)
	case l.Repo == "" || l.Path == "" || l.Code == "" || l.Subject == "":
		return l, fmt.Errorf("repo, path, code and subject must not be empty")
	}
	l.Line = line
	return l, nil
}

// WriteUnlabelled writes findings as label rows with verdict "?", under
// LabelsHeader, for a person to judge and move into labels.tsv. The note
// holds the severity only: messages may echo part of a value.
func WriteUnlabelled(w io.Writer, findings []Finding) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Unlabelled findings: set verdict to tp or fp, write a note, move the rows into precision/labels.tsv.")
	fmt.Fprintln(bw, LabelsHeader)
	for _, f := range findings {
		fmt.Fprintf(bw, "%s\t%s\t%d\t%s\t%s\t?\t%s\n", f.Repo, f.Path, f.Line, f.Code, f.Subject, f.Severity)
	}
	return bw.Flush()
}
