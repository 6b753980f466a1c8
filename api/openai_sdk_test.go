package api_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
)

// sdkSpoken is what the test server "hears" in the SDK conformance tests:
// two sentences, so two segments.
const sdkSpoken = "قال الرئيس في كلمته اليوم\nإن الحكومة ستواصل العمل من أجل المواطنين"

// startSDKServer runs the real server binary (api/internal/testserver: serve
// with the scripted engine) for the SDK conformance tests. Its model is
// given by path, as an operator with a copied ggml file would; the API names
// it "ggml-tiny".
func startSDKServer(t *testing.T) *proc {
	t.Helper()
	dir := t.TempDir()
	spokenFile := filepath.Join(dir, "spoken.txt")
	if err := os.WriteFile(spokenFile, []byte(sdkSpoken), 0o644); err != nil {
		t.Fatal(err)
	}
	p := startProc(t, "--data-dir", dir, "--steps", "6", "--step-delay", "100ms", "--spoken", spokenFile,
		"--model", filepath.Join(dir, "models", "ggml-tiny.bin"))
	p.waitReady(t)
	return p
}

// TestOpenAIGoSDK is the conformance test with OpenAI's Go SDK
// (github.com/openai/openai-go): every supported endpoint, format and the
// streaming iterator against the real server binary, asserting on the
// SDK's parsed objects.
func TestOpenAIGoSDK(t *testing.T) {
	t.Parallel()
	p := startSDKServer(t)
	client := openai.NewClient(option.WithBaseURL(p.URL+"/v1/"), option.WithAPIKey("sk-anything"), option.WithMaxRetries(0))
	ctx := context.Background()
	words := strings.Fields(strings.ReplaceAll(sdkSpoken, "\n", " "))
	fullText := strings.Join(words, " ")
	clip := func(i int) *bytes.Reader { return bytes.NewReader(wav(1, float64(300+i))) }

	t.Run("models", func(t *testing.T) {
		page, err := client.Models.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, m := range page.Data {
			ids = append(ids, m.ID)
		}
		if strings.Join(ids, ",") != "ggml-tiny,whisper-1,gpt-4o-transcribe,gpt-4o-mini-transcribe" {
			t.Errorf("models: got %v", ids)
		}
		m, err := client.Models.Get(ctx, "whisper-1")
		if err != nil || m.ID != "whisper-1" || m.OwnedBy != "newsscribe" {
			t.Errorf("get whisper-1: %+v %v", m, err)
		}
		_, err = client.Models.Get(ctx, "tiny")
		var apiErr *openai.Error
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || apiErr.Code != "model_not_found" {
			t.Errorf("get unknown model: got %v", err)
		}
	})

	for i, model := range []string{"ggml-tiny", openai.AudioModelWhisper1, openai.AudioModelGPT4oMiniTranscribe} {
		t.Run("json "+model, func(t *testing.T) {
			tr, err := client.Audio.Transcriptions.New(ctx, openai.AudioTranscriptionNewParams{
				File: openai.File(clip(i), "talk.wav", "audio/wav"), Model: model, Language: openai.String("ar"),
			})
			if err != nil {
				t.Fatal(err)
			}
			if tr.Text != fullText {
				t.Errorf("text: got %q, want %q", tr.Text, fullText)
			}
		})
	}

	t.Run("verbose_json words and segments", func(t *testing.T) {
		tr, err := client.Audio.Transcriptions.New(ctx, openai.AudioTranscriptionNewParams{
			File: openai.File(clip(10), "talk.wav", "audio/wav"), Model: openai.AudioModelWhisper1,
			ResponseFormat: openai.AudioResponseFormatVerboseJSON, TimestampGranularities: []string{"word", "segment"},
			Temperature: openai.Float(0.2), Prompt: openai.String("الرئيس الحكومة"),
		})
		if err != nil {
			t.Fatal(err)
		}
		v := tr.AsTranscriptionVerbose()
		if v.Language != "arabic" || v.Duration != 1 || v.Text != fullText || len(v.Segments) != 2 || len(v.Words) != len(words) {
			t.Fatalf("got language %q duration %v text %q, %d segments, %d words", v.Language, v.Duration, v.Text, len(v.Segments), len(v.Words))
		}
		if v.Segments[1].ID != 1 || v.Segments[1].Start <= 0 || v.Words[1].Word != words[1] || v.Words[1].End <= v.Words[1].Start {
			t.Errorf("segment 1 %+v, word 1 %+v", v.Segments[1], v.Words[1])
		}
	})

	for i, f := range []openai.AudioResponseFormat{openai.AudioResponseFormatText, openai.AudioResponseFormatSRT, openai.AudioResponseFormatVTT} {
		t.Run(string(f), func(t *testing.T) {
			// The SDK's documented way for the text formats: Client.Post
			// with a *string destination.
			var out string
			err := client.Post(ctx, "audio/transcriptions", openai.AudioTranscriptionNewParams{
				File: openai.File(clip(20+i), "talk.wav", "audio/wav"), Model: openai.AudioModelWhisper1, ResponseFormat: f,
			}, &out)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, words[1]) || strings.ContainsAny(out, "\u202b\u202c") {
				t.Errorf("got %q", out)
			}
			if f == openai.AudioResponseFormatSRT && !strings.HasPrefix(out, "1\n00:00:00,000 --> ") ||
				f == openai.AudioResponseFormatVTT && !strings.HasPrefix(out, "WEBVTT") {
				t.Errorf("got %q", out)
			}
		})
	}

	t.Run("stream", func(t *testing.T) {
		stream := client.Audio.Transcriptions.NewStreaming(ctx, openai.AudioTranscriptionNewParams{
			File: openai.File(clip(30), "talk.wav", "audio/wav"), Model: openai.AudioModelGPT4oMiniTranscribe,
		})
		var deltas []string
		done := ""
		for stream.Next() {
			ev := stream.Current()
			switch ev.Type {
			case "transcript.text.delta":
				deltas = append(deltas, ev.Delta)
			case "transcript.text.done":
				done = ev.Text
			}
		}
		if err := stream.Err(); err != nil {
			t.Fatal(err)
		}
		if len(deltas) != 2 || strings.Join(deltas, "") != fullText || done != fullText {
			t.Errorf("deltas %q, done %q; want 2 deltas adding up to %q", deltas, done, fullText)
		}
	})

	t.Run("translation", func(t *testing.T) {
		tr, err := client.Audio.Translations.New(ctx, openai.AudioTranslationNewParams{
			File: openai.File(clip(40), "talk.wav", "audio/wav"), Model: openai.AudioModelWhisper1,
		})
		if err != nil {
			t.Fatal(err)
		}
		if tr.Text != "The minister opened the new school." {
			t.Errorf("translation: got %q", tr.Text)
		}
		var out string
		err = client.Post(ctx, "audio/translations", openai.AudioTranslationNewParams{
			File: openai.File(clip(41), "talk.wav", "audio/wav"), Model: openai.AudioModelWhisper1,
			ResponseFormat: openai.AudioTranslationNewParamsResponseFormatSRT,
		}, &out)
		if err != nil || !strings.Contains(out, "The minister opened the new school.") {
			t.Errorf("translation srt: got %q %v", out, err)
		}
	})

	t.Run("errors", func(t *testing.T) {
		tests := []struct {
			name   string
			params openai.AudioTranscriptionNewParams
			param  string
		}{
			{"language", openai.AudioTranscriptionNewParams{Language: openai.String("xx")}, "language"},
			{"temperature", openai.AudioTranscriptionNewParams{Temperature: openai.Float(3)}, "temperature"},
			{"model", openai.AudioTranscriptionNewParams{Model: "whisper-2"}, "model"},
			{"prompt", openai.AudioTranscriptionNewParams{Prompt: openai.String(strings.Repeat("word ", 600))}, "prompt"},
		}
		for i, tc := range tests {
			tc.params.File = openai.File(clip(50+i), "talk.wav", "audio/wav")
			if tc.params.Model == "" {
				tc.params.Model = openai.AudioModelWhisper1
			}
			_, err := client.Audio.Transcriptions.New(ctx, tc.params)
			var apiErr *openai.Error
			if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest || apiErr.Type != "invalid_request_error" || apiErr.Param != tc.param || apiErr.Message == "" {
				t.Errorf("%s: got %v, want a 400 invalid_request_error for param %s", tc.name, err, tc.param)
			}
		}
	})
}

