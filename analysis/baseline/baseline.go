package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/expertise-ls/expertise-ls/internal/atomicfile"
)

// Tool and Version identify a baseline file.
const (
	Tool    = "expertise-ls"
	Version = 1
)

// Entry is one recorded finding, or a finding to match: its rule, its
// file's path (slash-separated, relative to the workspace root) and its
// fingerprint. Line (1-based) is for people reading the file; matching
// never uses it. No message and no text of the file: a finding's message
// may show part of a secret (a masked prefix), its fingerprint cannot.
type Entry struct {
	Rule        string `json:"rule"`
	Path        string `json:"path"`
	Fingerprint string `json:"fingerprint"`
	Line        int    `json:"line"`
}

// Baseline is a loaded baseline file.
type Baseline struct {
	entries []Entry
	byPath  map[string][]int // indexes into entries
}

// New returns a baseline of entries.
func New(entries []Entry) *Baseline {
	b := &Baseline{entries: append([]Entry(nil), entries...), byPath: map[string][]int{}}
	sortEntries(b.entries)
	for i, e := range b.entries {
		b.byPath[e.Path] = append(b.byPath[e.Path], i)
	}
	return b
}

// Entries returns the baseline's entries, sorted.
func (b *Baseline) Entries() []Entry { return append([]Entry(nil), b.entries...) }

// Len is the number of entries.
func (b *Baseline) Len() int { return len(b.entries) }

// Load reads and validates the baseline file at name. Its errors say why
// the file is not a baseline (and name the file).
func Load(name string) (*Baseline, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("baseline %s: %w", name, err)
	}
	b, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", name, err)
	}
	return b, nil
}

// file is the JSON shape of a baseline file.
type file struct {
	Tool     *string  `json:"tool"`
	Version  *int     `json:"version"`
	Findings *[]Entry `json:"findings"`
}

// Parse reads a baseline file's content: {"tool": "expertise-ls",
// "version": 1, "findings": [{"rule", "path", "fingerprint", "line"}]}.
func Parse(data []byte) (*Baseline, error) {
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, jsonError(data, err)
	}
	switch {
	case f.Tool == nil:
		return nil, errors.New(`not an expertise-ls baseline: no "tool" field`)
	case *f.Tool != Tool:
		return nil, fmt.Errorf(`not an expertise-ls baseline: "tool" is %q`, *f.Tool)
	case f.Version == nil:
		return nil, errors.New(`no "version" field`)
	case *f.Version != Version:
		return nil, fmt.Errorf("version %d, but this expertise-ls reads version %d (write it again with --write-baseline)", *f.Version, Version)
	case f.Findings == nil:
		return nil, errors.New(`no "findings" list`)
	}
	for i, e := range *f.Findings {
		if err := validEntry(e); err != nil {
			return nil, fmt.Errorf("findings[%d]: %w", i, err)
		}
	}
	return New(*f.Findings), nil
}

func validEntry(e Entry) error {
	switch {
	case e.Rule == "":
		return errors.New(`no "rule"`)
	case e.Path == "":
		return errors.New(`no "path"`)
	case path.IsAbs(e.Path) || filepath.IsAbs(e.Path) || e.Path != path.Clean(e.Path) || e.Path == ".." || strings.HasPrefix(e.Path, "../"):
		return fmt.Errorf("path %q is not a clean slash path inside the workspace", e.Path)
	case len(e.Fingerprint) != Len || strings.Trim(e.Fingerprint, "0123456789abcdef") != "":
		return fmt.Errorf("fingerprint %q is not %d lowercase hex digits", e.Fingerprint, Len)
	case e.Line < 1:
		return fmt.Errorf("line %d is not a line number", e.Line)
	}
	return nil
}

// jsonError says where in data a decoding error is, as line:column.
func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("not JSON: %s: %w", where(data, syn.Offset), err)
	case errors.As(err, &typ):
		what := "the file"
		if typ.Field != "" {
			what = fmt.Sprintf("%q", typ.Field)
		}
		return fmt.Errorf("not a baseline: %s: %s is a JSON %s, want %s", where(data, typ.Offset), what, typ.Value, jsonKind(typ.Type.Kind().String()))
	}
	return fmt.Errorf("not JSON: %w", err)
}

// jsonKind names a Go kind as JSON would.
func jsonKind(kind string) string {
	switch kind {
	case "struct", "map":
		return "an object"
	case "slice", "array":
		return "an array"
	case "string":
		return "a string"
	case "int", "int64":
		return "an integer"
	}
	return kind
}

// where is "line L, column C (byte N)" of a decoder's offset, which is past
// the byte it stopped at (or the end of data).
func where(data []byte, off int64) string {
	if off >= int64(len(data)) {
		off = int64(len(data))
	} else if off > 0 {
		off--
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("line %d, column %d (byte %d)", line, col, off)
}

// Encode renders entries as a baseline file: sorted, one entry a line, so
// that a baseline diffs well under version control.
func Encode(entries []Entry) []byte {
	entries = append([]Entry(nil), entries...)
	sortEntries(entries)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n  \"tool\": %q,\n  \"version\": %d,\n  \"findings\": [", Tool, Version)
	for i, e := range entries {
		line, _ := json.Marshal(e) // strings and an int: cannot fail
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		buf.Write(line)
	}
	if len(entries) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	return buf.Bytes()
}

// Write writes entries to the baseline file at name atomically (a
// temporary file beside it, renamed over it).
func Write(name string, entries []Entry) error { return atomicfile.Write(name, Encode(entries)) }

func sortEntries(es []Entry) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Fingerprint < b.Fingerprint
	})
}

// Match says which findings the baseline holds: matched[i] for
// findings[i]. Each entry matches at most one finding of its rule and path:
// first one with the same fingerprint, then, among those left, one whose
// line is the same but whose context changed (LinePart). stale lists the
// entries that matched nothing, among those whose path judged accepts (the
// files the run looked at; nil accepts every path).
func (b *Baseline) Match(findings []Entry, judged func(path string) bool) (matched []bool, stale []Entry) {
	matched = make([]bool, len(findings))
	type key struct{ rule, path, fp string }
	left := map[key][]int{} // by full fingerprint: indexes into b.entries not yet matched
	used := make([]bool, len(b.entries))
	paths := map[string]bool{}
	for _, f := range findings {
		paths[f.Path] = true
	}
	var candidates []int // the entries of the findings' files, in order
	for p := range paths {
		candidates = append(candidates, b.byPath[p]...)
	}
	sort.Ints(candidates)
	for _, i := range candidates {
		e := b.entries[i]
		k := key{e.Rule, e.Path, e.Fingerprint}
		left[k] = append(left[k], i)
	}
	for i, f := range findings {
		k := key{f.Rule, f.Path, f.Fingerprint}
		if idx := left[k]; len(idx) > 0 {
			used[idx[0]], matched[i] = true, true
			left[k] = idx[1:]
		}
	}
	byLine := map[key][]int{}
	for _, i := range candidates {
		if e := b.entries[i]; !used[i] {
			k := key{e.Rule, e.Path, LinePart(e.Fingerprint)}
			byLine[k] = append(byLine[k], i)
		}
	}
	for i, f := range findings {
		if matched[i] {
			continue
		}
		k := key{f.Rule, f.Path, LinePart(f.Fingerprint)}
		if idx := byLine[k]; len(idx) > 0 {
			used[idx[0]], matched[i] = true, true
			byLine[k] = idx[1:]
		}
	}
	for i, e := range b.entries {
		if !used[i] && (judged == nil || judged(e.Path)) {
			stale = append(stale, e)
		}
	}
	return matched, stale
}
