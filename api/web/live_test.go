package web_test

import (
	"context"
	"encoding/hex"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/live"
)

// TestLiveAudioScript runs the live page's audio-link tests under node and
// checks that the page's frames are byte for byte the server's
// (live.AppendFrame), which ParseFrame reads.
func TestLiveAudioScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found on PATH; the JavaScript tests need Node.js 18 or later (make deps installs it)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, node, "--test", "e2e/live.unit.test.mjs").CombinedOutput(); err != nil {
		t.Fatalf("node --test e2e/live.unit.test.mjs: %v\n%s", err, out)
	}
	samples := []float32{0, 0.25, -0.5, 1, -1, 0.001}
	script := `import { frameBytes } from './static/js/live-audio.js';
process.stdout.write(Buffer.from(frameBytes(1234567, Float32Array.from([0, 0.25, -0.5, 1, -1, 0.001]))).toString('hex'));`
	out, err := exec.CommandContext(ctx, node, "--input-type=module", "-e", script).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	if want := hex.EncodeToString(live.AppendFrame(nil, 1234567, samples)); strings.TrimSpace(string(out)) != want {
		t.Errorf("the page's frame\n%s\nthe server's\n%s", out, want)
	}
}
