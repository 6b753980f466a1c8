package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// writeTone writes seconds of a loud tone: speech, for the checks.
func writeTone(t *testing.T, path string, seconds float64) {
	t.Helper()
	samples := make([]float32, int(seconds*audio.SampleRate))
	for i := range samples {
		samples[i] = 0.3
		if i%40 < 20 {
			samples[i] = -0.3
		}
	}
	var buf bytes.Buffer
	if err := audio.WriteWAV(&buf, samples); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// translating answers the translate task with text, the transcription in Arabic.
func translating(text string) *transcribetest.Scripted {
	return &transcribetest.Scripted{Result: func(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
		d := float64(len(samples)) / audio.SampleRate
		seg := transcribe.Segment{Start: 0, End: d, Text: "مرحبا بكم"}
		if opts.Translate {
			seg.Text = text
		}
		return &transcribe.Transcript{Language: "ar", Duration: d, Text: seg.Text, Segments: []transcribe.Segment{seg}}, nil
	}}
}

// TestTranscribeTranslate: `transcribe --task translate` follows the
// server's rules — the translation model, never the model that cannot
// translate; refused at once, naming the model and the pull command, when
// it is not downloaded; output that is not English is an error, not a file.
func TestTranscribeTranslate(t *testing.T) {
	dir := t.TempDir()
	turbo, medium := transcribetest.ReleaseModel(t, dir, "large-v3-turbo"), transcribetest.ReleaseModel(t, dir, "medium")
	in := filepath.Join(dir, "talk.wav")
	writeTone(t, in, 3)
	out := filepath.Join(dir, "talk.json")

	eng := translating("Welcome to you")
	code, _, stderr, _ := execute(t, eng, true, "--models-dir", t.TempDir(), "--model", turbo, "--task", "translate", "--no-vad", in)
	if code == 0 || !strings.Contains(stderr, "--translation-model") || !strings.Contains(stderr, "newsscribe models pull "+models.DefaultTranslationModel) {
		t.Errorf("no translation model: exit %d, stderr %q; want the flag, the model and the pull command", code, stderr)
	}
	if _, err := os.Stat(out); err == nil || eng.Calls() != 0 {
		t.Errorf("no translation model: output written or engine called (%d calls)", eng.Calls())
	}
	code, _, stderr, _ = execute(t, eng, true, "--models-dir", t.TempDir(), "--translation-model", turbo, "--task", "translate", "--no-vad", in)
	if code == 0 || !strings.Contains(stderr, "cannot translate") {
		t.Errorf("--translation-model turbo: exit %d, stderr %q; want cannot translate", code, stderr)
	}

	code, _, stderr, cfg := execute(t, eng, true, "--models-dir", t.TempDir(), "--model", turbo, "--translation-model", medium, "--task", "translate", "--no-vad", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(out)
	if cfg.ModelPath != medium || !strings.Contains(string(b), "Welcome to you") || !strings.Contains(string(b), `"machine_translation": true`) {
		t.Errorf("loaded %s, wrote %s; want the translation model and a machine translation", cfg.ModelPath, b)
	}
	os.Remove(out)

	code, _, stderr, _ = execute(t, translating("مرحبا بكم"), true, "--translation-model", medium, "--task", "translate", "--no-vad", in)
	if code == 0 || !strings.Contains(stderr, "not translated") || !strings.Contains(stderr, "Arabic script") {
		t.Errorf("Arabic out: exit %d, stderr %q; want not translated", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("Arabic out: an output was written")
	}
	if code, _, stderr, _ = execute(t, eng, true, "--task", "summarise", in); code == 0 || !strings.Contains(stderr, "--task") {
		t.Errorf("--task summarise: exit %d, stderr %q", code, stderr)
	}
}

// TestTranscribeDetectedLanguage: with --language auto, a language other
// than Arabic is said on stderr.
func TestTranscribeDetectedLanguage(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "talk.wav")
	writeTone(t, in, 1)
	eng := translating("")
	eng.Detected, eng.DetectedProbability = "en", 0.8
	code, _, stderr, _ := execute(t, eng, true, "--model", tinyModel(t, dir), "--no-vad", "--language", "auto", "-o", filepath.Join(dir, "out.json"), in)
	if code != 0 || !strings.Contains(stderr, "Whisper detected English (probability 0.80)") {
		t.Errorf("exit %d, stderr %q; want the detected language said", code, stderr)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "out.json"))
	if !strings.Contains(string(b), `"language_probability": 0.8`) {
		t.Errorf("output %s lacks the language probability", b)
	}
}
