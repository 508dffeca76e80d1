package analysis

import (
	"bytes"
	"path/filepath"
	"regexp"

	"github.com/expertise-ls/expertise-ls/internal/span"
)

// envExampleNames are the files in which a project documents its environment.
var envExampleNames = map[string]bool{".env.example": true, ".env.sample": true, ".env.template": true, ".env.dist": true}

// IsEnvExample reports whether path names an env example file.
func IsEnvExample(path string) bool { return envExampleNames[filepath.Base(path)] }

// EnvExample is a parsed env example file.
type EnvExample struct {
	Path    string
	Content []byte
	Lines   *span.Lines
	Vars    []EnvVar
}

// EnvVar is one variable documented in an env example file.
type EnvVar struct {
	Name  string
	Range span.Range // the name
}

var envLine = regexp.MustCompile(`^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=`)

// ParseEnvExample reads NAME=value lines (optionally prefixed by export);
// comments and other lines are skipped.
func ParseEnvExample(path string, content []byte) *EnvExample {
	e := &EnvExample{Path: path, Content: content, Lines: span.NewLines(content)}
	for line := 0; line < e.Lines.Count(); line++ {
		text := e.Lines.LineText(line)
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		m := envLine.FindSubmatchIndex(text)
		if m == nil {
			continue
		}
		start := e.Lines.LineStart(line)
		e.Vars = append(e.Vars, EnvVar{Name: string(text[m[2]:m[3]]), Range: e.Lines.Range(start+m[2], start+m[3])})
	}
	return e
}

// Has reports whether the file documents name.
func (e *EnvExample) Has(name string) bool {
	for _, v := range e.Vars {
		if v.Name == name {
			return true
		}
	}
	return false
}
