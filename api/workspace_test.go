package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// revision is the part of a revision answer the tests read.
type revision struct {
	Revision   int    `json:"revision"`
	Author     string `json:"author"`
	Current    bool   `json:"current"`
	Transcript struct {
		Text     string `json:"text"`
		Segments []struct {
			Text    string `json:"text"`
			Speaker string `json:"speaker"`
			Words   []struct {
				Word  string  `json:"word"`
				Start float64 `json:"start"`
				End   float64 `json:"end"`
			} `json:"words"`
		} `json:"segments"`
	} `json:"transcript"`
}

// find returns the segment and word index of word.
func (r revision) find(word string) (int, int) {
	for i, s := range r.Transcript.Segments {
		for k, w := range s.Words {
			if w.Word == word {
				return i, k
			}
		}
	}
	return -1, -1
}

func (ts *testServer) patch(t testing.TB, id, body string, hdr ...string) resp {
	t.Helper()
	return ts.do(t, "PATCH", "/v1/transcriptions/"+id+"/transcript", strings.NewReader(body), "application/json", hdr...)
}

// doneJob uploads a clip with the test article and waits for it.
func (ts *testServer) doneJob(t *testing.T, fields map[string]string, hdr ...string) string {
	t.Helper()
	var j jobView
	r := ts.upload(t, "/v1/transcriptions", wav(2, 440), fields, hdr...)
	r.json(t, &j)
	if done := ts.waitJob(t, j.ID, hdr...); done.Status != "done" {
		t.Fatalf("job %s: %+v", j.ID, done)
	}
	return j.ID
}

func TestTranscriptRevisions(t *testing.T) {
	t.Parallel()
	testTranscriptRevisions(t, newServer(t, serverOpts{keys: []string{"مريم:secret-1"}}))
}

func TestTranscriptRevisionsPostgres(t *testing.T) {
	t.Parallel()
	testTranscriptRevisions(t, newServer(t, serverOpts{keys: []string{"مريم:secret-1"}, database: postgresURL(t)}))
}

