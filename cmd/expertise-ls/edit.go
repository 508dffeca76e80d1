package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// editClock returns the current time; tests pin it.
var editClock = time.Now

// learnCmd records a learning:
// expertise-ls learn --insight TEXT [--context TEXT] [--files a,b] [--expert DOMAIN].
func learnCmd(args []string, stdout, stderr io.Writer) int {
	fl := editFlags("learn", "--insight TEXT [--context TEXT] [--files a,b] [--expert DOMAIN]",
		"Adds a learning {date, insight, files_affected, context} to the expert's learnings and sets last_updated.", stderr)
	insight := fl.String("insight", "", "what was learned (required)")
	where := fl.String("context", "", "where it was learned: the task, story or incident")
	files := fl.String("files", "", "comma-separated files the learning is about, relative to the workspace root")
	domain := fl.String("expert", "", "the domain of the expert to write (default: the integrations expert)")
	if code, ok := parseEditFlags(fl, args); !ok {
		return code
	}
	if strings.TrimSpace(*insight) == "" {
		return usageError(fl, stderr, "--insight is required")
	}
	root, err := workspaceRoot()
	if err != nil {
		return usageError(fl, stderr, err.Error())
	}
	affected, err := expertise.WorkspaceFiles(root, "--files", splitList(*files))
	if err != nil {
		return usageError(fl, stderr, err.Error())
	}
	l := expertise.NewLearning{Insight: *insight, Context: *where, FilesAffected: affected}
	return editExpert(fl, *domain, true, func(f *expertise.File) ([]expertise.Edit, error) {
		edits, _, err := expertise.AddLearning(f, l, editClock())
		return edits, err
	}, stdout, stderr)
}

// catalogCmd adds an integration to the catalog:
// expertise-ls catalog add --category C --name N [--env A,B] [--webhooks x,y] [--expert DOMAIN].
func catalogCmd(args []string, stdout, stderr io.Writer) int {
	const synopsis = "add --category C --name N [--env A,B] [--webhooks x,y] [--expert DOMAIN]"
	fl := editFlags("catalog", synopsis,
		"Adds an integration to integrations_catalog, or adds the env vars and webhooks it lacks to an entry of that name.", stderr)
	category := fl.String("category", "", "the catalog category, e.g. payment or email (required)")
	name := fl.String("name", "", "the integration's name, e.g. Stripe (required)")
	env := fl.String("env", "", "comma-separated environment variables it reads")
	webhooks := fl.String("webhooks", "", "comma-separated webhook events it receives")
	domain := fl.String("expert", "", "the domain of the expert to write (default: the integrations expert)")
	if len(args) == 0 || args[0] != "add" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fl.Usage()
			return exitOK
		}
		return usageError(fl, stderr, "want the subcommand add")
	}
	if code, ok := parseEditFlags(fl, args[1:]); !ok {
		return code
	}
	if strings.TrimSpace(*category) == "" || strings.TrimSpace(*name) == "" {
		return usageError(fl, stderr, "--category and --name are required")
	}
	return editExpert(fl, *domain, true, func(f *expertise.File) ([]expertise.Edit, error) {
		return expertise.AddCatalogEntry(f, *category, *name, splitList(*env), splitList(*webhooks), editClock())
	}, stdout, stderr)
}

// touchCmd sets last_updated to today: expertise-ls touch [--expert DOMAIN].
func touchCmd(args []string, stdout, stderr io.Writer) int {
	fl := editFlags("touch", "[--expert DOMAIN]",
		"Sets the expert's last_updated to today, after a review found it current.", stderr)
	domain := fl.String("expert", "", "the domain of the expert to write (needed when there are several)")
	if code, ok := parseEditFlags(fl, args); !ok {
		return code
	}
	return editExpert(fl, *domain, false, func(f *expertise.File) ([]expertise.Edit, error) {
		return expertise.SetLastUpdated(f, editClock())
	}, stdout, stderr)
}

// editFlags returns a flag set for an editing command, printing its usage to stderr.
func editFlags(name, synopsis, doc string, stderr io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: expertise-ls %s %s\n\n%s\nThe workspace is found from the current directory. Exit status: 0 done (or nothing to change), 2 bad arguments or a file that cannot be edited.\n\n", name, synopsis, doc)
		fl.PrintDefaults()
	}
	return fl
}

