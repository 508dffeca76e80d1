package knowledge

import (
	"path"
	"regexp"
	"slices"
	"strings"
)

// envSchemas is the env_schemas section of the knowledge table.
type envSchemas struct {
	JSMarkers     []string       `yaml:"js_markers"`
	PythonMarkers []string       `yaml:"python_markers"`
	GoTags        []string       `yaml:"go_tags"`
	GoTag         *regexp.Regexp `yaml:"-"` // GoTags as one pattern, compiled on load
}

func (s *envSchemas) prepare() error {
	var alts []string
	for _, t := range s.GoTags {
		alts = append(alts, regexp.QuoteMeta(t))
	}
	var err error
	s.GoTag, err = regexp.Compile(`\b(?:` + strings.Join(alts, "|") + `):"([A-Za-z_][A-Za-z0-9_]*)`)
	return err
}

// envExempt is the env_exempt section of the knowledge table.
type envExempt struct {
	KnobWords []string `yaml:"knob_words"`
	TaskFiles []string `yaml:"task_files"`
}

// IsKnob reports whether name is a developer's switch (one of its
// underscore-separated words is a knob word).
func (e *envExempt) IsKnob(name string) bool {
	for _, w := range strings.Split(name, "_") {
		if slices.Contains(e.KnobWords, w) {
			return true
		}
	}
	return false
}

// IsTaskFile reports whether the base name of rel is a task runner's file.
func (e *envExempt) IsTaskFile(rel string) bool {
	base := path.Base(rel)
	for _, pat := range e.TaskFiles {
		if ok, _ := path.Match(pat, base); ok {
			return true
		}
	}
	return false
}
