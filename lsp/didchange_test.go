package lsp

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// changeOf is a content change as the server reads it: the range, when
// there is one, and the text.
func changesOf(p *protocol.DidChangeTextDocumentParams) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s v%d", p.TextDocument.URI, p.TextDocument.Version)
	for _, c := range p.ContentChanges {
		switch c := c.(type) {
		case *protocol.TextDocumentContentChangePartial:
			fmt.Fprintf(&b, " | %v %q", c.Range, c.Text)
		case *protocol.TextDocumentContentChangeWholeDocument:
			fmt.Fprintf(&b, " | whole %q", c.Text)
		}
	}
	return b.String()
}

// TestDecodeDidChangeAgreesWithProtocol: on hand-written messages (escapes,
// surrogate pairs and lone surrogates, invalid UTF-8, members in any order,
// unknown and deprecated members, blanks) and on random texts, the fast
// reader gives what protocol.Unmarshal gives, and refuses what it refuses
// (the handler then leaves the message to protocol.Unmarshal).
func TestDecodeDidChangeAgreesWithProtocol(t *testing.T) {
	msgs := []string{
		`{"textDocument":{"uri":"file:///w/a.ts","version":3},"contentChanges":[{"text":"a\nb \"q\" \\ \/ \t\r\b\f é 😀"}]}`,
		`{"contentChanges":[{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":4}},"rangeLength":2,"text":"xy"},{"text":"whole"}],"textDocument":{"version":7,"uri":"file:///w/b%20c.py"}}`,
		` { "textDocument" : { "uri" : "file:///w/a.ts" , "version" : 1 , "extra" : [1, -2.5e3, true, false, null, {"k": "v"}] } , "contentChanges" : [ ] , "x": "y" } `,
		`{"textDocument":{"uri":"file:///w/a.ts","version":2},"contentChanges":[{"text":"\ud83d\ude00 \ud83d x \ude00 \u00e9\u0041"}]}`,
		"{\"textDocument\":{\"uri\":\"file:///w/a.ts\",\"version\":2},\"contentChanges\":[{\"text\":\"bad \xff\xfe utf8 \xe2\x82\"}]}",
		`{"textDocument":{"uri":"file:///w/a.ts","version":2},"contentChanges":[{"text":"first","text":"second"}]}`,
		`{"textDocument":{"uri":"file:///w/a.ts","version":2},"contentChanges":[{"range":{"end":{"character":0,"line":0},"start":{"line":0,"character":0}},"text":""}]}`,
		// Refused: not JSON, or not a didChange.
		`{"textDocument":{"uri":"file:///w/a.ts","version":2},"contentChanges":[{"text":"raw ` + "\n" + ` newline"}]}`,
		`{"textDocument":{"uri":"file:///w/a.ts","version":2},"contentChanges":[{"text":"x"}]`,
		`{"textDocument":{"uri":"file:///w/a.ts","version":"2"},"contentChanges":[]}`,
		`{"textDocument":{"uri":"file:///w/a.ts","version":2},"contentChanges":[{"text":"\x"}]}`,
		`[]`, ``,
	}
	// Left to protocol.Unmarshal, which reads a null range as 0:0-0:0.
	fallsBack := map[string]bool{`{"textDocument":{"uri":"file:///w/a.ts","version":2},"contentChanges":[{"range":null,"text":"x"}]}`: true}
	for m := range fallsBack {
		msgs = append(msgs, m)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "é", "😀", "\n", "\"", "\\", "\t", "\u2028", "\x00", "\x1f", "</", "\xff", "${x}", " "}
	for range 300 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text, _ := json.Marshal(b.String())
		msgs = append(msgs, fmt.Sprintf(`{"textDocument":{"uri":"file:///w/r.ts","version":%d},"contentChanges":[{"text":%s}]}`, rng.IntN(1000), text))
	}
	for _, m := range msgs {
		var want protocol.DidChangeTextDocumentParams
		wantErr := protocol.Unmarshal([]byte(m), &want)
		got, err := decodeDidChange([]byte(m))
		switch {
		case err != nil && wantErr == nil && !fallsBack[m]:
			t.Errorf("%q: the fast reader refused what protocol.Unmarshal reads (%v): it falls back, but should read it", m, err)
		case err == nil && fallsBack[m]:
			t.Errorf("%q: the fast reader read what it should leave to protocol.Unmarshal", m)
		case err == nil && wantErr != nil:
			t.Errorf("%q: the fast reader read what protocol.Unmarshal refuses (%v)", m, wantErr)
		case err == nil && changesOf(got) != changesOf(&want):
			t.Errorf("%q:\n got %s\nwant %s", m, changesOf(got), changesOf(&want))
		}
	}
}

// BenchmarkDecodeDidChange: a whole-text change of the 1,000-line module
// that BenchmarkSaveToDiagnostics edits.
//
//	go test -run '^$' -bench DecodeDidChange ./lsp/
func BenchmarkDecodeDidChange(b *testing.B) {
	msg, _ := json.Marshal(map[string]any{"textDocument": map[string]any{"uri": "file:///w/a.ts", "version": 3}, "contentChanges": []any{map[string]any{"text": integrationModule(1000)}}})
	b.Run("protocol", func(b *testing.B) {
		b.SetBytes(int64(len(msg)))
		for range b.N {
			var p protocol.DidChangeTextDocumentParams
			if err := protocol.Unmarshal(msg, &p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(int64(len(msg)))
		for range b.N {
			if _, err := decodeDidChange(msg); err != nil {
				b.Fatal(err)
			}
		}
	})
}
