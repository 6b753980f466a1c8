package api_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/api"
	"github.com/newsscribe/newsscribe/blob"
	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/server"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
	"github.com/newsscribe/newsscribe/webhook"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.ReleaseMode)
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// wav returns a 16 kHz mono 16-bit WAV of a tone lasting seconds.
func wav(seconds float64, freq float64) []byte {
	var b bytes.Buffer
	writeWAV(&b, int(seconds*16000), func(i int) int16 { return int16(8000 * math.Sin(2*math.Pi*freq*float64(i)/16000)) })
	return b.Bytes()
}

// writeWAV writes a 16 kHz mono 16-bit WAV of n samples, sample(i) each.
func writeWAV(w io.Writer, n int, sample func(i int) int16) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("RIFF")
	binary.Write(bw, binary.LittleEndian, uint32(36+2*n))
	bw.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(16000), uint32(32000), uint16(2), uint16(16)} {
		binary.Write(bw, binary.LittleEndian, v)
	}
	bw.WriteString("data")
	binary.Write(bw, binary.LittleEndian, uint32(2*n))
	var b [2]byte
	for i := 0; i < n; i++ {
		binary.LittleEndian.PutUint16(b[:], uint16(sample(i)))
		bw.Write(b[:])
	}
	return bw.Flush()
}

// spoken is what the scripted engine "hears": one sentence, its words
// spread evenly over the clip.
const spoken = "قال الرئيس في كلمته اليوم إن الحكومة ستواصل العمل من أجل تحسين الخدمات للمواطنين في كل المحافظات"

// article reports the speech: its first sentence quotes it, its second was not said.
const article = "وقال الرئيس في كلمته اليوم إن «الحكومة ستواصل العمل من أجل تحسين الخدمات للمواطنين في كل المحافظات». وأعلن الوزير لاحقا عن ميزانية جديدة للتعليم والصحة."

func arabicResult(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
	d := float64(len(samples)) / 16000
	fields := strings.Fields(spoken)
	words := make([]transcribe.Word, len(fields))
	step := d / float64(len(fields))
	for i, f := range fields {
		words[i] = transcribe.Word{Word: f, Start: float64(i) * step, End: float64(i+1) * step, Probability: 0.9}
	}
	return &transcribe.Transcript{Language: "ar", Duration: d, Text: spoken, Segments: []transcribe.Segment{{
		ID: 0, Start: 0, End: d, Text: spoken, AvgLogprob: -0.2, NoSpeechProb: 0.01, Words: words,
	}}}, nil
}

// scriptedConfig is the product's pipeline configuration with eng loaded in
// place of whisper.cpp (its one seam) and a stub model file to resolve,
// named test-model.bin (clients see "test-model").
func scriptedConfig(t testing.TB, eng transcribe.Engine) pipeline.Config {
	t.Helper()
	dir := t.TempDir()
	model, err := transcribetest.TinyModel(dir)
	if err != nil {
		t.Fatal(err)
	}
	named := filepath.Join(dir, "test-model.bin")
	if err := os.Rename(model, named); err != nil {
		t.Fatal(err)
	}
	return pipeline.Config{
		Model: named, VAD: pipeline.VADOff,
		LoadEngine: func(context.Context, whisper.Config) (transcribe.Engine, io.Closer, error) { return eng, nil, nil },
	}
}

type testServer struct {
	*httptest.Server
	engine *transcribetest.Scripted
	srv    *server.Server
	queue  *queue.Queue
	store  *store.Store
	worker *queue.Worker
	dir    string
	// blobs is the blob store's directory in dir (the uploads, renditions
	// and their temporary files).
	blobs string
}

type serverOpts struct {
	keys       []string
	maxUpload  int64
	maxQueue   int
	maxSeconds float64
	stepDelay  time.Duration
	noStart    bool
	workers    int
	// database is a postgres:// URL; empty for SQLite in the temp dir.
	database string
	// result replaces arabicResult as the scripted engine's transcript.
	result func(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error)
	// web mounts the newsroom page, the embed and the share pages, as serve does.
	web bool
	// dir is the data directory; empty for a new temporary one.
	dir string
	// Deps' security settings (issue 9).
	publicMetrics bool
	bodyIdle      time.Duration
	minRate       int64
	publicURL     string
	// log receives the server's debug logs as JSON lines; nil discards them.
	log io.Writer
	// shareTTL is the lifetime of share links; 0 for share.DefaultTTL.
	shareTTL time.Duration
	// webhooks configures event notifications.
	webhooks queue.WebhookConfig
	// blobs, when set, keeps uploads there (the temp dir is the scratch).
	blobs blob.Store
	// chunkLength is the worker's target chunk length (0: the default).
	chunkLength time.Duration
	// steps is the scripted engine's progress steps (0: 4).
	steps int
	// live configures live sessions (recordings in the data dir's live/,
	// recognised by the same scripted engine); nil: the server's default.
	live *live.Config
}

// shareSecret signs the test servers' share links.
const shareSecret = "test share secret, 32 bytes long"

