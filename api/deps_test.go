package api_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// layers ranks every package of the module: a product (non-test) file may
// import only packages of a strictly lower rank. The ranks are the map of
// docs/ARCHITECTURE.md (the parts): helpers at the bottom, then the media
// and text libraries, the aligner and the renderers, the pipeline and
// storage, the queue, the newsroom (the use cases), HTTP, the composition
// root (server), and the command on top. A new package must be ranked here
// before it can be built into the product.
var layers = map[string]int{
	"internal/atomicfile": 0, "internal/bytesize": 0, "internal/errcode": 0, "internal/oneline": 0,
	"internal/publicurl": 0, "internal/movtest": 0, "internal/plaintext": 0, "internal/apikey": 0, "internal/pgtest": 0,

	"align/arabic": 1, "quotecheck/hunspell": 1, "export/docx": 1, "blob": 1, "share": 1, "webhook": 1,

	"audio": 2, "models": 2, "transcribe": 2, "blob/fileblob": 2, "blob/s3blob": 2,

	"transcribe/whisper": 3, "align": 3, "align/alignfuzz": 3, "blob/blobtest": 3,

	"quotecheck": 4, "align/aligntest": 4, "clip": 4, "transcribe/transcribetest": 4, "export": 4,

	"pipeline": 5, "store": 5, "align/prompt": 5, "align/eval": 5,

	"queue": 6, "api/web": 6, "api/openai": 6, "store/internal/searchbench": 6, "live": 6,
	"align/eval/cmd/evalalign": 6, "align/eval/cmd/evalquotes": 6,

	"newsroom": 7, "live/livetest": 7, "api": 8,

	"server": 9,

	"cmd/newsscribe/cli": 10,

	"cmd/newsscribe": 11, "api/internal/testserver": 11, "audio/internal/benchaudio": 11,
}

// TestDependenciesPointDown reads the imports of every product (non-test)
// file in the module and checks that they point down the ranks of layers:
// storage knows nothing of the page or the queue, the queue nothing of HTTP,
// the pipeline no HTTP, and nothing but the command imports api.
func TestDependenciesPointDown(t *testing.T) {
	t.Parallel()
	const module = "github.com/newsscribe/newsscribe/"
	root := ".."
	fset := token.NewFileSet()
	checked := 0
	seen := map[string]bool{}
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
		seen[rel] = true
		from, ranked := layers[rel]
		if !ranked {
			t.Errorf("%s: package %s has no rank in layers (deps_test.go); give it one", path, rel)
			return nil
		}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			pkg, ok := strings.CutPrefix(p, module)
			if !ok {
				continue
			}
			to, ranked := layers[pkg]
			if !ranked {
				t.Errorf("%s imports %s, which has no rank in layers", path, pkg)
				continue
			}
			if to >= from {
				t.Errorf("%s (rank %d) imports %s (rank %d): dependencies must point down", path, from, pkg, to)
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
	var stale []string
	for p := range layers {
		if !seen[p] {
			stale = append(stale, p)
		}
	}
	sort.Strings(stale)
	if len(stale) > 0 {
		t.Errorf("layers ranks packages that no longer exist: %v", stale)
	}
}
