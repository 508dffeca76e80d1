package analysis

import (
	"bytes"
	"context"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/expertise-ls/expertise-ls/analysis/envdoc"
	"github.com/expertise-ls/expertise-ls/analysis/syntax"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// Index holds the workspace's facts: per file what other files' analyses
// need, the parsed expertise files and the env example files. It is safe for
// concurrent use.
type Index struct {
	Root string

	mu       sync.RWMutex
	cfg      *Config
	types    []*FactType                   // the facts the analyzers declare
	files    map[string]*Facts             // by absolute path
	experts  map[string]*expertise.File    // by absolute path
	envDocs  map[string]*envdoc.EnvExample // env example files by absolute path
	envNames map[string]*envdoc.EnvNames   // other env documentation by absolute path
	gen      uint64                        // counts the changes of facts (see View)

	cache FactCache          // nil: facts are computed every time (see SetFactCache)
	keys  map[string]FileKey // with a cache: the key of every file read, by path

	viewsMu sync.Mutex
	views   map[any]indexView // by key, see View

	keep *keeper // nil: Build releases every File (see KeepFiles)
}

// NewIndex returns an empty index of the workspace at root, which computes
// for every file the facts that analyzers declare (Analyzer.FactTypes).
// The analyzers later run with the index must be among them (see
// RunAnalyzers); analysis/checks.NewIndex passes every analyzer.
func NewIndex(root string, cfg *Config, analyzers ...*Analyzer) *Index {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	var types []*FactType
	for _, a := range analyzers {
		for _, t := range a.FactTypes {
			if !slices.Contains(types, t) {
				types = append(types, t)
			}
		}
	}
	return &Index{
		Root:     filepath.Clean(root),
		cfg:      cfg,
		types:    types,
		files:    map[string]*Facts{},
		experts:  map[string]*expertise.File{},
		envDocs:  map[string]*envdoc.EnvExample{},
		envNames: map[string]*envdoc.EnvNames{},
	}
}

// computes reports whether the index computes facts of type t.
func (ix *Index) computes(t *FactType) bool { return slices.Contains(ix.types, t) }

// Config returns the settings the index was built with.
func (ix *Index) Config() *Config {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.cfg
}

// SetConfig replaces the settings. Callers rebuild when paths or limits change.
func (ix *Index) SetConfig(cfg *Config) {
	ix.mu.Lock()
	ix.cfg = cfg
	ix.mu.Unlock()
}

// Build indexes every file of the workspace, reading and extracting in
// parallel with at most GOMAXPROCS workers.
func (ix *Index) Build(ctx context.Context) error {
	cfg := ix.Config()
	type job struct {
		path, rel string
		info      fs.FileInfo
	}
	jobs := make(chan job, 256)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if ctx.Err() != nil {
					continue
				}
				if ix.updateByStat(j.path, j.rel, j.info, cfg) {
					continue
				}
				size := int64(-1)
				if j.info != nil {
					size = j.info.Size()
				}
				content, err := walk.ReadFile(j.path, size)
				if err != nil || isBinary(content) {
					continue
				}
				f := NewFile(ix.Root, filepath.Clean(j.path), syntax.Detect(j.path), content, nil)
				ix.UpdateFile(f)
				if !ix.kept(f) {
					f.Release()
				}
				ix.sawStat(j.path, j.rel, j.info, cfg)
			}
		}()
	}
	err := walk.Walk(ctx, ix.Root, walk.Options{MaxFileSize: cfg.Index.MaxFileSize, Exclude: cfg.Index.Exclude},
		func(path, rel string, info fs.FileInfo) error {
			if Indexed(path) || envdoc.IsEnvNamesOnly(path) || expertise.IsExpertisePath(rel, cfg.Expertise.Paths) {
				jobs <- job{path, rel, info} // docs and Dockerfiles keep only the env names they mention
			}
			return nil
		})
	close(jobs)
	wg.Wait()
	if err != nil {
		return err
	}
	return ctx.Err()
}

// Indexed reports whether a file of this name is indexed and analysed: source
// files of the analysed languages, YAML, env files and common config files.
func Indexed(path string) bool {
	if syntax.Detect(path) != syntax.Other || envdoc.IsEnvExample(path) {
		return true
	}
	switch filepath.Ext(path) {
	case ".json", ".toml", ".ini", ".cfg", ".conf", ".properties", ".xml", ".tf", ".sh", ".php", ".java", ".kt", ".cs", ".rs", ".swift":
		return true
	}
	return false
}

// isBinary reports whether content looks binary (a NUL byte in its first 8 KiB).
func isBinary(content []byte) bool {
	if len(content) > 8192 {
		content = content[:8192]
	}
	return bytes.IndexByte(content, 0) >= 0
}

// Update records the content of a file (read from disk or an editor buffer)
// and reports whether what other files' analyses depend on changed.
func (ix *Index) Update(path string, content []byte) bool {
	f := NewFile(ix.Root, filepath.Clean(path), syntax.Detect(path), content, nil)
	defer f.Release()
	return ix.UpdateFile(f)
}

