package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis"
)

// TestMain keeps the tests' check cache out of the user's cache dir.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "expertise-ls-cache-test")
	if err != nil {
		panic(err)
	}
	os.Setenv("EXPERTISE_LS_CACHE_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// useCacheDir gives the test a cache dir of its own and returns it.
func useCacheDir(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv("EXPERTISE_LS_CACHE_DIR", dir)
	return dir
}

// packs returns the pack files in dir.
func packs(t *testing.T, dir string) []string {
	t.Helper()
	found, err := filepath.Glob(filepath.Join(dir, "*.pack"))
	if err != nil {
		t.Fatal(err)
	}
	return found
}

const cacheSecret = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"

func cacheWorkspace(t *testing.T) string {
	return writeWorkspace(t, map[string]string{
		expertPath:       "domain: integrations\nversion: 1.0\nlast_updated: 2999-01-01\nfiles:\n  webhooks: src/hooks/\nlearnings: []\n",
		"src/hooks/a.ts": "app.post('/webhooks/stripe', (req, res) => {\n  const event = JSON.parse(req.body);\n  res.sendStatus(200);\n});\n",
		"src/pay.ts":     "import Stripe from 'stripe';\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);\n",
		"src/keep.bin":   "\x00binary, not indexed",
	})
}

// TestCheckCacheWarmRunsAgree checks that a second run (facts and findings
// from the cache) reports exactly what the first did and what --no-cache
// does, that the cache holds no secret's value, and that --no-cache neither
// reads nor writes it.
func TestCheckCacheWarmRunsAgree(t *testing.T) {
	dir := useCacheDir(t)
	root := cacheWorkspace(t)
	os.WriteFile(filepath.Join(root, "src/config.ts"), []byte("export const key = \""+cacheSecret+"\";\n"), 0o644)
	_, cold, _ := runCheck(t, root, "--format", "json")
	if len(packs(t, dir)) != 1 {
		t.Fatalf("packs after a run: %v, want one", packs(t, dir))
	}
	_, warm, _ := runCheck(t, root, "--format", "json")
	if warm != cold {
		t.Errorf("warm run differs from the cold one:\n%s\n---\n%s", warm, cold)
	}
	if !strings.Contains(cold, "hardcoded-secret") || !strings.Contains(cold, "unverified-webhook") {
		t.Fatalf("the fixture should have a secret and an unverified webhook:\n%s", cold)
	}
	for _, p := range packs(t, dir) {
		raw, _ := os.ReadFile(p)
		if strings.Contains(string(raw), cacheSecret) || strings.Contains(string(raw), cacheSecret[:12]) {
			t.Errorf("%s holds the secret's value", p)
		}
	}
	noCacheDir := useCacheDir(t)
	_, none, _ := runCheck(t, root, "--format", "json", "--no-cache")
	if none != cold {
		t.Errorf("--no-cache differs from the cached run:\n%s\n---\n%s", none, cold)
	}
	if got := packs(t, noCacheDir); len(got) != 0 {
		t.Errorf("--no-cache wrote %v", got)
	}
}

// TestCheckCacheFollowsChanges: a changed file, a file whose facts other
// files depend on, and a path that expertise names going away are all seen
// by the next cached run.
func TestCheckCacheFollowsChanges(t *testing.T) {
	useCacheDir(t)
	root := cacheWorkspace(t)
	_, before, _ := runCheck(t, root)
	if !strings.Contains(before, "unverified-webhook") {
		t.Fatalf("fixture: %s", before)
	}
	// Documenting the env var in a new .env.example silences missing-env-var in pay.ts.
	if !strings.Contains(before, "STRIPE_SECRET_KEY") {
		t.Fatalf("no missing-env-var for STRIPE_SECRET_KEY before:\n%s", before)
	}
	os.WriteFile(filepath.Join(root, ".env.example"), []byte("STRIPE_SECRET_KEY=\n"), 0o644)
	if _, after, _ := runCheck(t, root); strings.Contains(after, "STRIPE_SECRET_KEY is read") {
		t.Errorf("documented in .env.example, still reported from the cache:\n%s", after)
	}
	// Verifying the webhook silences unverified-webhook.
	os.WriteFile(filepath.Join(root, "src/hooks/a.ts"), []byte("app.post('/webhooks/stripe', express.raw({type: 'application/json'}), (req, res) => {\n  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);\n  res.sendStatus(200);\n});\n"), 0o644)
	if _, after, _ := runCheck(t, root); strings.Contains(after, "unverified-webhook") {
		t.Errorf("verified handler still reported from the cache:\n%s", after)
	}
	// The folder the expertise names goes away: the path is reported although
	// nothing indexed changed in a way the digest of indexed files shows.
	os.RemoveAll(filepath.Join(root, "src/hooks"))
	os.MkdirAll(filepath.Join(root, "src/other"), 0o755)
	os.WriteFile(filepath.Join(root, "src/other/keep.bin"), []byte("\x00"), 0o644)
	if _, after, _ := runCheck(t, root); !strings.Contains(after, "src/hooks") {
		t.Errorf("a removed folder named in the expertise is not reported:\n%s", after)
	}
}

// TestCheckCacheCorruptAndConcurrent: a corrupt pack is ignored (the run is
// cold and rewrites it), and parallel runs on one cache all report the same
// and leave a pack the next run can use.
func TestCheckCacheCorruptAndConcurrent(t *testing.T) {
	dir := useCacheDir(t)
	root := cacheWorkspace(t)
	_, want, _ := runCheck(t, root, "--format", "json")
	for _, p := range packs(t, dir) {
		raw, _ := os.ReadFile(p)
		raw[len(raw)/2] ^= 0xff
		os.WriteFile(p, raw, 0o600)
	}
	code, got, errs := runCheck(t, root, "--format", "json")
	if got != want || code != exitFindings {
		t.Errorf("with a corrupt pack: exit %d, stderr %q, output differs:\n%s", code, errs, got)
	}
	t.Chdir(root)
	var wg sync.WaitGroup
	outs := make([]string, 6)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var out, errb strings.Builder
			run([]string{"check", "--format", "json", root}, strings.NewReader(""), &out, &errb)
			outs[i] = out.String()
		}()
	}
	wg.Wait()
	for i, o := range outs {
		if o != want {
			t.Errorf("parallel run %d differs:\n%s", i, o)
		}
	}
	if p := packs(t, dir); len(p) != 1 {
		t.Fatalf("packs after parallel runs: %v", p)
	} else if _, err := readPack(p[0]); err != nil {
		t.Errorf("pack after parallel runs: %v", err)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// TestCheckCacheServesFindings checks that a warm run takes its findings
// from the pack: a finding forged into it is what the run reports.
func TestCheckCacheServesFindings(t *testing.T) {
	useCacheDir(t)
	root := cacheWorkspace(t)
	runCheck(t, root)
	c, err := openCheckCache(root, nil)
	if err != nil || c.old == nil {
		t.Fatalf("no usable pack after a run: %v", err)
	}
	if len(c.old.Facts) < 3 {
		t.Errorf("the pack holds the facts of %d files, want every indexed file", len(c.old.Facts))
	}
	forged := c.old.Findings[0]
	forged.Message = "forged into the cache"
	c.used, c.dirty = c.old.Facts, true
	if err := c.save(c.old.Judged, []analysis.Diagnostic{forged}); err != nil {
		t.Fatal(err)
	}
	if _, out, _ := runCheck(t, root); !strings.Contains(out, "forged into the cache") {
		t.Errorf("the warm run did not report the cached findings:\n%s", out)
	}
	if _, out, _ := runCheck(t, root, "--no-cache"); strings.Contains(out, "forged") {
		t.Errorf("--no-cache reported a cached finding:\n%s", out)
	}
}

// TestCheckCacheByMetadata: with files old enough to be known by their
// metadata, the pack records them, an unchanged tree gives the same
// report, and an edit (new times) is read and seen.
func TestCheckCacheByMetadata(t *testing.T) {
	window := racyWindow
	racyWindow = 0
	t.Cleanup(func() { racyWindow = window })
	useCacheDir(t)
	root := cacheWorkspace(t)
	_, first, _ := runCheck(t, root, "--format", "json")
	c, err := openCheckCache(root, nil)
	if err != nil || c.old == nil || len(c.old.Stats) < 2 {
		t.Fatalf("pack: %v, err %v; want the code files known by metadata", c.old, err)
	}
	if _, ok := c.old.Stats[expertPath]; ok {
		t.Error("the expertise file is known by metadata; it must be read every run")
	}
	if _, again, _ := runCheck(t, root, "--format", "json"); again != first {
		t.Errorf("second run differs:\n%s\n---\n%s", again, first)
	}
	os.WriteFile(filepath.Join(root, "src/pay.ts"), []byte("import Stripe from 'stripe';\nexport const stripe = new Stripe(process.env.STRIPE_OTHER_KEY);\n"), 0o644)
	if _, after, _ := runCheck(t, root); !strings.Contains(after, "STRIPE_OTHER_KEY") {
		t.Errorf("an edited file was not read again:\n%s", after)
	}
}
