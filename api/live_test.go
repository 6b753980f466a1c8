package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/live/livetest"
	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/webhook"
)

// liveWords is what the tone engine hears for tones 0, 1, 2…; the live
// passes and the job's full transcription hear the same.
var liveWords = strings.Fields("قال الوزير إن الحكومة ستعمل على تحسين الخدمات الصحية في المدن والقرى خلال العام المقبل")

const liveDraft = "الرباط – قال الوزير إن «الحكومة ستعمل على تحسين الخدمات الصحية في المدن» خلال العام المقبل، وأضاف «سنبني مستشفى جديدا في كل جهة من جهات المملكة»."

// liveSpeech is tone-coded speech of n words (0.35 s each, 0.2 s apart,
// a second's pause every four).
func liveSpeech(n int) []float32 {
	samples, _ := transcribetest.ToneSpeech(n, 4, 0.5)
	return samples
}

// liveEvent is one server-sent event.
type liveEvent struct {
	name, id string
	data     json.RawMessage
}

// followLive reads the session's events into a channel until the stream ends.
func followLive(t *testing.T, ts *testServer, id string, hdr ...string) <-chan liveEvent {
	t.Helper()
	req, _ := http.NewRequest("GET", ts.URL+"/v1/live/"+id+"/events", nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("events: %d", res.StatusCode)
	}
	out := make(chan liveEvent, 1024)
	go func() {
		defer close(out)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(nil, 1<<20)
		var ev liveEvent
		for sc.Scan() {
			l := sc.Text()
			switch {
			case l == "":
				if ev.name != "" {
					out <- ev
				}
				ev = liveEvent{}
			case strings.HasPrefix(l, "event: "):
				ev.name = strings.TrimPrefix(l, "event: ")
			case strings.HasPrefix(l, "id: "):
				ev.id = strings.TrimPrefix(l, "id: ")
			case strings.HasPrefix(l, "data: "):
				ev.data = json.RawMessage(strings.TrimPrefix(l, "data: "))
			}
		}
	}()
	return out
}

type liveView struct {
	ID         string  `json:"id"`
	Status     string  `json:"status"`
	AudioToken string  `json:"audio_token"`
	JobID      string  `json:"transcription_id"`
	Error      string  `json:"error"`
	Audio      float64 `json:"audio_seconds"`
	Links      struct {
		Audio string `json:"audio"`
	} `json:"links"`
}

func wsURL(ts *testServer, path string) string {
	return "ws" + strings.TrimPrefix(ts.URL, "http") + path
}