func testTranscriptRevisions(t *testing.T, ts *testServer) {
	auth := []string{"Authorization", "Bearer secret-1"}
	id := ts.doneJob(t, map[string]string{"article": article}, auth...)

	r := ts.do(t, "GET", "/v1/transcriptions/"+id+"/transcript", nil, "", auth...)
	if r.status != 200 || r.header.Get("ETag") != `"0"` {
		t.Fatalf("GET: got %d ETag %q, want 200 \"0\"", r.status, r.header.Get("ETag"))
	}
	var orig revision
	json.Unmarshal(r.body, &orig.Transcript)
	seg, k := orig.find("الخدمات")
	// «الخدمات» corrected to «الخدمة»: same count, same time.
	edit := fmt.Sprintf(`{"edits":[{"segment":%d,"from":%d,"to":%d,"text":"الخدمة"}]}`, seg, k, k+1)
	if r := ts.patch(t, id, edit, auth...); r.status != http.StatusPreconditionRequired {
		t.Errorf("PATCH without a base revision: got %d, want 428", r.status)
	}
	r = ts.patch(t, id, edit, append(auth, "If-Match", `"0"`)...)
	var rev revision
	r.json(t, &rev)
	if r.status != 200 || rev.Revision != 1 || rev.Author != "مريم" || r.header.Get("ETag") != `"1"` {
		t.Fatalf("PATCH: got %d %+v ETag %q, want revision 1 by مريم", r.status, rev.Revision, r.header.Get("ETag"))
	}
	if !strings.Contains(r.header.Get("Server-Timing"), "align;dur=") {
		t.Errorf("Server-Timing %q lacks the align step", r.header.Get("Server-Timing"))
	}
	w, was := rev.Transcript.Segments[seg].Words[k], orig.Transcript.Segments[seg].Words[k]
	if w.Word != "الخدمة" || w.Start != was.Start || w.End != was.End {
		t.Errorf("corrected word: got %+v, want الخدمة at %v–%v", w, was.Start, was.End)
	}
	// A second tab still on revision 0 gets 409 with revision 1.
	r = ts.patch(t, id, `{"base_revision":0,"edits":[{"segment":0,"from":0,"to":1,"text":"وقال"}]}`, auth...)
	var conflict struct {
		Error   struct{ Code string }
		Current revision `json:"current"`
	}
	r.json(t, &conflict)
	if r.status != http.StatusConflict || conflict.Error.Code != "conflict" || conflict.Current.Revision != 1 ||
		conflict.Current.Transcript.Segments[seg].Words[k].Word != "الخدمة" {
		t.Errorf("stale PATCH: got %d %s, want 409 with revision 1", r.status, r.body)
	}
	// Every download uses the correction; the alignment was redone from it.
	for _, f := range []string{"srt", "vtt", "txt", "json"} {
		r := ts.do(t, "GET", "/v1/transcriptions/"+id+"/transcript?format="+f, nil, "", auth...)
		if !strings.Contains(string(r.body), "الخدمة") || strings.Contains(string(r.body), "الخدمات") {
			t.Errorf("%s download lacks the correction: %s", f, r.body)
		}
	}
	var al alignment
	ts.do(t, "GET", "/v1/transcriptions/"+id+"/alignment", nil, "", auth...).json(t, &al)
	if al.matched("الخدمات") == nil || al.matched("للمواطنين") == nil {
		t.Errorf("re-aligned article lost its match around the correction: %+v", al.Words)
	}
	// Two words for one: re-timed inside the stretch of the replaced word.
	// Its words are 0.12 s long, too short for two: the neighbours join the
	// stretch, which keeps its edges.
	seg, k = rev.find("للمواطنين")
	before, after := rev.Transcript.Segments[seg].Words[k-1], rev.Transcript.Segments[seg].Words[k+1]
	r = ts.patch(t, id, fmt.Sprintf(`{"base_revision":1,"edits":[{"segment":%d,"from":%d,"to":%d,"text":"لكل المواطنين"}]}`, seg, k, k+1), auth...)
	r.json(t, &rev)
	ws := rev.Transcript.Segments[seg].Words
	if r.status != 200 || ws[k].Word != "لكل" || ws[k+1].Word != "المواطنين" || ws[k].End != ws[k+1].Start ||
		ws[k-1].Start != before.Start || ws[k+2].End != after.End {
		t.Errorf("two for one: got %d %v, want «لكل المواطنين» inside %v–%v", r.status, ws[k-1:k+3], before.Start, after.End)
	}
	// History, an old revision, revert.
	var hist struct {
		Current int        `json:"current"`
		Data    []revision `json:"data"`
	}
	ts.do(t, "GET", "/v1/transcriptions/"+id+"/transcript/revisions", nil, "", auth...).json(t, &hist)
	if hist.Current != 2 || len(hist.Data) != 3 || hist.Data[2].Revision != 0 || !hist.Data[0].Current {
		t.Errorf("history: got %+v, want 2, 1, 0 with 2 current", hist)
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/"+id+"/transcript?revision=0&format=txt", nil, "", auth...); !strings.Contains(string(r.body), "الخدمات للمواطنين") {
		t.Errorf("revision 0 is not the recognised original: %s", r.body)
	}
	r = ts.do(t, "POST", "/v1/transcriptions/"+id+"/transcript/revert", strings.NewReader(`{"revision":0,"base_revision":2}`), "application/json", auth...)
	r.json(t, &rev)
	if r.status != 200 || rev.Revision != 3 || !strings.Contains(rev.Transcript.Text, "الخدمات للمواطنين") {
		t.Errorf("revert: got %d revision %d %q", r.status, rev.Revision, rev.Transcript.Text)
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/"+id+"/transcript/revisions/9", nil, "", auth...); r.status != 404 {
		t.Errorf("missing revision: got %d, want 404", r.status)
	}
	for _, tc := range []struct{ name, body string }{
		{"no such segment", `{"base_revision":3,"edits":[{"segment":9,"text":"x"}]}`},
		{"words out of range", `{"base_revision":3,"edits":[{"segment":0,"from":0,"to":99,"text":"x"}]}`},
		{"bad speaker span", `{"base_revision":3,"speakers":[{"start":5,"end":1,"speaker":"x"}]}`},
	} {
		if r := ts.patch(t, id, tc.body, auth...); r.status != http.StatusUnprocessableEntity {
			t.Errorf("%s: got %d %s, want 422", tc.name, r.status, r.body)
		}
	}
}

