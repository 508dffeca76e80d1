package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/internal/benchws"
)

// BenchmarkRevalidate measures what each judgement pays to keep the files
// it depends on current without file watching: a generated workspace of
// 5,000 indexed files plus 600 dependency files (READMEs and env files in
// 100 packages), none of which changed, revalidated by stat.
//
//	go test -run '^$' -bench Revalidate ./lsp/
func BenchmarkRevalidate(b *testing.B) {
	root := b.TempDir()
	if err := benchws.Write(root, 5000, analysis.Indexed); err != nil {
		b.Fatal(err)
	}
	for i := range 100 {
		dir := filepath.Join(root, "packages", fmt.Sprintf("pkg%d", i))
		for j, name := range []string{"README.md", ".env.example", ".env.test", "docs.md", "CHANGELOG.md", "compose.yaml"} {
			body := fmt.Sprintf("PKG%d_VAR%d=\n", i, j)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	s := newServer(Options{})
	s.setFolders([]string{root})
	f := s.workspaceFolders()[0]
	s.buildFolder(f)
	ix, _ := s.state(f)
	b.ResetTimer()
	for range b.N {
		if s.revalidate(f) {
			b.Fatal("nothing changed, yet revalidation updated the index")
		}
	}
	b.ReportMetric(float64(len(dependencies(ix))), "deps")
}
