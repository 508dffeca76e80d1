package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

func TestGitHubAnnotations(t *testing.T) {
	at := func(line, col, endLine, endCol int) span.Range {
		return span.Range{Start: span.Position{Line: line, Col: col}, End: span.Position{Line: endLine, Col: endCol}}
	}
	fs := []finding{
		{Diagnostic: analysis.Diagnostic{Range: at(3, 19, 3, 76), Severity: analysis.SeverityError, Code: "hardcoded-secret", Message: "100% bad\r\nreally"}, display: "src/a,b:c.ts"},
		{Diagnostic: analysis.Diagnostic{Range: at(0, 0, 0, 6), Severity: analysis.SeverityWarning, Code: "expertise-stale", Message: "old: bump it, please"}, display: "x.yaml"},
		{Diagnostic: analysis.Diagnostic{Severity: analysis.SeverityInfo, Code: "catalog-unused", Message: "m"}, display: "i"},
		{Diagnostic: analysis.Diagnostic{Severity: analysis.SeverityHint, Code: "expertise-no-learnings", Message: "m"}, display: "h"},
	}
	var out bytes.Buffer
	if err := writeGitHub(&out, fs); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"::error file=src/a%2Cb%3Ac.ts,line=4,col=20,endLine=4,endColumn=77,title=hardcoded-secret::100%25 bad%0D%0Areally",
		"::warning file=x.yaml,line=1,col=1,endLine=1,endColumn=7,title=expertise-stale::old: bump it, please",
		"::notice file=i,line=1,col=1,endLine=1,endColumn=1,title=catalog-unused::m",
		"::notice file=h,line=1,col=1,endLine=1,endColumn=1,title=expertise-no-learnings::m",
	}, "\n") + "\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestCheckFormatGitHub(t *testing.T) {
	root := writeWorkspace(t, map[string]string{"src/server.ts": oldServer()})
	code, out, errs := runCheck(t, root, "--format", "github")
	if code != exitFindings || !strings.HasPrefix(out, "::error file=src/server.ts,line=4,col=20,") || strings.Count(out, "\n") != 2 || strings.Contains(out, oldKey) {
		t.Errorf("exit %d, stderr %q, output:\n%s", code, errs, out)
	}
}
