package expertise

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/expertise-ls/expertise-ls/internal/span"
	"gopkg.in/yaml.v3"
)

// ValidateOptions sets what Validate judges against.
type ValidateOptions struct {
	// Today is the local date files are judged on (zero: today).
	Today time.Time
	// StaleDays: a last_updated older than this many days is stale (0: 30).
	StaleDays int
	// MaxLines: longer files are too long (0: 200).
	MaxLines int
	// Root is the absolute workspace root that paths in the file are
	// relative to; without it paths are not checked.
	Root string
	// Stat reports whether a path exists and is a folder (nil: os.Stat).
	// Paths with glob characters are matched against the file system itself.
	Stat func(path string) (exists, isDir bool)
	// Foreign says the file's folder of experts describes another tree (see
	// ForeignPaths): any missing path makes the one file-level finding.
	Foreign bool
}

func (o ValidateOptions) withDefaults() ValidateOptions {
	if o.Today.IsZero() {
		o.Today = time.Now()
	}
	if o.StaleDays <= 0 {
		o.StaleDays = 30
	}
	if o.MaxLines <= 0 {
		o.MaxLines = 200
	}
	if o.Stat == nil {
		o.Stat = func(path string) (bool, bool) {
			info, err := os.Stat(path)
			return err == nil, err == nil && info.IsDir()
		}
	}
	return o
}

// Validate returns f's parse problems and what the expertise-first workflow
// expects of an expertise file: domain, version and last_updated present
// (domain not in the shared _core-expertise.yaml), last_updated recent and
// not in the future, at most MaxLines lines, learnings recorded, dates as
// YYYY-MM-DD, env var names in UPPER_SNAKE_CASE, each integration once in the
// catalog, every learning with an insight, and the paths it names present in
// the workspace. Problems are sorted by position.
func Validate(f *File, opts ValidateOptions) []Problem {
	v := &validator{f: f, opts: opts.withDefaults(), out: append([]Problem(nil), f.Problems...)}
	v.length()
	if f.Root != nil || len(f.Problems) == 0 { // an invalid or non-mapping file has nothing more to judge
		v.requiredFields()
		v.paths() // first: an expert of another tree is not stale against this one
		v.lastUpdated()
		v.learnings()
		v.catalog()
	}
	sort.SliceStable(v.out, func(i, j int) bool { return v.out[i].Range.Start.Offset < v.out[j].Range.Start.Offset })
	return v.out
}

type validator struct {
	f    *File
	opts ValidateOptions
	out  []Problem
	loc  *locator // ranges of the tree's nodes, measured on first use
	// foreign: the file describes another tree (paths found it so)
	foreign bool
}

func (v *validator) report(code string, r span.Range, format string, args ...any) {
	v.out = append(v.out, Problem{Code: code, Range: r, Message: fmt.Sprintf(format, args...)})
}

// fileAnchor is where problems about the whole file go: the first key of the
// top-level mapping, or the first line.
func (v *validator) fileAnchor() span.Range {
	if v.f.Root != nil && len(v.f.Root.Content) > 0 {
		return v.nodeRange(v.f.Root.Content[0])
	}
	return v.f.Lines.Range(0, v.f.Lines.LineEnd(0))
}

// nodeRange returns the range of a node of the file's tree.
func (v *validator) nodeRange(n *yaml.Node) span.Range {
	if v.loc == nil {
		v.loc = newLocator(v.f.Content)
		if v.f.Root != nil {
			v.loc.measure(v.f.Root, -1)
		}
	}
	start, end := v.loc.span(n)
	return v.f.Lines.Range(start, end)
}

// topKey returns the range of a top-level key, or the file anchor.
func (v *validator) topKey(name string) span.Range {
	if v.f.Root != nil {
		for i := 0; i+1 < len(v.f.Root.Content); i += 2 {
			if k := v.f.Root.Content[i]; k.Kind == yaml.ScalarNode && k.Value == name {
				return v.nodeRange(k)
			}
		}
	}
	return v.fileAnchor()
}

func (v *validator) isCore() bool { return filepath.Base(v.f.Path) == CoreFileName }

// length reports a file over MaxLines lines (a final line break does not start a line).
func (v *validator) length() {
	n := v.f.Lines.Count()
	if c := v.f.Content; len(c) > 0 && (c[len(c)-1] == '\n' || c[len(c)-1] == '\r') {
		n--
	}
	if n > v.opts.MaxLines {
		v.report(CodeTooLong, v.fileAnchor(), "expertise file has %d lines, over the limit of %d: trim old learnings and keep only what an agent needs to plan", n, v.opts.MaxLines)
	}
}

// requiredFields reports a missing or empty domain, version or last_updated.
func (v *validator) requiredFields() {
	today := v.opts.Today.Format(dateFormat)
	fields := []struct {
		name, example string
		value         Scalar
	}{
		{"domain", "domain: <the area this expert covers, e.g. integrations>", v.f.Domain},
		{"version", "version: 1.0", v.f.Version},
		{"last_updated", "last_updated: " + today, v.f.LastUpdated},
	}
	for _, fld := range fields {
		switch {
		case fld.name == "domain" && v.isCore():
		case !fld.value.Present:
			v.report(CodeMissingField, v.fileAnchor(), "missing %q: add %s", fld.name, fld.example)
		case fld.value.Node != nil && isNullNode(fld.value.Node):
			v.report(CodeMissingField, v.topKey(fld.name), "%q has no value: set %s", fld.name, fld.example)
		}
	}
}

const dateFormat = "2006-01-02"

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// parseDate reads a YYYY-MM-DD date.
func parseDate(s string) (time.Time, bool) {
	if !dateRE.MatchString(s) {
		return time.Time{}, false
	}
	t, err := time.Parse(dateFormat, s)
	return t, err == nil
}

// hasValue reports whether s holds a single value that is not empty.
func hasValue(s Scalar) bool {
	return s.Present && s.Node != nil && resolveAlias(s.Node).Kind == yaml.ScalarNode && strings.TrimSpace(s.Value) != ""
}

// lastUpdated reports a last_updated that is not a date, too old, or in the future.
func (v *validator) lastUpdated() {
	lu := v.f.LastUpdated
	if !hasValue(lu) {
		return
	}
	date, ok := parseDate(lu.Value)
	if !ok {
		v.report(CodeSchema, lu.Range, "last_updated %q is not a date in YYYY-MM-DD form", shortValue(lu.Value))
		return
	}
	y, m, d := v.opts.Today.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	days := int(today.Sub(date).Hours() / 24)
	switch {
	case days > v.opts.StaleDays && !v.foreign:
		v.report(CodeStale, lu.Range, "last updated %d days ago (%s), over the %d-day limit: review this expertise against the code and bump last_updated", days, lu.Value, v.opts.StaleDays)
	case days < 0:
		v.report(CodeStale, lu.Range, "last_updated %s is in the future (today is %s): set it to the date of the last review", lu.Value, today.Format(dateFormat))
	}
}
