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
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// checkCmd judges a workspace for CI: expertise-ls check [--format F] [--fail-on S] [--config FILE] [PATH...].
func checkCmd(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "text", "output format: text, json, sarif or github (workflow-command annotations)")
	failOn := fl.String("fail-on", "warning", "exit 1 when a finding is at least this severe: error, warning, info or hint")
	configPath := fl.String("config", "", "settings file (JSON, the shape of the editor's expertise-ls settings)")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the check to this file (for go tool pprof)")
	noCache := fl.Bool("no-cache", false, "neither read nor write the cache of facts and findings (see README: Speed)")
	var adopt adoption
	adopt.register(fl)
	fl.Usage = func() {
		fmt.Fprint(stderr, "usage: expertise-ls check [--format text|json|sarif|github] [--fail-on error|warning|info|hint] [--config FILE]\n"+
			"                         [--baseline FILE [--baseline-prune] | --write-baseline FILE] [--since REV] [PATH...]\n\n"+
			"Judges the workspace holding each PATH (default .) and prints the findings in the files under PATH.\n"+
			"--baseline drops the findings a baseline file (written by --write-baseline) holds; --since keeps those on\n"+
			"lines changed since a git revision.\n"+
			"Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage or unreadable input.\n\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "expertise-ls check: --cpuprofile: %v\n", err)
			return exitUsage
		}
		defer stop()
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(checkMemoryLimit)
	}
	threshold, err := analysis.ParseSeverity(*failOn)
	if err != nil {
		fmt.Fprintf(stderr, "expertise-ls check: --fail-on: %v\n", err)
		return exitUsage
	}
	write, ok := writers[*format]
	if !ok {
		fmt.Fprintf(stderr, "expertise-ls check: --format: unknown format %q (want text, json, sarif or github)\n", *format)
		return exitUsage
	}
	adopt.fingerprints = *format == "sarif"
	cfg, settings, err := readConfig(*configPath) // the cache keys on the settings
	if err != nil {
		fmt.Fprintf(stderr, "expertise-ls check: %v\n", err)
		return exitUsage
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
	if err := adopt.prepare(groups, cfg.Baseline); err != nil {
		fmt.Fprintf(stderr, "expertise-ls check: %v\n", err)
		return exitUsage
	}
	var findings []finding
	var roots []string
	for _, g := range groups {
		run := checkRun{root: g.root, targets: g.targets, cfg: cfg, cwd: cwd, stderr: stderr, cache: !*noCache, settings: settings}
		fs, err := run.check()
		if err == nil {
			fs, err = adopt.apply(g.root, g.targets, fs, stderr)
		}
		if err != nil {
			fmt.Fprintf(stderr, "expertise-ls check: %v\n", err)
			return exitUsage
		}
		findings = append(findings, fs...)
		roots = append(roots, g.root)
	}
	sortFindings(findings)
	if adopt.writePath != "" {
		return adopt.write(findings, stderr)
	}
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

// readConfig reads the settings file at path (JSON, the editor's settings)
// over the defaults; without a path, the defaults. raw is the file's content.
func readConfig(path string) (cfg *analysis.Config, raw []byte, err error) {
	if path == "" {
		return analysis.DefaultConfig(), nil, nil
	}
	if raw, err = os.ReadFile(path); err != nil {
		return nil, nil, fmt.Errorf("--config: %w", err)
	}
	if cfg, err = analysis.DecodeConfig(raw); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, raw, nil
}

var writers = map[string]func(w io.Writer, roots []string, fs []finding) error{
	"text": func(w io.Writer, _ []string, fs []finding) error { return writeText(w, fs) },
	"json": func(w io.Writer, _ []string, fs []finding) error { return writeJSON(w, fs) },
	"sarif": func(w io.Writer, roots []string, fs []finding) error {
		return writeSARIF(w, commonDir(roots), fs)
	},
	"github": func(w io.Writer, _ []string, fs []finding) error { return writeGitHub(w, fs) },
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

// checkMemoryLimit is the heap size past which check's garbage collector
// works harder (GOMEMLIMIT overrides it): a soft limit that keeps the peak
// of large workspaces (50,000 files) near what they hold, rather than
// twice that, at the cost of some collection time there; smaller ones
// never reach it.
const checkMemoryLimit = 100 << 20

// checkRun is the check of one workspace root.
type checkRun struct {
	root     string
	targets  []string // absolute files or directories inside root
	cfg      *analysis.Config
	cwd      string
	stderr   io.Writer
	cache    bool   // use the cache (see cache.go)
	settings []byte // the settings file's content, which the cache keys on

	judgedCount, toJudge *atomic.Int64 // progress of judge, when shown
}

// check indexes the root and judges the indexed files under the targets,
// with the cache unless it is off or cannot be opened (then cold, with a
// note on stderr).
func (r *checkRun) check() ([]finding, error) {
	ix := checks.NewIndex(r.root, r.cfg)
	var cache *checkCache
	if r.cache {
		c, err := openCheckCache(r.root, r.settings)
		if err != nil {
			fmt.Fprintf(r.stderr, "expertise-ls check: no cache: %v\n", err)
		} else {
			cache = c
			ix.SetFactCache(c)
		}
	}
	var judged0, toJudge atomic.Int64
	prog := showProgress(r.stderr, func() string {
		if n := toJudge.Load(); n > 0 {
			return fmt.Sprintf("judged %d of %d files", judged0.Load(), n)
		}
		return fmt.Sprintf("indexed %d files", ix.Len())
	})
	defer prog.end()
	r.judgedCount, r.toJudge = &judged0, &toJudge
	// The files to judge that fit keepBudget stay in memory from indexing to
	// judging: they are read, lexed and parsed once.
	ix.KeepFiles(keepBudget, func(p string) bool { return under(p, r.targets) })
	defer ix.DropKept()
	if err := ix.Build(context.Background()); err != nil {
		return nil, fmt.Errorf("indexing %s: %w", r.root, err)
	}
	// Expertise files are judged on every run: what they say is checked
	// against the file system (paths that no longer exist), which the
	// digest of the indexed files does not cover. Their findings are few.
	var code, experts []string
	for _, p := range ix.Paths() {
		switch {
		case !under(p, r.targets):
		case ix.Expert(p) != nil:
			experts = append(experts, p)
		default:
			code = append(code, p)
		}
	}
	var judged [32]byte
	if cache != nil {
		digest, _ := ix.Digest()
		judged = findingsKey(digest, r.targets, r.cfg.Today().Format("2006-01-02"))
		if diags, ok := cache.findings(judged); ok {
			if err := cache.save(judged, diags); err != nil { // keeps the facts this run used
				fmt.Fprintf(r.stderr, "expertise-ls check: writing the cache: %v\n", err)
			}
			found, _ := r.judge(ix, experts)
			return r.report(append(slices.Clip(diags), found...)), nil
		}
	}
	diags, complete := r.judge(ix, code)
	if cache != nil && complete {
		if err := cache.save(judged, diags); err != nil {
			fmt.Fprintf(r.stderr, "expertise-ls check: writing the cache: %v\n", err)
		}
	}
	found, _ := r.judge(ix, experts)
	return r.report(append(diags, found...)), nil
}

// report turns diagnostics into findings shown relative to the current directory.
func (r *checkRun) report(diags []analysis.Diagnostic) []finding {
	out := make([]finding, 0, len(diags))
	for _, d := range diags {
		out = append(out, finding{Diagnostic: d, display: displayPath(r.cwd, d.Path)})
	}
	return out
}

// judge runs the analyzers over the files at paths, in parallel (see
// checks.Judge). complete is false when a file could not be read or an
// analyzer failed.
func (r *checkRun) judge(ix *analysis.Index, paths []string) (diags []analysis.Diagnostic, complete bool) {
	if r.toJudge != nil {
		r.toJudge.Add(int64(len(paths)))
	}
	var judged func()
	if r.judgedCount != nil {
		judged = func() { r.judgedCount.Add(1) }
	}
	diags, errs := checks.Judge(ix, paths, analysis.NoFixes, judged)
	for _, err := range errs {
		fmt.Fprintf(r.stderr, "expertise-ls check: %v\n", err)
	}
	return diags, len(errs) == 0
}

// under reports whether path is one of targets or inside one of them.
func under(path string, targets []string) bool {
	return slices.ContainsFunc(targets, func(t string) bool { return walk.Within(t, path) })
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

// startCPUProfile profiles the process into path until the returned stop.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// keepBudget bounds, in estimated bytes, the files check keeps in memory
// between indexing and judging (see analysis.Index.KeepFiles); files beyond
// it are read and parsed again when judged. It stays well under
// checkMemoryLimit so that keeping never drives the collector.
const keepBudget = 24 << 20
