package secrets

import (
	"bytes"
	"path/filepath"

	"github.com/expertise-ls/expertise-ls/analysis"
)

// secretFixes offers, for a secret that fills a string literal in code,
// "Move to environment variable NAME": the literal becomes the language's env
// read (with the import it needs) and NAME= is documented in the workspace's
// env example file. For the fallback of an env read it offers "Remove the
// hardcoded fallback of NAME" instead. The value itself is never written
// anywhere. Both change behaviour (NAME must be set), so they are not safe.
func secretFixes(pass *analysis.Pass, fd *secretFinding, envVar string) []analysis.SuggestedFix {
	f := pass.File
	if fd.lit == nil || fd.lit.interpolated || !f.Lang.Parsed() {
		return nil
	}
	litStart, litEnd := fd.lineStart+fd.lit.start, fd.lineStart+fd.lit.end
	var title string
	var edits []analysis.TextEdit
	if fd.asg.envFallback {
		if fd.asg.cut < 0 {
			return nil
		}
		title = "Remove the hardcoded fallback of " + envVar
		edits = []analysis.TextEdit{{Path: f.Path, Range: f.Range(fd.lineStart+fd.asg.cut, litEnd)}}
	} else {
		read, extra, ok := envReadEdits(f, f.Lines.LineOf(litStart), envVar)
		if !ok {
			return nil
		}
		title = "Move to environment variable " + envVar
		edits = append(extra, analysis.TextEdit{Path: f.Path, Range: f.Range(litStart, litEnd), NewText: read})
	}
	edits = append(edits, envExampleEdits(pass.Index, f, envVar)...)
	return []analysis.SuggestedFix{{Title: title, Preferred: true, Edits: edits}}
}

// envReadEdits returns the expression that reads name from the environment
// in f's language and the other edits it needs (an import; in Go, const
// becomes var). ok is false where no such expression fits.
func envReadEdits(f *analysis.File, line int, name string) (read string, extra []analysis.TextEdit, ok bool) {
	switch f.Lang.Family() {
	case "js":
		return "process.env." + name, nil, true
	case "ruby":
		return `ENV.fetch("` + name + `")`, nil, true
	case "python":
		if e, need := pythonImportEdit(f); need {
			extra = append(extra, e)
		}
		return `os.environ["` + name + `"]`, extra, true
	case "go":
		constEdit, ok := goConstEdit(f, line)
		if !ok {
			return "", nil, false
		}
		if e, need := goImportEdit(f); need {
			extra = append(extra, e)
		}
		if constEdit != nil {
			extra = append(extra, *constEdit)
		}
		return `os.Getenv("` + name + `")`, extra, true
	}
	return "", nil, false
}

// envExampleEdits documents name (never its value) in the env example file
// nearest to f, or in a new .env.example at the root; nothing when it is
// documented there already.
func envExampleEdits(ix *analysis.Index, f *analysis.File, name string) []analysis.TextEdit {
	if ix == nil {
		return nil
	}
	edit, _, ok := analysis.EnvDocTargetFor(ix.Root, filepath.Dir(f.Path), ix.EnvExamples()).DocumentEdit(name)
	if !ok {
		return nil
	}
	return []analysis.TextEdit{edit}
}

// goConstEdit returns the edit that turns "const" into "var" on a Go
// declaration line (an env read is not a constant). ok is false inside a
// const block, where the fix is not offered.
func goConstEdit(f *analysis.File, line int) (*analysis.TextEdit, bool) {
	text := f.Lines.LineText(line)
	trimmed := bytes.TrimLeft(text, " \t")
	if bytes.HasPrefix(trimmed, []byte("const ")) {
		at := f.Lines.LineStart(line) + len(text) - len(trimmed)
		return &analysis.TextEdit{Path: f.Path, Range: f.Range(at, at+len("const")), NewText: "var"}, true
	}
	for l := line - 1; l >= 0; l-- {
		t := bytes.TrimSpace(f.Lines.LineText(l))
		switch {
		case bytes.HasPrefix(t, []byte("const (")):
			return nil, false
		case bytes.Equal(t, []byte(")")), bytes.Equal(t, []byte("}")), bytes.HasPrefix(t, []byte("var (")),
			bytes.HasPrefix(t, []byte("func ")), bytes.HasPrefix(t, []byte("import ")), bytes.HasPrefix(t, []byte("type ")):
			return nil, true
		}
	}
	return nil, true
}
