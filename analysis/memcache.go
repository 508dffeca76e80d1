package analysis

import (
	"io/fs"
	"sync"
	"time"

	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// MemoryCache is a StatCache held in memory, for a process that builds an
// index of the same workspace again and again (the MCP server builds one
// per tool call, so that each sees the files as they are now): a file
// whose size and modification time are those it had when last read is not
// read again. A file modified within walk.RacyWindow of being seen is not
// recorded, so that a write in the same clock tick is never missed. It
// keeps one entry a file: facts of a file's earlier contents are dropped.
type MemoryCache struct {
	mu    sync.Mutex
	facts map[FileKey][]byte
	stats map[string]memStat // by workspace-relative path
}

type memStat struct {
	stamp walk.Stamp
	key   FileKey
}

// NewMemoryCache returns an empty MemoryCache.
func NewMemoryCache() *MemoryCache {
	return &MemoryCache{facts: map[FileKey][]byte{}, stats: map[string]memStat{}}
}

// Get implements FactCache.
func (c *MemoryCache) Get(key FileKey) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	data, ok := c.facts[key]
	return data, ok
}

// Put implements FactCache.
func (c *MemoryCache) Put(key FileKey, facts []byte) {
	c.mu.Lock()
	c.facts[key] = facts
	c.mu.Unlock()
}

// KeyByStat implements StatCache.
func (c *MemoryCache) KeyByStat(rel string, info fs.FileInfo) (FileKey, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	was, ok := c.stats[rel]
	if !ok || was.stamp != walk.StampOf(info) {
		return FileKey{}, false
	}
	return was.key, true
}

// SawStat implements StatCache.
func (c *MemoryCache) SawStat(rel string, info fs.FileInfo, key FileKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if was, ok := c.stats[rel]; ok && was.key != key {
		delete(c.facts, was.key) // a key holds the path: no other file shares it
	}
	if time.Since(info.ModTime()) < walk.RacyWindow {
		delete(c.stats, rel)
		return
	}
	c.stats[rel] = memStat{stamp: walk.StampOf(info), key: key}
}
