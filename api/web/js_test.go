package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/internal/errcode"
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
// error code util.js explains is one the server writes (package errcode,
// whose constants are the only codes the API, the workers and the pages
// write; TestCodesAreConstants holds the source to that), or one of the two
// the page makes itself. A code the server writes and util.js does not list
// is fine: the page falls back on its HTTP status.
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
	for _, c := range errcode.All {
		emitted[string(c)] = true
	}
	for _, m := range page {
		if !emitted[string(m[1])] {
			t.Errorf("util.js explains error code %q, which the server never writes", m[1])
		}
	}
}
