package cli_test

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/cmd/newsscribe/cli"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// runModels runs a command line with no standard input.
func runModels(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errw bytes.Buffer
	code = cli.Run(context.Background(), args, strings.NewReader(""), &out, &errw)
	return code, out.String(), errw.String()
}

func TestModelsList(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := runModels(t, "models", "list", "--models-dir", dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{models.DefaultModel, models.VADModel, "large-v3", "default", dir, "English-only"} {
		if !strings.Contains(out, want) {
			t.Errorf("list output lacks %q:\n%s", want, out)
		}
	}
	// Each Whisper model's abilities (issue 22): turbo cannot translate.
	for _, tt := range []struct{ name, can, arabic, speed string }{
		{models.DefaultModel, "multilingual, no translation", "high", "~8x"},
		{models.DefaultTranslationModel, "multilingual, translates", "good", "~2x"},
		{"small", "multilingual, translates", "fair", "~4x"},
	} {
		var line string
		for _, l := range strings.Split(out, "\n") {
			if f := strings.Fields(l); len(f) > 0 && f[0] == tt.name {
				line = l
			}
		}
		if !strings.Contains(line, tt.can) || !strings.Contains(line, " "+tt.arabic+" ") || !strings.Contains(line, tt.speed) {
			t.Errorf("%s: got line %q, want %q, Arabic %s, speed %s", tt.name, line, tt.can, tt.arabic, tt.speed)
		}
	}
}

func TestModelsPathAndVerify(t *testing.T) {
	shared := transcribetest.Shared(t, "whisper", "for-tests-silero-v6.2.0-ggml.bin")
	dir := t.TempDir()
	t.Setenv(models.DirEnv, dir)

	code, _, errOut := runModels(t, "models", "path", models.VADModel)
	if code == 0 || !strings.Contains(errOut, "models pull "+models.VADModel) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("path of a missing model: exit %d, stderr %q; want one line telling to pull", code, errOut)
	}
	b, err := os.ReadFile(filepath.Join(shared, "for-tests-silero-v6.2.0-ggml.bin"))
	if err != nil {
		t.Fatal(err)
	}
	vad, _ := models.Lookup(models.VADModel)
	if err := os.WriteFile(models.Path(vad, dir), b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runModels(t, "models", "path", models.VADModel)
	if code != 0 || strings.TrimSpace(out) != models.Path(vad, dir) {
		t.Errorf("path: exit %d, out %q, err %q", code, out, errOut)
	}
	code, out, _ = runModels(t, "models", "verify")
	if code != 0 || !strings.HasPrefix(out, "ok\t"+models.VADModel) {
		t.Errorf("verify: exit %d, out %q", code, out)
	}
	// A damaged copy fails verification with exit code 1.
	b[len(b)/2] ^= 1
	os.WriteFile(models.Path(vad, dir), b, 0o644)
	code, out, _ = runModels(t, "models", "verify", models.VADModel)
	if code != 1 || !strings.HasPrefix(out, "BAD\t") {
		t.Errorf("verify damaged: exit %d, out %q", code, out)
	}
}

func TestModelsPullFromMirror(t *testing.T) {
	shared := transcribetest.Shared(t, "whisper", "for-tests-silero-v6.2.0-ggml.bin")
	b, err := os.ReadFile(filepath.Join(shared, "for-tests-silero-v6.2.0-ggml.bin"))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		w.Write(b)
	}))
	defer ts.Close()
	dir := t.TempDir()
	t.Setenv(models.URLEnv, ts.URL)
	code, out, errOut := runModels(t, "models", "pull", "--models-dir", dir, models.VADModel)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	vad, _ := models.Lookup(models.VADModel)
	if strings.TrimSpace(out) != models.Path(vad, dir) {
		t.Errorf("got %q, want the model's path", out)
	}
	if want := "/" + vad.Repo + "/resolve/main/" + vad.File; len(paths) != 1 || paths[0] != want {
		t.Errorf("requests: got %v, want [%s]", paths, want)
	}
	if !strings.Contains(errOut, "100%") {
		t.Errorf("progress on stderr: got %q, want a line with 100%%", errOut)
	}
}

// TestModelsPullOfflineNamesEveryURL: `models pull` with no name, offline,
// tries every model serve uses by default — the model, the translation
// model and the VAD model — and names each one's URL on the configured
// mirror.
func TestModelsPullOfflineNamesEveryURL(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mirror := "http://" + l.Addr().String()
	l.Close() // nobody listens: connection refused
	t.Setenv(models.URLEnv, mirror)
	code, _, errOut := runModels(t, "models", "pull", "--models-dir", t.TempDir())
	if code == 0 {
		t.Fatal("exit 0 while offline")
	}
	for _, name := range []string{models.DefaultModel, models.DefaultTranslationModel, models.VADModel} {
		m, _ := models.Lookup(name)
		if want := mirror + "/" + m.Repo + "/resolve/main/" + m.File; !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %s:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "huggingface.co") {
		t.Errorf("stderr names the default host although %s is set:\n%s", models.URLEnv, errOut)
	}
}
