package clip_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/api/web"
	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/clip"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// speech is the text the test transcript says, one segment per line.
var speech = []string{
	"أعلن وزير النقل اليوم عن خطة جديدة لتحسين الخدمات العامة",
	"وقال إن الحكومة ستبني طرقا جديدة في المدن الكبرى",
	"وأضاف أن المشروع يبدأ في الشهر المقبل بميزانية كبيرة",
	"وأكد أن التعليم والصحة من أولويات الحكومة هذا العام",
	"ودعا المواطنين إلى المشاركة في الحوار الوطني حول الخطة",
	"وختم بالقول إن المستقبل يحمل الكثير من الأمل للجميع",
}

// wordSeconds is how long each word of the test transcript lasts.
const wordSeconds = 0.5

// testTranscript times the words of speech back to back from 0.2 s, a
// 0.3 s pause between segments.
func testTranscript() *transcribe.Transcript { return longTranscript(0) }

// recording writes a WAV at least seconds long: the espeak-ng Arabic clip
// of testdata, repeated.
func recording(t testing.TB, dir string, seconds float64) string {
	t.Helper()
	c, err := audio.DecodeFile(context.Background(), transcribetest.Testdata("arabic-espeak.wav"), audio.Options{})
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	var samples []float32
	for float64(len(samples))/audio.SampleRate < seconds {
		samples = append(samples, c.Samples...)
	}
	var b bytes.Buffer
	if err := audio.WriteWAV(&b, samples); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "talk.wav")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func needFFmpeg(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("skipping: ffmpeg not installed (make deps)")
	}
}

func options(t testing.TB) clip.Options {
	return clip.Options{Fonts: web.CaptionFonts(), TempDir: t.TempDir()}
}

func TestSnap(t *testing.T) {
	words := clip.TranscriptWords(testTranscript())
	tests := []struct {
		name           string
		from, to       float64
		start, end     float64
		first, last    string
		wantErrNoWords bool
	}{
		{"inside words", 0.5, 1.3, 0.2, 1.65, "أعلن", "النقل", false},
		{"on boundaries", 0.7, 1.15, 0.7, 1.15, "وزير", "وزير", false},
		{"pause only", 5.17, 5.49, 0, 0, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end, in, err := clip.Snap(words, tt.from, tt.to)
			if tt.wantErrNoWords {
				if err == nil {
					t.Fatalf("got span %.2f–%.2f, want ErrNoWords", start, end)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(start-tt.start) > 1e-9 || math.Abs(end-tt.end) > 1e-9 {
				t.Errorf("got %.3f–%.3f, want %.3f–%.3f", start, end, tt.start, tt.end)
			}
			if in[0].Text != tt.first || in[len(in)-1].Text != tt.last {
				t.Errorf("got words %q…%q, want %q…%q", in[0].Text, in[len(in)-1].Text, tt.first, tt.last)
			}
		})
	}
}

func TestCues(t *testing.T) {
	words := clip.TranscriptWords(testTranscript())
	for _, n := range []int{24, 32, 42} {
		cues := clip.Cues(words, n)
		var got []string
		for i, c := range cues {
			if len(c.Lines) == 0 || len(c.Lines) > 2 {
				t.Errorf("n=%d cue %d has %d lines, want 1 or 2", n, i, len(c.Lines))
			}
			for _, l := range c.Lines {
				var txt []string
				for _, w := range l {
					txt = append(txt, w.Text)
					got = append(got, w.Text)
				}
				if s := strings.Join(txt, " "); utf8.RuneCountInString(s) > n && len(l) > 1 {
					t.Errorf("n=%d line %q is %d characters", n, s, utf8.RuneCountInString(s))
				}
			}
			if c.End <= c.Start {
				t.Errorf("n=%d cue %d: %.2f–%.2f", n, i, c.Start, c.End)
			}
			if i > 0 && c.Start < cues[i-1].End {
				t.Errorf("n=%d cue %d starts at %.2f before cue %d ends (%.2f)", n, i, c.Start, i-1, cues[i-1].End)
			}
		}
		if want := strings.Fields(strings.Join(speech, " ")); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("n=%d: cues say %q, want every word once, in order", n, got)
		}
	}
}

