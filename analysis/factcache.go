package analysis

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"

	"github.com/expertise-ls/expertise-ls/analysis/envdoc"
	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/analysis/lexfacts"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/bin"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

// A FileKey names a file's content at its place in the workspace: the
// SHA-256 of its workspace-relative path and its bytes. What the index
// extracts from a file depends on nothing else (given the tool's version
// and settings, which a FactCache keys on as a whole).
type FileKey [sha256.Size]byte

// KeyOf returns the FileKey of content at the workspace-relative path rel.
func KeyOf(rel string, content []byte) FileKey {
	h := sha256.New()
	h.Write([]byte(rel))
	h.Write([]byte{0})
	h.Write(content)
	var k FileKey
	h.Sum(k[:0])
	return k
}

// A FactCache keeps the encoded facts of files across runs (see
// Index.SetFactCache). It must be safe for concurrent use. What it returns
// is decoded and checked; an entry that does not decode is computed again.
type FactCache interface {
	Get(key FileKey) ([]byte, bool)
	Put(key FileKey, facts []byte)
}

// A StatCache is a FactCache that also knows files' keys by their metadata
// (size, modification and change times, inode), so that Build need not
// read the files whose metadata have not changed since their key was
// computed. KeyByStat returns the key recorded for rel with that metadata;
// SawStat records it. Build uses it only for files whose facts are all it
// takes of them (code, not expertise or env documentation).
type StatCache interface {
	FactCache
	KeyByStat(rel string, info fs.FileInfo) (FileKey, bool)
	SawStat(rel string, info fs.FileInfo, key FileKey)
}

// statable reports whether Build may take a file's facts by its metadata:
// nothing else of it is kept (no expertise, env example or env names).
func statable(path, rel string, cfg *Config) bool {
	return !envdoc.DocumentsEnv(path) && !expertise.IsExpertisePath(rel, cfg.Expertise.Paths)
}

// updateByStat installs the cached facts of the file at path when the
// index's StatCache knows its key by info and has its facts, and reports
// whether it did (then the file need not be read).
func (ix *Index) updateByStat(path, rel string, info fs.FileInfo, cfg *Config) bool {
	ix.mu.RLock()
	sc, ok := ix.cache.(StatCache)
	ix.mu.RUnlock()
	if !ok || info == nil || !statable(path, rel, cfg) {
		return false
	}
	key, ok := sc.KeyByStat(filepath.ToSlash(rel), info)
	if !ok {
		return false
	}
	data, ok := sc.Get(key)
	if !ok {
		return false
	}
	facts, err := decodeFacts(data, ix.types)
	if err != nil {
		return false
	}
	path = filepath.Clean(path)
	facts.Path, facts.Rel = path, filepath.ToSlash(rel)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.files[path] = facts
	ix.keys[path] = key
	ix.gen++
	return true
}

// sawStat records in the index's StatCache the key of a file Build has
// just read, by the metadata the walk saw before reading it.
func (ix *Index) sawStat(path, rel string, info fs.FileInfo, cfg *Config) {
	ix.mu.RLock()
	sc, ok := ix.cache.(StatCache)
	key, known := ix.keys[filepath.Clean(path)]
	ix.mu.RUnlock()
	if ok && known && info != nil && statable(path, rel, cfg) {
		sc.SawStat(filepath.ToSlash(rel), info, key)
	}
}

// SetFactCache makes the index take files' facts from c when c has them
// and give c the facts it computes, and record every file's FileKey (see
// Digest). Call it before Build.
func (ix *Index) SetFactCache(c FactCache) {
	ix.mu.Lock()
	ix.cache = c
	ix.keys = map[string]FileKey{}
	ix.mu.Unlock()
}

// Digest returns a digest of every file the index read (their FileKeys,
// by path): two indexes of the same tool and settings with equal digests
// judge every file alike. ok is false without a FactCache.
func (ix *Index) Digest() (d FileKey, ok bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.keys == nil {
		return d, false
	}
	paths := make([]string, 0, len(ix.keys))
	for p := range ix.keys {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		k := ix.keys[p]
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write(k[:])
	}
	h.Sum(d[:0])
	return d, true
}

// cachedFacts returns f's facts from the index's FactCache, computing and
// putting them there when it has none, and records f's key.
func (ix *Index) cachedFacts(f *File, cfg *Config) *Facts {
	ix.mu.RLock()
	c := ix.cache
	ix.mu.RUnlock()
	if c == nil {
		return extractFacts(f, cfg, ix.types)
	}
	key := KeyOf(f.Rel, f.Content)
	ix.mu.Lock()
	ix.keys[f.Path] = key
	ix.mu.Unlock()
	if data, ok := c.Get(key); ok {
		if facts, err := decodeFacts(data, ix.types); err == nil {
			facts.Path, facts.Rel = f.Path, f.Rel
			return facts
		}
	}
	facts := extractFacts(f, cfg, ix.types)
	if data, err := encodeFacts(facts, ix.types); err == nil {
		c.Put(key, data)
	}
	return facts
}

