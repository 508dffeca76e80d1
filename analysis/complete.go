package analysis

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis/knowledge"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/span"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// CompletionKind says what a completion inserts.
type CompletionKind int

const (
	CompleteEnvVar   CompletionKind = iota // an environment variable name
	CompleteKey                            // a key of the expertise format
	CompleteProvider                       // a provider's name
	CompleteFile                           // a workspace file
	CompleteFolder                         // a workspace folder (ends in /)
)

// maxPathCompletions bounds the entries of one folder that are offered.
const maxPathCompletions = 200

// Completion is one candidate: Label replaces Range.
type Completion struct {
	Label  string
	Detail string
	Kind   CompletionKind
	Range  span.Range
}

// envReadPrefixes end where an env var's name starts, per language family.
var envReadPrefixes = map[string]*regexp.Regexp{
	"js":     regexp.MustCompile(`(?:process\.env\.|process\.env\[\s*["'` + "`" + `]|import\.meta\.env\.)$`),
	"python": regexp.MustCompile(`(?:os\.environ\[\s*|os\.environ\.get\(\s*|os\.getenv\(\s*|environ\[\s*|getenv\(\s*)["']$`),
	"go":     regexp.MustCompile(`os\.(?:Getenv|LookupEnv)\(\s*"$`),
	"ruby":   regexp.MustCompile(`ENV(?:\[\s*|\.fetch\(\s*)["']$`),
}

