package api_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// shapedModel writes a header-only model file of a release's shape, which
// the product identifies by its header as it does a real one.
func shapedModel(t *testing.T, family string) string {
	return transcribetest.ReleaseModel(t, t.TempDir(), family)
}

// apiErr is the error envelope (OpenAI's shape).
type apiErr struct {
	Error struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    string  `json:"code"`
	} `json:"error"`
}

// TestTranslationNeedsATranslationModel: with the default model (turbo,
// which cannot translate) and no translation model downloaded, every
// translation path answers 409 at once, naming the model and the command
// that downloads it, and creates no job; the engine never translates.
func TestTranslationNeedsATranslationModel(t *testing.T) {
	ts := newServer(t, serverOpts{model: shapedModel(t, "large-v3-turbo"), result: bilingual})
	j := ts.doneJob(t, map[string]string{"language": "ar"})
	calls := ts.engine.Calls()

	want := "newsscribe models pull " + models.DefaultTranslationModel
	check := func(name string, r resp) {
		t.Helper()
		var e apiErr
		r.json(t, &e)
		if r.status != http.StatusConflict || e.Error.Code != "translation_model_missing" || e.Error.Type != "invalid_request_error" ||
			!strings.Contains(e.Error.Message, want) || strings.Contains(e.Error.Message, "/") && strings.Contains(e.Error.Message, ".bin") {
			t.Errorf("%s: got %d %s, want 409 translation_model_missing naming `%s` (and no server path)", name, r.status, r.body, want)
		}
	}
	check("POST …/translation", ts.do(t, "POST", "/v1/transcriptions/"+j+"/translation", nil, ""))
	check("/v1/audio/translations", ts.upload(t, "/v1/audio/translations", wav(1, 440), nil))
	check("English clip captions", ts.do(t, "POST", "/v1/transcriptions/"+j+"/clips",
		strings.NewReader(`{"from":0,"to":1,"format":"mp4","captions":"soft","language":"en"}`), "application/json"))

	var list struct {
		Total int `json:"total"`
	}
	ts.do(t, "GET", "/v1/transcriptions", nil, "").json(t, &list)
	if list.Total != 1 {
		t.Errorf("jobs: got %d, want 1 (the transcription; no translation job)", list.Total)
	}
	if got := ts.engine.Calls(); got != calls {
		t.Errorf("engine calls: got %d, want %d (nothing translated)", got, calls)
	}
	for _, o := range ts.engine.Options() {
		if o.Translate {
			t.Errorf("the engine was asked to translate: %+v", o)
		}
	}
}

// TestTranslationUsesTheTranslationModel: with a translation model that
// can translate, the translation is a job of that model — the job's own
// model, turbo, is never asked to translate — and works as before.
func TestTranslationUsesTheTranslationModel(t *testing.T) {
	ts := newServer(t, serverOpts{model: shapedModel(t, "large-v3-turbo"), translationModel: shapedModel(t, "medium"), result: bilingual})
	j := ts.doneJob(t, map[string]string{"language": "ar"})
	r := ts.do(t, "POST", "/v1/transcriptions/"+j+"/translation", nil, "")
	if r.status != http.StatusAccepted {
		t.Fatalf("POST translation: got %d %s, want 202", r.status, r.body)
	}
	var tj struct {
		ID    string `json:"id"`
		Model string `json:"model"`
	}
	r.json(t, &tj)
	if tj.Model != "ggml-medium" {
		t.Errorf("translation job model: got %q, want ggml-medium (the translation model)", tj.Model)
	}
	if done := ts.waitJob(t, tj.ID); done.Status != "done" {
		t.Fatalf("translation job: %+v", done)
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/"+j+"/transcript?lang=en&format=txt", nil, ""); r.status != 200 || !strings.Contains(string(r.body), "improve services") {
		t.Errorf("English transcript: got %d %s", r.status, r.body)
	}
	r = ts.upload(t, "/v1/audio/translations", wav(1, 440), map[string]string{"model": "whisper-1"})
	if r.status != 200 || !strings.Contains(string(r.body), "improve services") {
		t.Errorf("/v1/audio/translations: got %d %s", r.status, r.body)
	}
	r = ts.upload(t, "/v1/audio/translations", wav(1, 440), map[string]string{"model": "ggml-large-v3-turbo"})
	if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), "ggml-medium") {
		t.Errorf("/v1/audio/translations with the turbo model named: got %d %s, want 400 naming the translation model", r.status, r.body)
	}
}

