package knowledge

import (
	"bytes"
	"path"
	"strings"
)

// FileRole is what a file is to the project besides its language: its own
// running code, or tests, generated output, templates for other projects, or
// translations. Analyzers judge each role differently: env reads in tests,
// generated files and templates need no documentation; test data and
// translations hold no live secrets unless they are provider-shaped.
type FileRole int

// The roles, from the knowledge table's file_roles.
const (
	RoleSource    FileRole = iota // the project's own code and configuration
	RoleTest                      // tests, test configuration, fixtures and recorded responses
	RoleGenerated                 // lock files, build output, minified bundles, generated code
	RoleTemplate                  // scaffolding copied into other projects
	RoleLocale                    // translation catalogues
)

// String names the role as messages and tests show it.
func (r FileRole) String() string {
	return [...]string{"source", "test", "generated", "template", "locale"}[r]
}

// roleRules are the path rules of one role (see file_roles in providers.yaml).
type roleRules struct {
	Dirs         []string `yaml:"dirs"`
	Names        []string `yaml:"names"`
	Prefixes     []string `yaml:"prefixes"`
	Suffixes     []string `yaml:"suffixes"`
	StemSuffixes []string `yaml:"stem_suffixes"` // the base name without its last extension ends with one
	Markers      []string `yaml:"markers"`       // one occurs in the first 1 KiB of the content
	dirs         map[string]bool
}

// fileRoles is the file_roles section of the knowledge table.
type fileRoles struct {
	Test      roleRules `yaml:"test"`
	Generated roleRules `yaml:"generated"`
	Template  roleRules `yaml:"template"`
	Locale    roleRules `yaml:"locale"`
}

func (fr *fileRoles) prepare() {
	for _, r := range []*roleRules{&fr.Test, &fr.Generated, &fr.Template, &fr.Locale} {
		r.dirs = SetOf(r.Dirs...)
	}
}

// matchName reports whether a base name matches the role's name rules.
func (r *roleRules) matchName(base string) bool {
	for _, n := range r.Names {
		if base == n {
			return true
		}
	}
	for _, p := range r.Prefixes {
		if strings.HasPrefix(base, p) {
			return true
		}
	}
	for _, s := range r.Suffixes {
		if strings.HasSuffix(base, s) {
			return true
		}
	}
	stem := strings.TrimSuffix(base, path.Ext(base))
	for _, s := range r.StemSuffixes {
		if strings.HasSuffix(stem, s) {
			return true
		}
	}
	return false
}

// matchDir reports whether any folder of a slash-separated relative path is one of the role's.
func (r *roleRules) matchDir(rel string) bool {
	for {
		i := strings.IndexByte(rel, '/')
		if i < 0 {
			return false
		}
		if r.dirs[rel[:i]] {
			return true
		}
		rel = rel[i+1:]
	}
}

func (r *roleRules) matchContent(content []byte) bool {
	if len(content) > 1024 {
		content = content[:1024]
	}
	for _, m := range r.Markers {
		if bytes.Contains(content, []byte(m)) {
			return true
		}
	}
	return false
}

// RoleOf classifies a workspace-relative, slash-separated path and its
// content. Generated wins over test (a lock file under tests/ is still
// generated), test over template and locale.
func RoleOf(rel string, content []byte) FileRole {
	fr := &Get().FileRoles
	base := path.Base(rel)
	switch {
	case fr.Generated.matchName(base) || fr.Generated.matchDir(rel) || fr.Generated.matchContent(content):
		return RoleGenerated
	case fr.Test.matchName(base) || fr.Test.matchDir(rel):
		return RoleTest
	case fr.Template.matchDir(rel):
		return RoleTemplate
	case fr.Locale.matchDir(rel):
		return RoleLocale
	}
	return RoleSource
}

// TestFile reports whether a workspace-relative path names a test file:
// foo_test.go, test_foo.py, foo.test.ts, foo.spec.js, foo_spec.rb, a test
// runner's configuration, or a file under test/, tests/, __tests__/, spec/,
// fixtures/ and the like.
func TestFile(rel string) bool {
	fr := &Get().FileRoles
	return fr.Test.matchName(path.Base(rel)) || fr.Test.matchDir(rel)
}
