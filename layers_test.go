package galateo_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/galateo/galateo/"

// layers ranks the folders of the tree from the bottom up: a package may
// import its own layer's packages and those of the layers below it, never
// one above. The README's Layout section draws the same order.
var layers = [][]string{
	{"policies", "engine/facts", "engine/schedule"},
	{"engine", "store"},
	{"engine/classify", "engine/quality", "fixtures"},
	{"engine/service"},
	{"api"},
	{"cmd"},
}

// apart are pairs of one layer that must not import each other: the
// decision core and persistence meet only in the service layer.
var apart = [][2]string{{"engine", "store"}, {"store", "engine"}}

// within reports whether pkg is the folder dir or inside it.
func within(pkg, dir string) bool {
	return pkg == dir || strings.HasPrefix(pkg, dir+"/")
}

// rank is the layer of pkg and the folder that placed it there: the
// longest folder of the table that holds it, so engine/service is not
// taken for engine.
func rank(pkg string) (int, string) {
	best, folder := -1, ""
	for i, dirs := range layers {
		for _, dir := range dirs {
			if within(pkg, dir) && len(dir) > len(folder) {
				best, folder = i, dir
			}
		}
	}
	return best, folder
}

// imports reads the module's own imports of every non-test Go file, by
// package folder. Test files may reach further (a store test can build a
// decision); what ships may not.
func imports(t *testing.T) map[string]map[string]bool {
	t.Helper()
	found := map[string]map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(path))
		for _, spec := range file.Imports {
			imported, _ := strconv.Unquote(spec.Path.Value)
			if rest, ok := strings.CutPrefix(imported, module); ok {
				if found[pkg] == nil {
					found[pkg] = map[string]bool{}
				}
				found[pkg][rest] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// violations lists every import of graph that breaks the order of layers.
func violations(graph map[string]map[string]bool) []string {
	var found []string
	for pkg, imported := range graph {
		from, fromDir := rank(pkg)
		if from < 0 {
			found = append(found, pkg+" is in no layer; place its folder in the table of layers_test.go and the README's Layout")
			continue
		}
		for dep := range imported {
			to, toDir := rank(dep)
			if to > from {
				found = append(found, pkg+" ("+fromDir+") imports "+dep+", a layer above it ("+toDir+")")
			}
			for _, pair := range apart {
				if fromDir == pair[0] && toDir == pair[1] {
					found = append(found, pkg+" imports "+dep+": "+pair[0]+" and "+pair[1]+" meet only in engine/service")
				}
			}
		}
	}
	return found
}

func TestLayers(t *testing.T) {
	graph := imports(t)
	if len(graph) < 10 {
		t.Fatalf("found the imports of only %d packages; is the test run from the module root?", len(graph))
	}
	for _, v := range violations(graph) {
		t.Error(v)
	}
}

// TestLayersCatch proves the check can fail: each import below breaks the
// order in one way.
func TestLayersCatch(t *testing.T) {
	graph := map[string]map[string]bool{
		"store/checkpoint":      {"engine/service/replay": true}, // a layer above
		"store":                 {"engine": true},                // apart
		"engine":                {"engine/facts": true},          // allowed
		"engine/service/diff":   {"engine/service/replay": true}, // same layer: allowed
		"engine/service/record": {"api": true},                   // a layer above
		"tools/new":             {},                              // no layer
	}
	if got := violations(graph); len(got) != 4 {
		t.Fatalf("want 4 violations, got %d: %q", len(got), got)
	}
}
