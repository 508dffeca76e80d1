package checks

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// Judge runs every analyzer over the indexed files at paths, GOMAXPROCS
// files at a time, building fixes as fixes says: a file the index kept
// (see analysis.Index.KeepFiles) as kept, the others as they are on disk.
// judged, when not nil, is called after each file. errs holds the files
// that could not be read and the analyzers that failed (as "internal
// error: ..."); the other findings of those files are kept. The findings
// come in no particular order.
func Judge(ix *analysis.Index, paths []string, fixes analysis.Fixes, judged func()) (diags []analysis.Diagnostic, errs []error) {
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		jobs = make(chan string)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for path := range jobs {
				found, err := judgeOne(ix, path, fixes)
				if judged != nil {
					judged()
				}
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				}
				diags = append(diags, found...)
				mu.Unlock()
			}
		})
	}
	for _, p := range paths {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	return diags, errs
}

// judgeOne judges the file at path, kept or read from disk.
func judgeOne(ix *analysis.Index, path string, fixes analysis.Fixes) ([]analysis.Diagnostic, error) {
	f := ix.TakeFile(path)
	if f == nil {
		content, err := walk.ReadFile(path, -1)
		if err != nil {
			return nil, err
		}
		f = analysis.NewFile(ix.Root, path, syntax.Detect(path), content, nil)
	}
	defer f.Release()
	found, err := Run(ix, f, fixes)
	if err != nil {
		err = fmt.Errorf("internal error: %w", err)
	}
	return found, err
}
