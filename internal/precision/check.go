package precision

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// severityRank orders severities: higher is more severe.
var severityRank = map[string]int{"error": 4, "warning": 3, "info": 2, "hint": 1}

// SeverityAtLeast reports whether severity s is at least min; ok is false
// when either is not one of error, warning, info, hint.
func SeverityAtLeast(s, min string) (atLeast, ok bool) {
	rs, ok1 := severityRank[s]
	rm, ok2 := severityRank[min]
	return rs >= rm, ok1 && ok2
}

// Finding is one diagnostic of `check --format json` on a corpus repository.
type Finding struct {
	Key
	Line     int // 1-based
	Severity string
	Message  string
}

// checkReport is the part of `check --format json` the harness reads.
type checkReport struct {
	Version     int `json:"version"`
	Diagnostics []struct {
		Path  string `json:"path"`
		Range struct {
			Start struct {
				Line int `json:"line"`
			} `json:"start"`
		} `json:"range"`
		Severity string `json:"severity"`
		Code     string `json:"code"`
		Message  string `json:"message"`
	} `json:"diagnostics"`
}

// RunCheck runs `bin check --format json .` in dir and returns the findings
// of repository repo at or above minSeverity. check exits 0 (clean) or 1
// (findings); any other exit is an error carrying its stderr.
func RunCheck(ctx context.Context, bin, repo, dir, minSeverity string) ([]Finding, error) {
	cmd := exec.CommandContext(ctx, bin, "check", "--format", "json", ".")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return nil, fmt.Errorf("%s: %s check in %s: %v: %s", repo, bin, dir, err, strings.TrimSpace(stderr.String()))
	}
	return ParseCheck(repo, stdout.Bytes(), minSeverity)
}

// ParseCheck decodes the JSON report of check on repository repo and keeps
// the findings at or above minSeverity, with slash paths and 1-based lines.
func ParseCheck(repo string, data []byte, minSeverity string) ([]Finding, error) {
	var r checkReport
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: check output: %v", repo, err)
	}
	if r.Version != 1 {
		return nil, fmt.Errorf("%s: check output: version %d, want 1", repo, r.Version)
	}
	var out []Finding
	for _, d := range r.Diagnostics {
		keep, ok := SeverityAtLeast(d.Severity, minSeverity)
		if !ok {
			return nil, fmt.Errorf("%s: check output: %s: severity %q or %q is not error, warning, info or hint", repo, d.Path, d.Severity, minSeverity)
		}
		if !keep {
			continue
		}
		p := path.Clean(filepath.ToSlash(d.Path))
		out = append(out, Finding{
			Key:      Key{Repo: repo, Path: p, Code: d.Code, Subject: Subject(d.Code, d.Message)},
			Line:     d.Range.Start.Line + 1,
			Severity: d.Severity,
			Message:  d.Message,
		})
	}
	return out, nil
}