// TestOpenAINodeSDK is the conformance test with OpenAI's Node SDK (the
// openai npm package, pinned in api/openaitest/node/package-lock.json and
// installed by make openai-deps): openaitest/node/conformance.mjs calls
// every supported endpoint and format, the streaming iterator, the error
// shape and a client timeout against the real server binary.
func TestOpenAINodeSDK(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node not found; CI installs it (make deps)")
		}
		t.Skip("Node SDK test skipped: node not found (make deps installs nodejs)")
	}
	dir := filepath.Join("openaitest", "node")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "openai", "package.json")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("the openai npm package is not installed; make test runs make openai-deps")
		}
		t.Skip("Node SDK test skipped: the openai package is not installed; run make openai-deps")
	}
	p := startSDKServer(t)
	audioFile := filepath.Join(t.TempDir(), "talk.wav")
	if err := os.WriteFile(audioFile, wav(1, 440), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "conformance.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "BASE_URL="+p.URL+"/v1", "AUDIO="+audioFile, "SPOKEN="+sdkSpoken, "MODEL=ggml-tiny")
	out, err := cmd.CombinedOutput()
	t.Logf("conformance.mjs:\n%s", out)
	if err != nil {
		t.Fatalf("conformance.mjs: %v", err)
	}
	if !strings.Contains(string(out), " passed, 0 failed") {
		t.Errorf("conformance.mjs did not finish its checks")
	}
}
