package expertise

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// expertiseGlobs locate expertise files: one per domain below an experts/
// folder (.agileflow/experts/<domain>/ in installed projects,
// packages/cli/src/core/experts/<domain>/ in the tool's own tree, or any
// other experts/ folder), and the shared _core-expertise.yaml beside them.
var expertiseGlobs = []string{
	"**/experts/*/expertise.yaml",
	"**/experts/_core-expertise.yaml",
}

// CoreFileName is the shared expertise file that has no domain of its own.
const CoreFileName = "_core-expertise.yaml"

// IsExpertisePath reports whether rel (slash-separated, relative to the
// workspace root) is an expertise file: a YAML file (.yaml, .yml) that
// matches one of the standard places or one of extraGlobs ("**" allowed),
// with no folder on its way named templates (experts/templates/ holds
// templates, not experts).
func IsExpertisePath(rel string, extraGlobs []string) bool {
	// Expertise files are YAML: every other file, nearly every file an
	// analyzer asks about, is told without cleaning and matching its path.
	if !strings.HasSuffix(rel, ".yaml") && !strings.HasSuffix(rel, ".yml") {
		return false
	}
	rel = path.Clean(strings.TrimPrefix(filepath.ToSlash(rel), "./"))
	if strings.Contains("/"+path.Dir(rel)+"/", "/templates/") {
		return false
	}
	for _, globs := range [][]string{expertiseGlobs, extraGlobs} {
		for _, g := range globs {
			if walk.Match(g, rel) {
				return true
			}
		}
	}
	return false
}

// Find returns the absolute paths of every expertise file below root, sorted.
// It walks as the index does: .git, node_modules, vendor and .gitignore'd
// paths are skipped.
func Find(ctx context.Context, root string, extraGlobs []string) ([]string, error) {
	var found []string
	err := walk.Walk(ctx, root, walk.Options{}, func(path, rel string, _ fs.FileInfo) error {
		if IsExpertisePath(rel, extraGlobs) {
			found = append(found, path)
		}
		return nil
	})
	sort.Strings(found)
	return found, err
}

// FindRoot returns the workspace root for a directory: the nearest directory
// at or above dir that holds .git or .agileflow, or dir itself when none does.
func FindRoot(dir string) string {
	dir = filepath.Clean(dir)
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	for d := dir; ; {
		for _, marker := range []string{".git", ".agileflow"} {
			if _, err := os.Stat(filepath.Join(d, marker)); err == nil {
				return d
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}
