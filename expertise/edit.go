package expertise

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/expertise-ls/expertise-ls/internal/atomicfile"
	"github.com/expertise-ls/expertise-ls/internal/filelock"
	"github.com/expertise-ls/expertise-ls/internal/span"
	"gopkg.in/yaml.v3"
)

// Edit replaces the bytes [Start, End) of a file's content with NewText.
// Edits are minimal: every byte outside them stays as it was.
type Edit struct {
	Start, End int
	NewText    string
}

// ApplyEdits applies non-overlapping edits to content and returns the new
// content; edits at the same offset apply in the order given.
func ApplyEdits(content []byte, edits []Edit) ([]byte, error) {
	sorted := sortedEdits(edits)
	out := make([]byte, 0, len(content)+64)
	last := 0
	for _, e := range sorted {
		if e.Start < last || e.End < e.Start || e.End > len(content) {
			return nil, fmt.Errorf("edit [%d,%d) overlaps another or lies outside the %d-byte content", e.Start, e.End, len(content))
		}
		out = append(append(out, content[last:e.Start]...), e.NewText...)
		last = e.End
	}
	return append(out, content[last:]...), nil
}

func sortedEdits(edits []Edit) []Edit {
	sorted := append([]Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	return sorted
}

// Writers of one expertise file (the CLI's editing commands, the server's
// commands, agents running them in parallel) never lose each other's work:
// each takes the file's advisory lock (internal/filelock: a lock file
// beside it), reads the file under it, and writes atomically (a temporary
// file in the same directory renamed over it, keeping the file's mode)
// before letting go.

// EditLocked edits the expertise file at path under its lock: it reads and
// parses the file as it is now, has op compute the edits against it, and
// writes them. An insertion (a learning, a catalog entry) is thus made to
// the current content, whoever wrote last. It returns the file as it was
// read and the edits written; nothing is written when op fails or returns
// no edits.
func EditLocked(ctx context.Context, path string, op func(f *File) ([]Edit, error)) (before *File, edits []Edit, err error) {
	unlock, err := filelock.Lock(ctx, resolved(path))
	if err != nil {
		return nil, nil, err
	}
	defer func() { err = errors.Join(err, unlock()) }()
	content, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	f := Parse(path, content)
	edits, err = op(f)
	if err != nil || len(edits) == 0 {
		return f, edits, err
	}
	return f, edits, writeLocked(f, edits)
}

// WriteFile applies edits, computed against f.Content, to f.Path under the
// file's lock. It refuses, changing nothing, when the file on disk no
// longer holds f.Content.
func WriteFile(f *File, edits []Edit) (err error) {
	unlock, err := filelock.Lock(context.Background(), resolved(f.Path))
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, unlock()) }()
	return writeLocked(f, edits)
}

// resolved returns path with its symbolic links resolved, as far as it exists.
func resolved(path string) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	return path
}

// writeLocked is WriteFile once the lock is held.
func writeLocked(f *File, edits []Edit) error {
	path := resolved(f.Path)
	onDisk, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && len(f.Content) == 0:
	case err != nil:
		return fmt.Errorf("%s: %w", f.Path, err)
	case !bytes.Equal(onDisk, f.Content):
		return fmt.Errorf("%s: changed on disk since it was read; nothing written, read it again and retry", f.Path)
	}
	out, err := ApplyEdits(f.Content, edits)
	if err != nil {
		return fmt.Errorf("%s: %w", f.Path, err)
	}
	if err := atomicfile.Write(path, out); err != nil {
		return fmt.Errorf("%s: %w", f.Path, errors.Unwrap(err))
	}
	return nil
}

// errBroken is returned when computed edits would break the file: a bug,
// caught before anything is written.
var errBroken = errors.New("the edit would leave the file broken")

// editor computes the edits of one change to one file.
type editor struct {
	f     *File
	t     *text
	root  *yaml.Node // the top-level mapping; nil when the document is empty
	lay   layout
	edits []Edit
}

