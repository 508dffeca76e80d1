package precision

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
)

// VerifyCheckout checks that the tree at dir is repo r at its pinned commit.
// With no .git in dir there is nothing to ask: verified is false and err nil.
func VerifyCheckout(dir string, r Repo) (verified bool, err error) {
	if _, err := os.Stat(dir); err != nil {
		return false, fmt.Errorf("%s: %v; get it with: git clone https://github.com/%s %s && git -C %s checkout %s",
			r.Name, err, r.Repo, dir, dir, r.Commit)
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
		return false, nil
	}
	out, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		return false, fmt.Errorf("%s: git rev-parse HEAD in %s: %v", r.Name, dir, err)
	}
	if head := string(bytes.TrimSpace(out)); head != r.Commit {
		return false, fmt.Errorf("%s: %s is at %s, want %s: run git -C %s checkout %s", r.Name, dir, head, r.Commit, dir, r.Commit)
	}
	return true, nil
}

// CountFiles counts the regular files under dir, leaving out .git and
// node_modules directories: a cheap measure of how much check read.
func CountFiles(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			n++
		}
		return nil
	})
	return n, err
}