// TestConcurrentEditsNeverOverwrite sends the same base revision from many
// tabs at once: exactly one wins, the rest get 409.
func TestConcurrentEditsNeverOverwrite(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	id := ts.doneJob(t, nil)
	var wg sync.WaitGroup
	codes := make([]int, 8)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = ts.patch(t, id, fmt.Sprintf(`{"base_revision":0,"edits":[{"segment":0,"from":0,"to":1,"text":"tab%d"}]}`, i)).status
		}()
	}
	wg.Wait()
	ok := 0
	for _, c := range codes {
		switch c {
		case 200:
			ok++
		case 409:
		default:
			t.Errorf("status %d", c)
		}
	}
	if ok != 1 {
		t.Errorf("got %d successful saves of revision 1 (%v), want exactly 1", ok, codes)
	}
}

func TestSpeakers(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	id := ts.doneJob(t, map[string]string{"article": article})
	var tr revision
	r := ts.do(t, "GET", "/v1/transcriptions/"+id+"/transcript", nil, "")
	json.Unmarshal(r.body, &tr.Transcript)
	seeded := ""
	for _, s := range tr.Transcript.Segments {
		if s.Speaker != "" {
			seeded = s.Speaker
		}
	}
	if seeded == "" {
		t.Errorf("no speaker seeded from the article's attribution «وقال الرئيس …»: %s", r.body)
	}
	// Name the first 0.5 s; the segment is split there.
	r = ts.patch(t, id, `{"base_revision":0,"speakers":[{"start":0,"end":0.5,"speaker":"المذيع"}]}`)
	var rev revision
	r.json(t, &rev)
	if r.status != 200 || len(rev.Transcript.Segments) < 2 || rev.Transcript.Segments[0].Speaker != "المذيع" {
		t.Fatalf("speaker span: got %d %s", r.status, r.body)
	}
	r = ts.patch(t, id, `{"base_revision":1,"rename_speakers":[{"from":"المذيع","to":"Host <1>"}]}`)
	if r.status != 200 {
		t.Fatalf("rename: got %d %s", r.status, r.body)
	}
	vtt := string(ts.do(t, "GET", "/v1/transcriptions/"+id+"/transcript?format=vtt", nil, "").body)
	srt := string(ts.do(t, "GET", "/v1/transcriptions/"+id+"/transcript?format=srt", nil, "").body)
	if !strings.Contains(vtt, "<v Host &lt;1&gt;>") || !strings.Contains(srt, "Host <1>: ") {
		t.Errorf("exports lack the speaker:\n%s\n%s", vtt, srt)
	}
	if seeded != "" && !strings.Contains(vtt, "<v "+seeded+">") {
		t.Errorf("the seeded speaker %q is not in the WebVTT:\n%s", seeded, vtt)
	}
}

