package walk

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWithinAndInside(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(root, "out")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "in"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "in"), filepath.Join(root, "alias")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path           string
		within, inside bool
	}{
		{root, true, true},
		{filepath.Join(root, "in", "new.ts"), true, true},  // need not exist
		{filepath.Join(root, "alias", "x.ts"), true, true}, // a link that stays inside
		{filepath.Join(root, "out", "x.ts"), true, false},  // a link out
		{filepath.Join(root, "..", "x.ts"), false, false},  // lexically out
		{root + "-sibling", false, false},                  // a prefix is not a parent
		{filepath.Join(outside, "x.ts"), false, false},
	} {
		p := filepath.Clean(c.path)
		if got := Within(root, p); got != c.within {
			t.Errorf("Within(root, %s) = %v, want %v", c.path, got, c.within)
		}
		if got := Inside(root, p); got != c.inside {
			t.Errorf("Inside(root, %s) = %v, want %v", c.path, got, c.inside)
		}
	}
	if Within("", root) || Inside(root, "relative/x") {
		t.Error("an empty dir holds nothing; a relative path is inside nothing")
	}
}

// TestResolve: a relative value is joined to the root and cleaned; it
// resolves inside when it stays there lexically and through links.
func TestResolve(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(root, "out")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		value string
		want  string
		ok    bool
	}{
		{"src/a.ts", filepath.Join(root, "src", "a.ts"), true},
		{"./src/../b.ts", filepath.Join(root, "b.ts"), true},
		{filepath.Join(root, "c.ts"), filepath.Join(root, "c.ts"), true},
		{"../x.ts", filepath.Join(filepath.Dir(root), "x.ts"), false},
		{"out/x.ts", filepath.Join(root, "out", "x.ts"), false},
		{filepath.Join(outside, "x.ts"), filepath.Join(outside, "x.ts"), false},
	} {
		if got, ok := Resolve(root, c.value); got != c.want || ok != c.ok {
			t.Errorf("Resolve(root, %q) = %s, %v; want %s, %v", c.value, got, ok, c.want, c.ok)
		}
	}
}