// Complete returns the completions at offset in f: env var names where
// code reads one (process.env., os.environ[...], os.getenv(, os.Getenv(,
// ENV[), and in an expertise file the keys of the format, provider names
// for a catalog entry's name, and env var names in its env_vars. The names
// come from the env example files, the catalog, other documentation and
// the reads indexed in code; a name that is a value is never offered.
func Complete(ix *Index, f *File, offset int, isExpertise bool) []Completion {
	if isExpertise {
		return completeExpertise(ix, f, offset)
	}
	re := envReadPrefixes[f.Lang.Family()]
	if re == nil {
		return nil
	}
	start := offset
	for start > 0 && isNameByte(f.Content[start-1]) {
		start--
	}
	lineStart := f.Lines.LineStart(f.Lines.LineOf(start))
	if !re.Match(f.Content[lineStart:start]) {
		return nil
	}
	return envVarCompletions(ix, f, f.Range(start, offset), nil)
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// envVarCompletions lists the env var names the workspace knows, except
// skip, each with where it is known from; catalog and example names first.
// The reads of f are its current ones, without the name being typed at at.
func envVarCompletions(ix *Index, f *File, at span.Range, skip map[string]bool) []Completion {
	detail := map[string]string{}
	var order []string
	add := func(name, why string) {
		if name == "" || skip[name] {
			return
		}
		if _, ok := detail[name]; !ok {
			order = append(order, name)
			detail[name] = why
		}
	}
	for _, x := range ix.Experts() {
		for _, cat := range x.Catalog {
			for _, e := range cat.Entries {
				for _, v := range e.EnvVars {
					add(v.Value, "catalog: "+e.Name.Value)
				}
			}
		}
	}
	for _, ex := range ix.EnvExamples() {
		for _, v := range ex.Vars {
			add(v.Name, "documented in "+ix.Rel(ex.Path))
		}
	}
	for _, n := range ix.EnvNames() {
		for name := range n.Names {
			// Prose names acronyms too (API, JSON, HMAC): offer a name from
			// docs alone only when it has the shape of an env var's.
			if strings.Contains(name, "_") {
				add(name, "named in "+ix.Rel(n.Path))
			}
		}
	}
	// The indexed reads, without those only f's indexed content makes
	// (f's current reads replace them), then f's own but the one typed.
	var read []string
	var own []string
	if facts := ix.Facts(f.Path); facts != nil {
		own = readNames(facts.EnvReads)
	}
	for name, n := range envReadCounts(ix) {
		if n > 1 || !slices.Contains(own, name) {
			read = append(read, name)
		}
	}
	for _, r := range FindEnvReads(f) {
		if !r.Range.Overlaps(at) && r.Range.End.Offset != at.Start.Offset && r.Range.Start.Offset != at.End.Offset {
			read = append(read, r.Name)
		}
	}
	slices.Sort(read)
	for _, name := range slices.Compact(read) {
		add(name, "read in code")
	}
	out := make([]Completion, 0, len(order))
	for _, name := range order {
		out = append(out, Completion{Label: name, Detail: detail[name], Kind: CompleteEnvVar, Range: at})
	}
	return out
}

var topKeyRE = regexp.MustCompile(`(?m)^([A-Za-z_]+)\s*:`)

func completeExpertise(ix *Index, f *File, offset int) []Completion {
	pos := expertise.PositionAt(f.Content, offset)
	at := f.Range(pos.WordStart, offset)
	inCatalog := len(pos.Keys) > 0 && pos.Keys[0] == "integrations_catalog"
	switch {
	case pos.Key == "" && len(pos.Keys) == 0 && pos.Indent == 0:
		present := map[string]bool{} // read from the text: a file being typed seldom parses
		for _, m := range topKeyRE.FindAllSubmatch(f.Content, -1) {
			present[string(m[1])] = true
		}
		var out []Completion
		for _, k := range expertise.TopLevelKeys {
			if !present[k] || k == pos.Word {
				out = append(out, Completion{Label: k, Detail: "expertise key", Kind: CompleteKey, Range: at})
			}
		}
		return out
	case inCatalog && pos.Key == "name":
		listed := map[*knowledge.Provider]bool{}
		for _, x := range ix.Experts() {
			for _, cat := range x.Catalog {
				for _, e := range cat.Entries {
					listed[knowledge.Get().ProviderByName(e.Name.Value)] = true
				}
			}
		}
		// The providers of the entry's category first, then the others.
		var same, other []Completion
		for _, p := range knowledge.Get().Providers {
			if listed[p] {
				continue
			}
			c := Completion{Label: p.Name, Detail: p.Category, Kind: CompleteProvider, Range: at}
			if len(pos.Keys) > 1 && strings.EqualFold(p.Category, pos.Keys[1]) {
				same = append(same, c)
			} else {
				other = append(other, c)
			}
		}
		return append(same, other...)
	case pos.Key == "path" || pos.Key == "location" || pos.Key == "files_affected":
		return pathCompletions(ix.Root, pos.Word, at)
	case inCatalog && pos.Key == "env_vars":
		skip := map[string]bool{}
		line := f.Lines.LineOf(offset)
		for _, w := range strings.FieldsFunc(string(f.Content[f.Lines.LineStart(line):offset]), func(r rune) bool { return !isNameByte(byte(r)) || r > 127 }) {
			skip[w] = true
		}
		delete(skip, pos.Word)
		delete(skip, "env_vars")
		return envVarCompletions(ix, f, at, skip)
	}
	return nil
}

// pathCompletions lists the entries of the workspace folder that the typed
// word is in (word "src/integ" lists src/), folders with a trailing "/";
// .git and dependency folders are left out.
func pathCompletions(root, word string, at span.Range) []Completion {
	dir := ""
	if i := strings.LastIndexByte(word, '/'); i >= 0 {
		dir = word[:i+1]
	}
	clean := filepath.Clean(filepath.Join(root, filepath.FromSlash(dir)))
	if clean != root && !strings.HasPrefix(clean, root+string(filepath.Separator)) {
		return nil // "../" leaves the workspace
	}
	entries, err := os.ReadDir(clean)
	if err != nil {
		return nil
	}
	var out []Completion
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() && walk.SkipDir(name) {
			continue
		}
		c := Completion{Label: dir + name, Kind: CompleteFile, Range: at}
		if e.IsDir() {
			c.Label, c.Kind = c.Label+"/", CompleteFolder
		}
		out = append(out, c)
		if len(out) == maxPathCompletions {
			break
		}
	}
	return out
}
