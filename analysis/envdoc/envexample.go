package envdoc

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// exampleWords mark an env file as an example to copy rather than a live
// environment: .env.example, .env.local.example, .env.sample, env.example,
// example.env, .env.template, .env.dist, .env.defaults.
var exampleWords = knowledge.SetOf("example", "examples", "sample", "template", "tmpl", "tpl", "dist", "defaults", "default", "skel")

// copyWords, as the last word of a name, mark a copy of a file rather than
// the file: .env.example.golden (a test's expected output), .env.example.bak,
// ..env.example.lock (the lock of writers of .env.example, internal/filelock).
var copyWords = knowledge.SetOf("golden", "bak", "orig", "old", "swp", "tmp", "rej", "lock")

// envNameWords splits an env file's base name into its lower-case words.
func envNameWords(base string) []string {
	return strings.FieldsFunc(strings.ToLower(base), func(r rune) bool { return r == '.' || r == '-' || r == '_' })
}

// IsEnvExample reports whether path names an env example file: a name with
// the word "env" and one of the example words, in any order. These are the
// files the "Document NAME" fix writes to.
func IsEnvExample(path string) bool {
	env, example := false, false
	words := envNameWords(filepath.Base(path))
	if len(words) == 0 || copyWords[words[len(words)-1]] {
		return false
	}
	for _, w := range words {
		env = env || w == "env"
		example = example || exampleWords[w]
	}
	return env && example
}

// IsEnvFile reports whether path names a dotenv file that is not an example:
// .env, .env.local, .env.development, production.env. Committed (not
// ignored) ones document the names they set, but fixes do not write to them.
func IsEnvFile(path string) bool {
	base := filepath.Base(path)
	words := envNameWords(base)
	if IsEnvExample(path) || len(words) == 0 || copyWords[words[len(words)-1]] {
		return false
	}
	return base == ".env" || strings.HasPrefix(base, ".env.") || strings.HasSuffix(base, ".env")
}

// EnvExample is a parsed env example file.
type EnvExample struct {
	Path    string
	Content []byte
	Lines   *span.Lines
	Vars    []EnvVar
}

// EnvVar is one variable documented in an env example file.
type EnvVar struct {
	Name      string
	Range     span.Range // the name
	Commented bool       // `# NAME=`: documented as optional
}

var envLine = regexp.MustCompile(`^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=`)

// commentedEnvLine is `# NAME=...`: a variable an example file documents as
// optional by leaving it commented out.
var commentedEnvLine = regexp.MustCompile(`^[ \t]*#+[ \t]*(?:export[ \t]+)?([A-Z][A-Z0-9_]*)[ \t]*=`)

// ParseEnvExample reads NAME=value lines (optionally prefixed by export) and
// commented-out `# NAME=value` lines, the way example files document
// optional variables; other comments and lines are skipped.
func ParseEnvExample(path string, content []byte) *EnvExample {
	e := &EnvExample{Path: path, Content: content, Lines: span.NewLines(content)}
	for line := 0; line < e.Lines.Count(); line++ {
		text := e.Lines.LineText(line)
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		m, commented := envLine.FindSubmatchIndex(text), false
		if m == nil {
			m, commented = commentedEnvLine.FindSubmatchIndex(text), true
		}
		if m == nil {
			continue
		}
		start := e.Lines.LineStart(line)
		e.Vars = append(e.Vars, EnvVar{Name: string(text[m[2]:m[3]]), Range: e.Lines.Range(start+m[2], start+m[3]), Commented: commented})
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
