package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// finding is one diagnostic with the paths a report prints.
type finding struct {
	analysis.Diagnostic
	display string // relative to the current directory, for text and JSON

	rel         string // slash path relative to the workspace root (see fingerprint)
	fingerprint string // baseline.Fingerprint of the finding
}

// writeText prints one finding a line, "path:line:col: severity: message [code]"
// (1-based line and byte column), the form vim's quickfix and editors'
// problem matchers read.
func writeText(w io.Writer, findings []finding) error {
	for _, f := range findings {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", f.display, f.Range.Start.Line+1, f.Range.Start.Col+1,
			f.Severity, f.Message, f.Code); err != nil {
			return err
		}
	}
	return nil
}

type jsonReport struct {
	Version     int              `json:"version"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

type jsonDiagnostic struct {
	Path     string    `json:"path"`
	Range    jsonRange `json:"range"`
	Severity string    `json:"severity"`
	Code     string    `json:"code"`
	Message  string    `json:"message"`
	Source   string    `json:"source"`
}

// jsonRange is an LSP range: 0-based lines, UTF-16 columns.
type jsonRange struct {
	Start jsonPosition `json:"start"`
	End   jsonPosition `json:"end"`
}

type jsonPosition struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// writeJSON prints {"version": 1, "diagnostics": [...]} with LSP ranges.
func writeJSON(w io.Writer, findings []finding) error {
	r := jsonReport{Version: 1, Diagnostics: []jsonDiagnostic{}}
	for _, f := range findings {
		r.Diagnostics = append(r.Diagnostics, jsonDiagnostic{
			Path: f.display,
			Range: jsonRange{
				Start: jsonPosition{f.Range.Start.Line, f.Range.Start.Col16},
				End:   jsonPosition{f.Range.End.Line, f.Range.End.Col16},
			},
			Severity: f.Severity.String(),
			Code:     f.Code,
			Message:  f.Message,
			Source:   "expertise-ls",
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// SARIF 2.1.0, the subset code-scanning services read.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds"`
	ColumnKind         string                      `json:"columnKind"`
	Results            []sarifResult               `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	ShortDescription     sarifText      `json:"shortDescription"`
	Help                 sarifText      `json:"help"`
	DefaultConfiguration sarifRuleLevel `json:"defaultConfiguration"`
}

type sarifRuleLevel struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId"`
	RuleIndex        int             `json:"ruleIndex"`
	Level            string          `json:"level"`
	Message          sarifText       `json:"message"`
	Locations        []sarifLocation `json:"locations"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	// PartialFingerprints lets code-scanning services follow a finding
	// across commits: the fingerprint its baseline entry has.
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
}

type sarifLocation struct {
	ID               int                   `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           sarifRegion      `json:"region"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion is 1-based, with columns in UTF-16 code units (the run's columnKind).
type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// sarifLevel maps a severity to SARIF's result levels.
func sarifLevel(s analysis.Severity) string {
	switch s {
	case analysis.SeverityError:
		return "error"
	case analysis.SeverityWarning:
		return "warning"
	}
	return "note"
}

// writeSARIF prints one SARIF 2.1.0 run: a rule per code the analyzers
// know, results with locations relative to SRCROOT (the workspace root).
func writeSARIF(w io.Writer, root string, findings []finding) error {
	rel := func(path string) string {
		r, err := filepath.Rel(root, path)
		if err != nil {
			return filepath.ToSlash(path)
		}
		return filepath.ToSlash(r)
	}
	rules := checks.Rules()
	index := map[string]int{}
	driver := sarifDriver{Name: "expertise-ls", Version: version, Rules: []sarifRule{}}
	for i, r := range rules {
		index[r.Code] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   r.Code,
			ShortDescription:     sarifText{r.Summary},
			Help:                 sarifText{r.Help},
			DefaultConfiguration: sarifRuleLevel{sarifLevel(r.Severity)},
		})
	}
	run := sarifRun{
		Tool:               sarifTool{Driver: driver},
		OriginalURIBaseIDs: map[string]sarifArtifactLoc{"SRCROOT": {URI: dirURI(root)}},
		ColumnKind:         "utf16CodeUnits",
		Results:            []sarifResult{},
	}
	for _, f := range findings {
		res := sarifResult{
			RuleID:    f.Code,
			RuleIndex: index[f.Code],
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{f.Message},
			Locations: []sarifLocation{{PhysicalLocation: physical(rel(f.Path), f.Range)}},
		}
		if f.fingerprint != "" {
			res.PartialFingerprints = map[string]string{sarifFingerprintKey: f.fingerprint}
		}
		for i, r := range f.Related {
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:               i + 1,
				PhysicalLocation: physical(rel(r.Path), r.Range),
				Message:          &sarifText{r.Message},
			})
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}

func physical(rel string, r span.Range) sarifPhysicalLocation {
	return sarifPhysicalLocation{
		ArtifactLocation: sarifArtifactLoc{URI: escapePath(rel), URIBaseID: "SRCROOT"},
		Region: sarifRegion{
			StartLine: r.Start.Line + 1, StartColumn: r.Start.Col16 + 1,
			EndLine: r.End.Line + 1, EndColumn: r.End.Col16 + 1,
		},
	}
}

// escapePath percent-encodes a relative slash path for a URI reference.
func escapePath(rel string) string {
	return (&url.URL{Path: rel}).EscapedPath()
}

// dirURI is the file URI of a directory, with the trailing slash SARIF
// requires of a base.
func dirURI(dir string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
	s := u.String()
	if s[len(s)-1] != '/' {
		s += "/"
	}
	return s
}

// sortFindings orders findings by path, then position, then code.
func sortFindings(fs []finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.display != b.display {
			return a.display < b.display
		}
		if a.Range.Start.Offset != b.Range.Start.Offset {
			return a.Range.Start.Offset < b.Range.Start.Offset
		}
		return a.Code < b.Code
	})
}
