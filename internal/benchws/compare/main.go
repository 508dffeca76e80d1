// Command compare measures `expertise-ls check` cold (no cache) and warm
// (second run, nothing changed) beside gitleaks and ripgrep on generated
// workspaces and on any directories given, in one run, and prints a
// Markdown table with wall times, peak RSS and the ratios:
//
//	go run ./internal/benchws/compare [-n 5000,20000] [-runs 3] [DIR...]
//
// Each figure is the median of -runs runs. gitleaks (`gitleaks dir`) and
// ripgrep (`rg -c` of a pattern every tool looks for) are taken from PATH
// or ~/go/bin and left out when absent. The expertise-ls binary is built
// from this checkout into a temporary directory, with its cache there too.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/internal/benchws"
)

type sample struct {
	wall time.Duration
	rss  int64 // KiB
}

func main() {
	sizes := flag.String("n", "5000,20000", "sizes of the generated workspaces, comma-separated (empty for none)")
	runs := flag.Int("runs", 3, "runs of each command; the median is shown")
	flag.Parse()
	tmp, err := os.MkdirTemp("", "expertise-ls-compare")
	check(err)
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "expertise-ls")
	build := exec.Command("go", "build", "-o", bin, "./cmd/expertise-ls")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	check(build.Run())
	cacheDir := filepath.Join(tmp, "cache")

	var dirs []string
	for _, s := range strings.Split(*sizes, ",") {
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		check(err)
		dir := filepath.Join(tmp, "ws"+s)
		check(benchws.Write(dir, n, analysis.Indexed))
		dirs = append(dirs, dir)
	}
	dirs = append(dirs, flag.Args()...)
	gitleaks, rg := tool("gitleaks"), tool("rg")

	fmt.Println("| workspace | files | MB | check cold | check warm | peak RSS cold/warm | gitleaks dir | ripgrep | gitleaks / cold | warm / ripgrep |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|")
	for _, dir := range dirs {
		files, bytes := treeSize(dir)
		checkCmd := func(extra ...string) []string {
			return append([]string{bin, "check", "--format", "json", "--fail-on", "error"}, append(extra, dir)...)
		}
		cold := median(*runs, func() sample { return measure(cacheDir, checkCmd("--no-cache")...) })
		os.RemoveAll(cacheDir)
		measure(cacheDir, checkCmd()...) // fills the cache
		warm := median(*runs, func() sample { return measure(cacheDir, checkCmd()...) })
		row := []string{label(dir), strconv.Itoa(files), fmt.Sprintf("%.0f", float64(bytes)/1e6), secs(cold), secs(warm),
			fmt.Sprintf("%d / %d MB", cold.rss/1024, warm.rss/1024)}
		var gl, rgs sample
		if gitleaks != "" {
			report := filepath.Join(tmp, "gitleaks.json")
			gl = median(*runs, func() sample {
				return measure(cacheDir, gitleaks, "dir", "--no-banner", "--log-level", "error", "--exit-code", "0", "-r", report, dir)
			})
			row = append(row, secs(gl))
		} else {
			row = append(row, "not installed")
		}
		if rg != "" {
			rgs = median(*runs, func() sample {
				return measure(cacheDir, rg, "-c", "--no-messages", `sk_live|process\.env|webhook`, dir)
			})
			row = append(row, secs(rgs))
		} else {
			row = append(row, "not installed")
		}
		row = append(row, ratio(gl, cold), ratio(warm, rgs))
		fmt.Println("| " + strings.Join(row, " | ") + " |")
	}
}

// measure runs argv with the cache in cacheDir and returns its wall time and peak RSS.
func measure(cacheDir string, argv ...string) sample {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "EXPERTISE_LS_CACHE_DIR="+cacheDir)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			check(err)
		}
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return sample{wall, rss}
}

func median(n int, f func() sample) sample {
	s := make([]sample, n)
	for i := range s {
		s[i] = f()
	}
	slices.SortFunc(s, func(a, b sample) int { return int(a.wall - b.wall) })
	return s[n/2]
}

func tool(name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if home, err := os.UserHomeDir(); err == nil {
		if p := filepath.Join(home, "go", "bin", name); fileExists(p) {
			return p
		}
	}
	return ""
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func treeSize(dir string) (files int, bytes int64) {
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				files++
				bytes += info.Size()
			}
		}
		return nil
	})
	return files, bytes
}

func label(dir string) string {
	if b := filepath.Base(dir); strings.HasPrefix(b, "ws") && strings.Contains(dir, "expertise-ls-compare") {
		return "generated " + strings.TrimPrefix(b, "ws")
	}
	return dir
}

func secs(s sample) string { return fmt.Sprintf("%.2f s", s.wall.Seconds()) }

func ratio(a, b sample) string {
	if a.wall == 0 || b.wall == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1fx", a.wall.Seconds()/b.wall.Seconds())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}
