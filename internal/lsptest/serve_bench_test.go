package lsptest_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/internal/benchws"
	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// BenchmarkServeLargeWorkspace serves a generated workspace of 50,000 files
// (EXPERTISE_LS_BENCH_FILES sets another size): from initialize to the end
// of indexing ($/progress), then a webhook handler opened to its first
// diagnostics, then shutdown. It reports the time to index and the
// server's peak RSS.
//
//	go test -run '^$' -bench ServeLargeWorkspace -benchtime 1x -timeout 30m ./internal/lsptest/
func BenchmarkServeLargeWorkspace(b *testing.B) {
	n := 50000
	if v, err := strconv.Atoi(os.Getenv("EXPERTISE_LS_BENCH_FILES")); err == nil {
		n = v
	}
	root := b.TempDir()
	if err := benchws.Write(root, n, analysis.Indexed); err != nil {
		b.Fatal(err)
	}
	var hook string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && hook == "" && strings.HasSuffix(path, ".ts") && strings.Contains(path, "webhooks") {
			hook, _ = filepath.Rel(root, path)
		}
		return nil
	})
	if hook == "" {
		b.Fatal("the generated workspace has no webhook handler")
	}
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		p := lsptest.Start(b, serverBin, lsptest.Options{Root: root, Timeout: 10 * time.Minute})
		p.Await("indexing to end", func() bool { return slices.Contains(p.Progress(), "end") })
		indexed := time.Since(start)
		p.OpenFile(filepath.ToSlash(hook))
		p.AwaitDiagnostics(filepath.ToSlash(hook), "the first judgement", func(lsptest.Publication) bool { return true })
		p.Shutdown()
		p.Exit()
		if code := p.Wait(); code != 0 {
			b.Fatalf("the server exited with %d", code)
		}
		b.ReportMetric(indexed.Seconds(), "index-s")
		b.ReportMetric(float64(p.PeakRSS())/1024, "peak-RSS-MB")
	}
}