// TestTranslationOutputChecked: a "translation" that is Arabic script, or
// empty while speech was present, fails its job with a one-line reason and
// is never served as English; an empty translation of silence is fine.
func TestTranslationOutputChecked(t *testing.T) {
	empty := func(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
		if !opts.Translate {
			return arabicResult(samples, opts)
		}
		return &transcribe.Transcript{Language: "ar", Duration: float64(len(samples)) / 16000, Segments: []transcribe.Segment{}}, nil
	}
	var silence bytes.Buffer
	writeWAV(&silence, 3*16000, func(int) int16 { return 0 })
	for _, tt := range []struct {
		name   string
		result func([]float32, transcribe.Options) (*transcribe.Transcript, error)
		audio  []byte
		reason string // "" for a translation that is fine
	}{
		// arabicResult answers the translate task in Arabic, as turbo does.
		{"Arabic script", arabicResult, wav(3, 440), "Arabic script"},
		{"empty for speech", empty, wav(3, 440), "no text for 3.0 s of speech"},
		{"empty for silence", empty, silence.Bytes(), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := newServer(t, serverOpts{result: tt.result})
			var up jobView
			ts.upload(t, "/v1/transcriptions", tt.audio, nil).json(t, &up)
			if done := ts.waitJob(t, up.ID); done.Status != "done" {
				t.Fatalf("transcription: %+v", done)
			}
			j := up.ID
			r := ts.do(t, "POST", "/v1/transcriptions/"+j+"/translation", nil, "")
			if r.status != http.StatusAccepted {
				t.Fatalf("POST translation: got %d %s", r.status, r.body)
			}
			var tj jobView
			r.json(t, &tj)
			done := ts.waitJob(t, tj.ID)
			en := ts.do(t, "GET", "/v1/transcriptions/"+j+"/transcript?lang=en&format=json", nil, "")
			if tt.reason == "" {
				if done.Status != "done" || en.status != 200 {
					t.Errorf("got job %+v, English %d %s; want done", done, en.status, en.body)
				}
				return
			}
			if done.Status != "failed" || done.Error == nil || done.Error.Code != "not_translated" ||
				!strings.Contains(done.Error.Message, "not translated") || !strings.Contains(done.Error.Message, tt.reason) ||
				strings.Contains(done.Error.Message, "\n") {
				t.Errorf("got job %+v, want failed not_translated with one line saying %q", done, tt.reason)
			}
			if en.status == 200 {
				t.Errorf("English transcript served: %s", en.body)
			}
			o := ts.upload(t, "/v1/audio/translations", tt.audio, nil)
			var e apiErr
			o.json(t, &e)
			if o.status != http.StatusUnprocessableEntity || e.Error.Code != "not_translated" {
				t.Errorf("/v1/audio/translations: got %d %s, want 422 not_translated", o.status, o.body)
			}
		})
	}
}

// TestDetectedLanguage: with language auto the job records the language
// Whisper detected and its probability, and says so when it is not the
// article's (Arabic); with a language given nothing is detected.
func TestDetectedLanguage(t *testing.T) {
	type view struct {
		Language            string   `json:"language"`
		DetectedLanguage    string   `json:"detected_language"`
		LanguageProbability *float64 `json:"language_probability"`
		LanguageWarning     string   `json:"language_warning"`
	}
	get := func(ts *testServer, id string) view {
		var v view
		ts.do(t, "GET", "/v1/transcriptions/"+id, nil, "").json(t, &v)
		return v
	}
	ts := newServer(t, serverOpts{detected: "en", detectedP: 0.71})
	v := get(ts, ts.doneJob(t, map[string]string{"language": "auto", "article": article}))
	if v.Language != "auto" || v.DetectedLanguage != "en" || v.LanguageProbability == nil || *v.LanguageProbability != 0.71 ||
		!strings.Contains(v.LanguageWarning, "English") || !strings.Contains(v.LanguageWarning, "Arabic") {
		t.Errorf("auto, heard English: got %+v, want detected en 0.71 and a warning naming English and Arabic", v)
	}
	if v = get(ts, ts.doneJob(t, map[string]string{"language": "ar"})); v.DetectedLanguage != "" || v.LanguageProbability != nil || v.LanguageWarning != "" {
		t.Errorf("language ar: got %+v, want nothing detected", v)
	}
	ts = newServer(t, serverOpts{detected: "ar", detectedP: 0.98})
	if v = get(ts, ts.doneJob(t, map[string]string{"language": "auto"})); v.DetectedLanguage != "ar" || v.LanguageWarning != "" {
		t.Errorf("auto, heard Arabic: got %+v, want detected ar without a warning", v)
	}
}
