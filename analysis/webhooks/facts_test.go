package webhooks

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// TestVerifierFactsCarryCompares is why facts extraction looks for
// signatures compared with ==: a helper in one file computes an HMAC and
// compares it (in variable time, reported there), and a handler in another
// file calls it. The handler verifies; without the comparison in the
// helper's facts it would look like one that computes an HMAC and never
// compares it.
func TestVerifierFactsCarryCompares(t *testing.T) {
	root := t.TempDir()
	helper, routes := filepath.Join(root, "lib", "sig.ts"), filepath.Join(root, "routes.ts")
	files := map[string]string{
		helper: `import crypto from 'crypto';
export function checkSig(body: Buffer, signature: string) {
  const digest = crypto.createHmac('sha256', process.env.ACME_SECRET!).update(body).digest('hex');
  return digest === signature;
}
`,
		routes: `import { checkSig } from './lib/sig';
app.post('/webhooks/acme', express.raw({ type: 'application/json' }), (req, res) => {
  if (!checkSig(req.body, req.get('x-acme-signature'))) {
    return res.sendStatus(401);
  }
  res.sendStatus(200);
});
`,
	}
	ix := analysis.NewIndex(root, nil, webhookAnalyzers...)
	for path, src := range files {
		ix.Update(path, []byte(src))
	}
	want := []HookFunc{{Name: "checkSig", Checks: checkHMAC | checkEqCompare}}
	if got := HooksOf(ix.Facts(helper)).Verifiers; len(got) != 1 || got[0] != want[0] {
		t.Errorf("verifiers of %s = %+v, want %+v", helper, got, want)
	}
	codes := map[string][]string{}
	for path, src := range files {
		f := analysis.NewFile(root, path, syntax.TypeScript, []byte(src), nil)
		diags, err := analysis.RunAnalyzers(ix, f, webhookAnalyzers, analysis.NoFixes)
		f.Release()
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diags {
			codes[filepath.Base(path)] = append(codes[filepath.Base(path)], d.Code)
		}
	}
	if len(codes["routes.ts"]) != 0 || len(codes["sig.ts"]) != 1 || codes["sig.ts"][0] != "insecure-signature-compare" {
		t.Errorf("findings by file: %v; want only insecure-signature-compare in sig.ts", codes)
	}
}

// memCache is an analysis.FactCache in memory.
type memCache struct {
	mu   sync.Mutex
	m    map[analysis.FileKey][]byte
	hits int
}

func (c *memCache) Get(k analysis.FileKey) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	if ok {
		c.hits++
	}
	return v, ok
}

func (c *memCache) Put(k analysis.FileKey, v []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
}

// TestHookFactsCodec checks that HookFacts come back from a FactCache as
// they were computed, for every file of the fixtures.
func TestHookFactsCodec(t *testing.T) {
	cache := &memCache{m: map[analysis.FileKey][]byte{}}
	build := func() *analysis.Index {
		ix := analysis.NewIndex("testdata/webhooks", nil, webhookAnalyzers...)
		ix.SetFactCache(cache)
		if err := ix.Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		return ix
	}
	cold := build()
	puts := len(cache.m)
	warm := build()
	if cache.hits != puts || puts == 0 {
		t.Errorf("the second build took %d of %d entries from the cache", cache.hits, puts)
	}
	n := 0
	for _, p := range cold.Paths() {
		want, got := HooksOf(cold.Facts(p)), HooksOf(warm.Facts(p))
		if !want.Same(got) {
			t.Errorf("%s: %+v from the cache, want %+v", p, got, want)
		}
		if len(want.Verifiers)+len(want.Routes)+len(want.JSONParsed) > 0 {
			n++
		}
	}
	if n < 5 {
		t.Errorf("only %d fixture files have hook facts", n)
	}
}