func TestWriteASS(t *testing.T) {
	cues := clip.Cues(clip.TranscriptWords(testTranscript())[:8], 24)
	var plain, hl bytes.Buffer
	card := clip.CardText{Title: "خطة {النقل}", Speaker: "وزير النقل", Verdict: "محرف", VerdictColor: "B0231B", VerdictTint: "FDE6E3"}
	if err := clip.WriteASS(&plain, cues, clip.Vertical, false, card, 5); err != nil {
		t.Fatal(err)
	}
	if err := clip.WriteASS(&hl, cues, clip.Vertical, true, clip.CardText{}, 5); err != nil {
		t.Fatal(err)
	}
	s := plain.String()
	// The card says the quotation's verdict as a badge in the verdict's
	// colours (ink B0231B on tint FDE6E3, in ASS's &H00BBGGRR).
	for _, want := range []string{"PlayResX: 720", "PlayResY: 1280", "Noto Naskh Arabic", ",-1\n", "\\N", "خطة (النقل)", "Speaker,,0,0,0,,وزير النقل",
		"&H001B23B0,&H001B23B0,&H00E3E6FD,&H00E3E6FD,-1,0,0,0,100,100,0,0,3,", "Verdict,,0,0,0,,محرف"} {
		if !strings.Contains(s, want) {
			t.Errorf("script lacks %q:\n%s", want, s)
		}
	}
	var en bytes.Buffer
	if err := clip.WriteASS(&en, clip.Cues(clip.TranscriptWords(&transcribe.Transcript{Segments: []transcribe.Segment{{Start: 0, End: 2, Text: "The minister spoke"}}}), 42), clip.Landscape, false, clip.CardText{}, 2); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(en.String(), "Style: Caption,Noto Serif,") {
		t.Errorf("English captions not set in Noto Serif:\n%s", en.String())
	}
	if !strings.Contains(s, "Style: Caption,Noto Naskh Arabic,") {
		t.Errorf("Arabic captions not set in Noto Naskh Arabic")
	}
	if n := strings.Count(hl.String(), "Dialogue: 0,"); n != 8 {
		t.Errorf("highlighted script has %d events, want one per word (8)", n)
	}
	if n := strings.Count(hl.String(), "\\c&H0000D7FF&"); n != 8 {
		t.Errorf("highlighted script colours %d words, want 8", n)
	}
}

