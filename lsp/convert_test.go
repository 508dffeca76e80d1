package lsp

import (
	"reflect"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

func TestNegotiateEncoding(t *testing.T) {
	tests := []struct {
		offered []protocol.PositionEncodingKind
		want    positionEncoding
	}{
		{nil, encUTF16},
		{[]protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF16}, encUTF16},
		{[]protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF32, protocol.PositionEncodingKindUTF16}, encUTF16},
		{[]protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF16, protocol.PositionEncodingKindUTF8}, encUTF8},
		{[]protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF8}, encUTF8},
	}
	for _, tt := range tests {
		if got := negotiateEncoding(tt.offered); got != tt.want {
			t.Errorf("negotiateEncoding(%v) = %v, want %v", tt.offered, got, tt.want)
		}
	}
}

// text has, on line 0: a (1 byte, 1 unit), é (2 bytes, 1 unit), 😀 (4 bytes,
// 2 units), b; then a CRLF line and a last line.
const text = "aé😀b\r\nx\ny"

func TestOffset(t *testing.T) {
	lines := span.NewLines([]byte(text))
	tests := []struct {
		enc       positionEncoding
		line, col uint32
		want      int
	}{
		{encUTF16, 0, 0, 0},
		{encUTF16, 0, 1, 1},  // é
		{encUTF16, 0, 2, 3},  // 😀
		{encUTF16, 0, 3, 3},  // inside the surrogate pair: the character
		{encUTF16, 0, 4, 7},  // b
		{encUTF16, 0, 5, 8},  // end of line, before \r\n
		{encUTF16, 0, 99, 8}, // past the end of the line
		{encUTF16, 1, 0, 10},
		{encUTF16, 2, 1, 13},
		{encUTF16, 9, 0, 13}, // past the last line
		{encUTF8, 0, 1, 1},
		{encUTF8, 0, 3, 3},
		{encUTF8, 0, 5, 3}, // inside 😀's bytes: the character
		{encUTF8, 0, 7, 7},
		{encUTF8, 0, 99, 8},
		{encUTF8, 1, 1, 11},
	}
	for _, tt := range tests {
		got := tt.enc.offset(lines, protocol.Position{Line: tt.line, Character: tt.col})
		if got != tt.want {
			t.Errorf("%v offset(%d:%d) = %d, want %d", tt.enc.kind(), tt.line, tt.col, got, tt.want)
		}
	}
}

func TestPositionRoundTrip(t *testing.T) {
	lines := span.NewLines([]byte(text))
	for _, enc := range []positionEncoding{encUTF16, encUTF8} {
		for _, off := range []int{0, 1, 3, 7, 8, 10, 11, 12, 13} {
			p := enc.position(lines.Position(off))
			if got := enc.offset(lines, p); got != off {
				t.Errorf("%v: offset %d -> %d:%d -> %d", enc.kind(), off, p.Line, p.Character, got)
			}
		}
	}
	// The columns of 'b' on line 0.
	b := lines.Position(7)
	if got := encUTF16.position(b); got != (protocol.Position{Line: 0, Character: 4}) {
		t.Errorf("utf-16 position of b = %v, want 0:4", got)
	}
	if got := encUTF8.position(b); got != (protocol.Position{Line: 0, Character: 7}) {
		t.Errorf("utf-8 position of b = %v, want 0:7", got)
	}
}

func TestDiagnosticConversion(t *testing.T) {
	lines := span.NewLines([]byte(text))
	rel := span.NewLines([]byte("conventions:\n  - NEVER hardcode API keys\n"))
	d := analysis.Diagnostic{
		Path:     "/w/a.ts",
		Range:    lines.Range(3, 8), // 😀b
		Severity: analysis.SeverityWarning,
		Code:     "hardcoded-secret",
		Message:  "a secret",
		Related:  []analysis.Related{{Path: "/w/expertise.yaml", Range: rel.Range(17, 40), Message: "expertise convention"}},
	}
	want := protocol.Diagnostic{
		Range:    protocol.Range{Start: protocol.Position{Line: 0, Character: 2}, End: protocol.Position{Line: 0, Character: 5}},
		Severity: protocol.DiagnosticSeverityWarning,
		Code:     protocol.String("hardcoded-secret"),
		Source:   protocol.NewOptional("expertise-ls"),
		Message:  protocol.String("a secret"),
		RelatedInformation: []protocol.DiagnosticRelatedInformation{{
			Location: protocol.Location{
				URI:   uri.File("/w/expertise.yaml"),
				Range: protocol.Range{Start: protocol.Position{Line: 1, Character: 4}, End: protocol.Position{Line: 1, Character: 27}},
			},
			Message: "expertise convention",
		}},
	}
	if got := encUTF16.diagnostic(d); !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostic:\n got %+v\nwant %+v", got, want)
	}
	got := encUTF16.diagnostics("/w/a.ts", []analysis.Diagnostic{d, {Path: "/w/other.ts", Code: "x"}})
	if len(got) != 1 {
		t.Errorf("diagnostics of /w/a.ts kept %d findings, want 1 (not the other file's)", len(got))
	}
	if got := encUTF16.diagnostics("/w/a.ts", nil); got == nil {
		t.Error("no findings must convert to an empty list, not null")
	}
}

func TestDocumentPath(t *testing.T) {
	tests := []struct {
		uri  uri.URI
		want string
		ok   bool
	}{
		{uri.File("/work/a b/x.ts"), "/work/a b/x.ts", true},
		{uri.MustParse("file:///work/./sub/../x.ts"), "/work/x.ts", true},
		{uri.MustParse("untitled:Untitled-1"), "", false},
		{uri.MustParse("git:/work/x.ts?%7B%7D"), "", false},
		{uri.MustParse("https://example.com/x.ts"), "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := documentPath(tt.uri)
		if got != tt.want || ok != tt.ok {
			t.Errorf("documentPath(%q) = %q, %v; want %q, %v", tt.uri, got, ok, tt.want, tt.ok)
		}
	}
}
