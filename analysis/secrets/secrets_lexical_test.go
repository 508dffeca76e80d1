package secrets

import (
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

func TestAssignmentBefore(t *testing.T) {
	tests := []struct {
		line, lit string // lit: the literal as it appears (first occurrence)
		name      string // "" when the literal is not assigned
		fallback  bool
		cutBefore string // the text from the cut to the literal, for fallbacks that can be cut
	}{
		{`const apiKey = "L";`, `"L"`, "apiKey", false, ""},
		{`apiKey := "L"`, `"L"`, "apiKey", false, ""},
		{`const apiKey: string = "L"`, `"L"`, "apiKey", false, ""},
		{`var authToken string = "L"`, `"L"`, "authToken", false, ""},
		{`API_KEY: str = "L"`, `"L"`, "API_KEY", false, ""},
		{`let api_key: &str = "L";`, `"L"`, "api_key", false, ""},
		{`{ clientSecret: "L" }`, `"L"`, "clientSecret", false, ""},
		{`"client_secret": "L",`, `"L"`, "client_secret", false, ""},
		{`'auth_token' => 'L',`, `'L'`, "auth_token", false, ""},
		{`:signing_key => "L",`, `"L"`, "signing_key", false, ""},
		{`config["api_key"] = "L"`, `"L"`, "api_key", false, ""},
		{`self.client_secret = "L"`, `"L"`, "self.client_secret", false, ""},
		{`@api_key = "L"`, `"L"`, "api_key", false, ""},
		{`Client(api_key="L")`, `"L"`, "api_key", false, ""},
		{`token ||= "L"`, `"L"`, "token", false, ""},
		{`const key = config.apiKey || "L"`, `"L"`, "config.apiKey", false, ""},
		{`const k = process.env.STRIPE_KEY || "L"`, `"L"`, "STRIPE_KEY", true, ` || "L"`},
		{`const k = process.env["STRIPE_KEY"] ?? "L"`, `"L"`, "STRIPE_KEY", true, ` ?? "L"`},
		{`k = os.getenv("API_TOKEN") or "L"`, `"L"`, "API_TOKEN", true, ` or "L"`},
		{`k = os.environ.get("API_TOKEN", "L")`, `"L"`, "API_TOKEN", true, `, "L"`},
		{`k = ENV.fetch("API_TOKEN", "L")`, `"L"`, "API_TOKEN", true, `, "L"`},
		{`k = ENV["API_TOKEN"] || "L"`, `"L"`, "API_TOKEN", true, ` || "L"`},
		{`k = ENV.fetch("API_TOKEN") { "L" }`, `"L"`, "API_TOKEN", true, ""},
		{`if (token === "L") {`, `"L"`, "", false, ""},
		{`if token == "L":`, `"L"`, "", false, ""},
		{`if (token !== "L")`, `"L"`, "", false, ""},
		{`x >= "L"`, `"L"`, "", false, ""},
		{`setApiKey("L")`, `"L"`, "", false, ""},
		{`jwt.sign(payload, "L")`, `"L"`, "", false, ""},
		{`const f = () => "L"`, `"L"`, "", false, ""},
		{`Foo::Bar "L"`, `"L"`, "", false, ""},
		{`"L"`, `"L"`, "", false, ""},
	}
	for _, tt := range tests {
		line := []byte(tt.line)
		at := indexOf(t, tt.line, tt.lit)
		asg, ok := assignmentBefore(line, at)
		if ok != (tt.name != "") || asg.name != tt.name || asg.envFallback != tt.fallback {
			t.Errorf("%s: got %+v ok=%v, want name %q fallback %v", tt.line, asg, ok, tt.name, tt.fallback)
			continue
		}
		cut := ""
		if asg.cut >= 0 && ok && asg.envFallback {
			cut = tt.line[asg.cut : at+len(tt.lit)]
		}
		if cut != tt.cutBefore {
			t.Errorf("%s: cut %q, want %q", tt.line, cut, tt.cutBefore)
		}
	}
}

func indexOf(t *testing.T, s, sub string) int {
	t.Helper()
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	t.Fatalf("%q not in %q", sub, s)
	return -1
}

func TestLiteralAfterName(t *testing.T) {
	js := lexSyntaxFor(&analysis.File{Path: "a.ts", Lang: syntax.TypeScript})
	py := lexSyntaxFor(&analysis.File{Path: "a.py", Lang: syntax.Python})
	tests := []struct {
		syn        lexSyntax
		src, word  string
		wantBefore string // the text the literal starts after; "" for none
	}{
		{js, `const apiKey = "L";`, "key", `const apiKey = `},
		{js, `const apiKey: string = "L";`, "key", `const apiKey: string = `},
		{js, `const x = { "api-key": 'L' }`, "key", `const x = { "api-key": `},
		{js, `headers["x-api-key"] = "L"`, "key", `headers["x-api-key"] = `},
		{js, "const t = process.env.API_TOKEN ?? `L`", "token", "const t = process.env.API_TOKEN ?? "},
		{js, `const apiKey = getKey("L")`, "key", ""},
		{js, `apiKey("L")`, "key", ""},
		{js, `const apiKey = 42`, "key", ""},
		{py, `API_KEY = r"L"`, "key", `API_KEY = r`},
		{py, `os.getenv("DB_PASSWORD", "L")`, "password", `os.getenv("DB_PASSWORD", `},
		{py, `x = os.environ.get("API_TOKEN") or "L"`, "token", `x = os.environ.get("API_TOKEN") or `},
		{py, `token`, "token", ""},
	}
	for _, tt := range tests {
		got := literalAfterName([]byte(tt.src), indexOf(t, strings.ToLower(tt.src), tt.word), tt.syn)
		want := -1
		if tt.wantBefore != "" {
			want = len(tt.wantBefore)
		}
		if got != want {
			t.Errorf("%s: literal at %d, want %d", tt.src, got, want)
		}
	}
}

func TestScanLiterals(t *testing.T) {
	tests := []struct {
		lang   syntax.Lang
		path   string
		line   string
		values []string
		interp []bool
	}{
		{syntax.TypeScript, "a.ts", `a("x", 'y\'z', ` + "`t${v}`" + `) // "c"`, []string{"x", `y\'z`, "t${v}"}, []bool{false, false, true}},
		{syntax.Go, "a.go", "a := `raw\\` + \"b\"", []string{`raw\`, "b"}, []bool{false, false}},
		{syntax.Python, "a.py", `x = f"{a}b" + rb'c' + """d""" # "e"`, []string{"{a}b", "c", "d"}, []bool{true, false, false}},
		{syntax.Ruby, "a.rb", `x = "#{a}" + 'b' # 'c'`, []string{"#{a}", "b"}, []bool{true, false}},
		{syntax.YAML, "a.yaml", `a: "it's" #'x'`, []string{"it's"}, []bool{false}},
		{syntax.TypeScript, "a.ts", `a = "unclosed`, nil, nil},
	}
	for _, tt := range tests {
		syn := lexSyntaxFor(&analysis.File{Path: tt.path, Lang: tt.lang})
		lits := scanLiterals([]byte(tt.line), syn)
		if len(lits) != len(tt.values) {
			t.Errorf("%s: %d literals, want %d", tt.line, len(lits), len(tt.values))
			continue
		}
		for i, l := range lits {
			if v := tt.line[l.valueStart:l.valueEnd]; v != tt.values[i] || l.interpolated != tt.interp[i] {
				t.Errorf("%s: literal %d = %q interpolated %v, want %q %v", tt.line, i, v, l.interpolated, tt.values[i], tt.interp[i])
			}
		}
	}
}

func TestParseConfigLine(t *testing.T) {
	env := lexSyntaxFor(&analysis.File{Path: ".env", Lang: syntax.EnvFile})
	tests := []struct {
		line, key, value string
		ok               bool
	}{
		{`API_KEY=abc123 # note`, "API_KEY", "abc123", true},
		{`export API_KEY="abc#123" # note`, "API_KEY", "abc#123", true},
		{`  - api_key: abc`, "api_key", "abc", true},
		{`"api-key": 'abc'`, "api-key", "abc", true},
		{`api_key: |`, "", "", false},
		{`api_key: {a: b}`, "", "", false},
		{`api_key:`, "", "", false},
		{`url: http://x`, "url", "http://x", true},
		{`a:b`, "", "", false},
		{`# API_KEY=abc`, "", "", false},
	}
	for _, tt := range tests {
		kv, ok := parseConfigLine([]byte(tt.line), env)
		if ok != tt.ok || ok && (kv.key != tt.key || tt.line[kv.valueStart:kv.valueEnd] != tt.value) {
			t.Errorf("%s: got %+v ok=%v, want %q=%q ok=%v", tt.line, kv, ok, tt.key, tt.value, tt.ok)
		}
	}
}
