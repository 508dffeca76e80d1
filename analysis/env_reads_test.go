package analysis

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/codelex"
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
			for _, r := range findEnvReads(f) {
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

// benchSource is a TypeScript file of about 1,000 lines in the shape of an
// integration module: imports, env reads, log calls, literals, comments.
func benchSource() []byte {
	const block = `import Stripe from "stripe";
import { logger } from "../logger";
// Client for the payments API; see https://api.stripe.com/docs
const apiKey = process.env.STRIPE_API_KEY;
const { STRIPE_WEBHOOK_SECRET, PORT } = process.env;

/**
 * Creates a charge. The key is read once.
 */
export async function charge%d(amount: number, customer: string): Promise<string> {
  const stripe = new Stripe(apiKey ?? "", { apiVersion: "2024-06-20" });
  logger.info("charging", { amount, customer, keySet: Boolean(apiKey) });
  const url = ` + "`https://api.stripe.com/v1/charges?customer=${customer}`" + `;
  const res = await fetch(url, { headers: { Authorization: "Bearer " + mask(apiKey) } });
  if (!res.ok) {
    console.error("charge failed", res.status, await res.text());
    throw new Error("charge failed: " + res.statusText);
  }
  const body = (await res.json()) as { id: string; amount: number };
  console.log("charged", body.id, body.amount / 100, process.env.NODE_ENV);
  return body.id;
}

`
	var b strings.Builder
	for i := 0; b.Len() == 0 || strings.Count(b.String(), "\n") < 1000; i++ {
		fmt.Fprintf(&b, block, i)
	}
	return []byte(b.String())
}

// BenchmarkLexicalFactsAndAnalyzers measures what a save of a 1,000-line
// TypeScript file costs in this file's work: the index facts (env reads,
// provider uses) and the envvars, secretinlog and catalog analyzers.
func BenchmarkLexicalFactsAndAnalyzers(b *testing.B) {
	src := benchSource()
	ix := NewIndex("testdata/envvars/basic", nil)
	if err := ix.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(ix.Root, "src", "bench.ts")
	analyzers := []*Analyzer{EnvVars, SecretInLog, Catalog}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		f := NewFile(ix.Root, path, syntax.TypeScript, src, nil)
		_ = findEnvReads(f)
		_ = findProviderUses(f)
		if _, err := RunAnalyzers(ix, f, analyzers, AllFixes); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLexicalPathological runs the extractors and the log scan over
// inputs built to make lexical scans quadratic: one long minified line,
// unclosed calls, argument lists that never end. Each must stay linear.
func BenchmarkLexicalPathological(b *testing.B) {
	cases := []struct{ path, unit string }{
		{"min.js", `a={apiKey:"q8Zf3kLm9XwB2vTr"};console.log(process.env.A, `},
		{"calls.go", `os.Getenv("A"`},
		{"env.py", `os.getenv("API_KEY", "x");import a, b;`},
		{"args.rb", "p token,\n"},
		{"regex.js", "(/ x"},
		{"chain.js", "a.log"},
	}
	for _, c := range cases {
		src := []byte(strings.Repeat(c.unit, 100_000/len(c.unit)))
		b.Run(c.path, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				f := NewFile("/w", "/w/"+c.path, syntax.Detect(c.path), src, nil)
				_ = findEnvReads(f)
				_ = findProviderUses(f)
				runSecretInLog(&Pass{Analyzer: SecretInLog, File: f, Config: DefaultConfig(), report: func(Diagnostic) {}})
			}
		})
	}
}

// FuzzLexicalExtractors feeds arbitrary text to the lexer, the extractors and
// the log scan in every language: they must not panic, and spans stay sorted,
// disjoint and inside the text.
func FuzzLexicalExtractors(f *testing.F) {
	for _, seed := range []string{
		"process.env.", "process.env[\"", "const { A, = process.env", "} = process.env", "os.Getenv(\"", "ENV.fetch \"",
		"`${", "f\"{", "\"#{", "<<~EOS\n", "=begin", "/* ", "/[/]/", "console.log(apiKey", "puts token,\n", "import (\n\"",
		"from os import (environ", "import a,", "\"https://api.stripe.com", "print(f\"{token:", "x = r'\\'", "'''",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, path := range []string{"a.ts", "a.go", "a.py", "a.rb"} {
			file := NewFile("/w", "/w/"+path, syntax.Detect(path), []byte(text), nil)
			lx := codelex.Lex(file.Content, file.Lang.Family())
			last := 0
			for _, sp := range lx.Spans {
				if sp.Start < last || sp.End <= sp.Start || sp.End > len(text) {
					t.Fatalf("%s: bad span %+v after %d in %q", path, sp, last, text)
				}
				last = sp.End
			}
			_ = findEnvReads(file)
			_ = findProviderUses(file)
			pass := &Pass{Analyzer: SecretInLog, File: file, Config: DefaultConfig(), report: func(Diagnostic) {}}
			runSecretInLog(pass)
		}
	})
}
