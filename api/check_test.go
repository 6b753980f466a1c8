package api_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/export"
	"github.com/newsscribe/newsscribe/quotecheck"
	"github.com/newsscribe/newsscribe/transcribe"
)

// TestQuoteCheckEndpoints: an upload with an article — attached as text and
// as a stored article — is recognised without the quotation in the
// engine's prompt (the scripted engine records the options it got: a
// prompt would bias Whisper to "hear" the words the check tests), and the
// alignment is served as the quotation check's report and as subtitles of
// at most 2 × 42 characters.
func TestQuoteCheckEndpoints(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []transcribe.Options
	ts := newServer(t, serverOpts{result: func(s []float32, o transcribe.Options) (*transcribe.Transcript, error) {
		mu.Lock()
		got = append(got, o)
		mu.Unlock()
		return arabicResult(s, o)
	}})
	quote := "الحكومة ستواصل العمل من أجل تحسين الخدمات للمواطنين في كل المحافظات"

	done := func(path string, audio []byte, fields map[string]string) jobView {
		t.Helper()
		r := ts.upload(t, path, audio, fields)
		var j jobView
		r.json(t, &j)
		if r.status != 202 {
			t.Fatalf("%s: got %d %s", path, r.status, r.body)
		}
		if v := ts.waitJob(t, j.ID); v.Status != "done" {
			t.Fatalf("%s: job %+v", path, v)
		}
		return j
	}
	// The article as text, on a new recording (no transcript to reuse).
	j := done("/v1/transcriptions", wav(1, 440), map[string]string{"language": "ar", "article": article})
	// A stored article, on another recording.
	r := ts.do(t, "POST", "/v1/articles", strings.NewReader(`{"title":"خطاب","body":"`+article+`"}`), "application/json")
	var a struct {
		ID string `json:"id"`
	}
	r.json(t, &a)
	if r.status != 201 {
		t.Fatalf("article: got %d %s", r.status, r.body)
	}
	done("/v1/articles/"+a.ID+"/audio", wav(2, 330), nil)

	mu.Lock()
	if len(got) != 2 {
		t.Errorf("got %d recognitions, want 2", len(got))
	}
	for i, o := range got {
		for _, w := range strings.Fields(quote) {
			if strings.Contains(o.Prompt, w) {
				t.Errorf("recognition %d: got prompt %q, which holds the quotation's word %q", i, o.Prompt, w)
			}
		}
	}
	mu.Unlock()

	// The check as text, at the transcription's alignment and the article's transcript.
	for _, path := range []string{"/v1/transcriptions/" + j.ID + "/alignment?format=report", "/v1/articles/" + a.ID + "/transcript?format=report"} {
		r := ts.do(t, "GET", path, nil, "")
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") ||
			!strings.HasPrefix(string(r.body), "فحص الاقتباسات — اقتباس واحد") || !strings.Contains(string(r.body), "(verbatim)") {
			t.Errorf("%s: got %d %s %q, want the check with one verbatim quotation", path, r.status, r.header.Get("Content-Type"), r.body)
		}
	}
	// Subtitles of the alignment: no line longer than 42 characters.
	r = ts.do(t, "GET", "/v1/transcriptions/"+j.ID+"/alignment?format=srt", nil, "")
	if r.status != 200 || !strings.Contains(string(r.body), " --> ") {
		t.Fatalf("alignment srt: got %d %q", r.status, r.body)
	}
	for _, l := range strings.Split(string(r.body), "\n") {
		if n := utf8.RuneCountInString(strings.Trim(l, "\u202B\u202C")); n > export.SubtitleLineLength {
			t.Errorf("alignment srt: got a line of %d characters %q", n, l)
		}
	}
}

// TestLookAlikeMisquoteThroughServer (issue 19): the speaker said
// «ثنائية» and the article printed «ثلاثية» — three became two. Through the
// server's real path (upload, the queue's worker, the pipeline with the
// scripted engine, the store), the quotation is altered with a changed
// difference in the job's alignment and in the article's transcript (what
// the newsroom page reads), and the public embed does not list it as said.
// It needs the lexicon (build tag hunspell, which make test sets).
func TestLookAlikeMisquoteThroughServer(t *testing.T) {
	if _, err := quotecheck.DefaultLexicon(); err != nil {
		t.Skipf("no Arabic lexicon, so no look-alike word can be told from a typo (make test builds with the hunspell tag when pkg-config finds libhunspell): %v", err)
	}
	const said = "قال الوزير إن الشراكة ستكون ثنائية بين الوزارة والجهة والجامعة في المشروع الجديد"
	const printed = "الشراكة ستكون ثلاثية بين الوزارة والجهة والجامعة في المشروع الجديد"
	ts := newServer(t, serverOpts{web: true, result: func(s []float32, o transcribe.Options) (*transcribe.Transcript, error) {
		d := float64(len(s)) / 16000
		fields := strings.Fields(said)
		step := d / float64(len(fields))
		words := make([]transcribe.Word, len(fields))
		for i, f := range fields {
			words[i] = transcribe.Word{Word: f, Start: float64(i) * step, End: float64(i+1)*step - 0.05, Probability: 0.9}
		}
		return &transcribe.Transcript{Language: "ar", Duration: d, Text: said, Segments: []transcribe.Segment{{Start: 0, End: d, Text: said, Words: words}}}, nil
	}})
	body, _ := json.Marshal(map[string]any{"title": "شراكة", "body": "وقال الوزير إن «" + printed + "».", "published": true})
	r := ts.do(t, "POST", "/v1/articles", bytes.NewReader(body), "application/json")
	var a struct {
		ID string `json:"id"`
	}
	r.json(t, &a)
	if r.status != 201 {
		t.Fatalf("article: got %d %s", r.status, r.body)
	}
	r = ts.upload(t, "/v1/articles/"+a.ID+"/audio", wav(6, 440), nil)
	var j jobView
	r.json(t, &j)
	if r.status != 202 {
		t.Fatalf("audio: got %d %s", r.status, r.body)
	}
	if v := ts.waitJob(t, j.ID); v.Status != "done" {
		t.Fatalf("job %+v", v)
	}
	type check struct {
		Verdict     string `json:"verdict"`
		Differences []struct {
			Kind, Article, Spoken string
		} `json:"differences"`
	}
	var got struct {
		Quotes []struct {
			Text  string `json:"text"`
			Check *check `json:"check"`
		} `json:"quotes"`
	}
	for _, path := range []string{"/v1/transcriptions/" + j.ID + "/alignment", "/v1/articles/" + a.ID + "/transcript", "/embed/articles/" + a.ID + "/data.json"} {
		r := ts.do(t, "GET", path, nil, "")
		got.Quotes = nil
		r.json(t, &got)
		if r.status != 200 || len(got.Quotes) != 1 || got.Quotes[0].Check == nil {
			t.Fatalf("%s: got %d %s, want one checked quotation", path, r.status, r.body)
		}
		c := got.Quotes[0].Check
		changed := false
		for _, d := range c.Differences {
			changed = changed || d.Kind == "changed" && d.Article == "ثلاثية" && d.Spoken == "ثنائية"
		}
		if c.Verdict != "altered" || !changed {
			t.Errorf("%s: got %s %+v, want altered with «ثلاثية» changed from «ثنائية»", path, c.Verdict, c.Differences)
		}
	}
	// The embed lists only what was said: not this quotation.
	r = ts.do(t, "GET", "/embed/articles/"+a.ID, nil, "")
	if r.status != 200 || strings.Contains(string(r.body), "ثلاثية") {
		t.Errorf("embed page: got %d, listing the altered quotation: %s", r.status, r.body)
	}
}
