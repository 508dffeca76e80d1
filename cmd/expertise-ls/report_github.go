package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
)

// sarifFingerprintKey names the partial fingerprint SARIF results carry.
const sarifFingerprintKey = "expertiseFingerprint/v1"

// writeGitHub prints one GitHub Actions workflow command a finding,
// "::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::MESSAGE",
// which the runner shows as an annotation on the pull request's diff.
// Lines and columns are 1-based, columns in bytes as in the text format;
// paths are relative to the current directory (the job's checkout).
func writeGitHub(w io.Writer, findings []finding) error {
	for _, f := range findings {
		props := []string{
			"file=" + escapeProperty(f.display),
			fmt.Sprintf("line=%d", f.Range.Start.Line+1),
			fmt.Sprintf("col=%d", f.Range.Start.Col+1),
			fmt.Sprintf("endLine=%d", f.Range.End.Line+1),
			fmt.Sprintf("endColumn=%d", f.Range.End.Col+1),
			"title=" + escapeProperty(f.Code),
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", githubLevel(f.Severity), strings.Join(props, ","), escapeData(f.Message)); err != nil {
			return err
		}
	}
	return nil
}

// githubLevel maps a severity to a workflow command: SARIF's levels, but
// for "note", which GitHub calls "notice".
func githubLevel(s analysis.Severity) string {
	if level := sarifLevel(s); level != "note" {
		return level
	}
	return "notice"
}

// escapeData escapes a workflow command's message as the runner unescapes it.
var dataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")

// propertyEscaper escapes a property value, which also ends at ':' and ','.
var propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
