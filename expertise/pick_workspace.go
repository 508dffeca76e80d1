package expertise

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// PickExpertIn finds the expertise files below root (see Find), parses
// them as they are on disk and returns the one an edit goes to (see
// PickExpert).
func PickExpertIn(ctx context.Context, root string, extraGlobs []string, domain string, integrations bool, how string) (*File, error) {
	paths, err := Find(ctx, root, extraGlobs)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no expertise files under %s (looked for .agileflow/experts/<domain>/expertise.yaml and **/experts/*/expertise.yaml)", root)
	}
	var experts []*File
	for _, p := range paths {
		content, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		experts = append(experts, Parse(p, content))
	}
	return PickExpert(experts, domain, integrations, how)
}

// WorkspaceFiles checks the files a learning names: each, relative to the
// workspace root (as the expertise format writes paths) or absolute, must
// lie inside the workspace, symbolic links resolved; it need not exist (a
// learning may be about a file since removed). They are returned relative
// to the root, with forward slashes. arg names the argument they came in
// (--files, files_affected) for the error.
func WorkspaceFiles(root, arg string, values []string) ([]string, error) {
	if len(values) == 0 {
		return nil, nil
	}
	out := make([]string, 0, len(values))
	for _, v := range values {
		abs, inside := walk.Resolve(root, v)
		rel, err := filepath.Rel(root, abs)
		if err != nil || rel == "." || !inside {
			return nil, fmt.Errorf("%s %q is outside the workspace %s: a learning names files of this workspace, relative to its root", arg, v, root)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out, nil
}
