// Package walk lists a workspace's files the way its owner sees them: it skips
// .git, node_modules, vendor and what .gitignore files ignore. It also holds
// the glob matcher (Match) that settings and expertise paths use.
package walk

import (
	"context"
	"io/fs"
	"path/filepath"
)

// Options bounds a walk.
type Options struct {
	// MaxFileSize skips larger files (0: no limit).
	MaxFileSize int64
	// Exclude holds extra globs (slash-separated, relative to the root, "**" allowed) to skip.
	Exclude []string
}

// Walk calls fn for every regular file below root that is not skipped (see
// Ignorer), with its absolute path and its slash-separated path relative to
// root. Ignored directories are not entered. It stops at the first error fn
// returns, or when ctx is done; unreadable entries are skipped.
func Walk(ctx context.Context, root string, opts Options, fn func(path, rel string, info fs.FileInfo) error) error {
	root = filepath.Clean(root)
	if abs, err := filepath.Abs(root); err == nil {
		root = abs
	}
	ig := NewIgnorer(root, opts.Exclude...)
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if path != root && ig.ignoredSelf(rel, true) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || ig.ignoredSelf(rel, false) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if opts.MaxFileSize > 0 && info.Size() > opts.MaxFileSize {
			return nil
		}
		return fn(path, rel, info)
	})
}