// TestMakeAudio: MP3 and M4A clips last the snapped span (within 0.1 s)
// and come out at the loudness target.
func TestMakeAudio(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	src := recording(t, dir, 12)
	words := clip.TranscriptWords(testTranscript())
	for _, f := range []clip.Format{clip.MP3, clip.M4A} {
		t.Run(string(f), func(t *testing.T) {
			dst := filepath.Join(dir, "clip"+f.Extension())
			res, err := clip.Make(context.Background(), src, clip.Spec{From: 1, To: 9, Format: f, Words: words}, dst, options(t), nil)
			if err != nil {
				t.Fatal(err)
			}
			if start, end, _, _ := clip.Snap(words, 1, 9); res.Start != start || res.End != end {
				t.Errorf("span %.3f–%.3f, want snapped to %.3f–%.3f", res.Start, res.End, start, end)
			}
			m, err := audio.ProbeMedia(context.Background(), dst, audio.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(m.Duration-res.Duration) > 0.1 {
				t.Errorf("file lasts %.3f s, want %.3f ± 0.1", m.Duration, res.Duration)
			}
			l, err := audio.MeasureLoudness(context.Background(), audio.Encoding{Src: dst}, "I=-16:TP=-1.5:LRA=11", audio.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %.3f s, %d bytes, %.1f LUFS, %.1f dBTP", f, m.Duration, res.Size, l.I, l.TP)
			if math.Abs(l.I-clip.TargetLUFS) > 1 || l.TP > clip.TargetPeak+0.5 {
				t.Errorf("loudness %.1f LUFS, %.1f dBTP; want %.0f ± 1 LUFS, ≤ %.1f dBTP", l.I, l.TP, clip.TargetLUFS, clip.TargetPeak)
			}
		})
	}
}

// TestMakeVideoOCR makes captioned videos in every aspect, reads a frame
// from the middle of each back with Tesseract's Arabic model and wants at
// least 80 % of the caption shown then, in order. The frames are saved
// under artifacts/clips/ to look at. The 9:16 and 1:1 clips are cards of an
// audio recording; the 16:9 one is cut from a video upload (a card clip
// made first, without captions), so the recording's own picture is used.
func TestMakeVideoOCR(t *testing.T) {
	needFFmpeg(t)
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("skipping: tesseract not installed (Debian tesseract-ocr, tesseract-ocr-ara)")
	}
	if out, _ := exec.Command("tesseract", "--list-langs").CombinedOutput(); !bytes.Contains(out, []byte("\nara")) {
		t.Skip("skipping: Tesseract's Arabic model is not installed (Debian tesseract-ocr-ara)")
	}
	dir := t.TempDir()
	src := recording(t, dir, 12)
	tr := testTranscript()
	words := clip.TranscriptWords(tr)
	// The card's words are not the caption's, so that only the caption can
	// give the OCR the caption's words.
	card := clip.CardText{Title: "مؤتمر صحفي في العاصمة بعد اجتماع مجلس الوزراء", Speaker: "المتحدث الرسمي"}
	upload := filepath.Join(dir, "upload.mp4")
	if _, err := clip.Make(context.Background(), src, clip.Spec{From: 0, To: 12, Format: clip.MP4, Aspect: clip.Landscape, Captions: clip.None, Words: words, Card: card}, upload, options(t), nil); err != nil {
		t.Fatal(err)
	}
	artifacts := filepath.Join(transcribetest.RepoRoot(), "artifacts", "clips")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		src       string
		aspect    clip.Aspect
		captions  clip.Captions
		highlight bool
		w, h      int
		video     bool
	}{
		{"9x16", src, clip.Vertical, clip.Burn, false, 720, 1280, false},
		{"1x1-highlight", src, clip.Square, clip.Burn, true, 1080, 1080, false},
		{"16x9-video", upload, clip.Landscape, clip.Burn, false, 1280, 720, true},
		// The control: without captions the OCR must not find them.
		{"9x16-no-captions", src, clip.Vertical, clip.None, false, 720, 1280, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := filepath.Join(dir, tt.name+".mp4")
			res, err := clip.Make(context.Background(), tt.src, clip.Spec{From: 1, To: 9, Format: clip.MP4, Aspect: tt.aspect,
				Captions: tt.captions, Highlight: tt.highlight, Words: words, Card: card}, dst, options(t), nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Video != tt.video {
				t.Errorf("Video = %v, want %v", res.Video, tt.video)
			}
			m, err := audio.ProbeMedia(context.Background(), dst, audio.Options{})
			if err != nil {
				t.Fatal(err)
			}
			pic, ok := m.Picture()
			if !ok || pic.Codec != "h264" || pic.Width != tt.w || pic.Height != tt.h {
				t.Errorf("picture %+v, want h264 %dx%d", pic, tt.w, tt.h)
			}
			if math.Abs(m.Duration-res.Duration) > 0.1 {
				t.Errorf("file lasts %.3f s, want %.3f ± 0.1", m.Duration, res.Duration)
			}
			mid := res.Duration / 2
			frame := filepath.Join(dir, tt.name+".png")
			if err := audio.ExtractFrame(context.Background(), dst, mid, frame, audio.Options{}); err != nil {
				t.Fatal(err)
			}
			png, err := os.ReadFile(frame)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(artifacts, "frame-"+tt.name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
			want := shownAt(words, res.Start, mid, tt.aspect)
			got := ocr(t, frame)
			recall := inOrderRecall(want, got)
			t.Logf("%s: caption %q; OCR %q; recall %.0f %% (%d words)", tt.name, strings.Join(want, " "), strings.Join(strings.Fields(got), " "), 100*recall, len(want))
			switch {
			case len(want) == 0:
				t.Errorf("no caption is shown at %.2f s", mid)
			case tt.captions == clip.Burn && recall < 0.8:
				t.Errorf("OCR recall of the caption %.0f %%, want ≥ 80 %%", 100*recall)
			case tt.captions == clip.None && recall >= 0.5:
				t.Errorf("OCR found %.0f %% of a caption that is not drawn: the check cannot tell", 100*recall)
			}
		})
	}
}

// shownAt is the caption on screen at clip second at, as Make lays it out.
func shownAt(words []clip.Word, start, at float64, a clip.Aspect) []string {
	var rel []clip.Word
	for _, w := range words {
		if w.End > start {
			rel = append(rel, clip.Word{Text: w.Text, Start: max(w.Start-start, 0), End: w.End - start, Break: w.Break})
		}
	}
	for _, c := range clip.Cues(rel, clip.LineChars(a)) {
		if c.Start <= at && at < c.End {
			var out []string
			for _, l := range c.Lines {
				for _, w := range l {
					out = append(out, w.Text)
				}
			}
			return out
		}
	}
	return nil
}

// ocr reads the text in the image at path with Tesseract's Arabic model.
func ocr(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("tesseract", path, "-", "-l", "ara").Output()
	if err != nil {
		t.Fatalf("tesseract: %v", err)
	}
	return string(out)
}

// inOrderRecall is the share of want's words found in got in the same
// order (the longest common subsequence of their Arabic matching keys).
func inOrderRecall(want []string, got string) float64 {
	if len(want) == 0 {
		return 0
	}
	var a, b []string
	for _, w := range want {
		a = append(a, arabic.Key(w))
	}
	for _, tok := range arabic.Tokenize(got) {
		b = append(b, tok.Key)
	}
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	return float64(lcs[0][0]) / float64(len(a))
}

// BenchmarkVertical30s makes a 30-second 9:16 card with burned,
// highlighted captions and reports the time it took per second of clip
// (s/s: below 1 is faster than real time).
func BenchmarkVertical30s(b *testing.B) {
	needFFmpeg(b)
	b.ReportAllocs()
	dir := b.TempDir()
	src := recording(b, dir, 36)
	words := clip.TranscriptWords(longTranscript(36))
	var clipSeconds, spent float64
	cpu0 := childCPU()
	for i := 0; b.Loop(); i++ {
		dst := filepath.Join(dir, "bench"+time.Now().Format("150405.000000")+".mp4")
		t0 := time.Now()
		res, err := clip.Make(context.Background(), src, clip.Spec{From: 2, To: 32, Format: clip.MP4, Aspect: clip.Vertical,
			Captions: clip.Burn, Highlight: true, Words: words,
			Card: clip.CardText{Title: "وزير النقل يعلن خطة جديدة", Speaker: "وزير النقل"}}, dst, options(b), nil)
		if err != nil {
			b.Fatal(err)
		}
		spent += time.Since(t0).Seconds()
		clipSeconds += res.Duration
		os.Remove(dst)
	}
	b.ReportMetric(spent/clipSeconds, "s/clip-s")
	// ffmpeg's own CPU time (the waited-for children's user + system): on a
	// shared machine steadier than wall time.
	b.ReportMetric((childCPU()-cpu0)/clipSeconds, "cpu-s/clip-s")
	b.ReportMetric(clipSeconds/float64(b.N), "clip-s/op")
}

// longTranscript says speech once, then again until it covers seconds:
// words back to back from 0.2 s, 0.3 s pauses between segments.
func longTranscript(seconds float64) *transcribe.Transcript {
	t := &transcribe.Transcript{Language: "ar"}
	at := 0.2
	for i := 0; i < len(speech) || at < seconds; i++ {
		line := speech[i%len(speech)]
		s := transcribe.Segment{ID: i, Start: at, Text: line}
		for _, w := range strings.Fields(line) {
			s.Words = append(s.Words, transcribe.Word{Word: w, Start: at, End: at + wordSeconds - 0.05, Probability: 0.9})
			at += wordSeconds
		}
		s.End = at
		at += 0.3
		t.Segments = append(t.Segments, s)
	}
	t.Duration = at
	return t
}

// TestMakeVideoEnglishOCR: captions from an English transcript (a
// translation with segment times only) are burned and read back too; the
// Latin glyphs come from the Noto Serif the binary ships beside the Naskh.
func TestMakeVideoEnglishOCR(t *testing.T) {
	needFFmpeg(t)
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("skipping: tesseract not installed (Debian tesseract-ocr)")
	}
	dir := t.TempDir()
	src := recording(t, dir, 12)
	tr := &transcribe.Transcript{Language: "en", Segments: []transcribe.Segment{
		{Start: 0.5, End: 4.5, Text: "The minister announced a new plan to improve public services"},
		{Start: 5, End: 9, Text: "The government will build new roads in the largest cities"},
	}}
	dst := filepath.Join(dir, "en.mp4")
	res, err := clip.Make(context.Background(), src, clip.Spec{From: 0.5, To: 4.5, Format: clip.MP4, Aspect: clip.Landscape,
		Captions: clip.Burn, Words: clip.TranscriptWords(tr)}, dst, options(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	frame := filepath.Join(transcribetest.RepoRoot(), "artifacts", "clips", "frame-16x9-english.png")
	os.Remove(frame)
	if err := audio.ExtractFrame(context.Background(), dst, res.Duration/2, frame, audio.Options{}); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("tesseract", frame, "-", "-l", "eng").Output()
	if err != nil {
		t.Fatalf("tesseract: %v", err)
	}
	want := strings.Fields(strings.ToLower(tr.Segments[0].Text))
	got := strings.Fields(strings.ToLower(string(out)))
	// In-order recall by longest common subsequence, as for Arabic.
	lcs := make([][]int, len(want)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(got)+1)
	}
	for i := len(want) - 1; i >= 0; i-- {
		for j := len(got) - 1; j >= 0; j-- {
			if want[i] == strings.Trim(got[j], ".,;:") {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	recall := float64(lcs[0][0]) / float64(len(want))
	t.Logf("OCR %q; recall %.0f %%", strings.Join(got, " "), 100*recall)
	if recall < 0.8 {
		t.Errorf("English caption recall %.0f %%, want ≥ 80 %%", 100*recall)
	}
}
