package analysis

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"
)

// envSchemas is the env_schemas section of the knowledge table.
type envSchemas struct {
	JSMarkers     []string `yaml:"js_markers"`
	PythonMarkers []string `yaml:"python_markers"`
	GoTags        []string `yaml:"go_tags"`
	goTag         *regexp.Regexp
}

func (s *envSchemas) prepare() error {
	var alts []string
	for _, t := range s.GoTags {
		alts = append(alts, regexp.QuoteMeta(t))
	}
	var err error
	s.goTag, err = regexp.Compile(`\b(?:` + strings.Join(alts, "|") + `):"([A-Za-z_][A-Za-z0-9_]*)`)
	return err
}

var (
	// jsSchemaKey is an UPPER_SNAKE_CASE object key, bare or quoted.
	jsSchemaKey = regexp.MustCompile(`(?m)(?:^|[{,])[ \t]*["']?([A-Z][A-Z0-9_]*)["']?[ \t]*:`)
	// pyField is an annotated class attribute: `stripe_key: str = ""`.
	pyField = regexp.MustCompile(`(?m)^[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]*[A-Za-z_]`)
	// pyAlias is an explicit variable name in a field definition.
	pyAlias = regexp.MustCompile(`\b(?:alias|validation_alias|env)[ \t]*=[ \t]*["']([A-Za-z_][A-Za-z0-9_]*)["']`)
	// pyPrefix is pydantic's env_prefix, in model_config or class Config.
	pyPrefix = regexp.MustCompile(`\benv_prefix[ \t]*[=:][ \t]*["']([A-Za-z0-9_]*)["']`)
)

// findEnvSchema returns the variable names a typed env schema in f declares:
// t3-env/zod/envalid objects, pydantic settings, Go struct tags.
func findEnvSchema(f *File) []string {
	k := Providers().EnvSchemas
	src := f.Content
	var names []string
	switch f.Lang.Family() {
	case "js":
		if !containsAny(src, k.JSMarkers) {
			return nil
		}
		for _, m := range jsSchemaKey.FindAllSubmatch(src, -1) {
			names = append(names, string(m[1]))
		}
	case "python":
		if !containsAny(src, k.PythonMarkers) {
			return nil
		}
		prefix := ""
		if m := pyPrefix.FindSubmatch(src); m != nil {
			prefix = string(m[1])
		}
		for _, m := range pyField.FindAllSubmatch(src, -1) {
			names = append(names, strings.ToUpper(prefix+string(m[1])))
		}
		for _, m := range pyAlias.FindAllSubmatch(src, -1) {
			names = append(names, strings.ToUpper(string(m[1])))
		}
	case "go":
		if !bytes.Contains(src, []byte(`:"`)) {
			return nil
		}
		for _, m := range k.goTag.FindAllSubmatch(src, -1) {
			names = append(names, string(m[1]))
		}
	}
	return names
}

func containsAny(src []byte, words []string) bool {
	for _, w := range words {
		if bytes.Contains(src, []byte(w)) {
			return true
		}
	}
	return false
}

// envExempt is the env_exempt section of the knowledge table.
type envExempt struct {
	KnobWords []string `yaml:"knob_words"`
	TaskFiles []string `yaml:"task_files"`
}

// isKnob reports whether name is a developer's switch (one of its
// underscore-separated words is a knob word).
func (e *envExempt) isKnob(name string) bool {
	for _, w := range strings.Split(name, "_") {
		if slices.Contains(e.KnobWords, w) {
			return true
		}
	}
	return false
}

// isTaskFile reports whether the base name of rel is a task runner's file.
func (e *envExempt) isTaskFile(rel string) bool {
	base := path.Base(rel)
	for _, pat := range e.TaskFiles {
		if ok, _ := path.Match(pat, base); ok {
			return true
		}
	}
	return false
}
