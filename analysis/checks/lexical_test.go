package checks_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/catalog"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/analysis/codelex"
	"github.com/expertise-ls/expertise-ls/analysis/envvars"
	"github.com/expertise-ls/expertise-ls/analysis/lexfacts"
	"github.com/expertise-ls/expertise-ls/analysis/secretlog"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

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
	ix := checks.NewIndex("../envvars/testdata/envvars/basic", nil)
	if err := ix.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(ix.Root, "src", "bench.ts")
	analyzers := []*analysis.Analyzer{envvars.EnvVars, secretlog.SecretInLog, catalog.Catalog}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		f := analysis.NewFile(ix.Root, path, syntax.TypeScript, src, nil)
		if _, err := analysis.RunAnalyzers(ix, f, analyzers, analysis.AllFixes); err != nil {
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
	ix := checks.NewIndex("/w", nil)
	for _, c := range cases {
		src := []byte(strings.Repeat(c.unit, 100_000/len(c.unit)))
		b.Run(c.path, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				f := analysis.NewFile("/w", "/w/"+c.path, syntax.Detect(c.path), src, nil)
				lexicalExtractors(ix, f)
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
	ix := checks.NewIndex("/w", nil)
	f.Fuzz(func(t *testing.T, text string) {
		for _, path := range []string{"a.ts", "a.go", "a.py", "a.rb"} {
			file := analysis.NewFile("/w", "/w/"+path, syntax.Detect(path), []byte(text), nil)
			lx := codelex.Lex(file.Content, file.Lang.Family())
			last := 0
			for _, sp := range lx.Spans {
				if sp.Start < last || sp.End <= sp.Start || sp.End > len(text) {
					t.Fatalf("%s: bad span %+v after %d in %q", path, sp, last, text)
				}
				last = sp.End
			}
			lexicalExtractors(ix, file)
		}
	})
}

// lexicalExtractors runs what reads every file lexically: the env read and
// provider use extractors (the index's, without its caches) and the log scan.
func lexicalExtractors(ix *analysis.Index, f *analysis.File) {
	lx := codelex.Lex(f.Content, f.Lang.Family())
	_ = lexfacts.EnvSites(lx, f.Lang.Family())
	_ = lexfacts.ProviderUses(lx, f.Lang.Family())
	secretlog.SecretInLog.Run(analysis.NewPass(secretlog.SecretInLog, f, ix, ix.Config(), analysis.NoFixes, func(analysis.Diagnostic) {}))
}
