package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/internal/bin"
)

// check's cache: one pack file per workspace root in the user cache dir
// ($EXPERTISE_LS_CACHE_DIR, else os.UserCacheDir()/expertise-ls), holding
// the facts of every file by content (analysis.FileKey) and the findings of
// the last run with the digest of the workspace they were judged on. A run
// takes the facts of unchanged files from it, and all of its findings when
// nothing changed (same files, tool, settings, targets and day). Each run
// writes the pack again with only the entries it used, to a temporary file
// renamed over the old one: concurrent runs never see a half-written pack,
// the last to finish wins, and a pack that does not decode or whose
// checksum fails is ignored (the run is then cold). Nothing in it is a
// secret's value: facts hold names (env vars, providers, events), and
// findings the messages the report prints.

// packMagic starts a pack file; it changes when the layout does. The
// SHA-256 of the body follows it, then the body.
const packMagic = "expertise-ls check cache 2\n"

// pack is what a pack file holds.
type pack struct {
	Identity [sha256.Size]byte // tool, settings and root: what facts depend on besides content
	Facts    map[analysis.FileKey][]byte

	// Judged is the key of the run whose findings these are (see findingsKey).
	Judged   [sha256.Size]byte
	Findings []analysis.Diagnostic
}

// checkCache is the cache of one workspace root for one run. It is the
// index's analysis.FactCache.
type checkCache struct {
	path     string
	identity [sha256.Size]byte
	old      *pack // what the pack file held, nil if nothing usable

	mu    sync.Mutex
	used  map[analysis.FileKey][]byte // the entries this run used or computed
	dirty bool                        // an entry was computed (Put)
}

// cacheDir returns the directory of check's cache.
func cacheDir() (string, error) {
	if d := os.Getenv("EXPERTISE_LS_CACHE_DIR"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "expertise-ls"), nil
}

// openCheckCache loads the cache of the workspace at root for settings
// (the raw settings file, nil for the defaults). A missing, unreadable or
// corrupt pack gives an empty cache.
func openCheckCache(root string, settings []byte) (*checkCache, error) {
	dir, err := cacheDir()
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", packMagic, version, root)
	if exe, err := os.Executable(); err == nil {
		if info, err := os.Stat(exe); err == nil {
			fmt.Fprintf(h, "%s\x00%d\x00%d\x00", exe, info.Size(), info.ModTime().UnixNano())
		}
	}
	h.Write(settings)
	c := &checkCache{used: map[analysis.FileKey][]byte{}}
	h.Sum(c.identity[:0])
	rootSum := sha256.Sum256([]byte(root))
	c.path = filepath.Join(dir, fmt.Sprintf("%x.pack", rootSum[:12]))
	if p, err := readPack(c.path); err == nil && p.Identity == c.identity {
		c.old = p
	}
	return c, nil
}

// readPack reads and checks a pack file.
func readPack(path string) (*pack, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(raw) < len(packMagic)+sha256.Size || string(raw[:len(packMagic)]) != packMagic {
		return nil, errors.New("not a pack of this version")
	}
	body := raw[len(packMagic)+sha256.Size:]
	if sha256.Sum256(body) != [sha256.Size]byte(raw[len(packMagic):len(packMagic)+sha256.Size]) {
		return nil, errors.New("checksum mismatch")
	}
	r := bin.Reader{B: body}
	p := &pack{}
	copy(p.Identity[:], r.Bytes())
	n := r.Len()
	p.Facts = make(map[analysis.FileKey][]byte, n)
	for range n {
		k, v := r.Bytes(), r.Bytes()
		if r.Err != nil || len(k) != len(analysis.FileKey{}) {
			return nil, errors.New("corrupt entry")
		}
		p.Facts[analysis.FileKey(k)] = v
	}
	copy(p.Judged[:], r.Bytes())
	findings := r.Bytes()
	if r.Err != nil {
		return nil, r.Err
	}
	if err := gob.NewDecoder(bytes.NewReader(findings)).Decode(&p.Findings); err != nil {
		return nil, err
	}
	return p, nil
}

// Get implements analysis.FactCache.
func (c *checkCache) Get(key analysis.FileKey) ([]byte, bool) {
	if c.old == nil {
		return nil, false
	}
	data, ok := c.old.Facts[key]
	if ok {
		c.mu.Lock()
		c.used[key] = data
		c.mu.Unlock()
	}
	return data, ok
}

// Put implements analysis.FactCache.
func (c *checkCache) Put(key analysis.FileKey, facts []byte) {
	c.mu.Lock()
	c.used[key] = facts
	c.dirty = true
	c.mu.Unlock()
}

// findingsKey is what a run's findings depend on: the files (the index's
// digest), the targets judged and the day (expertise goes stale by date).
func findingsKey(digest analysis.FileKey, targets []string, today string) [sha256.Size]byte {
	h := sha256.New()
	h.Write(digest[:])
	for _, t := range targets {
		fmt.Fprintf(h, "%s\x00", t)
	}
	h.Write([]byte(today))
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

// findings returns the cached findings of a run with this key, if any.
func (c *checkCache) findings(key [sha256.Size]byte) ([]analysis.Diagnostic, bool) {
	if c.old == nil || c.old.Judged != key {
		return nil, false
	}
	return c.old.Findings, true
}

// save writes the pack of this run: the entries it used and its findings.
// It writes nothing when the pack on disk holds exactly that already.
func (c *checkCache) save(judged [sha256.Size]byte, findings []analysis.Diagnostic) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.old != nil && !c.dirty && len(c.used) == len(c.old.Facts) && c.old.Judged == judged {
		return nil
	}
	var gobbed bytes.Buffer
	if err := gob.NewEncoder(&gobbed).Encode(findings); err != nil {
		return err
	}
	w := bin.Writer{}
	w.Bytes(c.identity[:])
	w.Int(len(c.used))
	for k, v := range c.used {
		w.Bytes(k[:])
		w.Bytes(v)
	}
	w.Bytes(judged[:])
	w.Bytes(gobbed.Bytes())
	sum := sha256.Sum256(w.B)
	out := make([]byte, 0, len(packMagic)+len(sum)+len(w.B))
	out = append(append(append(out, packMagic...), sum[:]...), w.B...)
	if err := os.MkdirAll(filepath.Dir(c.path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), filepath.Base(c.path)+".*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(out)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), c.path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
