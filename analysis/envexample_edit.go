package analysis

import "github.com/expertise-ls/expertise-ls/expertise"

// DocumentEdit returns the edit that documents name (never a value) as a new
// last line `NAME=` of e, in the file's line ending and keeping whether it
// ends with one. ok is false when e documents name already.
func (e *EnvExample) DocumentEdit(name string) (edit TextEdit, ok bool) {
	if e.Has(name) {
		return TextEdit{}, false
	}
	content := e.Content
	eol := expertise.LineBreak(content)
	end := len(content)
	text := name + "=" + eol
	if end > 0 && content[end-1] != '\n' && content[end-1] != '\r' {
		text = eol + name + "="
	}
	return TextEdit{Path: e.Path, Range: e.Lines.Range(end, end), NewText: text}, true
}

// NewEnvExampleEdit returns the edit that creates the env example file at
// path documenting name.
func NewEnvExampleEdit(path, name string) TextEdit {
	return TextEdit{Path: path, NewText: name + "=\n", Create: true}
}
