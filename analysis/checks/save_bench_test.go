package checks_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/internal/benchws"
)

// BenchmarkSavePath is the language server's work on save without the
// transport: a 1,000-line TypeScript integration module, already parsed (the
// server keeps the tree up to date as the user types), goes through the
// index's facts extraction and then every analyzer, on the same File. It
// runs in a workspace of its own and in a generated one of 5,000 files,
// whose facts the analyzers consult.
func BenchmarkSavePath(b *testing.B) {
	content := benchws.IntegrationModule(1000)

	b.Run("alone", func(b *testing.B) {
		root := b.TempDir()
		ix := checks.NewIndex(root, nil)
		ix.Update(filepath.Join(root, ".env.example"), []byte("STRIPE_SECRET_KEY=\nSTRIPE_WEBHOOK_SECRET=\nSENDGRID_API_KEY=\n"))
		benchmarkSave(b, ix, content)
	})
	b.Run("in-5000-files", func(b *testing.B) {
		ix := checks.NewIndex(generatedWorkspace(b, 5000), nil)
		if err := ix.Build(context.Background()); err != nil {
			b.Fatal(err)
		}
		benchmarkSave(b, ix, content)
	})
}

func benchmarkSave(b *testing.B, ix *analysis.Index, content []byte) {
	path := filepath.Join(ix.Root, "src", "integrations", "payments.ts")
	tree := syntax.Parse(syntax.TypeScript, content)
	defer tree.Close()
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		f := analysis.NewFile(ix.Root, path, syntax.TypeScript, content, tree)
		ix.UpdateFile(f)
		if _, err := checks.Run(ix, f, analysis.NoFixes); err != nil {
			b.Fatal(err)
		}
		f.Release()
	}
}
