package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/baseline"
	"github.com/expertise-ls/expertise-ls/internal/span"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// adoption is what check does to adopt expertise-ls on an existing
// codebase: report only findings not in a baseline file (--baseline), or
// record one (--write-baseline), and only findings on lines changed since a
// git revision (--since).
type adoption struct {
	baselinePath string
	writePath    string
	prune        bool
	since        string
	// fingerprints: the report shows them (SARIF), so every finding needs
	// one even without a baseline.
	fingerprints bool

	base *baseline.Baseline
}

func (a *adoption) register(fl *flag.FlagSet) {
	fl.StringVar(&a.baselinePath, "baseline", "", "report only findings that this baseline file (see --write-baseline) does not hold")
	fl.StringVar(&a.writePath, "write-baseline", "", "record every current finding in this baseline file and exit 0")
	fl.BoolVar(&a.prune, "baseline-prune", false, "with --baseline: remove from the file the entries that no longer match a finding, and list them")
	fl.StringVar(&a.since, "since", "", "report only findings on lines changed since this git revision (and in untracked files)")
}

// prepare checks the flags against each other and against the workspaces
// of the PATHs, and loads the baseline: --baseline's, else the one the
// settings file names (relative to the workspace root, as the server reads
// it). Its error is a usage error.
func (a *adoption) prepare(groups []rootGroup, setting string) error {
	if a.baselinePath == "" && a.writePath == "" && setting != "" && len(groups) == 1 {
		a.baselinePath = setting
		if !filepath.IsAbs(setting) {
			a.baselinePath = filepath.Join(groups[0].root, setting)
		}
	}
	switch {
	case a.writePath != "" && (a.baselinePath != "" || a.since != ""):
		return errors.New("--write-baseline records every finding: it takes neither --baseline nor --since")
	case a.prune && a.baselinePath == "":
		return errors.New("--baseline-prune needs --baseline FILE")
	}
	if a.baselinePath == "" && a.writePath == "" && a.since == "" {
		return nil
	}
	if len(groups) > 1 {
		var roots []string
		for _, g := range groups {
			roots = append(roots, g.root)
		}
		return fmt.Errorf("--baseline, --write-baseline and --since judge one workspace, but the PATHs are in %d: %s", len(groups), strings.Join(roots, ", "))
	}
	if a.baselinePath != "" {
		b, err := baseline.Load(a.baselinePath)
		if err != nil {
			return err
		}
		a.base = b
	}
	return nil
}

// apply gives each finding of the workspace at root its fingerprint, then
// drops those the baseline holds (saying on stderr how many of its entries
// match nothing, and pruning them when asked) and those on lines not
// changed since --since.
func (a *adoption) apply(root string, targets []string, fs []finding, stderr io.Writer) ([]finding, error) {
	fingerprint(root, fs, a.fingerprints || a.base != nil || a.writePath != "")
	if a.base != nil {
		entries := make([]baseline.Entry, len(fs))
		for i, f := range fs {
			entries[i] = f.entry()
		}
		matched, stale := a.base.Match(entries, func(rel string) bool {
			return under(filepath.Join(root, filepath.FromSlash(rel)), targets)
		})
		kept := fs[:0]
		for i, f := range fs {
			if !matched[i] {
				kept = append(kept, f)
			}
		}
		fs = kept
		if err := a.reportStale(stale, stderr); err != nil {
			return nil, err
		}
	}
	if a.since != "" {
		changed, err := changedSince(root, a.since)
		if err != nil {
			return nil, err
		}
		kept := fs[:0]
		for _, f := range fs {
			if changed.has(f.rel, f.Range.Start.Line) {
				kept = append(kept, f)
			}
		}
		fs = kept
	}
	return fs, nil
}

// reportStale counts the stale entries on stderr or, with --baseline-prune,
// lists them and writes the baseline without them.
func (a *adoption) reportStale(stale []baseline.Entry, stderr io.Writer) error {
	if len(stale) == 0 {
		return nil
	}
	if !a.prune {
		fmt.Fprintf(stderr, "expertise-ls check: baseline %s: %d %s; --baseline-prune removes them\n",
			a.baselinePath, len(stale), plural(len(stale), "entry no longer matches", "entries no longer match"))
		return nil
	}
	gone := map[baseline.Entry]int{}
	for _, e := range stale {
		gone[e]++
		fmt.Fprintf(stderr, "expertise-ls check: baseline %s: removed %s:%d [%s]\n", a.baselinePath, e.Path, e.Line, e.Rule)
	}
	var keep []baseline.Entry
	for _, e := range a.base.Entries() {
		if gone[e] > 0 {
			gone[e]--
			continue
		}
		keep = append(keep, e)
	}
	if err := baseline.Write(a.baselinePath, keep); err != nil {
		return fmt.Errorf("--baseline-prune: %w", err)
	}
	fmt.Fprintf(stderr, "expertise-ls check: baseline %s: pruned %d stale %s, %d left\n",
		a.baselinePath, len(stale), plural(len(stale), "entry", "entries"), len(keep))
	return nil
}

// write records findings in the --write-baseline file.
func (a *adoption) write(fs []finding, stderr io.Writer) int {
	entries := make([]baseline.Entry, len(fs))
	for i, f := range fs {
		entries[i] = f.entry()
	}
	if err := baseline.Write(a.writePath, entries); err != nil {
		fmt.Fprintf(stderr, "expertise-ls check: --write-baseline: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "expertise-ls check: wrote %d %s to baseline %s\n", len(entries), plural(len(entries), "finding", "findings"), a.writePath)
	return exitOK
}

func (f finding) entry() baseline.Entry {
	return baseline.Entry{Rule: f.Code, Path: f.rel, Fingerprint: f.fingerprint, Line: f.Range.Start.Line + 1}
}

// fingerprint sets the root-relative path of each finding and, when all
// is set, its fingerprint, reading each file that has one once, one file
// at a time (the findings may come from the cache, whose files were not
// read).
func fingerprint(root string, fs []finding, all bool) {
	byPath := map[string][]int{}
	var paths []string
	for i := range fs {
		f := &fs[i]
		rel, err := filepath.Rel(root, f.Path)
		if err != nil {
			rel = f.Path
		}
		f.rel = filepath.ToSlash(rel)
		if byPath[f.Path] == nil {
			paths = append(paths, f.Path)
		}
		byPath[f.Path] = append(byPath[f.Path], i)
	}
	if !all {
		return
	}
	for _, p := range paths {
		content, _ := walk.ReadFile(p, -1) // unreadable: fingerprinted as empty
		lines := span.NewLines(content)
		for _, i := range byPath[p] {
			fs[i].fingerprint = baseline.Fingerprint(fs[i].Code, fs[i].rel, lines, fs[i].Range)
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
