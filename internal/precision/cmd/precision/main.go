// Command precision measures expertise-ls's precision per rule on a corpus of
// public repositories pinned at commits, from the hand labels in
// precision/labels.tsv. Run it from the module root:
//
//	go run ./internal/precision/cmd/precision --corpus DIR [--bin PATH] [--min-severity warning]
//		[--repo NAME] [--unlabelled FILE] [--fail-below X]
//
// It exits 0, 1 when --fail-below is given and a rule's precision is below
// it, and 2 on bad input or a failed run. See precision/README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/expertise-ls/expertise-ls/internal/precision"
)

const (
	exitOK    = 0
	exitBelow = 1
	exitInput = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command with its arguments and streams, returning the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("precision", flag.ContinueOnError)
	fl.SetOutput(stderr)
	corpus := fl.String("corpus", "", "directory holding each repository's tree at DIR/<name> (required)")
	bin := fl.String("bin", "", "expertise-ls binary (default: go build ./cmd/expertise-ls into a temp dir)")
	minSeverity := fl.String("min-severity", "warning", "keep findings at or above: error, warning, info or hint")
	only := fl.String("repo", "", "run only the repository of this name")
	unlabelled := fl.String("unlabelled", "", "write the unlabelled findings to FILE as label rows with verdict ?")
	failBelow := fl.Float64("fail-below", -1, "exit 1 when a rule's precision is below this (0 to 1)")
	reposFile := fl.String("repos", filepath.FromSlash("precision/repos.yaml"), "the pinned repositories")
	labelsFile := fl.String("labels", filepath.FromSlash("precision/labels.tsv"), "the hand labels")
	if err := fl.Parse(args); err != nil {
		return exitInput
	}
	if *corpus == "" || fl.NArg() > 0 {
		fmt.Fprintln(stderr, "precision: want --corpus DIR and no arguments; see precision/README.md")
		return exitInput
	}
	if _, ok := precision.SeverityAtLeast(*minSeverity, *minSeverity); !ok {
		fmt.Fprintf(stderr, "precision: --min-severity %q: want error, warning, info or hint\n", *minSeverity)
		return exitInput
	}
	status, err := measure(precision.Options{Corpus: *corpus, Bin: *bin, MinSeverity: *minSeverity, Only: *only, Warn: stderr},
		*reposFile, *labelsFile, *unlabelled, *failBelow, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "precision: %v\n", err)
		return exitInput
	}
	return status
}

// measure loads the data, builds the binary when none is given, runs the
// corpus, prints the report and returns the exit status.
func measure(o precision.Options, reposFile, labelsFile, unlabelled string, failBelow float64, stdout io.Writer) (int, error) {
	var err error
	if o.Repos, err = precision.LoadRepos(reposFile); err != nil {
		return exitInput, err
	}
	if o.Labels, err = precision.LoadLabels(labelsFile); err != nil {
		return exitInput, err
	}
	if o.Bin == "" {
		tmp, err := os.MkdirTemp("", "precision-")
		if err != nil {
			return exitInput, err
		}
		defer os.RemoveAll(tmp)
		if o.Bin, err = build(tmp); err != nil {
			return exitInput, err
		}
	}
	res, err := precision.Run(context.Background(), o)
	if err != nil {
		return exitInput, err
	}
	if err := precision.WriteReport(stdout, res); err != nil {
		return exitInput, err
	}
	if unlabelled != "" {
		if err := writeUnlabelled(unlabelled, res.Unlabelled); err != nil {
			return exitInput, err
		}
	}
	if failBelow >= 0 {
		if low := res.Rules.Below(failBelow); len(low) > 0 {
			fmt.Fprintf(stdout, "\nprecision below %.2f: %s\n", failBelow, strings.Join(low, ", "))
			return exitBelow, nil
		}
	}
	return exitOK, nil
}

// build compiles ./cmd/expertise-ls into dir and returns the binary's path.
func build(dir string) (string, error) {
	bin := filepath.Join(dir, "expertise-ls")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/expertise-ls")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/expertise-ls (run from the module root, or pass --bin): %v\n%s", err, out)
	}
	return bin, nil
}

// writeUnlabelled writes the unlabelled findings as label rows to path.
func writeUnlabelled(path string, findings []precision.Finding) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := precision.WriteUnlabelled(f, findings); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
