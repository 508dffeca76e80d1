package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestStageCommitDiscard(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Stage(path, []byte("discarded"))
	if err != nil {
		t.Fatal(err)
	}
	s.Discard()
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("after Discard: %q", got)
	}
	if err := Write(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if got, _ := os.ReadFile(path); string(got) != "new" || info.Mode().Perm() != 0o600 {
		t.Errorf("after Write: %q, mode %v (want the file's own 0600)", got, info.Mode().Perm())
	}
	if err := Write(filepath.Join(dir, "b.txt"), []byte("b")); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("entries %v: a temporary file was left behind", entries)
	}
}