// newEditor prepares to edit f, refusing files that are not valid YAML or
// whose top level is not a mapping.
func newEditor(f *File) (*editor, error) {
	lines := f.Lines
	if lines == nil {
		lines = span.NewLines(f.Content)
	}
	e := &editor{f: f, t: newText(f.Content, lines)}
	for _, p := range f.Problems {
		if p.Code == CodeSyntax {
			return nil, e.errorf(p.Range.Start.Offset, "%s; fix it before expertise-ls edits the file", p.Message)
		}
	}
	root, err := e.topMapping()
	if err != nil {
		return nil, err
	}
	if root != nil {
		e.t.loc.measure(root, -1)
	}
	e.root = root
	e.lay = detectLayout(e.t, root)
	return e, nil
}

// topMapping returns the file's top-level mapping (nil for an empty document).
func (e *editor) topMapping() (*yaml.Node, error) {
	root := e.f.Root
	if root == nil {
		var doc yaml.Node
		if err := yaml.Unmarshal(e.f.Content, &doc); err != nil {
			return nil, fmt.Errorf("%s: not valid YAML (%v); fix it before expertise-ls edits the file", e.f.Path, err)
		}
		if len(doc.Content) == 0 {
			return nil, nil
		}
		root = &doc
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if isEmptyNull(root) {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, e.errorf(e.t.offset(root), "the top level is %s, not a mapping of keys (domain, version, learnings, ...); expertise-ls cannot edit it", kindName(root))
	}
	return root, nil
}

// errorf returns an error naming the file and the position of offset.
func (e *editor) errorf(offset int, format string, args ...any) error {
	p := e.t.lines.Position(offset)
	return fmt.Errorf("%s:%d:%d: %s", e.f.Path, p.Line+1, p.Col+1, fmt.Sprintf(format, args...))
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	}
	return "a single value"
}

// add records one edit.
func (e *editor) add(start, end int, text string) {
	e.edits = append(e.edits, Edit{Start: start, End: end, NewText: text})
}

// insertLines inserts lines (given without terminators) after line `after`;
// -1 inserts at the top. At the end of a file without a final line break,
// the file stays without one.
func (e *editor) insertLines(after int, lines []string) {
	text := ""
	for i, l := range lines {
		if i > 0 {
			text += e.lay.eol
		}
		text += l
	}
	if after+1 < e.t.lines.Count() {
		at := e.t.lineStart(after + 1)
		e.add(at, at, text+e.lay.eol)
		return
	}
	n := len(e.t.c)
	if n == e.t.lineStart(0) { // empty, or only a byte order mark
		e.add(n, n, text+e.lay.eol)
		return
	}
	e.add(n, n, e.lay.eol+text)
}

// lastContentLine returns the last line holding anything, or -1 for an empty file.
func (e *editor) lastContentLine() int {
	last := e.t.lines.Count() - 1
	if last > 0 && e.t.lines.LineStart(last) == len(e.t.c) {
		last--
	}
	if len(e.t.c) == 0 {
		return -1
	}
	return last
}

// finish returns the change's edits with last_updated set to today first;
// nil when the change changes nothing.
func (e *editor) finish(today time.Time) ([]Edit, error) {
	if len(e.edits) == 0 {
		return nil, nil
	}
	change := e.edits
	e.edits = nil
	e.setLastUpdated(today)
	return e.checked(append(e.edits, change...))
}

// checked returns edits after making sure the edited file is still valid
// YAML with a mapping at the top.
func (e *editor) checked(edits []Edit) ([]Edit, error) {
	out, err := ApplyEdits(e.t.c, edits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.f.Path, err)
	}
	var doc yaml.Node
	err = yaml.Unmarshal(out, &doc)
	if err == nil && (len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode) {
		err = errors.New("the top level is no longer a mapping")
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v), so nothing was changed; please report this with the file", e.f.Path, errBroken, err)
	}
	return edits, nil
}
