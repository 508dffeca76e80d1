package lexfacts

import (
	"regexp"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
)

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

// EnvSchema returns the variable names a typed env schema in src declares:
// t3-env/zod/envalid objects, pydantic settings, Go struct tags.
func EnvSchema(src []byte, family string) []string {
	k := knowledge.Get().EnvSchemas
	var names []string
	switch family {
	case "js":
		if !codelex.ContainsAny(src, k.JSMarkers...) {
			return nil
		}
		for _, m := range jsSchemaKey.FindAllSubmatch(src, -1) {
			names = append(names, string(m[1]))
		}
	case "python":
		if !codelex.ContainsAny(src, k.PythonMarkers...) {
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
		if !codelex.Contains(src, `:"`) {
			return nil
		}
		for _, m := range k.GoTag.FindAllSubmatch(src, -1) {
			names = append(names, string(m[1]))
		}
	}
	return names
}
