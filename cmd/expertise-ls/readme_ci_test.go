package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADMECISectionShowsEveryCheckFlag keeps the README's "In CI" section
// true to check's flags and formats, and to the pre-commit hook's id.
func TestREADMECISectionShowsEveryCheckFlag(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "## In CI\n")
	end := strings.Index(text[start+1:], "\n## ")
	if start < 0 || end < 0 {
		t.Fatal(`README.md has no "## In CI" section`)
	}
	section := text[start : start+1+end]
	var help bytes.Buffer
	if code := run([]string{"check", "-h"}, strings.NewReader(""), &help, &help); code != exitOK {
		t.Fatalf("check -h: exit %d", code)
	}
	flags := regexp.MustCompile(`(?m)^  -([a-z-]+)`).FindAllStringSubmatch(help.String(), -1)
	if len(flags) < 8 {
		t.Fatalf("check -h lists %d flags:\n%s", len(flags), help.String())
	}
	for _, f := range flags {
		if f[1] == "cpuprofile" {
			continue // a developer's flag (profiling), not a CI one
		}
		if !strings.Contains(section, "--"+f[1]) {
			t.Errorf("README's In CI section does not show --%s", f[1])
		}
	}
	for name := range writers {
		if !strings.Contains(section, "`"+name+"`") {
			t.Errorf("README's In CI section does not describe --format %s", name)
		}
	}
	for _, want := range []string{"--write-baseline", "--since origin/", "upload-sarif", "--format github", "id: expertise-ls", "partialFingerprints"} {
		if !strings.Contains(section, want) {
			t.Errorf("README's In CI section lacks %q", want)
		}
	}
}
