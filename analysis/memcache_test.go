package analysis_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/expertise-ls/expertise-ls/analysis"
)

// TestMemoryCache builds an index of one workspace three times with one
// MemoryCache: a file whose size and modification time are unchanged is
// taken from the cache (proved by changing its content behind the cache's
// back, same size, same time), a file whose size changed is read again, and
// a file modified a moment ago is never trusted by its metadata.
func TestMemoryCache(t *testing.T) {
	root := t.TempDir()
	old := time.Now().Add(-time.Hour)
	write := func(rel, content string, mtime time.Time) {
		p := filepath.Join(root, rel)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	write("a.ts", "export const a = process.env.AAAA_KEY;\n", old)
	write("b.ts", "export const b = process.env.BBBB_KEY;\n", time.Now())
	cache := analysis.NewMemoryCache()
	reads := func() map[string]string {
		ix := analysis.NewIndex(root, nil)
		ix.SetFactCache(cache)
		if err := ix.Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, rel := range []string{"a.ts", "b.ts"} {
			if f := ix.Facts(filepath.Join(root, rel)); f != nil && len(f.EnvReads) == 1 {
				out[rel] = f.EnvReads[0].Name
			}
		}
		return out
	}
	if got := reads(); got["a.ts"] != "AAAA_KEY" || got["b.ts"] != "BBBB_KEY" {
		t.Fatalf("first build: %v", got)
	}
	write("a.ts", "export const a = process.env.ZZZZ_KEY;\n", old) // same size, same time
	write("b.ts", "export const b = process.env.YYYY_KEY;\n", time.Now())
	if got := reads(); got["a.ts"] != "AAAA_KEY" || got["b.ts"] != "YYYY_KEY" {
		t.Errorf("second build: %v; want a.ts from the cache (unchanged metadata) and b.ts read again (modified just now)", got)
	}
	write("a.ts", "export const a = process.env.ZZZZ_LONGER_KEY;\n", old)
	if got := reads(); got["a.ts"] != "ZZZZ_LONGER_KEY" {
		t.Errorf("third build: %v; want a.ts read again (its size changed)", got)
	}
}
