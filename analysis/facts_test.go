package analysis

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/syntax"
)

// countFact is a test fact: how many times a file says "hook".
type countFact int

func (c countFact) Same(o Fact) bool { oc, ok := o.(countFact); return ok && oc == c }

var countType = &FactType{Name: "hook count", Of: func(f *File, _ *Config) Fact {
	if n := bytes.Count(f.Content, []byte("hook")); n > 0 {
		return countFact(n)
	}
	return nil
}}

var countAnalyzer = &Analyzer{Name: "count", FactTypes: []*FactType{countType}, Run: func(*Pass) {}}

func TestDeclaredFacts(t *testing.T) {
	path := filepath.Join("/ws", "a.ts")
	ix := NewIndex("/ws", nil, countAnalyzer)
	if !ix.Update(path, []byte("hook hook")) {
		t.Error("a new file's facts did not count as a change")
	}
	if got := ix.Facts(path).Of(countType); got != countFact(2) {
		t.Errorf("fact %v, want 2", got)
	}
	if ix.Update(path, []byte("hook  hook")) {
		t.Error("the same fact counted as a change")
	}
	if !ix.Update(path, []byte("hook")) {
		t.Error("a changed fact did not count as a change")
	}
	if !ix.Update(path, []byte("none")) || ix.Facts(path).Of(countType) != nil {
		t.Error("a fact that went away was kept or not counted as a change")
	}

	bare := NewIndex("/ws", nil)
	bare.Update(path, []byte("hook"))
	if bare.Facts(path).Of(countType) != nil {
		t.Error("an index not given the analyzer computed its facts")
	}
	f := NewFile("/ws", path, syntax.Detect(path), []byte("hook"), nil)
	defer f.Release()
	if _, err := RunAnalyzers(bare, f, []*Analyzer{countAnalyzer}, NoFixes); err == nil || !strings.Contains(err.Error(), "hook count") {
		t.Errorf("running an analyzer whose facts the index lacks: err %v, want one naming the fact type", err)
	}
}
