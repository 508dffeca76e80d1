package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/internal/bin"
	"github.com/expertise-ls/expertise-ls/internal/walk"
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
const packMagic = "expertise-ls check cache 3\n"

// pack is what a pack file holds.
type pack struct {
	Identity [sha256.Size]byte // tool, settings and root: what facts depend on besides content
	Facts    map[analysis.FileKey][]byte
	// Stats are the keys of files by workspace-relative path, with the
	// metadata they had when read (see KeyByStat).
	Stats map[string]statEntry

	// Judged is the key of the run whose findings these are (see findingsKey).
	Judged   [sha256.Size]byte
	Findings []analysis.Diagnostic
}

// statEntry is a file's metadata and the key of the content it had then.
type statEntry struct {
	Size, Mtime, Ctime int64
	Ino                uint64
	Key                analysis.FileKey
}

// racyWindow: a file changed less than this before it was read is not
// known by its metadata next time (it could change again within the
// resolution of the file system's times without them changing).
var racyWindow = walk.RacyWindow

// checkCache is the cache of one workspace root for one run. It is the
// index's analysis.FactCache.
type checkCache struct {
	path     string
	identity [sha256.Size]byte
	old      *pack // what the pack file held, nil if nothing usable

	started time.Time // when the run began (see racyWindow)

	mu    sync.Mutex
	used  map[analysis.FileKey][]byte // the entries this run used or computed
	stats map[string]statEntry        // the files this run knows by metadata
	dirty bool                        // an entry was computed (Put) or a file's metadata changed
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
	c := &checkCache{used: map[analysis.FileKey][]byte{}, stats: map[string]statEntry{}, started: time.Now()}
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
	n = r.Len()
	p.Stats = make(map[string]statEntry, n)
	for range n {
		rel := r.String()
		e := statEntry{Size: int64(r.Uint()), Mtime: int64(r.Uint()), Ctime: int64(r.Uint()), Ino: r.Uint()}
		k := r.Bytes()
		if r.Err != nil || len(k) != len(e.Key) {
			return nil, errors.New("corrupt metadata entry")
		}
		e.Key = analysis.FileKey(k)
		p.Stats[rel] = e
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

// KeyByStat implements analysis.StatCache: the key recorded for rel when
// its metadata are the same as then.
func (c *checkCache) KeyByStat(rel string, info fs.FileInfo) (analysis.FileKey, bool) {
	if c.old == nil {
		return analysis.FileKey{}, false
	}
	now, ok := statOf(info)
	was, known := c.old.Stats[rel]
	if !ok || !known || now.Size != was.Size || now.Mtime != was.Mtime || now.Ctime != was.Ctime || now.Ino != was.Ino {
		return analysis.FileKey{}, false
	}
	c.mu.Lock()
	c.stats[rel] = was
	c.mu.Unlock()
	return was.Key, true
}

// SawStat implements analysis.StatCache. Files changed within racyWindow
// of this run's start are not recorded.
func (c *checkCache) SawStat(rel string, info fs.FileInfo, key analysis.FileKey) {
	e, ok := statOf(info)
	if !ok || c.started.Sub(time.Unix(0, max(e.Mtime, e.Ctime))) < racyWindow {
		return
	}
	e.Key = key
	c.mu.Lock()
	c.stats[rel] = e
	if c.old == nil || c.old.Stats[rel] != e {
		c.dirty = true
	}
	c.mu.Unlock()
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

// packWriter writes a pack's body to f in pieces, hashing it (the
// header's checksum is over the body), and keeps the first error.
type packWriter struct {
	f   *os.File
	w   bin.Writer
	sum hash.Hash
	err error
}

// flush writes what the bin.Writer holds once it is 256 KB, or now.
func (p *packWriter) flush(now bool) {
	if p.err == nil && (now || len(p.w.B) >= 256<<10) {
		p.sum.Write(p.w.B)
		_, p.err = p.f.Write(p.w.B)
		p.w.B = p.w.B[:0]
	}
}

// save writes the pack of this run: the entries it used and its findings.
// It writes nothing when the pack on disk holds exactly that already.
func (c *checkCache) save(judged [sha256.Size]byte, findings []analysis.Diagnostic) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.old != nil && !c.dirty && len(c.used) == len(c.old.Facts) && len(c.stats) == len(c.old.Stats) && c.old.Judged == judged {
		return nil
	}
	var gobbed bytes.Buffer
	if err := gob.NewEncoder(&gobbed).Encode(findings); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), filepath.Base(c.path)+".*.tmp")
	if err != nil {
		return err
	}
	// The pack streams to the file through a small buffer, its checksum
	// written into the header's room at the end: on 50,000 files it is 18
	// MB, and building it in memory made the save the peak of a run.
	pw := packWriter{f: tmp, sum: sha256.New()}
	_, pw.err = tmp.Write(make([]byte, len(packMagic)+sha256.Size)) // the header's room
	w := &pw.w
	w.Bytes(c.identity[:])
	w.Int(len(c.used))
	for k, v := range c.used {
		w.Bytes(k[:])
		w.Bytes(v)
		pw.flush(false)
	}
	w.Int(len(c.stats))
	for rel, e := range c.stats {
		w.String(rel)
		w.Uint(uint64(e.Size))
		w.Uint(uint64(e.Mtime))
		w.Uint(uint64(e.Ctime))
		w.Uint(e.Ino)
		w.Bytes(e.Key[:])
		pw.flush(false)
	}
	w.Bytes(judged[:])
	w.Bytes(gobbed.Bytes())
	pw.flush(true)
	if pw.err == nil {
		_, pw.err = tmp.WriteAt(pw.sum.Sum([]byte(packMagic)), 0)
	}
	cerr := tmp.Close()
	if err := errors.Join(pw.err, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), c.path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
