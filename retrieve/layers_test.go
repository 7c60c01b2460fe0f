package retrieve

import (
	"go/build"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/heraldqa/heraldqa/"

// projectImports maps each package of the module (by its path inside the
// module) to the project packages its non-test files import.
func projectImports(t *testing.T, root string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
			return filepath.SkipDir
		}
		p, err := build.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files here (docs, data)
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		var deps []string
		for _, imp := range p.Imports {
			if dep, ok := strings.CutPrefix(imp, module); ok {
				deps = append(deps, dep)
			}
		}
		out[filepath.ToSlash(rel)] = deps
		return nil
	})
	if err != nil {
		t.Fatalf("reading the module's packages: %v", err)
	}
	return out
}

// closure is every project package pkg depends on, directly or not.
func closure(imports map[string][]string, pkg string) []string {
	seen := map[string]bool{}
	var visit func(string)
	visit = func(p string) {
		for _, d := range imports[p] {
			if !seen[d] {
				seen[d] = true
				visit(d)
			}
		}
	}
	visit(pkg)
	var out []string
	for d := range seen {
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}

func under(pkg, dir string) bool { return pkg == dir || strings.HasPrefix(pkg, dir+"/") }

// TestLayers checks that dependencies run one way (docs/architecture.md):
// archive ← ingest (parsing, index) ← retrieve ← bot, cmd.
func TestLayers(t *testing.T) {
	imports := projectImports(t, "..")
	for _, must := range []string{"ingest/archive", "ingest/pipeline", "retrieve", "retrieve/answer", "bot", "cmd/heraldqa"} {
		if _, ok := imports[must]; !ok {
			t.Fatalf("package %s not found: the walk is broken (found %d packages)", must, len(imports))
		}
	}
	for pkg := range imports {
		deps := closure(imports, pkg)
		var forbidden []string
		switch {
		case pkg == "ingest/archive":
			forbidden = deps // the domain package imports no other project package
		case under(pkg, "ingest"):
			for _, d := range deps {
				if under(d, "retrieve") || under(d, "bot") || under(d, "cmd") {
					forbidden = append(forbidden, d)
				}
			}
		case under(pkg, "retrieve") && !under(pkg, "retrieve/bench") && !under(pkg, "retrieve/retrievetest"):
			for _, d := range deps {
				if d == "ingest/pipeline" || under(d, "bot") || under(d, "cmd") {
					forbidden = append(forbidden, d)
				}
			}
		case under(pkg, "bot"):
			for _, d := range deps {
				if under(d, "cmd") {
					forbidden = append(forbidden, d)
				}
			}
		}
		if len(forbidden) > 0 {
			t.Errorf("%s depends on %v, against the layering", pkg, forbidden)
		}
	}
}
