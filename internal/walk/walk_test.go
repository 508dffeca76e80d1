package walk

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".git/HEAD":                   "ref: refs/heads/main\n",
		".gitignore":                  "dist/\n*.log\n",
		".agileflow/experts/x/a.yaml": "domain: x\n",
		"src/app.ts":                  "x",
		"src/big.ts":                  strings.Repeat("x", 100),
		"src/debug.log":               "",
		"src/gen/.gitignore":          "*\n!.gitignore\n!keep.ts\n",
		"src/gen/drop.ts":             "",
		"src/gen/keep.ts":             "",
		"dist/out.js":                 "",
		"node_modules/lib/index.js":   "",
		"pkg/vendor/x.go":             "",
		"fixtures/data.json":          "",
	})
	var got []string
	err := Walk(context.Background(), dir, Options{MaxFileSize: 50, Exclude: []string{"fixtures/**"}},
		func(path, rel string, info fs.FileInfo) error {
			if path != filepath.Join(dir, filepath.FromSlash(rel)) {
				t.Errorf("path %q does not match rel %q", path, rel)
			}
			if info.IsDir() {
				t.Errorf("%s: fn called for a directory", rel)
			}
			got = append(got, rel)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	want := []string{".agileflow/experts/x/a.yaml", ".gitignore", "src/app.ts", "src/gen/.gitignore", "src/gen/keep.ts"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("walked\n  %q\nwant\n  %q", got, want)
	}
}

func TestWalkStops(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "", "b.txt": "", "c/d.txt": ""})
	stop := errors.New("stop")
	calls := 0
	err := Walk(context.Background(), dir, Options{}, func(string, string, fs.FileInfo) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("fn's error: got %v after %d calls, want %v after 1", err, calls, stop)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Walk(ctx, dir, Options{}, func(string, string, fs.FileInfo) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled walk returned %v, want context.Canceled", err)
	}

	if err := Walk(context.Background(), filepath.Join(dir, "missing"), Options{}, nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("walk of a missing root returned %v, want a not-exist error", err)
	}
}
