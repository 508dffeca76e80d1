package analysis

import (
	"path/filepath"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/envdoc"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// EnvDocTarget is the env example file a variable gets documented in.
// Example is nil when no such file exists yet and documenting creates Path.
type EnvDocTarget struct {
	Path    string
	Example *envdoc.EnvExample
}

// EnvDocTargetFor returns the env example file nearest to dir (in dir or its
// closest ancestor inside root), else a new .env.example at root.
func EnvDocTargetFor(root, dir string, examples []*envdoc.EnvExample) EnvDocTarget {
	var best *envdoc.EnvExample
	for _, e := range examples {
		exDir := filepath.Dir(e.Path)
		if !isWithinDir(dir, exDir) || !isWithinDir(exDir, root) {
			continue
		}
		if best == nil || len(exDir) > len(filepath.Dir(best.Path)) {
			best = e
		}
	}
	if best == nil {
		return EnvDocTarget{Path: filepath.Join(root, ".env.example")}
	}
	return EnvDocTarget{Path: best.Path, Example: best}
}

// isWithinDir reports whether path is dir or lies below it.
func isWithinDir(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}

// DocumentEdit returns the edit that documents name, never a value: `NAME=`
// as a new last line, in the file's line ending and keeping whether it ends
// with one, or the file created with that line. at is where the name will
// stand once the edit is applied. ok is false when the file lists name already.
func (t EnvDocTarget) DocumentEdit(name string) (edit TextEdit, at Location, ok bool) {
	nameAt := func(line, offset int) Location {
		return Location{Path: t.Path, Range: span.Range{
			Start: span.Position{Offset: offset, Line: line},
			End:   span.Position{Offset: offset + len(name), Line: line, Col: len(name), Col16: len(name)},
		}}
	}
	if t.Example == nil {
		return TextEdit{Path: t.Path, NewText: name + "=\n", Create: true}, nameAt(0, 0), true
	}
	e := t.Example
	if e.Has(name) {
		return TextEdit{}, Location{}, false
	}
	content := e.Content
	eol := expertise.LineBreak(content)
	end := len(content)
	text, line, offset := name+"="+eol, e.Lines.Count()-1, end
	if end > 0 && content[end-1] != '\n' && content[end-1] != '\r' {
		text, line, offset = eol+name+"=", e.Lines.Count(), end+len(eol)
	}
	return TextEdit{Path: t.Path, Range: e.Lines.Range(end, end), NewText: text}, nameAt(line, offset), true
}