// importForm builds a multipart body for POST /v1/imports.
func importForm(t testing.TB, transcript string, fields map[string]string, recording []byte) (*bytes.Buffer, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("transcript", "talk.srt")
	fw.Write([]byte(transcript))
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if recording != nil {
		fw, _ := mw.CreateFormFile("file", "talk.wav")
		fw.Write(recording)
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}

const importedSRT = "1\n00:00:01,000 --> 00:00:04,000\n" + spoken + "\n\n2\n00:00:05,000 --> 00:00:06,500\nشكرا لكم\n"

func TestImportLibrarySearch(t *testing.T) {
	t.Parallel()
	testImportLibrarySearch(t, newServer(t, serverOpts{}))
}

func TestImportLibrarySearchPostgres(t *testing.T) {
	t.Parallel()
	testImportLibrarySearch(t, newServer(t, serverOpts{database: postgresURL(t)}))
}

func testImportLibrarySearch(t *testing.T, ts *testServer) {
	// Bad files: 422 naming the line.
	for _, tc := range []struct{ name, file, want string }{
		{"bad timing", "1\n00:00:01,000 -> 00:00:02,000\nنص\n", "line 2"},
		{"ends before it starts", "1\n00:00:05,000 --> 00:00:02,000\nنص\n", "line 2"},
		{"vtt without header", "WEBVTX\n\n00:01.000 --> 00:02.000\nنص\n", "srt line 1"},
		{"json syntax", "{\n\"segments\": [\n{\"start\": 1,,}\n]}", "json line 3"},
	} {
		body, ct := importForm(t, tc.file, nil, nil)
		r := ts.do(t, "POST", "/v1/imports", body, ct)
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(string(r.body), tc.want) {
			t.Errorf("%s: got %d %s, want 422 naming %q", tc.name, r.status, r.body, tc.want)
		}
	}
	// An SRT with its recording, stored with a new titled article, sent twice
	// with one Idempotency-Key: one job, one article.
	var jobs [2]jobView
	for i := range jobs {
		body, ct := importForm(t, importedSRT, map[string]string{"article": article, "title": "خطاب الرئيس"}, wav(7, 330))
		r := ts.do(t, "POST", "/v1/imports", body, ct, "Idempotency-Key", "imp-1")
		if r.status != http.StatusCreated {
			t.Fatalf("import %d: got %d %s", i, r.status, r.body)
		}
		r.json(t, &jobs[i])
	}
	if jobs[0].ID != jobs[1].ID || jobs[0].Status != "done" {
		t.Errorf("double submit: got jobs %s and %s (%s), want one done job", jobs[0].ID, jobs[1].ID, jobs[0].Status)
	}
	var arts struct{ Total int }
	ts.do(t, "GET", "/v1/articles", nil, "").json(t, &arts)
	if arts.Total != 1 {
		t.Errorf("articles after a double submit: got %d, want 1", arts.Total)
	}
	id := jobs[0].ID
	var al alignment
	ts.do(t, "GET", "/v1/transcriptions/"+id+"/alignment", nil, "").json(t, &al)
	if al.matched("الخدمات") == nil {
		t.Errorf("imported transcript not aligned: %+v", al.Words)
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/"+id+"/audio", nil, ""); r.status != 200 || len(r.body) == 0 {
		t.Errorf("imported recording: got %d", r.status)
	}

	// Search finds the imported transcript with any spelling, and the
	// correction once saved.
	type hits struct {
		Data []struct {
			Kind, Snippet, Link, Title string
			TranscriptionID            string   `json:"transcription_id"`
			Time                       *float64 `json:"time"`
			Highlights                 [][2]int `json:"highlights"`
		}
		Next *string `json:"next_cursor"`
	}
	search := func(q string, extra ...string) hits {
		t.Helper()
		var h hits
		path := "/v1/search?q=" + urlQuery(q)
		for _, e := range extra {
			path += "&" + e
		}
		r := ts.do(t, "GET", path, nil, "")
		if r.status != 200 {
			t.Fatalf("search %q: got %d %s", q, r.status, r.body)
		}
		r.json(t, &h)
		return h
	}
	transcriptHits := func(h hits) int {
		n := 0
		for _, d := range h.Data {
			if d.Kind == "transcript" && d.TranscriptionID == id {
				n++
			}
		}
		return n
	}
	for _, q := range []string{"المحافظات", "المحافظاتِ", "محافظات", "والمحافظات", `"تحسين الخدمات للمواطنين"`} {
		if h := search(q); transcriptHits(h) != 1 {
			t.Errorf("search %q: got %+v, want the imported segment", q, h.Data)
		}
	}
	h := search("المحافظات", "kind=transcript")
	if len(h.Data) != 1 || h.Data[0].Time == nil || *h.Data[0].Time < 1 || *h.Data[0].Time > 4 ||
		!strings.HasPrefix(h.Data[0].Link, "#job/"+id+"?t=") || h.Data[0].Title != "خطاب الرئيس" || len(h.Data[0].Highlights) != 1 {
		t.Errorf("hit: got %+v, want time inside the first cue, a deep link and the article title", h.Data)
	}
	if h := search(`"الخدمات تحسين"`); transcriptHits(h) != 0 {
		t.Errorf("a phrase in the wrong order matched: %+v", h.Data)
	}
	if h := search("المحافظات", "published=true"); len(h.Data) != 0 {
		t.Errorf("published filter: got %+v, want nothing (the article is not published)", h.Data)
	}
	if h := search("المحافظات", "from=2999-01-01"); len(h.Data) != 0 {
		t.Errorf("date filter: got %+v", h.Data)
	}
	ts.patch(t, id, `{"base_revision":0,"edits":[{"segment":0,"from":0,"to":1,"text":"صرّح"}]}`)
	if h := search("صرح"); transcriptHits(h) != 1 {
		t.Errorf("search after a correction: got %+v", h.Data)
	}

	// The library: 30 more imports without a recording page past 25 with
	// their titles; q filters by title.
	for i := 0; i < 30; i++ {
		body, ct := importForm(t, fmt.Sprintf("WEBVTT\n\n00:01.000 --> 00:03.000\n<v الوزير>كلمة رقم %d\n", i), nil, nil)
		if r := ts.do(t, "POST", "/v1/imports", body, ct); r.status != http.StatusCreated {
			t.Fatalf("import vtt %d: %d %s", i, r.status, r.body)
		}
	}
	var page struct {
		Data []struct {
			ID, Title string
		}
		Total int     `json:"total"`
		Next  *string `json:"next_cursor"`
	}
	ts.do(t, "GET", "/v1/transcriptions?limit=25", nil, "").json(t, &page)
	seen := map[string]bool{}
	for _, d := range page.Data {
		seen[d.ID] = true
	}
	if page.Total != 31 || len(page.Data) != 25 || page.Next == nil {
		t.Fatalf("first page: total %d, %d items, next %v", page.Total, len(page.Data), page.Next)
	}
	ts.do(t, "GET", "/v1/transcriptions?limit=25&cursor="+*page.Next, nil, "").json(t, &page)
	for _, d := range page.Data {
		if seen[d.ID] {
			t.Errorf("job %s on both pages", d.ID)
		}
	}
	if len(page.Data) != 6 || page.Next != nil || page.Data[5].Title != "خطاب الرئيس" {
		t.Errorf("second page: got %+v, want the 6 oldest, the first titled", page.Data)
	}
	ts.do(t, "GET", "/v1/transcriptions?q="+urlQuery("خطاب"), nil, "").json(t, &page)
	if page.Total != 1 || page.Data[0].ID != id {
		t.Errorf("q filter: got %+v", page)
	}
	if h := search("كلمة", "speaker="+urlQuery("الوزير"), "limit=10"); len(h.Data) != 10 || h.Next == nil {
		t.Errorf("speaker filter with paging: got %d hits, next %v", len(h.Data), h.Next)
	}

	// Detach and delete take it out of search.
	if r := ts.do(t, "DELETE", "/v1/transcriptions/"+id+"/article", nil, ""); r.status != 200 {
		t.Errorf("detach: got %d %s", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/"+id+"/alignment", nil, ""); r.status != 404 {
		t.Errorf("alignment after detach: got %d, want 404", r.status)
	}
	if r := ts.do(t, "DELETE", "/v1/transcriptions/"+id, nil, ""); r.status != 204 {
		t.Errorf("delete: got %d", r.status)
	}
	if h := search("المحافظات", "kind=transcript"); len(h.Data) != 0 {
		t.Errorf("deleted job still found: %+v", h.Data)
	}
}

// TestAttachArticleRealigns attaches, replaces and detaches an article on a
// job recorded without one.
func TestAttachArticleRealigns(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	id := ts.doneJob(t, nil)
	var a struct{ ID string }
	ts.do(t, "POST", "/v1/articles", strings.NewReader(`{"title":"خبر","body":`+jsonString(article)+`}`), "application/json").json(t, &a)
	r := ts.do(t, "PUT", "/v1/transcriptions/"+id+"/article", strings.NewReader(`{"article_id":"`+a.ID+`"}`), "application/json")
	var j struct {
		ArticleID string `json:"article_id"`
		Title     string
	}
	r.json(t, &j)
	if r.status != 200 || j.ArticleID != a.ID || j.Title != "خبر" {
		t.Fatalf("attach: got %d %s", r.status, r.body)
	}
	var al alignment
	ts.do(t, "GET", "/v1/articles/"+a.ID+"/transcript", nil, "").json(t, &al)
	if al.matched("الخدمات") == nil {
		t.Errorf("attached article not aligned")
	}
	r = ts.do(t, "PUT", "/v1/transcriptions/"+id+"/article", strings.NewReader(`{"article":"الحكومة ستواصل العمل"}`), "application/json")
	if r.status != 200 {
		t.Fatalf("replace: got %d %s", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/v1/articles/"+a.ID+"/transcript", nil, ""); r.status != 404 {
		t.Errorf("replaced article still has the recording: %d", r.status)
	}
	if r := ts.do(t, "PUT", "/v1/transcriptions/"+id+"/article", strings.NewReader(`{}`), "application/json"); r.status != 400 {
		t.Errorf("empty attach: got %d, want 400", r.status)
	}
	// Deleting an attached article leaves the job without it, still readable.
	ts.do(t, "PUT", "/v1/transcriptions/"+id+"/article", strings.NewReader(`{"article_id":"`+a.ID+`"}`), "application/json")
	if r := ts.do(t, "DELETE", "/v1/articles/"+a.ID, nil, ""); r.status != 204 {
		t.Fatalf("delete article: %d", r.status)
	}
	var after jobView
	ts.do(t, "GET", "/v1/transcriptions/"+id, nil, "").json(t, &after)
	if after.HasArticle {
		t.Errorf("job still has the deleted article")
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/"+id+"/transcript", nil, ""); r.status != 200 {
		t.Errorf("transcript after the article was deleted: %d", r.status)
	}
}

// TestFailedUploadLeavesNoArticle sends a titled article with a file that
// is not audio: nothing is stored.
func TestFailedUploadLeavesNoArticle(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	r := ts.upload(t, "/v1/transcriptions", []byte("this is not audio at all, just text"), map[string]string{"article": article, "title": "خبر"})
	if r.status < 400 || r.status >= 500 {
		t.Fatalf("bad upload: got %d, want 4xx", r.status)
	}
	var arts struct{ Total int }
	ts.do(t, "GET", "/v1/articles", nil, "").json(t, &arts)
	if arts.Total != 0 {
		t.Errorf("articles after a failed upload: got %d, want 0", arts.Total)
	}
	// The same form with audio stores the article once, also when sent twice.
	for i := 0; i < 2; i++ {
		if r := ts.upload(t, "/v1/transcriptions", wav(1, 440), map[string]string{"article": article, "title": "خبر"}, "Idempotency-Key", "k1"); r.status != 202 && r.status != 200 {
			t.Fatalf("upload %d: got %d %s", i, r.status, r.body)
		} else if i == 1 && r.header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("second submit was not a replay")
		}
	}
	ts.do(t, "GET", "/v1/articles", nil, "").json(t, &arts)
	if arts.Total != 1 {
		t.Errorf("articles after a double submit: got %d, want 1", arts.Total)
	}
}

func jsonString(s string) string { b, _ := json.Marshal(s); return string(b) }

func urlQuery(s string) string { return url.QueryEscape(s) }
