package api_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDependenciesPointDown reads the imports of every product (non-test)
// file in the module and checks that they point down: storage knows nothing
// of the page or the queue (only of the blob stores below it), the queue
// nothing of HTTP, and nothing outside api (the command aside) imports api
// at all.
func TestDependenciesPointDown(t *testing.T) {
	const module = "github.com/newsscribe/newsscribe/"
	// allowed[dir] are the api packages a product file in dir may import;
	// a directory not listed may import none.
	allowed := map[string][]string{
		"api":                      {"api/blob", "api/blob/s3blob", "api/jobs", "api/share", "api/store", "api/webhook"},
		"api/blob":                 nil,
		"api/blob/fileblob":        {"api/blob"},
		"api/blob/s3blob":          {"api/blob"},
		"api/blob/blobtest":        {"api/blob", "api/blob/s3blob"},
		"api/webhook":              nil,
		"api/jobs":                 {"api/blob", "api/store", "api/webhook"},
		"api/store":                {"api/blob", "api/blob/fileblob"},
		"api/web":                  {"api/store"},
		"api/internal/testserver":  {"api", "api/store", "api/web"},
		"api/internal/searchbench": {"api/store"},
		"cmd/newsscribe/cli":       {"api", "api/share", "api/store", "api/web"},
	}
	root := ".."
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "node_modules" || n == "testdata" || (strings.HasPrefix(n, ".") && path != root) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			pkg, ok := strings.CutPrefix(p, module)
			if !ok || (pkg != "api" && !strings.HasPrefix(pkg, "api/")) {
				continue
			}
			ok = false
			for _, a := range allowed[rel] {
				ok = ok || pkg == a || (a == "api/store" && strings.HasPrefix(pkg, "api/store/"))
			}
			if !ok {
				t.Errorf("%s imports %s: dependencies must point down (allowed for %s: %v)", path, pkg, rel, allowed[rel])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("checked only %d files; is the module root at ..?", checked)
	}
}
