package web_test

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestJavaScriptUnits runs the page's pure JavaScript functions (time
// formatting, the wording of API errors, article offsets) under node's own
// test runner. It skips, saying so, where node is not installed.
func TestJavaScriptUnits(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found on PATH; the JavaScript unit tests need Node.js 18 or later (make deps installs it)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, node, "--test", "e2e/unit.test.mjs").CombinedOutput()
	if err != nil {
		t.Fatalf("node --test e2e/unit.test.mjs: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

// TestPageKnowsOnlyServerErrorCodes keeps the page from guessing: every
// error code util.js explains is one the server writes (abort, writeError,
// the workers' FailJob and FailClip, the audio error mapping), or one of the two the page
// makes itself. A code the server writes and util.js does not list is fine:
// the page falls back on its HTTP status.
func TestPageKnowsOnlyServerErrorCodes(t *testing.T) {
	js, err := os.ReadFile(filepath.Join("static", "js", "util.js"))
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)const BY_CODE = \{(.*?)\n\};`).FindSubmatch(js)
	if block == nil {
		t.Fatal("util.js has no BY_CODE table")
	}
	page := regexp.MustCompile(`(?m)^\s+([a-z_]+):`).FindAllSubmatch(block[1], -1)
	if len(page) == 0 {
		t.Fatal("BY_CODE lists no codes")
	}
	emitted := map[string]bool{"network": true, "aborted": true} // made by api.js
	written := regexp.MustCompile(`(abort\(c, [^,]+, |abortParam\(c, [^,]+, |code = [^"\n]*|(?:FailJob|FailClip)\([^,]+, [^,]+, |writeError\(c, [^,]+, |Code: )"([a-z_]+)"`)
	// The whole module: the workers' codes are written in queue/, not api/.
	err = filepath.WalkDir(filepath.Join("..", ".."), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && d.Name() != "." && d.Name() != "..") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range written.FindAllSubmatch(b, -1) {
			emitted[string(m[2])] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range page {
		if !emitted[string(m[1])] {
			t.Errorf("util.js explains error code %q, which the server never writes", m[1])
		}
	}
}
