package envdoc

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"gopkg.in/yaml.v3"
)

// Where projects document their environment besides env example files
// (envexample.go): committed dotenv files, docker-compose files, Markdown
// documentation, the build and deploy configuration that sets variables
// (Dockerfile ENV/ARG, CI workflows, turbo.json, render.yaml, fly.toml, ...),
// and typed env schemas in code (envschema.go). Each source yields the names
// it documents; none is written to by fixes.

// EnvNames is the set of variable names one file documents.
type EnvNames struct {
	Path  string
	Kind  EnvDocKind
	Names map[string]bool
}

// EnvDocKind says what kind of file documents a variable, as messages name it.
type EnvDocKind int

// The kinds of env documentation besides example files.
const (
	EnvDocDotenv  EnvDocKind = iota // a committed .env, .env.development, ...
	EnvDocCompose                   // docker-compose environment: and ${VAR}
	EnvDocDocs                      // Markdown / reStructuredText documentation
	EnvDocBuild                     // build, CI and deploy configuration that sets variables
)

// IsDocsFile reports whether path is documentation that may name env vars.
func IsDocsFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".mdx", ".markdown", ".rst":
		return true
	}
	return false
}

// deployConfigs are the build and deploy files that set or declare variables,
// by base name; CI workflows are recognised by their folder.
var deployConfigs = knowledge.SetOf("turbo.json", "render.yaml", "fly.toml", "app.json", "vercel.json", "netlify.toml",
	"railway.json", "railway.toml", ".gitlab-ci.yml", "bitbucket-pipelines.yml", "cloudbuild.yaml", "app.yaml", "Procfile")

// isDockerfile reports whether path names a Dockerfile or Containerfile.
func isDockerfile(path string) bool {
	base := filepath.Base(path)
	return base == "Dockerfile" || base == "Containerfile" || strings.HasPrefix(base, "Dockerfile.") || strings.HasSuffix(base, ".Dockerfile")
}

// isDeployConfig reports whether path is build, CI or deploy configuration.
func isDeployConfig(path string) bool {
	slash := filepath.ToSlash(path)
	return deployConfigs[filepath.Base(path)] || strings.Contains(slash, "/.github/workflows/") || isDockerfile(path)
}

// IsEnvNamesOnly reports whether the index keeps only the env names of the
// file at path, without analysing it: docs and Dockerfiles.
func IsEnvNamesOnly(path string) bool { return IsDocsFile(path) || isDockerfile(path) }

// DocumentsEnv reports whether a file of this name can document the env vars
// other files read: an env example or env file, a compose file, docs, a
// Dockerfile, a deploy or CI configuration. Judgements depend on them.
func DocumentsEnv(path string) bool {
	return IsEnvExample(path) || IsEnvFile(path) || IsComposeFile(path) || IsDocsFile(path) || isDockerfile(path) || isDeployConfig(path)
}

var composeName = regexp.MustCompile(`^(?:docker-)?compose(?:[.-][A-Za-z0-9_.-]+)?\.ya?ml$`)

// IsComposeFile reports whether path names a docker-compose file.
func IsComposeFile(path string) bool { return composeName.MatchString(filepath.Base(path)) }

// EnvNamesOf returns what the file at path documents, or nil when it is no
// env documentation source.
func EnvNamesOf(path string, content []byte) *EnvNames {
	switch {
	case IsEnvFile(path):
		return dotenvNames(path, content)
	case IsComposeFile(path):
		return composeNames(path, content)
	case IsDocsFile(path):
		return docsNames(path, content)
	case isDockerfile(path):
		return dockerfileNames(path, content)
	case isDeployConfig(path):
		n := docsNames(path, content)
		n.Kind = EnvDocBuild
		return n
	}
	return nil
}

// dockerInstruction is an ENV or ARG line of a Dockerfile.
var dockerInstruction = regexp.MustCompile(`(?mi)^[ \t]*(?:ENV|ARG)[ \t]+(.*)$`)

