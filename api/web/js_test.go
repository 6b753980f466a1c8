package web_test

import (
	"context"
	"os/exec"
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
