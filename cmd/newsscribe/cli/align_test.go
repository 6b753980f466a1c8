package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/cmd/newsscribe/cli"
	"github.com/newsscribe/newsscribe/export"
	"github.com/newsscribe/newsscribe/transcribe"
)

const alignArticle = "قالت الوزيرة: “نحن نعول على انخراط الأسر والأطر الصحية، فالوقاية خير من العلاج”.\n"

func writeAlignInputs(t *testing.T) (dir, transcriptPath, articlePath string) {
	t.Helper()
	dir = t.TempDir()
	var words []transcribe.Word
	for i, w := range strings.Fields("نحن نعول على انخراط الأسر والأطر الصحية فالوقاية خير من العلاج") {
		words = append(words, transcribe.Word{Word: w, Start: float64(i) * 0.4, End: float64(i)*0.4 + 0.35, Probability: 0.9})
	}
	tr := transcribe.Transcript{Language: "ar", Duration: 5, Segments: []transcribe.Segment{{Start: 0, End: 4.35, Words: words}}}
	b, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	transcriptPath, articlePath = filepath.Join(dir, "t.json"), filepath.Join(dir, "a.txt")
	if err := os.WriteFile(transcriptPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(articlePath, []byte(alignArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, transcriptPath, articlePath
}

func TestAlignCommand(t *testing.T) {
	dir, tp, ap := writeAlignInputs(t)
	out := filepath.Join(dir, "aligned.json")
	var stdout, stderr bytes.Buffer
	if code := cli.Run(context.Background(), []string{"align", "--transcript", tp, "--article", ap, "-o", out}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("got exit code %d (%s), want 0", code, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var r align.Result
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if len(r.Quotes) != 1 || r.Quotes[0].Status != align.StatusSpoken {
		t.Errorf("got quotes %+v, want one spoken quotation", r.Quotes)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("got %d files in the output directory, want 3 (no temporary file left)", len(entries))
	}

	stdout.Reset()
	if code := cli.Run(context.Background(), []string{"align", "--transcript", tp, "--article", ap, "--format", "vtt"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("vtt: got exit code %d (%s), want 0", code, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "WEBVTT\n\n1\n00:00:00.000 --> ") {
		t.Errorf("got %q, want WebVTT on standard output", stdout.String())
	}

	stdout.Reset()
	if code := cli.Run(context.Background(), []string{"align", "--transcript", tp, "--article", ap, "--format", "report"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("report: got exit code %d (%s), want 0", code, stderr.String())
	}
	if got := stdout.String(); !strings.HasPrefix(got, "فحص الاقتباسات — اقتباس واحد") || !strings.Contains(got, "(verbatim)") {
		t.Errorf("got %q, want the quotation check with one verbatim quotation", got)
	}
}

func TestAlignCommandErrors(t *testing.T) {
	dir, tp, ap := writeAlignInputs(t)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"segments": [ {"words": [}`), 0o644)
	trunc := filepath.Join(dir, "trunc.json")
	os.WriteFile(trunc, []byte(`{"segments": [`), 0o644)
	wrong := filepath.Join(dir, "wrong.json")
	os.WriteFile(wrong, []byte(`{"segments": "no"}`), 0o644)
	empty := filepath.Join(dir, "empty-object.json")
	os.WriteFile(empty, []byte(`{}`), 0o644)
	arabic := filepath.Join(dir, "arabic.json")
	os.WriteFile(arabic, []byte("ضجيج"), 0o644)
	latin1 := filepath.Join(dir, "latin1.txt")
	os.WriteFile(latin1, []byte{0xc7, 0xe1, 0xc3, 0xe3, 0xe4}, 0o644)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing transcript file", []string{"--transcript", filepath.Join(dir, "none.json"), "--article", ap}, "no such file"},
		{"missing article file", []string{"--transcript", tp, "--article", filepath.Join(dir, "none.txt")}, "article:"},
		{"bad JSON", []string{"--transcript", bad, "--article", ap}, "is not valid JSON at line 1"},
		{"truncated JSON", []string{"--transcript", trunc, "--article", ap}, "is truncated"},
		{"not a transcript", []string{"--transcript", wrong, "--article", ap}, `is not a newsscribe transcript: its field "segments" is a JSON string`},
		{"empty object", []string{"--transcript", empty, "--article", ap}, empty + ": json: no speech in the file"},
		{"Arabic text, not JSON", []string{"--transcript", arabic, "--article", ap}, arabic + " is not valid JSON at line 1"},
		{"article not UTF-8", []string{"--transcript", tp, "--article", latin1}, "not UTF-8"},
		{"unknown format", []string{"--transcript", tp, "--article", ap, "--format", "odt"}, "unknown format"},
		{"flags required", []string{"--article", ap}, "transcript"},
		{"output directory missing", []string{"--transcript", tp, "--article", ap, "-o", filepath.Join(dir, "no", "out.json")}, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := cli.Run(context.Background(), append([]string{"align"}, tt.args...), nil, &stdout, &stderr)
			if code == 0 {
				t.Fatal("got exit code 0, want an error")
			}
			msg := stderr.String()
			if strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "newsscribe: ") {
				t.Errorf("got %q, want one line starting with newsscribe:", msg)
			}
			if !strings.Contains(msg, tt.want) {
				t.Errorf("got %q, want it to mention %q", msg, tt.want)
			}
		})
	}
}

// TestAlignReadsWhatTheServerImports: --transcript takes SubRip, WebVTT and
// OpenAI verbose_json as the server's import does (one reader,
// transcribe.Read), also on standard input, and the quotation is found
// spoken in each; before, an SRT file answered a raw "cannot unmarshal
// number into Go value of type transcribe.Transcript".
func TestAlignReadsWhatTheServerImports(t *testing.T) {
	dir, tp, ap := writeAlignInputs(t)
	tr, err := os.ReadFile(tp)
	if err != nil {
		t.Fatal(err)
	}
	var orig transcribe.Transcript
	json.Unmarshal(tr, &orig)
	files := map[string][]byte{}
	for _, f := range []transcribe.Format{transcribe.FormatSRT, transcribe.FormatVTT} {
		var b bytes.Buffer
		if err := export.WriteTranscript(&b, &orig, f, export.DocumentInfo{}); err != nil {
			t.Fatal(err)
		}
		files["talk"+f.Extension()] = b.Bytes()
	}
	verbose := map[string]any{"task": "transcribe", "language": "arabic", "duration": 5, "text": "…",
		"segments": []map[string]any{{"id": 0, "start": 0, "end": 4.35, "text": "نحن نعول على انخراط الأسر والأطر الصحية فالوقاية خير من العلاج"}},
		"words":    orig.Segments[0].Words}
	files["verbose.json"], _ = json.Marshal(verbose)
	for name, b := range files {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			os.WriteFile(p, b, 0o644)
			for _, args := range [][]string{
				{"align", "--transcript", p, "--article", ap},
				{"align", "--transcript", "-", "--article", ap},
			} {
				stdin := b
				if args[2] != "-" {
					stdin = nil
				}
				code, stdout, stderr := run(t, stdin, args...)
				if code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, stderr)
				}
				var r align.Result
				if err := json.Unmarshal([]byte(stdout), &r); err != nil || len(r.Quotes) != 1 || r.Quotes[0].Status != align.StatusSpoken {
					t.Errorf("%v: got %d quotes (%v), want the quotation spoken", args, len(r.Quotes), err)
				}
			}
		})
	}
	code, _, stderr := run(t, []byte("x"), "align", "--transcript", "-", "--article", "-")
	if code == 0 || !strings.Contains(stderr, "standard input can be only one of them") {
		t.Errorf("both on stdin: exit %d, %q", code, stderr)
	}
}

// TestAlignNothingHeard: the transcript of a recording in which nothing was
// heard (transcribe writes no segments) aligns: every quotation not said.
func TestAlignNothingHeard(t *testing.T) {
	dir, _, ap := writeAlignInputs(t)
	empty := filepath.Join(dir, "silence.json")
	os.WriteFile(empty, []byte(`{"language":"ar","duration":3,"text":"","segments":[]}`), 0o644)
	code, stdout, stderr := run(t, nil, "align", "--transcript", empty, "--article", ap, "--format", "report")
	if code != 0 || !strings.Contains(stdout, "(not_said)") {
		t.Errorf("exit %d, stdout %q, stderr %q; want the quotation not said", code, stdout, stderr)
	}
}