// parseEditFlags parses args; when it returns false the command exits with code.
func parseEditFlags(fl *flag.FlagSet, args []string) (code int, ok bool) {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fl.NArg() > 0 {
		return usageError(fl, fl.Output(), fmt.Sprintf("unexpected argument %q", fl.Arg(0))), false
	}
	return 0, true
}

// usageError reports a bad command line and returns exitUsage.
func usageError(fl *flag.FlagSet, stderr io.Writer, msg string) int {
	fmt.Fprintf(stderr, "expertise-ls %s: %s (see expertise-ls %s -h)\n", fl.Name(), msg, fl.Name())
	return exitUsage
}

// splitList splits a comma-separated flag value, dropping empty parts.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// workspaceRoot returns the workspace found from the current directory.
func workspaceRoot() (string, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return expertise.FindRoot(cwd), nil
}

// editExpert picks the expert in the workspace found from the current
// directory (see expertise.PickExpertIn) and edits it under its lock
// (expertise.EditLocked: op computes the edits against the file as it is
// once locked, so that concurrent writers lose nothing), then prints what
// changed: the file, then each added (+) or changed (~) line.
func editExpert(fl *flag.FlagSet, domain string, integrations bool, op func(*expertise.File) ([]expertise.Edit, error), stdout, stderr io.Writer) int {
	cmd := fl.Name()
	if cmd == "catalog" {
		cmd = "catalog add"
	}
	root, err := workspaceRoot()
	if err != nil {
		return usageError(fl, stderr, err.Error())
	}
	picked, err := expertise.PickExpertIn(context.Background(), root, nil, domain, integrations, "pass --expert")
	if err != nil {
		return usageError(fl, stderr, err.Error())
	}
	f, edits, err := expertise.EditLocked(context.Background(), picked.Path, op)
	if err != nil {
		fmt.Fprintf(stderr, "expertise-ls %s: %v\n", cmd, err)
		return exitUsage
	}
	display := f.Path
	if cwd, err := os.Getwd(); err == nil {
		display = displayPath(cwd, f.Path)
	}
	if len(edits) == 0 {
		fmt.Fprintf(stdout, "%s: nothing to change\n", display)
		return exitOK
	}
	fmt.Fprintf(stdout, "updated %s\n", display)
	for _, l := range changedLines(f.Content, edits) {
		fmt.Fprintln(stdout, l)
	}
	return exitOK
}

// changedLines describes edits of old line by line, numbered in the new
// content: "   12 + text" for an added line, "~" for a changed one.
func changedLines(old []byte, edits []expertise.Edit) []string {
	out, err := expertise.ApplyEdits(old, edits)
	if err != nil {
		return nil
	}
	newLines := span.NewLines(out)
	sorted := append([]expertise.Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	var lines []string
	seen := map[string]bool{}
	show := func(kind byte, from, to int) {
		for l := from; l <= to; l++ {
			s := fmt.Sprintf("%5d %c %s", l+1, kind, newLines.LineText(l))
			if !seen[s] {
				seen[s] = true
				lines = append(lines, s)
			}
		}
	}
	shift := 0
	for _, e := range sorted {
		start := e.Start + shift
		end := start + len(e.NewText)
		shift += len(e.NewText) - (e.End - e.Start)
		switch {
		case e.Start == e.End && atLineStart(old, e.Start) && endsWithBreak(e.NewText):
			show('+', newLines.LineOf(start), newLines.LineOf(end)-1)
		case e.Start == e.End && e.Start == len(old) && startsWithBreak(e.NewText): // at the end of a file without a final line break
			show('+', newLines.LineOf(start)+1, newLines.LineOf(end))
		default:
			show('~', newLines.LineOf(start), newLines.LineOf(end))
		}
	}
	return lines
}

// atLineStart reports whether offset i of c begins a line.
func atLineStart(c []byte, i int) bool {
	return i == 0 || c[i-1] == '\n' || c[i-1] == '\r' && (i == len(c) || c[i] != '\n')
}

func endsWithBreak(s string) bool { return strings.HasSuffix(s, "\n") || strings.HasSuffix(s, "\r") }

func startsWithBreak(s string) bool { return strings.HasPrefix(s, "\n") || strings.HasPrefix(s, "\r") }
