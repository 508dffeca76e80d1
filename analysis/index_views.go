package analysis

// indexView is a value derived from the facts, with the generation of the
// facts it was built from.
type indexView struct {
	gen   uint64
	value any
}

// View returns a value derived from the facts of every indexed file (a
// table that analyzers would otherwise rebuild from AllFacts for every
// file they judge), built by build on first use and again after the facts
// change. Changes are those that sameFacts tells apart, so build must
// derive its value from what sameFacts compares (not from ranges). build
// runs without the index's locks held, may read the index, and must not
// write it. Concurrent callers may build the same view twice; one of the
// values is kept.
func (ix *Index) View(key any, build func() any) any {
	ix.mu.RLock()
	gen := ix.gen
	ix.mu.RUnlock()
	ix.viewsMu.Lock()
	v, ok := ix.views[key]
	ix.viewsMu.Unlock()
	if ok && v.gen == gen {
		return v.value
	}
	value := build()
	ix.viewsMu.Lock()
	if ix.views == nil {
		ix.views = map[any]indexView{}
	}
	ix.views[key] = indexView{gen: gen, value: value}
	ix.viewsMu.Unlock()
	return value
}
