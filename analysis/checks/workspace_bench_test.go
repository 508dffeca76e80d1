package checks_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/internal/benchws"
)

// writeWorkspace writes the generated workspace of n indexed files (see
// internal/benchws) under root.
func writeWorkspace(tb testing.TB, root string, n int) {
	tb.Helper()
	if err := benchws.Write(root, n, analysis.Indexed); err != nil {
		tb.Fatal(err)
	}
}

// generatedWorkspace writes a workspace of n indexed files once per benchmark.
func generatedWorkspace(b *testing.B, n int) string {
	root := b.TempDir()
	writeWorkspace(b, root, n)
	return root
}

// BenchmarkIndexBuild indexes a generated 5,000-file workspace from nothing,
// as the language server does on start: walk, read, extract facts.
func BenchmarkIndexBuild(b *testing.B) {
	root := generatedWorkspace(b, 5000)
	files := 0
	for b.Loop() {
		ix := checks.NewIndex(root, nil)
		if err := ix.Build(context.Background()); err != nil {
			b.Fatal(err)
		}
		files = len(ix.Paths())
	}
	b.ReportMetric(float64(files), "files")
}

// BenchmarkCheckWorkspace is what expertise-ls check does on a generated
// 5,000-file workspace: build the index, then judge every indexed file
// with every analyzer, GOMAXPROCS files at a time.
func BenchmarkCheckWorkspace(b *testing.B) {
	root := generatedWorkspace(b, 5000)
	findings := 0
	for b.Loop() {
		ix := checks.NewIndex(root, nil)
		if err := ix.Build(context.Background()); err != nil {
			b.Fatal(err)
		}
		findings = 0
		for _, n := range judgeAll(b, ix) {
			findings += n
		}
	}
	b.ReportMetric(float64(findings), "findings")
}

// judgeAll runs every analyzer on every indexed file, GOMAXPROCS files at a
// time, and counts the findings by code.
func judgeAll(tb testing.TB, ix *analysis.Index) map[string]int {
	paths := make(chan string)
	var mu sync.Mutex
	var wg sync.WaitGroup
	codes := map[string]int{}
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range paths {
				content, err := os.ReadFile(p)
				if err != nil {
					tb.Error(err)
					continue
				}
				f := analysis.NewFile(ix.Root, p, syntax.Detect(p), content, nil)
				diags, err := checks.Run(ix, f, analysis.NoFixes)
				f.Release()
				if err != nil {
					tb.Error(err)
				}
				mu.Lock()
				for _, d := range diags {
					codes[d.Code]++
				}
				mu.Unlock()
			}
		})
	}
	for _, p := range ix.Paths() {
		paths <- p
	}
	close(paths)
	wg.Wait()
	return codes
}

// TestGeneratedWorkspace checks that the benchmarks' workspace is what they
// claim: the index keeps the files asked for and skips node_modules and the
// .gitignore'd build output, and the check finds what the webhook handlers
// get wrong.
func TestGeneratedWorkspace(t *testing.T) {
	root := t.TempDir()
	writeWorkspace(t, root, 500)
	ix := checks.NewIndex(root, nil)
	if err := ix.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	paths := ix.Paths()
	if len(paths) != 500 {
		t.Errorf("indexed %d files, want 500", len(paths))
	}
	for _, p := range paths {
		if rel, _ := filepath.Rel(root, p); strings.HasPrefix(rel, "node_modules") || strings.HasPrefix(rel, "dist") {
			t.Fatalf("indexed %s, which the walk must skip", rel)
		}
	}
	if len(ix.Experts()) != 1 || len(ix.EnvExamples()) != 1 {
		t.Errorf("experts %d, env examples %d; want 1 and 1", len(ix.Experts()), len(ix.EnvExamples()))
	}
	codes := judgeAll(t, ix)
	t.Logf("findings by code: %v", codes)
	for _, code := range []string{"unverified-webhook", "insecure-signature-compare", "webhook-raw-body"} {
		if codes[code] == 0 {
			t.Errorf("no %s finding; found %v", code, codes)
		}
	}
}
