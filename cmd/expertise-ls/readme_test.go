package main

import (
	"os"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/checks"
)

// TestREADMEListsEveryCode keeps the README's codes table true to the analyzers.
func TestREADMEListsEveryCode(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range checks.Rules() {
		row := "| `" + r.Code + "` | " + r.Severity.String()
		if !strings.Contains(string(readme), row) {
			t.Errorf("README.md's codes table lacks a row starting %q", row)
		}
	}
}
