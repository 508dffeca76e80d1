package main

import (
	"slices"
	"testing"
)

func TestParseDiff(t *testing.T) {
	diff := "diff --git a/src/old.ts b/src/new.ts\n" +
		"similarity index 90%\nrename from src/old.ts\nrename to src/new.ts\n" +
		"--- a/src/old.ts\n+++ b/src/new.ts\n" +
		"@@ -3 +3 @@ x\n-a\n+b\n" +
		"@@ -10,2 +10,3 @@\n-c\n-d\n+++ not a header\n+--- nor this\n+e\n" +
		"@@ -20,4 +21,0 @@\n-f\n-g\n-h\n-i\n" +
		"\\ No newline at end of file\n" +
		"diff --git a/gone.ts b/gone.ts\ndeleted file mode 100644\n--- a/gone.ts\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n" +
		"diff --git \"a/sp ace\\303\\251.ts\" \"b/sp ace\\303\\251.ts\"\n--- \"a/sp ace\\303\\251.ts\"\n+++ \"b/sp ace\\303\\251.ts\"\n@@ -0,0 +1,2 @@\n+y\n+z\n" +
		"diff --git a/img.png b/img.png\nBinary files a/img.png and b/img.png differ\n"
	c, err := parseDiff([]byte(diff))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for p := range c.files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	if want := []string{"sp aceé.ts", "src/new.ts"}; !slices.Equal(paths, want) {
		t.Fatalf("files %q, want %q", paths, want)
	}
	// 0-based: line 3 -> 2; lines 10-12 -> 9-11; the pure deletion adds nothing.
	for line, want := range map[int]bool{1: false, 2: true, 3: false, 8: false, 9: true, 11: true, 12: false, 20: false, 21: false} {
		if got := c.has("src/new.ts", line); got != want {
			t.Errorf("src/new.ts line %d (0-based) changed = %v, want %v", line, got, want)
		}
	}
	if !c.has("sp aceé.ts", 0) || !c.has("sp aceé.ts", 1) || c.has("sp aceé.ts", 2) || c.has("gone.ts", 0) || c.has("src/old.ts", 2) {
		t.Errorf("quoted, deleted or renamed-from paths: %+v", c.files)
	}
	if _, err := parseDiff([]byte("--- a/x\n+++ b/x\n@@ -1 +z @@\n")); err == nil {
		t.Error("a malformed hunk header must be an error")
	}
}
