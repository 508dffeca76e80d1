package checks_test

import (
	"go/build"
	"path"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/checks"
)

const module = "github.com/expertise-ls/expertise-ls"

// passPackages returns the import paths of the packages that define the
// analyzers, found from their Run functions.
func passPackages(t *testing.T) []string {
	var out []string
	for _, a := range checks.Analyzers {
		fn := runtime.FuncForPC(reflect.ValueOf(a.Run).Pointer()).Name() // module/analysis/x.runX
		dir, name := path.Split(fn)
		pkg := dir + name[:strings.IndexByte(name, '.')]
		if !strings.HasPrefix(pkg, module+"/analysis/") {
			t.Errorf("analyzer %s is defined in %s, not in a pass package under analysis/", a.Name, pkg)
			continue
		}
		if !slices.Contains(out, pkg) {
			out = append(out, pkg)
		}
	}
	return out
}

// TestPassLayers checks the layering of analysis/: every analyzer lives in
// a pass package of its own family, and no pass package imports another
// (what one needs of another travels as a declared Fact through the
// framework, or lives in a lower layer).
func TestPassLayers(t *testing.T) {
	passes := passPackages(t)
	if len(passes) < 5 {
		t.Errorf("%d pass packages (%v), want the check families in packages of their own", len(passes), passes)
	}
	for _, p := range passes {
		pkg, err := build.Import(p, ".", 0)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, imp := range pkg.Imports {
			if slices.Contains(passes, imp) {
				t.Errorf("pass %s imports pass %s", p, imp)
			}
		}
	}
}
