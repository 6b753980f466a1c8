package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/export"
	"github.com/newsscribe/newsscribe/transcribe"
)

// english is what the scripted engine's translate task says.
const english = "The president said in his speech today that the government will keep working to improve services for citizens in all provinces"

// bilingual answers the translate task in English, else arabicResult.
func bilingual(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
	t, err := arabicResult(samples, opts)
	if err != nil || !opts.Translate {
		return t, err
	}
	t.Language, t.Text = "en", english
	t.Segments[0].Text = english
	t.Segments[0].Words = nil
	return t, nil
}

// TestTranslation: POST …/translation runs Whisper's translate task over a
// job's recording as a job on the queue (joined when asked again); its
// English text downloads beside the Arabic with ?lang=en in every format,
// labelled machine translation, and the Arabic transcript is untouched.
func TestTranslation(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{result: bilingual})
	r := ts.upload(t, "/v1/transcriptions", wav(1, 440), map[string]string{"language": "ar"})
	var j jobView
	r.json(t, &j)
	ts.waitJob(t, j.ID)

	path := "/v1/transcriptions/" + j.ID + "/transcript"
	if r := ts.do(t, "GET", path+"?lang=en&format=srt", nil, ""); r.status != http.StatusNotFound || !strings.Contains(string(r.body), "/translation") {
		t.Errorf("before asking: got %d %s, want 404 naming POST …/translation", r.status, r.body)
	}
	if r := ts.do(t, "GET", path+"?lang=fr", nil, ""); r.status != http.StatusBadRequest {
		t.Errorf("lang=fr: got %d, want 400", r.status)
	}
	if r := ts.do(t, "POST", "/v1/transcriptions/tr_nope/translation", nil, ""); r.status != http.StatusNotFound {
		t.Errorf("unknown job: got %d, want 404", r.status)
	}

	r = ts.do(t, "POST", "/v1/transcriptions/"+j.ID+"/translation", nil, "")
	if r.status != http.StatusAccepted {
		t.Fatalf("POST translation: got %d %s, want 202", r.status, r.body)
	}
	var tj jobView
	r.json(t, &tj)
	if tj.ID == j.ID || tj.Task != "translate" {
		t.Fatalf("got job %+v, want a new job with task translate", tj)
	}
	if done := ts.waitJob(t, tj.ID); done.Status != "done" {
		t.Fatalf("translation job: %+v", done)
	}
	if again := ts.do(t, "POST", "/v1/transcriptions/"+j.ID+"/translation", nil, ""); again.status != http.StatusOK {
		t.Errorf("asked again: got %d, want 200 (joined, not translated again)", again.status)
	}
	if got := ts.engine.Calls(); got != 2 {
		t.Errorf("engine calls: got %d, want 2 (transcribe, translate once)", got)
	}

	for _, tc := range []struct{ format, want string }{
		{"srt", "[" + export.MachineTranslationLabel + "]"},
		{"vtt", "NOTE " + export.MachineTranslationLabel},
		{"json", `"machine_translation": true`},
		{"txt", export.MachineTranslationLabel},
	} {
		r := ts.do(t, "GET", path+"?lang=en&format="+tc.format, nil, "")
		if r.status != 200 || !strings.Contains(string(r.body), tc.want) || !strings.Contains(string(r.body), "improve services") {
			t.Errorf("%s: got %d %s, want the English text and %q", tc.format, r.status, r.body, tc.want)
		}
		// Named as English captions, machine-translated (issue 21).
		if want := `filename="newsscribe-` + j.ID + `-captions-en-machine-translation.srt"`; tc.format == "srt" && !strings.Contains(r.header.Get("Content-Disposition"), want) {
			t.Errorf("srt: got Content-Disposition %q, want %s", r.header.Get("Content-Disposition"), want)
		}
	}
	if r := ts.do(t, "GET", path+"?format=txt", nil, ""); !strings.Contains(string(r.body), "الخدمات للمواطنين") || strings.Contains(string(r.body), "machine") {
		t.Errorf("Arabic transcript: got %s", r.body)
	}
}
