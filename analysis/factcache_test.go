package analysis

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// mapCache is a FactCache in memory that counts hits.
type mapCache struct {
	mu   sync.Mutex
	m    map[FileKey][]byte
	hits int
}

func (c *mapCache) Get(k FileKey) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	if ok {
		c.hits++
	}
	return v, ok
}

func (c *mapCache) Put(k FileKey, v []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
}

// codecType is countType with a codec.
var codecType = &FactType{Name: "hook count", Of: countType.Of, Codec: &FactCodec{
	Encode: func(f Fact) ([]byte, error) { return []byte(strconv.Itoa(int(f.(countFact)))), nil },
	Decode: func(b []byte) (Fact, error) { n, err := strconv.Atoi(string(b)); return countFact(n), err },
}}

var codecAnalyzer = &Analyzer{Name: "codec", FactTypes: []*FactType{codecType}, Run: func(*Pass) {}}

func TestFactCache(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"a.ts":         "import Stripe from 'stripe';\nconst k = process.env.STRIPE_SECRET_KEY; // hook hook\nif (event.type === 'invoice.paid') {} // webhook\n",
		"b.py":         "import os\nos.getenv('OTHER')\n",
		"README.md":    "Set `DOCUMENTED_VAR` first.\n",
		".env.example": "DOCUMENTED=\n",
	}
	for rel, content := range files {
		os.WriteFile(filepath.Join(root, rel), []byte(content), 0o644)
	}
	build := func(c FactCache) *Index {
		ix := NewIndex(root, nil, codecAnalyzer)
		if c != nil {
			ix.SetFactCache(c)
		}
		if err := ix.Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		return ix
	}
	cache := &mapCache{m: map[FileKey][]byte{}}
	cold, warm, plain := build(cache), build(cache), build(nil)
	if cache.hits == 0 {
		t.Fatal("the second build took nothing from the cache")
	}
	for _, p := range plain.Paths() {
		want := plain.Facts(p)
		for name, ix := range map[string]*Index{"cold": cold, "warm": warm} {
			if got := ix.Facts(p); fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
				t.Errorf("%s facts of %s:\n%+v\nwant %+v", name, filepath.Base(p), got, want)
			}
		}
	}
	if got := warm.Facts(filepath.Join(root, "a.ts")).Of(codecType); got != countFact(3) {
		t.Errorf("declared fact after the cache: %v, want 3 (hook hook webhook)", got)
	}
	d1, _ := cold.Digest()
	d2, _ := warm.Digest()
	if d1 != d2 {
		t.Error("equal workspaces, different digests")
	}
	os.WriteFile(filepath.Join(root, "README.md"), []byte("Set `OTHER` first.\n"), 0o644)
	if d3, _ := build(cache).Digest(); d3 == d1 {
		t.Error("a changed doc file did not change the digest")
	}
	if _, ok := plain.Digest(); ok {
		t.Error("an index without a cache has a digest")
	}

	// Corrupt entries are computed again, not trusted.
	for k, v := range cache.m {
		cache.m[k] = v[:len(v)/2]
	}
	again := build(cache)
	for _, p := range plain.Paths() {
		if filepath.Base(p) == "README.md" {
			continue
		}
		if got := again.Facts(p); fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", plain.Facts(p)) {
			t.Errorf("facts of %s from a corrupt entry: %+v", filepath.Base(p), got)
		}
	}
}

// statCache is a mapCache that knows keys by file size only (the test's
// stand-in for metadata) and records what Build tells it.
type statCache struct {
	mapCache
	byRel map[string]FileKey
	saw   map[string]FileKey
}

func (c *statCache) KeyByStat(rel string, info fs.FileInfo) (FileKey, bool) {
	k, ok := c.byRel[rel+"/"+strconv.FormatInt(info.Size(), 10)]
	return k, ok
}

func (c *statCache) SawStat(rel string, info fs.FileInfo, key FileKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.saw[rel+"/"+strconv.FormatInt(info.Size(), 10)] = key
}

// TestStatCache: Build takes a code file's facts by its metadata without
// reading it, records the keys of what it reads, and never takes expertise
// or env documentation files by metadata.
func TestStatCache(t *testing.T) {
	root := t.TempDir()
	code, doc := "export const a = process.env.ALPHA;\n", "Set ALPHA first.\n"
	os.WriteFile(filepath.Join(root, "a.ts"), []byte(code), 0o644)
	os.WriteFile(filepath.Join(root, "README.md"), []byte(doc), 0o644)
	c := &statCache{mapCache: mapCache{m: map[FileKey][]byte{}}, saw: map[string]FileKey{}}
	ix := NewIndex(root, nil)
	ix.SetFactCache(c)
	if err := ix.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(c.saw) != 1 || c.saw["a.ts/"+strconv.Itoa(len(code))] != KeyOf("a.ts", []byte(code)) {
		t.Fatalf("recorded %v, want the key of a.ts only (README.md documents env vars)", c.saw)
	}
	// Same size, other content: the cache's word is taken, the file not read.
	other := "export const a = process.env.OMEGA;\n"
	os.WriteFile(filepath.Join(root, "a.ts"), []byte(other), 0o644)
	c.byRel = c.saw
	ix = NewIndex(root, nil)
	ix.SetFactCache(c)
	ix.Build(context.Background())
	if r := ix.Facts(filepath.Join(root, "a.ts")).EnvReads; len(r) != 1 || r[0].Name != "ALPHA" {
		t.Errorf("env reads %v, want ALPHA from the cache (the file was not to be read)", r)
	}
	// Without the facts for that key, the file is read after all.
	clear(c.m)
	ix = NewIndex(root, nil)
	ix.SetFactCache(c)
	ix.Build(context.Background())
	if r := ix.Facts(filepath.Join(root, "a.ts")).EnvReads; len(r) != 1 || r[0].Name != "OMEGA" {
		t.Errorf("env reads %v, want OMEGA read from disk", r)
	}
}
