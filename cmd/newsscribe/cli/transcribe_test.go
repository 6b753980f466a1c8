package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/cmd/newsscribe/cli"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// tinyModel writes a minimal well-formed ggml Whisper file that
// models.Resolve accepts.
func tinyModel(t *testing.T, dir string) string {
	t.Helper()
	p, err := transcribetest.TinyModel(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func writeWAV(t *testing.T, path string, seconds float64) {
	t.Helper()
	var buf bytes.Buffer
	if err := audio.WriteWAV(&buf, make([]float32, int(seconds*audio.SampleRate))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// scripted returns one segment whose text names the input's duration, so
// that each output can be traced to its input.
func scripted() *transcribetest.Scripted {
	return &transcribetest.Scripted{Result: func(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
		d := float64(len(samples)) / audio.SampleRate
		seg := transcribe.Segment{Start: 0, End: d, Text: "مرحبا بكم.", Words: []transcribe.Word{{Word: "مرحبا", Start: 0, End: d / 2, Probability: 0.9}, {Word: "بكم.", Start: d / 2, End: d, Probability: 0.8}}}
		return &transcribe.Transcript{Language: opts.Language, Duration: d, Text: seg.Text, Segments: []transcribe.Segment{seg}}, nil
	}}
}

func execute(t *testing.T, engine transcribe.Engine, available bool, args ...string) (code int, stdout, stderr string, cfg whisper.Config) {
	t.Helper()
	return executeWithInput(t, engine, available, strings.NewReader(""), args...)
}

func executeWithInput(t *testing.T, engine transcribe.Engine, available bool, in io.Reader, args ...string) (code int, stdout, stderr string, cfg whisper.Config) {
	t.Helper()
	err, stdout, stderr, cfg := executeWith(context.Background(), t, engine, available, in, args...)
	if err != nil {
		stderr += "ERROR: " + err.Error() + "\n"
		code = 1
	}
	return code, stdout, stderr, cfg
}

// executeWith runs the transcribe command with engine, ctx and in as
// standard input; it returns the command's error and what it wrote.
func executeWith(ctx context.Context, t *testing.T, engine transcribe.Engine, available bool, in io.Reader, args ...string) (err error, stdout, stderr string, cfg whisper.Config) {
	t.Helper()
	var out, errw bytes.Buffer
	cmd := cli.TranscribeCmdWithEngine(cli.Streams{In: in, Out: &out, Err: &errw}, engine, available, &cfg)
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errw)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err = cmd.ExecuteContext(ctx)
	return err, out.String(), errw.String(), cfg
}

func TestTranscribeWritesOneOutputPerInput(t *testing.T) {
	dir := t.TempDir()
	model := tinyModel(t, dir)
	a, b := filepath.Join(dir, "a.wav"), filepath.Join(dir, "b.wav")
	writeWAV(t, a, 1)
	writeWAV(t, b, 2)
	bad := filepath.Join(dir, "notes.txt")
	os.WriteFile(bad, []byte("not audio at all"), 0o644)

	code, _, stderr, cfg := execute(t, scripted(), true, "--model", model, "--models-dir", dir, "--format", "srt", a, bad, b)
	if code == 0 {
		t.Errorf("exit 0 with a failed input, want non-zero")
	}
	if !strings.Contains(stderr, "notes.txt") {
		t.Errorf("stderr does not name the failed input: %q", stderr)
	}
	for _, p := range []string{filepath.Join(dir, "a.srt"), filepath.Join(dir, "b.srt")} {
		got, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("output %s: %v", p, err)
			continue
		}
		if !strings.Contains(string(got), "\u202bمرحبا بكم.\u202c") {
			t.Errorf("%s: got %q, want an RTL-wrapped cue", p, got)
		}
	}
	if cfg.ModelPath != model {
		t.Errorf("engine model: got %q, want %q", cfg.ModelPath, model)
	}
	if cfg.VADModelPath != "" {
		t.Errorf("VAD model %q configured though none is in the models dir", cfg.VADModelPath)
	}
}

func TestTranscribeOutputDirAndStdout(t *testing.T) {
	dir := t.TempDir()
	model := tinyModel(t, dir)
	a, b := filepath.Join(dir, "a.wav"), filepath.Join(dir, "sub", "b.wav")
	os.MkdirAll(filepath.Dir(b), 0o755)
	writeWAV(t, a, 1)
	writeWAV(t, b, 3)
	outDir := filepath.Join(dir, "out")
	code, _, stderr, _ := execute(t, scripted(), true, "--model", model, "-o", outDir, "--language", "ar", a, b)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for name, want := range map[string]float64{"a.json": 1, "b.json": 3} {
		raw, err := os.ReadFile(filepath.Join(outDir, name))
		if err != nil {
			t.Fatal(err)
		}
		var tr transcribe.Transcript
		if err := json.Unmarshal(raw, &tr); err != nil {
			t.Fatal(err)
		}
		if tr.Duration != want || tr.Language != "ar" {
			t.Errorf("%s: got duration %v language %q, want %v ar", name, tr.Duration, tr.Language, want)
		}
	}
	if !strings.Contains(stderr, "a.wav: 100%") {
		t.Errorf("plain progress lines on a non-terminal: got %q", stderr)
	}

	code, stdout, stderr, _ := execute(t, scripted(), true, "--model", model, "-o", "-", "--format", "txt", a)
	if code != 0 || stdout != "مرحبا بكم.\n" {
		t.Errorf("stdout txt: exit %d, got %q (%s)", code, stdout, stderr)
	}
}

// TestTranscribeStdin reads the recording from standard input for "-" and,
// without -o, writes the transcript to standard output.
func TestTranscribeStdin(t *testing.T) {
	dir := t.TempDir()
	model := tinyModel(t, dir)
	a := filepath.Join(dir, "a.wav")
	writeWAV(t, a, 2)
	f, err := os.Open(a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	code, stdout, stderr, _ := executeWithInput(t, scripted(), true, f, "--model", model, "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var tr transcribe.Transcript
	if err := json.Unmarshal([]byte(stdout), &tr); err != nil {
		t.Fatalf("stdout is not a transcript: %v (%q)", err, stdout)
	}
	if tr.Duration != 2 {
		t.Errorf("got duration %v, want 2", tr.Duration)
	}
	if code, _, _, _ := execute(t, scripted(), true, "--model", model, "-", a); code == 0 {
		t.Errorf("standard input with another input: got exit 0, want an error")
	}
}

func TestTranscribeWithoutEngine(t *testing.T) {
	var out, errw bytes.Buffer
	cmd := cli.TranscribeCmdWithEngine(cli.Streams{Out: &out, Err: &errw}, scripted(), false, nil)
	cmd.SetArgs([]string{"x.wav"})
	cmd.SetOut(&out)
	cmd.SetErr(&errw)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.ExecuteContext(context.Background())
	if !errors.Is(err, transcribe.ErrNoEngine) {
		t.Errorf("got %v, want ErrNoEngine", err)
	}
}

func TestTranscribeMissingModel(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.wav")
	writeWAV(t, a, 1)
	code, _, stderr, _ := execute(t, scripted(), true, "--models-dir", dir, a)
	if code == 0 || !strings.Contains(stderr, "models pull") {
		t.Errorf("exit %d, stderr %q: want advice to pull the model", code, stderr)
	}
	code, _, stderr, _ = execute(t, scripted(), true, "--models-dir", dir, "--model", tinyModel(t, dir), "--vad", a)
	if code == 0 || !strings.Contains(stderr, "models pull silero") {
		t.Errorf("--vad without the VAD model: exit %d, stderr %q", code, stderr)
	}
}

func TestTranscribeWithArticle(t *testing.T) {
	dir := t.TempDir()
	model := tinyModel(t, dir)
	in := filepath.Join(dir, "talk.wav")
	writeWAV(t, in, 2)
	article := filepath.Join(dir, "article.txt")
	os.WriteFile(article, []byte("قال الوزير في افتتاح اللقاء: «مرحبا بكم».\nثم غادر القاعة.\n"), 0o644)

	code, _, stderr, _ := execute(t, scripted(), true, "--model", model, "--models-dir", dir, "--article", article, "--format", "html", in)
	if code != 0 {
		t.Fatalf("got exit code %d (%s), want 0", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "talk.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `dir="rtl"`) || !strings.Contains(string(page), `class="q verbatim"`) {
		t.Errorf("got a page without the spoken quotation:\n%s", page)
	}

	code, stdout, stderr, _ := execute(t, scripted(), true, "--model", model, "--models-dir", dir, "--article", article, "-o", "-", in)
	if code != 0 {
		t.Fatalf("json: got exit code %d (%s), want 0", code, stderr)
	}
	var r struct {
		Quotes []struct{ Status string } `json:"quotes"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil || len(r.Quotes) != 1 || r.Quotes[0].Status != "spoken" {
		t.Errorf("got %q (%v), want the aligned article's JSON with one spoken quotation", stdout, err)
	}

	for _, tt := range []struct{ name, format, article, want string }{
		{"txt is not an article format", "txt", article, "unknown format"},
		{"missing article", "json", filepath.Join(dir, "none.txt"), "article:"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr, _ := execute(t, scripted(), true, "--model", model, "--models-dir", dir, "--article", tt.article, "--format", tt.format, in)
			if code == 0 || !strings.Contains(stderr, tt.want) {
				t.Errorf("got exit code %d and %q, want an error mentioning %q", code, stderr, tt.want)
			}
		})
	}
}

// TestTranscribeArticleNotPrompted: transcribe --article recognises the
// recording without the article's quotation in the engine's prompt (it
// would bias Whisper to "hear" the words the quotation check tests); the
// scripted engine records the options it got.
func TestTranscribeArticleNotPrompted(t *testing.T) {
	dir := t.TempDir()
	model := tinyModel(t, dir)
	in := filepath.Join(dir, "talk.wav")
	writeWAV(t, in, 2)
	article := filepath.Join(dir, "article.txt")
	os.WriteFile(article, []byte("قال الوزير في افتتاح اللقاء: «مرحبا بكم جميعا في هذا اللقاء».\nثم غادر القاعة.\n"), 0o644)
	eng := scripted()
	result := eng.Result
	var prompts []string
	eng.Result = func(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
		prompts = append(prompts, opts.Prompt)
		return result(samples, opts)
	}
	code, _, stderr, _ := execute(t, eng, true, "--model", model, "--models-dir", dir, "--article", article, "--format", "report", in)
	if code != 0 {
		t.Fatalf("got exit code %d (%s), want 0", code, stderr)
	}
	if len(prompts) != 1 || prompts[0] != "" {
		t.Errorf("got prompts %q, want one recognition with no prompt", prompts)
	}
	report, err := os.ReadFile(filepath.Join(dir, "talk.txt"))
	if err != nil || !strings.HasPrefix(string(report), "فحص الاقتباسات — اقتباس واحد") {
		t.Errorf("got report %q (%v), want the quotation check", report, err)
	}
}

func executeCtx(ctx context.Context, t *testing.T, engine transcribe.Engine, args ...string) (err error, stdout, stderr string) {
	t.Helper()
	err, stdout, stderr, _ = executeWith(ctx, t, engine, true, strings.NewReader(""), args...)
	return err, stdout, stderr
}

// TestTranscribeResumesInterruptedRun: transcribe cuts a recording into
// chunks as the server does and keeps each chunk's transcript at once, so a
// run interrupted at its third chunk and started again recognises only the
// chunks not yet done, decodes nothing again, and writes the same transcript
// as a run that was never interrupted; the cache is gone afterwards.
func TestTranscribeResumesInterruptedRun(t *testing.T) {
	dir := t.TempDir()
	model := tinyModel(t, dir)
	in := filepath.Join(dir, "talk.wav")
	writeWAV(t, in, 12)
	cache := filepath.Join(dir, "cache")
	args := []string{"--model", model, "--models-dir", dir, "--cache-dir", cache, "--chunk-length", "2s", in}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first := scripted()
	result := first.Result
	calls := 0
	first.Result = func(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
		if calls++; calls == 3 {
			cancel() // Ctrl-C during the third chunk
			return nil, context.Canceled
		}
		return result(samples, opts)
	}
	err, _, stderr := executeCtx(ctx, t, first, args...)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: got %v, want context.Canceled", err)
	}
	if !strings.Contains(stderr, "stopped at chunk 3 of ") || !strings.Contains(stderr, "run the same command again to resume") {
		t.Errorf("interrupted run: stderr %q, want where it stopped and how to resume", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "talk.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("interrupted run wrote talk.json (%v)", err)
	}

	second := scripted()
	err, stdout, stderr := executeCtx(context.Background(), t, second, args...)
	if err != nil {
		t.Fatalf("resumed run: %v (%s)", err, stderr)
	}
	if strings.Contains(stderr, "decoding") {
		t.Errorf("resumed run decoded the recording again: %q", stderr)
	}
	if !strings.Contains(stderr, "2 resumed") {
		t.Errorf("resumed run: stderr %q, want it to say 2 chunks were resumed", stderr)
	}
	chunks := calls - 1 + second.Calls() // the third was begun, not done
	if chunks < 5 {
		t.Fatalf("a 12 s recording cut into %d chunks of about 2 s, want at least 5", chunks)
	}
	if got, want := second.Calls(), chunks-2; got != want {
		t.Errorf("resumed run recognised %d chunks, want %d (all but the 2 done)", got, want)
	}
	if stdout != "wrote "+filepath.Join(dir, "talk.json")+"\n" {
		t.Errorf("stdout %q, want the output's path", stdout)
	}
	resumed, err := os.ReadFile(filepath.Join(dir, "talk.json"))
	if err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("cache not removed after the output was written: %d entries", len(entries))
	}

	whole := filepath.Join(dir, "whole.json")
	if err, _, stderr := executeCtx(context.Background(), t, scripted(), append(args[:len(args)-1], "-o", whole, in)...); err != nil {
		t.Fatalf("uninterrupted run: %v (%s)", err, stderr)
	}
	want, _ := os.ReadFile(whole)
	if !bytes.Equal(resumed, want) {
		t.Errorf("resumed transcript differs from an uninterrupted run's:\n%s\nwant\n%s", resumed, want)
	}
	var tr transcribe.Transcript
	if err := json.Unmarshal(resumed, &tr); err != nil || tr.Duration != 12 || len(tr.Segments) != chunks {
		t.Errorf("got duration %v and %d segments (%v), want 12 s and one segment per chunk", tr.Duration, len(tr.Segments), err)
	}
}

// TestTranscribeNeverReplacesAnUnnamedFile: an output beside the input
// (or in an -o directory) that exists — a hand-written talk.json — stops the
// command before any recognition, with one line that says what to do; -o
// naming the file, or --force, replaces it; each file written is printed.
func TestTranscribeNeverReplacesAnUnnamedFile(t *testing.T) {
	dir := t.TempDir()
	model := tinyModel(t, dir)
	in := filepath.Join(dir, "talk.wav")
	writeWAV(t, in, 1)
	mine := filepath.Join(dir, "talk.json")
	const handWritten = `{"note": "my own transcript"}`
	os.WriteFile(mine, []byte(handWritten), 0o644)
	common := []string{"--model", model, "--models-dir", dir, "--cache-dir", filepath.Join(dir, "cache")}

	eng := scripted()
	err, stdout, stderr := executeCtx(context.Background(), t, eng, append(common, in)...)
	if err == nil || !strings.Contains(err.Error(), mine+" exists") || !strings.Contains(err.Error(), "--force") {
		t.Errorf("got %v, want a refusal naming %s and --force", err, mine)
	}
	if eng.Calls() != 0 || stdout != "" || strings.Contains(stderr, "%") {
		t.Errorf("refused run did work: %d recognitions, stdout %q, stderr %q", eng.Calls(), stdout, stderr)
	}
	if b, _ := os.ReadFile(mine); string(b) != handWritten {
		t.Fatalf("talk.json was replaced: %q", b)
	}

	outDir := filepath.Join(dir, "out")
	os.MkdirAll(outDir, 0o755)
	os.WriteFile(filepath.Join(outDir, "talk.json"), []byte(handWritten), 0o644)
	if err, _, _ := executeCtx(context.Background(), t, scripted(), append(common, "-o", outDir+"/", in)...); err == nil {
		t.Errorf("-o DIR/ over an existing file: got no error, want a refusal")
	}

	for _, tc := range []struct {
		name string
		args []string
	}{
		{"named with -o", []string{"-o", mine, in}},
		{"--force", []string{"--force", in}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.WriteFile(mine, []byte(handWritten), 0o644)
			err, stdout, stderr := executeCtx(context.Background(), t, scripted(), append(common, tc.args...)...)
			if err != nil {
				t.Fatalf("%v (%s)", err, stderr)
			}
			if b, _ := os.ReadFile(mine); !strings.Contains(string(b), `"segments"`) {
				t.Errorf("talk.json not replaced by the transcript: %q", b)
			}
			if stdout != "wrote "+mine+"\n" {
				t.Errorf("stdout %q, want %q", stdout, "wrote "+mine+"\n")
			}
		})
	}
}

// TestTranscribeLanguageCheckedFirst: an unknown --language is refused with
// one line naming the flag before the model is looked for or the recording
// opened (here neither exists).
func TestTranscribeLanguageCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	eng := scripted()
	err, _, stderr := executeCtx(context.Background(), t, eng, "--models-dir", dir, "--language", "xx", filepath.Join(dir, "none.mp3"))
	if err == nil || !strings.HasPrefix(err.Error(), `--language "xx"`) || !strings.Contains(err.Error(), "ar or en") {
		t.Errorf("got %v, want an error about --language first", err)
	}
	if stderr != "" {
		t.Errorf("stderr %q: work began before the language was checked", stderr)
	}
	if err, _, _ := executeCtx(context.Background(), t, eng, "--models-dir", dir, "--language", "AR", filepath.Join(dir, "none.mp3")); err != nil && strings.Contains(err.Error(), "--language") {
		t.Errorf("--language AR refused: %v", err)
	}
}

// TestTranscribeModelFromEnvironment: NEWSSCRIBE_MODEL, which serve reads,
// names transcribe's model too unless --model is given.
func TestTranscribeModelFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	model := tinyModel(t, dir)
	in := filepath.Join(dir, "a.wav")
	writeWAV(t, in, 1)
	t.Setenv("NEWSSCRIBE_MODEL", model)
	t.Setenv("NEWSSCRIBE_CACHE_DIR", filepath.Join(dir, "cache"))
	code, _, stderr, cfg := execute(t, scripted(), true, "--models-dir", filepath.Join(dir, "none"), in)
	if code != 0 || cfg.ModelPath != model {
		t.Errorf("exit %d (%s), model %q; want %q from NEWSSCRIBE_MODEL", code, stderr, cfg.ModelPath, model)
	}
	code, _, _, _ = execute(t, scripted(), true, "--models-dir", filepath.Join(dir, "none"), "--model", "small", "--force", in)
	if code == 0 {
		t.Error("--model small (not downloaded) was overridden by NEWSSCRIBE_MODEL")
	}
}

// TestInterruptedSaysSo: a command stopped by Ctrl-C (its context
// cancelled) says "interrupted" and exits 130, not "context canceled".
func TestInterruptedSaysSo(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errw bytes.Buffer
	code := cli.Run(ctx, []string{"audio", "probe", "-"}, bytes.NewReader([]byte("RIFF")), &out, &errw)
	if code != 130 || errw.String() != "newsscribe: interrupted\n" {
		t.Errorf("got exit %d, %q; want 130 and \"newsscribe: interrupted\"", code, errw.String())
	}
}
