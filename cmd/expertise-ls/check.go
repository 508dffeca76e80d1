package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/expertise"
)

// checkCmd judges a workspace for CI: expertise-ls check [--format F] [--fail-on S] [--config FILE] [PATH...].
func checkCmd(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "text", "output format: text, json or sarif")
	failOn := fl.String("fail-on", "warning", "exit 1 when a finding is at least this severe: error, warning, info or hint")
	configPath := fl.String("config", "", "settings file (JSON, the shape of the editor's expertise-ls settings)")
	fl.Usage = func() {
		fmt.Fprint(stderr, "usage: expertise-ls check [--format text|json|sarif] [--fail-on error|warning|info|hint] [--config FILE] [PATH...]\n\n"+
			"Judges the workspace holding each PATH (default .) and prints the findings in the files under PATH.\n"+
			"Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage or unreadable input.\n\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	threshold, err := analysis.ParseSeverity(*failOn)
	if err != nil {
		fmt.Fprintf(stderr, "expertise-ls check: --fail-on: %v\n", err)
		return exitUsage
	}
	write, ok := writers[*format]
	if !ok {
		fmt.Fprintf(stderr, "expertise-ls check: --format: unknown format %q (want text, json or sarif)\n", *format)
		return exitUsage
	}
	cfg := analysis.DefaultConfig()
	if *configPath != "" {
		raw, err := os.ReadFile(*configPath)
		if err != nil {
			fmt.Fprintf(stderr, "expertise-ls check: --config: %v\n", err)
			return exitUsage
		}
		if cfg, err = analysis.DecodeConfig(raw); err != nil {
			fmt.Fprintf(stderr, "expertise-ls check: %s: %v\n", *configPath, err)
			return exitUsage
		}
	}
	targets := fl.Args()
	if len(targets) == 0 {
		targets = []string{"."}
	}
	cwd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "expertise-ls check: %v\n", err)
		return exitUsage
	}
	groups, err := groupByRoot(targets)
	if err != nil {
		fmt.Fprintf(stderr, "expertise-ls check: %v\n", err)
		return exitUsage
	}
	var findings []finding
	var roots []string
	for _, g := range groups {
		fs, err := checkWorkspace(g.root, g.targets, cfg, cwd, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "expertise-ls check: %v\n", err)
			return exitUsage
		}
		findings = append(findings, fs...)
		roots = append(roots, g.root)
	}
	sortFindings(findings)
	if err := write(stdout, roots, findings); err != nil {
		fmt.Fprintf(stderr, "expertise-ls check: writing the report: %v\n", err)
		return exitUsage
	}
	for _, f := range findings {
		if f.Severity <= threshold {
			return exitFindings
		}
	}
	return exitOK
}

var writers = map[string]func(w io.Writer, roots []string, fs []finding) error{
	"text": func(w io.Writer, _ []string, fs []finding) error { return writeText(w, fs) },
	"json": func(w io.Writer, _ []string, fs []finding) error { return writeJSON(w, fs) },
	"sarif": func(w io.Writer, roots []string, fs []finding) error {
		return writeSARIF(w, commonDir(roots), fs)
	},
}

type rootGroup struct {
	root    string
	targets []string // absolute files or directories inside root
}

// groupByRoot resolves each PATH and groups them by the workspace root found from each.
func groupByRoot(paths []string) ([]rootGroup, error) {
	var groups []rootGroup
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		info, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		dir := abs
		if !info.IsDir() {
			dir = filepath.Dir(abs)
		}
		root := expertise.FindRoot(dir)
		found := false
		for i := range groups {
			if groups[i].root == root {
				groups[i].targets = append(groups[i].targets, abs)
				found = true
			}
		}
		if !found {
			groups = append(groups, rootGroup{root: root, targets: []string{abs}})
		}
	}
	return groups, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// checkWorkspace indexes root and judges the indexed files under targets in parallel.
func checkWorkspace(root string, targets []string, cfg *analysis.Config, cwd string, stderr io.Writer) ([]finding, error) {
	ix := checks.NewIndex(root, cfg)
	if err := ix.Build(context.Background()); err != nil {
		return nil, fmt.Errorf("indexing %s: %w", root, err)
	}
	var paths []string
	for _, p := range ix.Paths() {
		if under(p, targets) {
			paths = append(paths, p)
		}
	}
	var (
		mu       sync.Mutex
		findings []finding
		wg       sync.WaitGroup
		jobs     = make(chan string)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range jobs {
				content, err := os.ReadFile(path)
				if err != nil {
					mu.Lock()
					fmt.Fprintf(stderr, "expertise-ls check: %v\n", err)
					mu.Unlock()
					continue
				}
				f := analysis.NewFile(root, path, syntax.Detect(path), content, nil)
				diags, err := checks.Run(ix, f, analysis.NoFixes)
				f.Release()
				mu.Lock()
				if err != nil {
					fmt.Fprintf(stderr, "expertise-ls check: internal error: %v\n", err)
				}
				for _, d := range diags {
					findings = append(findings, finding{Diagnostic: d, display: displayPath(cwd, d.Path)})
				}
				mu.Unlock()
			}
		}()
	}
	for _, p := range paths {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	return findings, nil
}

// under reports whether path is one of targets or inside one of them.
func under(path string, targets []string) bool {
	for _, t := range targets {
		if path == t || strings.HasPrefix(path, t+string(filepath.Separator)) || t == string(filepath.Separator) {
			return true
		}
	}
	return false
}

func displayPath(cwd, path string) string {
	if rel, err := filepath.Rel(cwd, path); err == nil {
		return rel
	}
	return path
}

// commonDir returns the deepest directory holding every one of dirs.
func commonDir(dirs []string) string {
	common := dirs[0]
	for _, d := range dirs[1:] {
		for common != filepath.Dir(common) && d != common && !strings.HasPrefix(d, common+string(filepath.Separator)) {
			common = filepath.Dir(common)
		}
	}
	return common
}