// TestLiveBrowserSession is a session from the browser's microphone, end
// to end over HTTP: the audio WebSocket dropped mid-speech and resumed
// (no frame lost, none stored twice), the captions and the draft's
// verdicts followed as SSE, a draft edit, a caption heard again from the
// buffer, then stop → an ordinary job (chunked transcription, alignment of
// the final draft, its article updated, the webhook delivered).
func TestLiveBrowserSession(t *testing.T) {
	rcv := newReceiver(t)
	rcv.up(t)
	ts := newServer(t, serverOpts{result: transcribetest.Tones(liveWords), live: &live.Config{Sessions: 2},
		webhooks: queue.WebhookConfig{Policy: webhook.Policy{AllowPrivate: true}}})
	r := ts.do(t, "POST", "/v1/articles", strings.NewReader(fmt.Sprintf(`{"title":"مؤتمر صحفي","body":%q}`, "مسودة أولى")), "application/json")
	var art struct{ ID string }
	r.json(t, &art)

	r = ts.do(t, "POST", "/v1/live", strings.NewReader(fmt.Sprintf(`{"source":"browser","article_id":%q,"article":%q,"callback_url":%q}`,
		art.ID, liveDraft, "http://"+rcv.addr+"/hook")), "application/json")
	if r.status != http.StatusCreated {
		t.Fatalf("POST /v1/live: %d %s", r.status, r.body)
	}
	var sess liveView
	r.json(t, &sess)
	if sess.AudioToken == "" || sess.Status != "waiting" || sess.Links.Audio == "" {
		t.Fatalf("session %+v: want waiting, with an audio token and link", sess)
	}
	var watch liveView
	ts.do(t, "GET", "/v1/live/"+sess.ID, nil, "").json(t, &watch)
	if watch.AudioToken != "" {
		t.Error("GET shows the audio token to watchers")
	}
	events := followLive(t, ts, sess.ID)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	snd := &livetest.Sender{URL: wsURL(ts, sess.Links.Audio+"?token="+sess.AudioToken)}
	if err := snd.Dial(ctx); err != nil {
		t.Fatal(err)
	}
	samples := liveSpeech(len(liveWords))
	const frame = 1600
	nFrames := 0
	for i := 0; i < len(samples); i += frame {
		if nFrames == 40 {
			snd.Drop() // the network fails: what was in flight may be lost
		}
		snd.Send(ctx, samples[i:min(i+frame, len(samples))])
		nFrames++
		if nFrames == 46 {
			if err := snd.Dial(ctx); err != nil { // the page reconnects
				t.Fatal(err)
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := snd.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if snd.Dials != 2 {
		t.Errorf("%d connections, want 2", snd.Dials)
	}

	// The draft is edited; an edit on a stale version is refused.
	r = ts.do(t, "PUT", "/v1/live/"+sess.ID+"/draft", strings.NewReader(fmt.Sprintf(`{"text":%q,"base_version":0}`, liveDraft+"\nوختم الوزير كلمته.")), "application/json")
	if r.status != http.StatusOK {
		t.Fatalf("PUT draft: %d %s", r.status, r.body)
	}
	if r = ts.do(t, "PUT", "/v1/live/"+sess.ID+"/draft", strings.NewReader(`{"text":"x","base_version":0}`), "application/json"); r.status != http.StatusConflict {
		t.Errorf("stale draft edit: %d, want 409", r.status)
	}

	// Follow the events until the quotation said is verbatim.
	var finals []transcribe.Word
	var lastQuotes struct {
		Quotes []struct {
			Text  string `json:"text"`
			Check struct {
				Verdict string `json:"verdict"`
			} `json:"check"`
		} `json:"quotes"`
	}
	seenTentative := false
	verbatim := false
	for !verbatim {
		var ev liveEvent
		select {
		case ev = <-events:
		case <-ctx.Done():
			t.Fatalf("no verbatim verdict; finals %d, quotes %+v", len(finals), lastQuotes)
		}
		switch ev.name {
		case "captions":
			var c struct {
				From      int               `json:"from"`
				Final     []transcribe.Word `json:"final"`
				Tentative []transcribe.Word `json:"tentative"`
			}
			json.Unmarshal(ev.data, &c)
			if c.From != len(finals) {
				t.Fatalf("captions from %d, after %d finals", c.From, len(finals))
			}
			finals = append(finals, c.Final...)
			if fmt.Sprint(len(finals)) != ev.id {
				t.Errorf("captions id %s, want %d", ev.id, len(finals))
			}
			seenTentative = seenTentative || len(c.Tentative) > 0
		case "quotes":
			json.Unmarshal(ev.data, &lastQuotes)
			verbatim = len(lastQuotes.Quotes) == 2 && lastQuotes.Quotes[0].Check.Verdict == "verbatim" && len(finals) >= 12
		}
	}
	if v := lastQuotes.Quotes[1].Check.Verdict; v != "not_said" {
		t.Errorf("the quotation never said: %s, want not_said", v)
	}
	if !seenTentative {
		t.Error("no tentative words were shown")
	}

	// A caption heard again from the buffer.
	w := finals[3]
	r = ts.do(t, "GET", fmt.Sprintf("/v1/live/%s/recording?from=%.2f&to=%.2f", sess.ID, w.Start, w.End), nil, "")
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "audio/wav" {
		t.Fatalf("recording: %d %s", r.status, r.header.Get("Content-Type"))
	}
	if got, want := (len(r.body)-44)/2, int((w.End-w.Start)*16000); got < want-2 || got > want+2 {
		t.Errorf("the caption's audio has %d samples, want %d", got, want)
	}

	r = ts.do(t, "POST", "/v1/live/"+sess.ID+"/stop", nil, "")
	if r.status != http.StatusAccepted {
		t.Fatalf("stop: %d %s", r.status, r.body)
	}
	var job jobView
	r.json(t, &job)
	for ev := range events {
		if ev.name == "captions" {
			var c struct {
				Final []transcribe.Word `json:"final"`
			}
			json.Unmarshal(ev.data, &c)
			finals = append(finals, c.Final...)
		}
		if ev.name == "ended" {
			var e liveView
			json.Unmarshal(ev.data, &e)
			if e.Status != "ended" || e.JobID != job.ID {
				t.Errorf("ended event %+v, want job %s", e, job.ID)
			}
		}
	}
	var said []string
	for _, w := range finals {
		said = append(said, w.Word)
	}
	if got, want := strings.Join(said, " "), strings.Join(liveWords, " "); got != want {
		t.Errorf("final captions %q, want %q", got, want)
	}

	// The stored recording: every frame once.
	if j := ts.waitJob(t, job.ID); j.Status != "done" {
		t.Fatalf("job %+v, want done", j)
	}
	stored, err := ts.store.Job(context.Background(), job.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := stored.AudioBytes, int64(44+2*len(samples)); got != want {
		t.Errorf("the job's recording has %d bytes, want %d (%d frames sent): frames lost or doubled", got, want, nFrames)
	}
	var al struct {
		Quotes []struct {
			Check struct {
				Verdict string `json:"verdict"`
			} `json:"check"`
		} `json:"quotes"`
	}
	r = ts.do(t, "GET", "/v1/transcriptions/"+job.ID+"/alignment", nil, "")
	r.json(t, &al)
	if len(al.Quotes) != 2 || al.Quotes[0].Check.Verdict != "verbatim" || al.Quotes[1].Check.Verdict != "not_said" {
		t.Errorf("the job's alignment: %s", r.body)
	}
	var a struct{ Body, TranscriptionID string }
	ts.do(t, "GET", "/v1/articles/"+art.ID, nil, "").json(t, &a)
	if !strings.HasSuffix(a.Body, "وختم الوزير كلمته.") {
		t.Errorf("the article's body is not the final draft: %q", a.Body)
	}
	done := func(ds []delivery) bool {
		return slices.ContainsFunc(ds, func(d delivery) bool {
			return d.path == "/hook" && eventType(t, d.body) == "transcription.done"
		})
	}
	waitDelivered(t, ts, rcv, done)
	if !done(rcv.deliveries()) {
		t.Error("the callback_url got no transcription.done")
	}
}

// TestLiveHLSSession: a stream the operator allowed, an HLS playlist that
// ffmpeg made of a recording, served on loopback and growing: the
// session's captions, then at the playlist's end an ordinary job.
func TestLiveHLSSession(t *testing.T) {
	samples := liveSpeech(8)
	hls := livetest.HLSServer(t, samples, livetest.HLS{Type: "EVENT", Speed: 3})
	ts := newServer(t, serverOpts{result: transcribetest.Tones(liveWords), live: &live.Config{Sessions: 1,
		Sources: live.Sources{Allow: []string{"127.0.0.1"}, AllowPrivate: true}}})
	r := ts.do(t, "POST", "/v1/live", strings.NewReader(fmt.Sprintf(`{"source_url":%q}`, hls.URL+"/live/out.m3u8")), "application/json")
	if r.status != http.StatusCreated {
		t.Fatalf("POST /v1/live: %d %s", r.status, r.body)
	}
	var sess liveView
	r.json(t, &sess)
	var said []string
	var ended liveView
	for ev := range followLive(t, ts, sess.ID) {
		switch ev.name {
		case "captions":
			var c struct {
				Final []transcribe.Word `json:"final"`
			}
			json.Unmarshal(ev.data, &c)
			for _, w := range c.Final {
				said = append(said, w.Word)
			}
		case "ended":
			json.Unmarshal(ev.data, &ended)
		}
	}
	if got, want := strings.Join(said, " "), strings.Join(liveWords[:8], " "); got != want {
		t.Errorf("captions %q, want %q", got, want)
	}
	if ended.JobID == "" {
		t.Fatalf("ended %+v, want a job", ended)
	}
	if j := ts.waitJob(t, ended.JobID); j.Status != "done" {
		t.Errorf("job %+v", j)
	}
}

func TestLiveRefusals(t *testing.T) {
	ts := newServer(t, serverOpts{live: &live.Config{Sessions: 1, Sources: live.Sources{Allow: []string{"radio.example.com"}}}})
	tests := []struct {
		name, body string
		hdr        []string
		status     int
		code       string
	}{
		{"outside the allow-list", `{"source_url":"http://evil.example.net/live.m3u8"}`, nil, 403, "source_not_allowed"},
		{"unreachable", `{"source_url":"http://radio.example.com:1/x"}`, nil, 502, "source_unreachable"},
		{"no source", `{}`, nil, 400, "invalid_value"},
		{"not http", `{"source_url":"ftp://radio.example.com/x"}`, nil, 400, "invalid_value"},
		{"both sources", `{"source":"browser","source_url":"http://radio.example.com/x"}`, nil, 400, "invalid_value"},
		{"language auto", `{"source":"browser","language":"auto"}`, nil, 400, "invalid_value"},
		{"unknown language", `{"source":"browser","language":"xx"}`, nil, 400, "invalid_value"},
		{"unknown article", `{"source":"browser","article_id":"art_nope"}`, nil, 404, "not_found"},
		{"cross-site", `{"source":"browser"}`, []string{"Sec-Fetch-Site", "cross-site"}, 403, "cross_origin"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.do(t, "POST", "/v1/live", strings.NewReader(tc.body), "application/json", tc.hdr...)
			var e struct{ Error struct{ Code string } }
			json.Unmarshal(r.body, &e)
			if r.status != tc.status || e.Error.Code != tc.code {
				t.Fatalf("%d %s, want %d %s", r.status, r.body, tc.status, tc.code)
			}
		})
	}
	// The cap: one session at a time here.
	if r := ts.do(t, "POST", "/v1/live", strings.NewReader(`{"source":"browser"}`), "application/json"); r.status != http.StatusCreated {
		t.Fatalf("first session: %d %s", r.status, r.body)
	}
	r := ts.do(t, "POST", "/v1/live", strings.NewReader(`{"source":"browser"}`), "application/json")
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" {
		t.Errorf("second session: %d %s, want 429 with Retry-After", r.status, r.body)
	}
	// A server without live sessions (--live-sessions 0) says so.
	off := newServer(t, serverOpts{live: &live.Config{Sessions: -1}})
	if r := off.do(t, "POST", "/v1/live", strings.NewReader(`{"source":"browser"}`), "application/json"); r.status != http.StatusServiceUnavailable || !strings.Contains(string(r.body), `"live_off"`) {
		t.Errorf("live off: %d %s, want 503 live_off", r.status, r.body)
	}
	if r := off.do(t, "GET", "/v1/live/ls_x", nil, ""); r.status != http.StatusServiceUnavailable {
		t.Errorf("a session of a server without live sessions: %d %s, want 503", r.status, r.body)
	}
}

// TestLiveKeysAndOrigin: with API keys, the JSON routes need one; the audio
// WebSocket needs the session's token (or a key), and refuses a browser on
// another site.
func TestLiveKeysAndOrigin(t *testing.T) {
	ts := newServer(t, serverOpts{keys: []string{"k1"}, live: &live.Config{Sessions: 1}})
	if r := ts.do(t, "POST", "/v1/live", strings.NewReader(`{"source":"browser"}`), "application/json"); r.status != http.StatusUnauthorized {
		t.Fatalf("no key: %d, want 401", r.status)
	}
	r := ts.do(t, "POST", "/v1/live", strings.NewReader(`{"source":"browser"}`), "application/json", "Authorization", "Bearer k1")
	if r.status != http.StatusCreated {
		t.Fatalf("with key: %d %s", r.status, r.body)
	}
	var sess liveView
	r.json(t, &sess)
	if r := ts.do(t, "GET", "/v1/live/"+sess.ID+"/events", nil, ""); r.status != http.StatusUnauthorized {
		t.Errorf("events without a key: %d, want 401", r.status)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	base := wsURL(ts, sess.Links.Audio)
	dial := func(url string, hdr http.Header) int {
		c, res, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: hdr})
		if err == nil {
			c.CloseNow()
			return http.StatusSwitchingProtocols
		}
		if res == nil {
			t.Fatalf("dial %s: %v", url, err)
		}
		return res.StatusCode
	}
	same := http.Header{"Origin": {ts.URL}}
	for _, tc := range []struct {
		name string
		url  string
		hdr  http.Header
		want int
	}{
		{"no token, no key", base, same, http.StatusUnauthorized},
		{"wrong token", base + "?token=nope", same, http.StatusUnauthorized},
		{"wrong key", base, http.Header{"Authorization": {"Bearer k2"}}, http.StatusUnauthorized},
		{"token from another site", base + "?token=" + sess.AudioToken, http.Header{"Origin": {"https://evil.example"}}, http.StatusForbidden},
		{"token, same origin", base + "?token=" + sess.AudioToken, same, http.StatusSwitchingProtocols},
		{"key, no browser", base, http.Header{"Authorization": {"Bearer k1"}}, http.StatusSwitchingProtocols},
	} {
		if got := dial(tc.url, tc.hdr); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestLiveWatchers: two watchers of one session see the same finals; one
// that reconnects with Last-Event-ID gets only the finals after it.
func TestLiveWatchers(t *testing.T) {
	ts := newServer(t, serverOpts{result: transcribetest.Tones(liveWords), live: &live.Config{Sessions: 1}})
	r := ts.do(t, "POST", "/v1/live", strings.NewReader(`{"source":"browser"}`), "application/json")
	var sess liveView
	r.json(t, &sess)
	a, b := followLive(t, ts, sess.ID), followLive(t, ts, sess.ID)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	snd := &livetest.Sender{URL: wsURL(ts, sess.Links.Audio+"?token="+sess.AudioToken)}
	if err := snd.Dial(ctx); err != nil {
		t.Fatal(err)
	}
	samples := liveSpeech(8)
	for i := 0; i < len(samples); i += 1600 {
		snd.Send(ctx, samples[i:min(i+1600, len(samples))])
	}
	snd.Wait(ctx)
	ts.do(t, "POST", "/v1/live/"+sess.ID+"/stop", nil, "")
	collect := func(ch <-chan liveEvent) (words []string, lastID string) {
		for ev := range ch {
			if ev.name == "captions" {
				var c struct {
					Final []transcribe.Word `json:"final"`
				}
				json.Unmarshal(ev.data, &c)
				for _, w := range c.Final {
					words = append(words, w.Word)
				}
				lastID = ev.id
			}
		}
		return
	}
	var wg sync.WaitGroup
	var wa, wb []string
	wg.Add(2)
	go func() { defer wg.Done(); wa, _ = collect(a) }()
	go func() { defer wg.Done(); wb, _ = collect(b) }()
	wg.Wait()
	if strings.Join(wa, " ") != strings.Join(liveWords[:8], " ") || strings.Join(wa, " ") != strings.Join(wb, " ") {
		t.Errorf("watchers saw %q and %q", wa, wb)
	}
	// A late watcher resuming after 5 finals gets the other 3.
	late, _ := collect(followLive(t, ts, sess.ID, "Last-Event-ID", "5"))
	if strings.Join(late, " ") != strings.Join(liveWords[5:8], " ") {
		t.Errorf("resumed watcher got %q, want %q", late, liveWords[5:8])
	}
}
