package walk

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	for _, size := range []int{0, 1, 4095, 4096, 4097, 1 << 20} {
		want := bytes.Repeat([]byte("abcdefg\n"), size/8+1)[:size]
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, told := range []int64{int64(size), 0, int64(size / 2), int64(size) + 100, -1, -5} { // the walk's size may be stale
			got, err := ReadFile(p, told)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("size %d, told %d: %d bytes, err %v", size, told, len(got), err)
			}
		}
	}
	if _, err := ReadFile(filepath.Join(dir, "missing"), 0); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	if _, err := ReadFile(dir, 0); err == nil {
		t.Error("reading a directory succeeded")
	}
}
