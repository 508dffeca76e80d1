package analysis

import (
	"slices"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

func TestFindEnvReads(t *testing.T) {
	tests := []struct {
		name, path, src string
		want            []string
	}{
		{"js member forms", "a.ts", "const a = process.env.A_KEY;\nb(process.env[\"B\"], process.env['C'], process.env[`D`]);\nprocess.env?.E",
			[]string{"A_KEY", "B", "C", "D", "E"}},
		{"js destructuring", "a.js", "const { F, G: g, H = \"x\", \"I\": i, ...rest } = process.env;", []string{"F", "G", "H", "I"}},
		{"js runtimes", "a.mjs", "import.meta.env.VITE_J; Deno.env.get(\"K\"); Bun.env.L; Bun.env[\"M\"]", []string{"VITE_J", "K", "L", "M"}},
		{"js comments, literals and writes", "a.ts",
			"// process.env.NO1\n/* process.env.NO2 */\nconst s = \"process.env.NO3\";\nprocess.env.NO4 = 'x';\nmyprocess.env.NO5; x.process.env.NO6; process.env[name]",
			nil},
		{"js template interpolation", "a.ts", "const u = `${process.env.BASE}/x`; const c = process.env.X == 'y'", []string{"BASE", "X"}},
		{"go", "a.go", "v := os.Getenv(\"N\")\nw, ok := os.LookupEnv(`O`)\n// os.Getenv(\"NO\")\nx := myos.Getenv(\"NO\")", []string{"N", "O"}},
		{"python", "a.py", "a = os.environ[\"P\"]\nb = os.environ.get('Q', 'd')\nc = os.getenv(\"R\")\n# os.getenv('NO')\nos.environ['NO'] = 'x'\nenviron['NO']",
			[]string{"P", "Q", "R"}},
		{"python from os import environ", "a.py", "from os import path, environ\nx = environ[\"S\"]\ny = environ.get(\"T\")\nz = f\"{environ['U']}\"", []string{"S", "T", "U"}},
		{"python docstring", "a.py", "\"\"\"Reads os.environ['NO'].\"\"\"\n", nil},
		{"ruby", "a.rb", "a = ENV[\"V\"]\nb = ENV.fetch('W')\nc = ENV.fetch \"X\"\nd = ENV.fetch(\"Y\", \"d\")\n# ENV['NO']\nENV['NO'] = '1'\nMYENV['NO']", []string{"V", "W", "X", "Y"}},
		{"ruby interpolation", "a.rb", `puts "#{ENV['Z']}"`, []string{"Z"}},
		{"columns after wide characters", "a.ts", "const s = \"é😀\"; const k = process.env.WIDE", []string{"WIDE"}},
		{"not a source file", "a.yaml", "x: process.env.NO", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFile("/w", "/w/"+tt.path, syntax.Detect(tt.path), []byte(tt.src), nil)
			var got []string
			for _, r := range FindEnvReads(f) {
				got = append(got, r.Name)
				if text := tt.src[r.Range.Start.Offset:r.Range.End.Offset]; text != r.Name {
					t.Errorf("%s ranges %q", r.Name, text)
				}
				if want := f.Range(r.Range.Start.Offset, r.Range.End.Offset); r.Range != want {
					t.Errorf("%s: range %+v, want %+v", r.Name, r.Range, want)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("reads = %q, want %q", got, tt.want)
			}
		})
	}
}