// UpdateFile is Update for a File the caller already has, such as an editor
// buffer with its parse tree, which the index then does not parse again.
// f.Path must be clean.
func (ix *Index) UpdateFile(f *File) bool {
	path, content := f.Path, f.Content
	if envdoc.IsEnvNamesOnly(path) {
		return ix.UpdateDocs(path, content) // docs and Dockerfiles are not analysed
	}
	cfg := ix.Config()
	facts := ix.cachedFacts(f, cfg)
	var exp *expertise.File
	if expertise.IsExpertisePath(f.Rel, cfg.Expertise.Paths) {
		exp = expertise.Parse(path, content)
	}
	var env *envdoc.EnvExample
	if envdoc.IsEnvExample(path) {
		env = envdoc.ParseEnvExample(path, content)
	}
	names := envdoc.EnvNamesOf(path, content)

	ix.mu.Lock()
	defer ix.mu.Unlock()
	old := ix.files[path]
	changed := !sameFacts(old, facts)
	ix.files[path] = facts
	if exp != nil || ix.experts[path] != nil {
		changed = true
		if exp != nil {
			ix.experts[path] = exp
		} else {
			delete(ix.experts, path)
		}
	}
	if env != nil || ix.envDocs[path] != nil {
		changed = true
		if env != nil {
			ix.envDocs[path] = env
		} else {
			delete(ix.envDocs, path)
		}
	}
	if ix.setEnvNames(path, names) {
		changed = true
	}
	if changed || old != nil && old.Lang != facts.Lang {
		ix.gen++ // views group files by language
	}
	return changed
}

// Remove forgets a deleted file and reports whether it was known.
func (ix *Index) Remove(path string) bool {
	path = filepath.Clean(path)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	_, known := ix.files[path]
	if known {
		ix.gen++
	}
	delete(ix.files, path)
	ix.forgetKey(path)
	delete(ix.experts, path)
	delete(ix.envDocs, path)
	if ix.setEnvNames(path, nil) {
		known = true
		ix.gen++
	}
	return known
}

// UpdateDocs records the env names a documentation file mentions (it is
// not analysed) and reports whether they changed.
func (ix *Index) UpdateDocs(path string, content []byte) bool {
	path = filepath.Clean(path)
	names := envdoc.EnvNamesOf(path, content)
	if rel, err := filepath.Rel(ix.Root, path); err == nil {
		ix.noteKey(path, filepath.ToSlash(rel), content)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if !ix.setEnvNames(path, names) {
		return false
	}
	ix.gen++
	return true
}

// setEnvNames records (nil: forgets) what path documents and reports whether
// that changed. ix.mu must be held.
func (ix *Index) setEnvNames(path string, names *envdoc.EnvNames) bool {
	old := ix.envNames[path]
	if names == nil {
		delete(ix.envNames, path)
		return old != nil
	}
	ix.envNames[path] = names
	return old == nil || old.Kind != names.Kind || !envdoc.SameNames(old, names)
}

// EnvNames returns the env documentation sources other than example files
// (committed dotenv files, compose files, docs), sorted by path.
func (ix *Index) EnvNames() []*envdoc.EnvNames {
	ix.mu.RLock()
	out := make([]*envdoc.EnvNames, 0, len(ix.envNames))
	for _, n := range ix.envNames {
		out = append(out, n)
	}
	ix.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Len returns the number of indexed files (callable while Build runs, to
// show progress).
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.files)
}

// Paths returns the indexed files, sorted.
func (ix *Index) Paths() []string {
	ix.mu.RLock()
	out := make([]string, 0, len(ix.files))
	for p := range ix.files {
		out = append(out, p)
	}
	ix.mu.RUnlock()
	sort.Strings(out)
	return out
}

// Facts returns the facts of one file, or nil.
func (ix *Index) Facts(path string) *Facts {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.files[filepath.Clean(path)]
}

// AllFacts calls fn for every indexed file's facts, in no particular order,
// until fn returns false. fn must not call back into the index's writers.
func (ix *Index) AllFacts(fn func(*Facts) bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for _, f := range ix.files {
		if !fn(f) {
			return
		}
	}
}

// Experts returns the parsed expertise files, sorted by path.
func (ix *Index) Experts() []*expertise.File {
	ix.mu.RLock()
	out := make([]*expertise.File, 0, len(ix.experts))
	for _, e := range ix.experts {
		out = append(out, e)
	}
	ix.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Expert returns the expertise file at path, or nil.
func (ix *Index) Expert(path string) *expertise.File {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.experts[filepath.Clean(path)]
}

// IntegrationsExpert returns the expert that keeps the integrations catalog:
// the one whose domain is "integrations", else the first with a catalog; nil if none.
func (ix *Index) IntegrationsExpert() *expertise.File {
	var withCatalog *expertise.File
	for _, e := range ix.Experts() {
		if e.Domain.Value == "integrations" {
			return e
		}
		if withCatalog == nil && len(e.Catalog) > 0 {
			withCatalog = e
		}
	}
	return withCatalog
}

// EnvExamples returns the env example files, sorted by path.
func (ix *Index) EnvExamples() []*envdoc.EnvExample {
	ix.mu.RLock()
	out := make([]*envdoc.EnvExample, 0, len(ix.envDocs))
	for _, e := range ix.envDocs {
		out = append(out, e)
	}
	ix.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Rel returns path relative to the workspace root, with forward slashes,
// as findings and hovers name files; a path outside the root stays as it
// is.
func (ix *Index) Rel(path string) string {
	if rel, err := filepath.Rel(ix.Root, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(rel)
	}
	return path
}
