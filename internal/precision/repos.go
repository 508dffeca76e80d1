// Package precision measures how often expertise-ls is right on real code: it
// runs `expertise-ls check` on public repositories pinned at commits, matches
// each finding to a hand label (true or false positive) and reports precision
// per rule. The repositories live in precision/repos.yaml and the labels in
// precision/labels.tsv; the command is ./internal/precision/cmd/precision.
package precision

import (
	"fmt"
	"os"
	"regexp"

	"gopkg.in/yaml.v3"
)

// Repo is one pinned repository of the corpus.
type Repo struct {
	Name       string   `yaml:"name"`       // directory under the corpus, and the labels' repo column
	Repo       string   `yaml:"repo"`       // GitHub owner/name
	Commit     string   `yaml:"commit"`     // 40-hex commit the labels were made at
	Languages  []string `yaml:"languages"`  // main languages, for reading the report
	Integrates []string `yaml:"integrates"` // free words: payments, email, sms, auth, webhooks...
}

var (
	commitRE    = regexp.MustCompile(`^[0-9a-f]{40}$`)
	ownerRepoRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	nameRE      = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	repoFields  = map[string]bool{"name": true, "repo": true, "commit": true, "languages": true, "integrates": true}
)

// LoadRepos reads and checks a repos.yaml file; errors name the file and line.
func LoadRepos(path string) ([]Repo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseRepos(path, data)
}

// ParseRepos parses the content of a repos.yaml file named name: a list of
// mappings with the fields of Repo, names unique.
func ParseRepos(name string, data []byte) ([]Repo, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:1: want a list of repositories", name)
	}
	var repos []Repo
	seen := map[string]int{}
	for _, n := range doc.Content[0].Content {
		r, err := parseRepo(n)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, n.Line, err)
		}
		if line, dup := seen[r.Name]; dup {
			return nil, fmt.Errorf("%s:%d: name %q is already used on line %d", name, n.Line, r.Name, line)
		}
		seen[r.Name] = n.Line
		repos = append(repos, r)
	}
	return repos, nil
}

// parseRepo decodes and checks one list item.
func parseRepo(n *yaml.Node) (Repo, error) {
	var r Repo
	if n.Kind != yaml.MappingNode {
		return r, fmt.Errorf("want a mapping {name, repo, commit, languages, integrates}")
	}
	for i := 0; i < len(n.Content); i += 2 {
		if k := n.Content[i].Value; !repoFields[k] {
			return r, fmt.Errorf("unknown field %q (want name, repo, commit, languages, integrates)", k)
		}
	}
	if err := n.Decode(&r); err != nil {
		return r, err
	}
	switch {
	case !nameRE.MatchString(r.Name):
		return r, fmt.Errorf("name %q: want a directory name (letters, digits, _ . -)", r.Name)
	case !ownerRepoRE.MatchString(r.Repo):
		return r, fmt.Errorf("repo %q: want owner/name", r.Repo)
	case !commitRE.MatchString(r.Commit):
		return r, fmt.Errorf("commit %q: want 40 lowercase hex digits", r.Commit)
	}
	return r, nil
}