// newServer runs the service as the serve command builds it (server.New)
// with the scripted engine, on an httptest server, and starts its queue
// unless o.noStart.
func newServer(t testing.TB, o serverOpts) *testServer {
	t.Helper()
	dir := o.dir
	if dir == "" {
		dir = t.TempDir()
	}
	result := arabicResult
	if o.result != nil {
		result = o.result
	}
	eng := &transcribetest.Scripted{Result: result, Steps: max(o.steps, 4), StepDelay: o.stepDelay}
	quiet := slog.New(slog.DiscardHandler)
	if os.Getenv("NS_TEST_LOG") != "" {
		quiet = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if o.log != nil {
		quiet = slog.New(slog.NewJSONHandler(o.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	cfg := server.Config{
		DataDir: dir, Database: o.database, Workers: o.workers, ChunkLength: o.chunkLength,
		MaxUpload: o.maxUpload, MaxQueue: o.maxQueue, MaxDuration: time.Duration(o.maxSeconds * float64(time.Second)),
		JobTimeout: time.Minute, APIKeys: o.keys, PublicURL: o.publicURL, PublicMetrics: o.publicMetrics,
		BodyIdleTimeout: o.bodyIdle, MinUploadRate: o.minRate, ShareSecret: shareSecret, ShareTTL: o.shareTTL,
		WebhookURL: o.webhooks.URL, WebhookAllowPrivate: o.webhooks.Policy.AllowPrivate,
		WebhookTimeout: o.webhooks.Policy.Timeout, WebhookRetry: o.webhooks.Retry, Blobs: o.blobs,
		Pipeline: scriptedConfig(t, eng), Page: o.web, Logger: quiet, ProgressEvery: time.Millisecond,
	}
	if o.live != nil {
		cfg.Live = *o.live
	}
	if o.maxSeconds == 0 {
		cfg.MaxDuration = -1 // no limit, where the serve command's default is 4 hours
	}
	if o.webhooks.Secret != nil {
		cfg.WebhookSecret = webhook.SecretPrefix + base64.StdEncoding.EncodeToString(o.webhooks.Secret)
	}
	ctx := context.Background()
	srv, err := server.New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	start := srv.Start
	if o.noStart {
		start = srv.Load // the test starts the queue itself
	}
	if err := start(ctx); err != nil {
		srv.Close()
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	ts := &testServer{Server: hs, engine: eng, srv: srv, queue: srv.Queue(), store: srv.Store(), worker: srv.Worker(), dir: dir, blobs: filepath.Join(dir, "blobs")}
	t.Cleanup(func() {
		// Live sessions end first, so that their event streams end and the
		// HTTP server can close.
		lctx, lcancel := context.WithTimeout(context.Background(), 30*time.Second)
		_ = srv.EndLive(lctx)
		lcancel()
		hs.Close()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if o.noStart {
			_ = srv.Queue().Stop(sctx) // if the test started it
		}
		srv.Stop(sctx)
		srv.Close()
	})
	return ts
}

// newHandlerServer serves the router over a newsroom without a queue or an
// engine, for the tests about HTTP alone: no river, no ffmpeg. It takes
// o's keys and metrics settings.
func newHandlerServer(t testing.TB, o serverOpts) *testServer {
	t.Helper()
	st := newStore(t)
	quiet := slog.New(slog.DiscardHandler)
	r := api.NewRouter(api.Deps{Newsroom: newsroom.New(newsroom.Config{Store: st, Logger: quiet}), Metrics: api.NewMetrics(st),
		APIKeys: o.keys, PublicMetrics: o.publicMetrics, Logger: quiet})
	hs := httptest.NewServer(r)
	t.Cleanup(hs.Close)
	return &testServer{Server: hs, store: st}
}

// newStore opens a store in a temporary directory: SQLite, no queue.
func newStore(t testing.TB) *store.Store {
	t.Helper()
	dir := t.TempDir()
	blobs, err := store.NewBlobs(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), store.Config{DataDir: dir, Logger: slog.New(slog.DiscardHandler)}, blobs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

// form builds a multipart body; the "file" field, when present, is sent as a file.
func form(t testing.TB, file []byte, fields map[string]string) (io.Reader, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if file != nil {
		fw, err := mw.CreateFormFile("file", "../../etc/passwd talk.wav")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(file)
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func (r resp) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("response %d %q: %v", r.status, r.body, err)
	}
}

func (ts *testServer) do(t testing.TB, method, path string, body io.Reader, ctype string, hdr ...string) resp {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i] == "Host" {
			req.Host = hdr[i+1] // the client sends req.Host, never the map's
			continue
		}
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return resp{status: res.StatusCode, header: res.Header, body: b}
}

func (ts *testServer) upload(t testing.TB, path string, file []byte, fields map[string]string, hdr ...string) resp {
	t.Helper()
	body, ct := form(t, file, fields)
	return ts.do(t, "POST", path, body, ct, hdr...)
}

type jobView struct {
	ID            string  `json:"id"`
	Status        string  `json:"status"`
	Progress      int     `json:"progress"`
	AudioDuration float64 `json:"audio_duration"`
	Filename      string  `json:"filename"`
	Task          string  `json:"task"`
	HasArticle    bool    `json:"has_article"`
	Error         *struct {
		Code, Message string
	} `json:"error"`
}

// waitJob polls until the job reaches a final state. Its deadline guards
// against a hang, not a slow machine: the tests run in parallel.
func (ts *testServer) waitJob(t testing.TB, id string, hdr ...string) jobView {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		var j jobView
		ts.do(t, "GET", "/v1/transcriptions/"+id, nil, "", hdr...).json(t, &j)
		switch j.Status {
		case "done", "failed", "canceled":
			return j
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("job %s did not finish in 2 minutes", id)
	return jobView{}
}

// alignment is the part of align.Result the tests look at.
type alignment struct {
	Words []struct {
		Text   string   `json:"text"`
		Start  *float64 `json:"start"`
		Status string   `json:"status"`
	} `json:"words"`
	Quotes []struct {
		Text   string `json:"text"`
		Status string `json:"status"`
	} `json:"quotes"`
}

// matched returns the start time of the article word text, or nil when it
// is not matched to the audio.
func (a alignment) matched(text string) *float64 {
	for _, w := range a.Words {
		if w.Text == text && w.Status == "matched" {
			return w.Start
		}
	}
	return nil
}
