package main_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// readmeBlock is a shell example of README.md marked to be run: the fenced
// sh block right after a line "<!-- readme-test: KIND -->".
type readmeBlock struct {
	kind string // "api": against a server; "cli": the command line with the engine
	line int    // where the block starts in README.md
	text string
}

var readmeMarker = regexp.MustCompile(`^<!-- readme-test: (api|cli) -->$`)

func readmeBlocks(t *testing.T, path string) []readmeBlock {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	var out []readmeBlock
	for i := 0; i < len(lines); i++ {
		m := readmeMarker.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		if i+1 >= len(lines) || lines[i+1] != "```sh" {
			t.Fatalf("README.md:%d: a readme-test marker must be followed by a ```sh block", i+1)
		}
		start := i + 2
		end := start
		for end < len(lines) && lines[end] != "```" {
			end++
		}
		out = append(out, readmeBlock{kind: m[1], line: start + 1, text: strings.Join(lines[start:end], "\n")})
		i = end
	}
	return out
}

// The recording and article of the examples: what the scripted engine
// "hears" is the article's first quotation, said; its second is not.
const (
	readmeSpoken  = "قال وزير التعليم إن الحكومة ستواصل العمل من أجل تحسين الخدمات للمواطنين في كل المحافظات"
	readmeArticle = "الرباط | الاثنين 7 ديسمبر 2026 - 10:15\n\nوزير التعليم يعد بتحسين الخدمات\n\n" +
		"قال وزير التعليم إن «الحكومة ستواصل العمل من أجل تحسين الخدمات للمواطنين في كل المحافظات». " +
		"وأضاف: «سنفتح مئة مدرسة جديدة هذا العام».\n"
)

