package secrets

import (
	"bytes"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
)

// importLine is one import of a file: its line and the module it names.
type importLine struct {
	line   int
	module string
}

// insertSorted returns the line before which an import of module goes in a
// group of imports: before the first that sorts after it, else after the last.
func insertSorted(group []importLine, module string) int {
	for _, im := range group {
		if im.module > module {
			return im.line
		}
	}
	return group[len(group)-1].line + 1
}

// insertLine returns an edit inserting text at the start of line.
func insertLine(f *analysis.File, line int, text string) analysis.TextEdit {
	at := f.Lines.LineStart(line)
	return analysis.TextEdit{Path: f.Path, Range: f.Range(at, at), NewText: text}
}

// goImportEdit adds "os" to a Go file's imports (in sorted place in the
// first group of the import block) and reports false when it is imported.
func goImportEdit(f *analysis.File) (analysis.TextEdit, bool) {
	var group, singles []importLine
	pkgLine, blockOpen, blockClose := -1, -1, -1
	indent := "\t"
	inBlock, groupDone := false, false
scan:
	for l := 0; l < f.Lines.Count(); l++ {
		raw := f.Lines.LineText(l)
		t := bytes.TrimSpace(raw)
		switch {
		case inBlock:
			if bytes.HasPrefix(t, []byte(")")) {
				inBlock, blockClose = false, l
				continue
			}
			if len(t) == 0 {
				groupDone = groupDone || len(group) > 0
				continue
			}
			alias, path := goImportSpec(t)
			if path == "os" && (alias == "" || alias == "os") {
				return analysis.TextEdit{}, false
			}
			if path != "" && !groupDone {
				group = append(group, importLine{l, path})
				indent = string(raw[:len(raw)-len(bytes.TrimLeft(raw, " \t"))])
			}
		case bytes.HasPrefix(t, []byte("package ")):
			pkgLine = l
		case bytes.HasPrefix(t, []byte("import (")):
			inBlock, blockOpen = true, l
		case bytes.HasPrefix(t, []byte("import ")):
			alias, path := goImportSpec(t[len("import "):])
			if path == "os" && (alias == "" || alias == "os") {
				return analysis.TextEdit{}, false
			}
			singles = append(singles, importLine{l, path})
		case bytes.HasPrefix(t, []byte("func ")), bytes.HasPrefix(t, []byte("var ")),
			bytes.HasPrefix(t, []byte("const ")), bytes.HasPrefix(t, []byte("type ")):
			break scan
		}
	}
	switch {
	case blockOpen >= 0 && len(group) > 0:
		return insertLine(f, insertSorted(group, "os"), indent+`"os"`+"\n"), true
	case blockOpen >= 0 && blockClose > blockOpen:
		return insertLine(f, blockClose, indent+`"os"`+"\n"), true
	case len(singles) > 0:
		return insertLine(f, singles[len(singles)-1].line+1, `import "os"`+"\n"), true
	case pkgLine >= 0:
		return insertLine(f, pkgLine+1, "\n"+`import "os"`+"\n"), true
	}
	return analysis.TextEdit{}, false
}

// goImportSpec splits an import spec (`alias "path" // comment`) into alias and path.
func goImportSpec(t []byte) (alias, path string) {
	i := bytes.IndexByte(t, '"')
	if i < 0 {
		return "", ""
	}
	j := bytes.IndexByte(t[i+1:], '"')
	if j < 0 {
		return "", ""
	}
	return string(bytes.TrimSpace(t[:i])), string(t[i+1 : i+1+j])
}

// pythonImportEdit adds "import os" to a Python file (in sorted place in its
// first group of top-level imports, else after __future__ imports or the
// module's header) and reports false when os is imported.
func pythonImportEdit(f *analysis.File) (analysis.TextEdit, bool) {
	var group []importLine
	groupDone := false
	afterFuture := -1
	for l := 0; l < f.Lines.Count(); l++ {
		raw := f.Lines.LineText(l)
		if len(bytes.TrimSpace(raw)) == 0 {
			groupDone = groupDone || len(group) > 0
			continue
		}
		if raw[0] == ' ' || raw[0] == '\t' || raw[0] == '#' {
			continue
		}
		fields := strings.Fields(string(raw))
		var module string
		switch {
		case fields[0] == "from" && len(fields) > 1 && fields[1] == "__future__":
			afterFuture = l + 1
			continue
		case fields[0] == "import":
			if pythonImportsOS(string(raw[len("import"):])) {
				return analysis.TextEdit{}, false
			}
			if len(fields) > 1 {
				module = strings.TrimSuffix(fields[1], ",")
			}
		case fields[0] == "from" && len(fields) > 1:
			module = fields[1]
		default:
			groupDone = groupDone || len(group) > 0
			continue
		}
		if !groupDone {
			group = append(group, importLine{l, module})
		}
	}
	switch {
	case len(group) > 0:
		return insertLine(f, insertSorted(group, "os"), "import os\n"), true
	case afterFuture >= 0:
		return insertLine(f, afterFuture, "import os\n"), true
	}
	return insertLine(f, pythonHeaderEnd(f), "import os\n"), true
}

// pythonImportsOS reports whether the names after "import" bind os.
func pythonImportsOS(names string) bool {
	if i := strings.IndexByte(names, '#'); i >= 0 {
		names = names[:i]
	}
	for _, entry := range strings.Split(names, ",") {
		fields := strings.Fields(strings.Trim(entry, " ()"))
		switch {
		case len(fields) == 1 && (fields[0] == "os" || strings.HasPrefix(fields[0], "os.")):
			return true
		case len(fields) == 3 && fields[1] == "as" && fields[2] == "os":
			return true
		}
	}
	return false
}

// pythonHeaderEnd returns the first line after a module's leading comments
// (shebang, coding) and docstring.
func pythonHeaderEnd(f *analysis.File) int {
	l := 0
	for l < f.Lines.Count() && (bytes.HasPrefix(f.Lines.LineText(l), []byte("#")) || len(bytes.TrimSpace(f.Lines.LineText(l))) == 0) {
		l++
	}
	if l >= f.Lines.Count() {
		return 0
	}
	text := bytes.TrimLeft(f.Lines.LineText(l), "rRuU")
	for _, q := range []string{`"""`, `'''`} {
		if !bytes.HasPrefix(text, []byte(q)) {
			continue
		}
		if bytes.Contains(text[3:], []byte(q)) {
			return l + 1
		}
		for end := l + 1; end < f.Lines.Count(); end++ {
			if bytes.Contains(f.Lines.LineText(end), []byte(q)) {
				return end + 1
			}
		}
	}
	return l
}
