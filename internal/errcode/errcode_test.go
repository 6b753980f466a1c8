package errcode_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/internal/errcode"
)

// writers are the functions that write an error code, by name, with the
// index of their code argument.
var writers = map[string]int{"abort": 2, "abortParam": 2, "writeError": 2, "FailJob": 1, "FailClip": 1}

// TestCodesAreConstants: no product file writes an error code as a string
// literal — to abort, abortParam, writeError, FailJob, FailClip or a Code
// field — so that errcode.All is every code there is (the page's
// TestPageKnowsOnlyServerErrorCodes reads it).
func TestCodesAreConstants(t *testing.T) {
	root := filepath.Join("..", "..")
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
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		checked++
		literal := func(e ast.Expr, what string) {
			if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				t.Errorf("%s: %s writes error code %s as a literal; use an errcode constant", fset.Position(lit.Pos()), what, lit.Value)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				name := ""
				switch fn := n.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				if i, ok := writers[name]; ok && i < len(n.Args) {
					literal(n.Args[i], name)
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Code" {
					literal(n.Value, "a Code field")
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("checked only %d files; is the module root at ../..?", checked)
	}
}

// TestAllIsEveryCode: All lists each code once, in snake_case.
func TestAllIsEveryCode(t *testing.T) {
	seen := map[errcode.Code]bool{}
	for _, c := range errcode.All {
		if seen[c] {
			t.Errorf("%q is listed twice", c)
		}
		seen[c] = true
		if c == "" || strings.Trim(string(c), "abcdefghijklmnopqrstuvwxyz_") != "" {
			t.Errorf("%q is not a snake_case word", c)
		}
	}
	if len(seen) < 40 {
		t.Errorf("All lists %d codes; the server writes more", len(seen))
	}
}
