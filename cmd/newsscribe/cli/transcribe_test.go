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
	var out, errw bytes.Buffer
	cmd := cli.TranscribeCmdWithEngine(cli.Streams{In: in, Out: &out, Err: &errw}, engine, available, &cfg)
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errw)
	err := cmd.ExecuteContext(context.Background())
	if err != nil {
		errw.WriteString("ERROR: " + err.Error() + "\n")
		code = 1
	}
	return code, out.String(), errw.String(), cfg
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
	if err != nil || !strings.HasPrefix(string(report), "فحص الاقتباسات — 1 اقتباسات") {
		t.Errorf("got report %q (%v), want the quotation check", report, err)
	}
}
