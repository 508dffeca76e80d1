package lsp

import (
	"errors"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

type testArgs struct {
	Name  string   `json:"name"`
	Files []string `json:"files"`
	Count int      `json:"count"`
}

func TestDecodeArgs(t *testing.T) {
	raw := func(ss ...string) []protocol.LSPAny {
		out := make([]protocol.LSPAny, len(ss))
		for i, s := range ss {
			out[i] = protocol.LSPAny(s)
		}
		return out
	}
	tests := []struct {
		name string
		args []protocol.LSPAny
		want testArgs
		err  string // part of the error message; "" : success
	}{
		{"object", raw(`{"name":"a","files":["x"],"count":2}`), testArgs{Name: "a", Files: []string{"x"}, Count: 2}, ""},
		{"no argument", nil, testArgs{}, ""},
		{"null", raw(`null`), testArgs{}, ""},
		{"two arguments", raw(`{}`, `{}`), testArgs{}, "takes one argument, an object; got 2"},
		{"not an object", raw(`"a"`), testArgs{}, "the argument must be an object, not string"},
		{"wrong type", raw(`{"name":1}`), testArgs{}, "name must be a string, not number"},
		{"wrong list", raw(`{"files":"x"}`), testArgs{}, "files must be a list of strings, not string"},
		{"wrong number", raw(`{"count":"2"}`), testArgs{}, "count must be a number, not string"},
		{"unknown field", raw(`{"nmae":"a"}`), testArgs{}, `unknown field "nmae"`},
		{"not JSON", raw(`{`), testArgs{}, "cmd: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got testArgs
			err := decodeArgs("cmd", tt.args, &got)
			if tt.err == "" {
				if err != nil || got.Name != tt.want.Name || strings.Join(got.Files, ",") != strings.Join(tt.want.Files, ",") || got.Count != tt.want.Count {
					t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
				}
				return
			}
			var rpc *jsonrpc2.Error
			if !errors.As(err, &rpc) || rpc.Code != jsonrpc2.InvalidParams || !strings.Contains(rpc.Message, tt.err) {
				t.Errorf("error %v, want invalid params saying %q", err, tt.err)
			}
		})
	}
}

func TestArgCheck(t *testing.T) {
	tests := []struct {
		name  string
		check func(c *argCheck)
		want  string // "" : no problem
	}{
		{"env var", func(c *argCheck) { c.envVar("name", "STRIPE_API_KEY2") }, ""},
		{"lower-case env var", func(c *argCheck) { c.envVar("name", "stripe_key") }, `name "stri…" is not an environment variable name in UPPER_SNAKE_CASE`},
		{"env var with a digit first", func(c *argCheck) { c.envVar("name", "1KEY") }, `name "1KEY" is not`},
		{"empty env var", func(c *argCheck) { c.envVar("name", "") }, "name is required"},
		{"a secret in a name field is not repeated", func(c *argCheck) { c.envVar("name", "sk_live_abcdefgh") }, `name "sk_l…"`},
		{"required name", func(c *argCheck) { c.name("category", "  ", true) }, "category is required"},
		{"optional name", func(c *argCheck) { c.name("expert", "", false) }, ""},
		{"two-line name", func(c *argCheck) { c.name("name", "a\nb", true) }, `name "a\nb" must be one line of text`},
		{"insight", func(c *argCheck) { c.text("insight", "line one\nline two", true) }, ""},
		{"missing insight", func(c *argCheck) { c.text("insight", "", true) }, "insight is required"},
		{"relative path", func(c *argCheck) { c.relPath("files[0]", "src/a.ts") }, ""},
		{"absolute path", func(c *argCheck) { c.relPath("files[0]", "/etc/passwd") }, "must be relative to the workspace root"},
		{"windows path", func(c *argCheck) { c.relPath("files[0]", `C:\x`) }, "must be relative to the workspace root"},
		{"parent path", func(c *argCheck) { c.relPath("files[0]", "src/../../x") }, "leaves the workspace"},
		{"several problems", func(c *argCheck) { c.text("insight", "", true); c.envVar("name", "x") }, `insight is required; name "x" is not`},
	}
	for _, tt := range tests {
		c := &argCheck{command: "cmd"}
		tt.check(c)
		err := c.err()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v, want no problem", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), "cmd: ") || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}