// TestREADMEExamples runs the README's marked examples as a newcomer pastes
// them, from a directory that holds bin/newsscribe, talk.m4a and
// article.txt: the API ones (the quick start, search, the library with a
// real cursor, the two Word downloads, …) in one shell against the real
// server with the scripted engine (api/internal/testserver) on loopback,
// "localhost:8080" standing for its address; the command-line ones with the
// product binary when it has the engine (a stub model stands for the
// downloaded one).
func TestREADMEExamples(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "jq", "ffmpeg"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("skipping: %s is not installed (make deps)", tool)
		}
	}
	blocks := readmeBlocks(t, "../../README.md")
	kinds := map[string]int{}
	for _, b := range blocks {
		kinds[b.kind]++
	}
	if kinds["api"] < 4 || kinds["cli"] < 1 {
		t.Fatalf("README.md marks %d API and %d command-line examples, want the quick start's and at least 4 API blocks", kinds["api"], kinds["cli"])
	}
	dir := t.TempDir()
	work := filepath.Join(dir, "work")
	for _, d := range []string{filepath.Join(work, "bin"), filepath.Join(dir, "models"), filepath.Join(dir, "data")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	run := func(name string, args ...string) {
		t.Helper()
		cmd := exec.CommandContext(ctx, name, args...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
	}
	// The product binary, with the engine when libwhisper is installed.
	engine := exec.Command("pkg-config", "--exists", "whisper").Run() == nil
	tags := ""
	if engine {
		tags = "whisper"
	}
	run("go", "build", "-tags", tags, "-o", filepath.Join(work, "bin", "newsscribe"), "github.com/newsscribe/newsscribe/cmd/newsscribe")
	run("go", "build", "-o", filepath.Join(dir, "testserver"), "github.com/newsscribe/newsscribe/api/internal/testserver")
	run("ffmpeg", "-nostdin", "-v", "error", "-i", transcribetest.Testdata("arabic-espeak.wav"), "-c:a", "aac", "-b:a", "64k", filepath.Join(work, "talk.m4a"))
	for name, text := range map[string]string{filepath.Join(work, "article.txt"): readmeArticle, filepath.Join(dir, "spoken.txt"): readmeSpoken} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("cli", func(t *testing.T) {
		if !engine {
			t.Skip("skipping the command-line examples: libwhisper is not installed (pkg-config whisper)")
		}
		stub := filepath.Join(transcribetest.Shared(t, "whisper", "for-tests-ggml-tiny.bin"), "for-tests-ggml-tiny.bin")
		env := []string{"NEWSSCRIBE_MODEL=" + stub, "NEWSSCRIBE_MODELS_DIR=" + filepath.Join(dir, "models"),
			"NEWSSCRIBE_CACHE_DIR=" + filepath.Join(dir, "cache")}
		out := runBlocks(t, ctx, work, env, blocks, "cli", nil)
		// The stub model has no trained weights: what it "hears" is noise,
		// so the check finds the quotations not said; the commands ran.
		for _, want := range []string{"wrote talk.json", "فحص الاقتباسات — اقتباسان"} {
			if !strings.Contains(out, want) {
				t.Errorf("command-line examples: output lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("api", func(t *testing.T) {
		addr := startTestServer(t, ctx, filepath.Join(dir, "testserver"), "--data-dir", filepath.Join(dir, "data"),
			"--spoken", filepath.Join(dir, "spoken.txt"), "--step-delay", "20ms")
		out := runBlocks(t, ctx, work, nil, blocks, "api", strings.NewReplacer("localhost:8080", addr))
		for _, want := range []string{
			// The quick start's check, in the labels' summary forms.
			"فحص الاقتباسات — اقتباسان: 1 " + align.VerdictVerbatim.Label().One + "، 1 " + align.VerdictNotSaid.Label().One,
			"transcript talk.m4a: الحكومة ستواصل العمل من أجل تحسين الخدمات", // search: the transcript's hit
		} {
			if !strings.Contains(out, want) {
				t.Errorf("API examples: output lacks %q:\n%s", want, out)
			}
		}
		// The library's second page (a real cursor) lists a job.
		if !regexp.MustCompile(`(?m)^tr_[0-9a-f]+ (done|queued|running) `).MatchString(out) {
			t.Errorf("API examples: no job listed from the library's second page:\n%s", out)
		}
		// Both Word downloads were saved, side by side.
		for _, pat := range []string{"newsscribe-tr_*-transcript.docx", "newsscribe-tr_*-quote-check.docx"} {
			if m, _ := filepath.Glob(filepath.Join(work, pat)); len(m) != 1 {
				t.Errorf("API examples: %d files %s in the directory, want 1", len(m), pat)
			}
		}
	})
}

// runBlocks runs the README's blocks of kind in one bash (so that $id
// carries over), in dir, each line as written (after rewrite); it fails
// the test with the block that failed and returns the output.
func runBlocks(t *testing.T, ctx context.Context, dir string, env []string, blocks []readmeBlock, kind string, rewrite *strings.Replacer) string {
	t.Helper()
	var script strings.Builder
	script.WriteString("set -euo pipefail\nexport PATH=\"$PWD/bin:$PATH\"\n")
	for _, b := range blocks {
		if b.kind != kind {
			continue
		}
		text := b.text
		if rewrite != nil {
			text = rewrite.Replace(text)
		}
		fmt.Fprintf(&script, "echo '>>> README.md:%d' >&2\n%s\n", b.line, text)
	}
	cmd := exec.CommandContext(ctx, "bash", "-c", script.String())
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("README examples (%s) failed: %v\nstdout:\n%s\nstderr (the last >>> names the block):\n%s", kind, err, out.String(), errb.String())
	}
	t.Logf("README examples (%s):\n%s", kind, out.String())
	return out.String() + errb.String()
}

// startTestServer starts the test server on a free loopback port and
// returns its host:port once it listens; it is stopped with the test.
func startTestServer(t *testing.T, ctx context.Context, bin string, args ...string) string {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, append([]string{"--listen", "127.0.0.1:0"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			var m map[string]any
			if json.Unmarshal(sc.Bytes(), &m) == nil && m["msg"] == "listening" {
				if a, ok := m["addr"].(string); ok {
					addr <- a
				}
			}
		}
	}()
	select {
	case a := <-addr:
		return a
	case <-time.After(60 * time.Second):
		t.Fatal("the test server did not listen within 60 s")
	}
	return ""
}
