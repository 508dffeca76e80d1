package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// changes are the lines of a workspace changed since a git revision: per
// path relative to the workspace root, the changed line ranges of the new
// side (0-based, half-open), or the whole file.
type changes struct {
	files map[string]*fileChanges
}

type fileChanges struct {
	whole  bool     // untracked: every line is new
	ranges [][2]int // [first, end) 0-based lines
}

// has reports whether line (0-based) of the file at rel changed.
func (c *changes) has(rel string, line int) bool {
	f := c.files[rel]
	if f == nil {
		return false
	}
	if f.whole {
		return true
	}
	for _, r := range f.ranges {
		if line >= r[0] && line < r[1] {
			return true
		}
	}
	return false
}

// changedSince asks git which lines of the workspace at root changed since
// rev, in the working tree (staged or not), and which files are untracked.
// Its errors say why git could not tell: root is not in a repository, or
// rev names no commit.
func changedSince(root, rev string) (*changes, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("--since runs git: %w", err)
	}
	if _, err := git(root, "rev-parse", "--show-toplevel"); err != nil {
		return nil, fmt.Errorf("--since: %s is not in a git repository: %w", root, err)
	}
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("--since: %q is not a revision", rev)
	}
	if _, err := git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--since: git cannot resolve %q to a commit", rev)
	}
	// --relative: paths relative to root (which may be below the
	// repository's top), and nothing outside it.
	diff, err := git(root, "-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--unified=0",
		"--find-renames", "--relative", "--src-prefix=a/", "--dst-prefix=b/", rev, "--")
	if err != nil {
		return nil, fmt.Errorf("--since: git diff %s: %w", rev, err)
	}
	c, err := parseDiff(diff)
	if err != nil {
		return nil, fmt.Errorf("--since: reading git diff %s: %w", rev, err)
	}
	untracked, err := git(root, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, fmt.Errorf("--since: git ls-files: %w", err)
	}
	for _, p := range strings.Split(string(untracked), "\x00") {
		if p != "" {
			c.files[p] = &fileChanges{whole: true}
		}
	}
	return c, nil
}

// parseDiff reads the new side of a unified diff with zero context: the
// files ("+++ b/path") and the lines each hunk adds ("@@ -a,b +c,d @@").
func parseDiff(diff []byte) (*changes, error) {
	c := &changes{files: map[string]*fileChanges{}}
	var cur *fileChanges
	old, added := 0, 0 // lines of the current hunk still to skip: a "+++ " there is content
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	for sc.Scan() {
		line := sc.Text()
		if old > 0 || added > 0 {
			switch {
			case strings.HasPrefix(line, "-"):
				old--
			case strings.HasPrefix(line, "+"):
				added--
			}
			continue
		}
		switch {
		case strings.HasPrefix(line, "diff --git "):
			cur = nil
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimPrefix(line, "+++ ")
			if name == "/dev/null" { // deleted
				cur = nil
				continue
			}
			if strings.HasPrefix(name, `"`) {
				unq, err := strconv.Unquote(name)
				if err != nil {
					return nil, fmt.Errorf("path %s: %w", name, err)
				}
				name = unq
			}
			name = strings.TrimPrefix(name, "b/")
			cur = c.files[name]
			if cur == nil {
				cur = &fileChanges{}
				c.files[name] = cur
			}
		case strings.HasPrefix(line, "@@ ") && cur != nil:
			oldCount, start, count, err := hunkHeader(line)
			if err != nil {
				return nil, err
			}
			old, added = oldCount, count
			if count > 0 {
				cur.ranges = append(cur.ranges, [2]int{start - 1, start - 1 + count})
			}
		}
	}
	return c, sc.Err()
}

// hunkHeader reads b, c and d of "@@ -a,b +c,d @@" (a count is 1 when absent).
func hunkHeader(header string) (oldCount, start, count int, err error) {
	fields := strings.Fields(header)
	if len(fields) < 3 || !strings.HasPrefix(fields[1], "-") || !strings.HasPrefix(fields[2], "+") {
		return 0, 0, 0, fmt.Errorf("hunk header %q", header)
	}
	_, oldCount, err1 := lineSpan(fields[1][1:])
	start, count, err2 := lineSpan(fields[2][1:])
	if err1 != nil || err2 != nil {
		return 0, 0, 0, fmt.Errorf("hunk header %q", header)
	}
	return oldCount, start, count, nil
}

// lineSpan reads "start,count" or "start" (a count of 1).
func lineSpan(spec string) (start, count int, err error) {
	count = 1
	if s, n, ok := strings.Cut(spec, ","); ok {
		spec = s
		if count, err = strconv.Atoi(n); err != nil {
			return 0, 0, err
		}
	}
	start, err = strconv.Atoi(spec)
	return start, count, err
}

// git runs git in dir and returns its standard output; its error holds
// what git said on stderr.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, errors.New(msg)
		}
		return nil, err
	}
	return out, nil
}