// noteKey records the key of a file the index reads without extracting
// facts (documentation that mentions env names), when it keeps keys.
func (ix *Index) noteKey(path, rel string, content []byte) {
	ix.mu.RLock()
	keeps := ix.keys != nil
	ix.mu.RUnlock()
	if !keeps {
		return
	}
	key := KeyOf(rel, content) // hashed outside the lock
	ix.mu.Lock()
	ix.keys[path] = key
	ix.mu.Unlock()
}

// forgetKey drops the key of a removed file.
func (ix *Index) forgetKey(path string) {
	if ix.keys != nil {
		delete(ix.keys, path)
	}
}

// A FactCodec encodes and decodes a FactType's facts for a FactCache. Fact
// types without one are computed on every run.
type FactCodec struct {
	Encode func(Fact) ([]byte, error)
	Decode func([]byte) (Fact, error)
}

// factsFormat is the first value of encoded facts; it changes with the layout.
const factsFormat = 1

// encodeFacts encodes f, with the names of the fact types of its index
// (decodeFacts refuses facts of other types), for a FactCache.
func encodeFacts(f *Facts, types []*FactType) ([]byte, error) {
	w := bin.Writer{B: make([]byte, 0, 128)}
	w.Uint(factsFormat)
	w.Uint(uint64(f.Lang))
	w.Int(int(f.Role))
	w.Int(len(f.EnvReads))
	for _, r := range f.EnvReads {
		w.String(r.Name)
		putRange(&w, r.Range)
	}
	w.Int(len(f.EnvSchema))
	for _, n := range f.EnvSchema {
		w.String(n)
	}
	w.Int(len(f.Uses))
	for _, u := range f.Uses {
		w.String(u.Provider)
		putRange(&w, u.Range)
		w.String(u.Why)
	}
	w.Int(len(f.WebhookEvents))
	for _, e := range f.WebhookEvents {
		w.String(e.Provider)
		w.String(e.Name)
	}
	w.Int(len(types))
	for _, t := range types {
		w.String(t.Name)
		fact, ok := f.declared[t]
		if !ok {
			w.Bytes(nil)
			continue
		}
		if t.Codec == nil {
			return nil, fmt.Errorf("fact type %s has no codec", t.Name)
		}
		data, err := t.Codec.Encode(fact)
		if err != nil {
			return nil, err
		}
		w.Bytes(append([]byte{1}, data...)) // 1: a fact follows
	}
	return w.B, nil
}

// decodeFacts decodes what encodeFacts wrote for an index computing types.
func decodeFacts(data []byte, types []*FactType) (*Facts, error) {
	r := bin.Reader{B: data}
	if r.Uint() != factsFormat {
		return nil, fmt.Errorf("facts of another format")
	}
	f := &Facts{Lang: syntax.Lang(r.Uint()), Role: knowledge.FileRole(r.Int())}
	if n := r.Len(); n > 0 {
		f.EnvReads = make([]EnvRead, n)
		for i := range f.EnvReads {
			f.EnvReads[i] = EnvRead{Name: r.String(), Range: getRange(&r)}
		}
	}
	if n := r.Len(); n > 0 {
		f.EnvSchema = make([]string, n)
		for i := range f.EnvSchema {
			f.EnvSchema[i] = r.String()
		}
	}
	if n := r.Len(); n > 0 {
		f.Uses = make([]ProviderUse, n)
		for i := range f.Uses {
			f.Uses[i] = ProviderUse{Provider: r.String(), Range: getRange(&r), Why: r.String()}
		}
	}
	if n := r.Len(); n > 0 {
		f.WebhookEvents = make([]lexfacts.WebhookEvent, n)
		for i := range f.WebhookEvents {
			f.WebhookEvents[i] = lexfacts.WebhookEvent{Provider: r.String(), Name: r.String()}
		}
	}
	if n := r.Len(); n != len(types) && r.Err == nil {
		return nil, fmt.Errorf("facts of %d types, want %d", n, len(types))
	}
	for _, t := range types {
		name, data := r.String(), r.Bytes()
		if r.Err != nil {
			break
		}
		if name != t.Name {
			return nil, fmt.Errorf("facts of type %s, want %s", name, t.Name)
		}
		if len(data) == 0 {
			continue // the file has no fact of this type
		}
		if t.Codec == nil {
			return nil, fmt.Errorf("fact type %s has no codec", t.Name)
		}
		fact, err := t.Codec.Decode(data[1:])
		if err != nil {
			return nil, fmt.Errorf("%s facts: %w", t.Name, err)
		}
		if f.declared == nil {
			f.declared = make(map[*FactType]Fact, len(types))
		}
		f.declared[t] = fact
	}
	if r.Err != nil {
		return nil, r.Err
	}
	if len(r.B) != 0 {
		return nil, fmt.Errorf("%d bytes after the facts", len(r.B))
	}
	return f, nil
}

func putRange(w *bin.Writer, r span.Range) {
	for _, p := range [2]span.Position{r.Start, r.End} {
		w.Int(p.Offset)
		w.Int(p.Line)
		w.Int(p.Col)
		w.Int(p.Col16)
	}
}

func getRange(r *bin.Reader) span.Range {
	pos := func() span.Position {
		return span.Position{Offset: r.Int(), Line: r.Int(), Col: r.Int(), Col16: r.Int()}
	}
	start := pos()
	return span.Range{Start: start, End: pos()}
}