// dockerName is a name an ENV/ARG line sets: `ARG X`, `ENV X=1 Y=2`, `ENV X 1`.
var dockerName = regexp.MustCompile(`(?:^|[ \t])([A-Za-z_][A-Za-z0-9_]*)(?:=|$|[ \t])`)

// dockerfileNames reads the variables a Dockerfile's ENV and ARG lines set.
func dockerfileNames(path string, content []byte) *EnvNames {
	n := &EnvNames{Path: path, Kind: EnvDocBuild, Names: map[string]bool{}}
	for _, line := range dockerInstruction.FindAllSubmatch(content, -1) {
		for _, m := range dockerName.FindAllSubmatch(line[1], -1) {
			n.Names[string(m[1])] = true
		}
	}
	return n
}

func dotenvNames(path string, content []byte) *EnvNames {
	n := &EnvNames{Path: path, Kind: EnvDocDotenv, Names: map[string]bool{}}
	for _, v := range ParseEnvExample(path, content).Vars {
		n.Names[v.Name] = true
	}
	return n
}

// interpolation is a compose file's ${NAME}, ${NAME:-default} or $NAME.
var interpolation = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`)

// composeNames reads services.*.environment (a map or a list of NAME=value
// and NAME) and every ${NAME} interpolation.
func composeNames(path string, content []byte) *EnvNames {
	n := &EnvNames{Path: path, Kind: EnvDocCompose, Names: map[string]bool{}}
	for _, m := range interpolation.FindAllSubmatch(content, -1) {
		n.Names[string(m[1])] = true
	}
	var doc yaml.Node
	if yaml.Unmarshal(content, &doc) != nil || len(doc.Content) == 0 {
		return n
	}
	services := mappingValue(doc.Content[0], "services")
	if services == nil || services.Kind != yaml.MappingNode {
		return n
	}
	for i := 1; i < len(services.Content); i += 2 {
		env := mappingValue(services.Content[i], "environment")
		if env == nil {
			continue
		}
		switch env.Kind {
		case yaml.MappingNode:
			for j := 0; j < len(env.Content); j += 2 {
				n.Names[env.Content[j].Value] = true
			}
		case yaml.SequenceNode:
			for _, item := range env.Content {
				name, _, _ := strings.Cut(item.Value, "=")
				n.Names[strings.TrimSpace(name)] = true
			}
		}
	}
	return n
}

// mappingValue returns the value of key in a mapping node, or nil.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// docsNames collects the upper-case words of documentation (STRIPE_API_KEY,
// `ADMINS`; not the FOO of FOO_bar): a variable a README or docs page names
// is documented. A word is a run of ASCII letters, digits and underscores
// (the words of regexp's \b); it counts when it starts with a capital, has
// no lower-case letter and is two bytes or more. Hand-written because the
// docs are read on every run, warm ones too, and a regexp was 40% of one.
func docsNames(path string, content []byte) *EnvNames {
	n := &EnvNames{Path: path, Kind: EnvDocDocs, Names: map[string]bool{}}
	for i := 0; i < len(content); {
		if !isWordByte(content[i]) {
			i++
			continue
		}
		start, upper := i, content[i] >= 'A' && content[i] <= 'Z'
		for ; i < len(content) && isWordByte(content[i]); i++ {
			if c := content[i]; c >= 'a' && c <= 'z' {
				upper = false
			}
		}
		if upper && i-start >= 2 {
			if w := content[start:i]; !n.Names[string(w)] {
				n.Names[string(w)] = true
			}
		}
	}
	return n
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// SameNames reports whether two sources document the same names.
func SameNames(a, b *EnvNames) bool {
	if a == nil || b == nil {
		return a == b
	}
	if len(a.Names) != len(b.Names) {
		return false
	}
	for n := range a.Names {
		if !b.Names[n] {
			return false
		}
	}
	return true
}
