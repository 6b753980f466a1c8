package api_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/api"
	"github.com/newsscribe/newsscribe/api/web"
	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/blob"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/share"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
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

// scriptedPipeline is the product's pipeline with eng loaded in place of
// whisper.cpp (its one seam) and a stub model file to resolve.
func scriptedPipeline(t testing.TB, eng transcribe.Engine, opts audio.Options) *pipeline.Pipeline {
	t.Helper()
	model, err := transcribetest.TinyModel(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.New(pipeline.Config{
		Model: model, VAD: pipeline.VADOff, Audio: opts,
		LoadEngine: func(context.Context, whisper.Config) (transcribe.Engine, io.Closer, error) { return eng, nil, nil },
	})
}

type testServer struct {
	*httptest.Server
	engine *transcribetest.Scripted
	queue  *queue.Queue
	store  *store.Store
	worker *queue.Worker
	dir    string
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
	// clips bounds clips (store.ClipLimits); maxStreams is Deps.MaxStreams.
	clips      store.ClipLimits
	maxStreams int
}

// shareSecret signs the test servers' share links.
const shareSecret = "test share secret, 32 bytes long"

func newServer(t testing.TB, o serverOpts) *testServer {
	t.Helper()
	dir := o.dir
	if dir == "" {
		dir = t.TempDir()
	}
	blobs, err := store.NewBlobs(dir)
	if o.blobs != nil {
		blobs, err = store.NewRemoteBlobs(dir, o.blobs)
	}
	if err != nil {
		t.Fatal(err)
	}
	result := arabicResult
	if o.result != nil {
		result = o.result
	}
	eng := &transcribetest.Scripted{Result: result, Steps: max(o.steps, 4), StepDelay: o.stepDelay}
	hub := api.NewSegmentHub()
	p := scriptedPipeline(t, eng, audio.Options{MaxDuration: time.Duration(o.maxSeconds * float64(time.Second))})
	dec := api.AudioDecoder{Pipeline: p}
	quiet := slog.New(slog.DiscardHandler)
	if os.Getenv("NS_TEST_LOG") != "" {
		quiet = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if o.log != nil {
		quiet = slog.New(slog.NewJSONHandler(o.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	w := &queue.Worker{Pipeline: p, Decoder: dec, ProgressEvery: time.Millisecond, Logger: quiet, Segments: hub, ClipFonts: web.CaptionFonts(), ChunkLength: o.chunkLength}
	ctx := context.Background()
	q, err := queue.Open(ctx, queue.Config{Database: o.database, DataDir: dir, Workers: o.workers, JobTimeout: time.Minute, Logger: quiet, Webhooks: o.webhooks,
		Clips: o.clips}, blobs, w)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if !o.noStart {
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	m := api.NewMetrics(q.Store())
	w.Observer = m
	deps := api.Deps{
		Store: q.Store(), Queue: q, Prober: dec, Aligner: p,
		EngineReady: p.Ready, Segments: hub, Metrics: m, APIKeys: o.keys, MaxUpload: o.maxUpload, MaxQueue: o.maxQueue,
		DefaultModel: "test-model", Logger: quiet, Webhooks: q,
		PublicMetrics: o.publicMetrics, BodyIdleTimeout: o.bodyIdle, MinUploadRate: o.minRate, PublicURL: o.publicURL,
		MaxStreams: o.maxStreams,
	}
	sh, err := share.New([]byte(shareSecret), o.shareTTL)
	if err != nil {
		t.Fatal(err)
	}
	sh = sh.WithRevocations(q.Store()) // as Serve wires it
	deps.Share = sh
	if o.web {
		deps.Mount = func(r *gin.Engine) {
			web.Mount(r, q.Store(), web.Options{PublicURL: o.publicURL})
			web.RegisterShare(r, q.Store(), sh)
		}
	}
	r := api.NewRouter(deps)
	srv := httptest.NewServer(r)
	ts := &testServer{Server: srv, engine: eng, queue: q, store: q.Store(), worker: w, dir: dir}
	t.Cleanup(func() {
		srv.Close()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		q.Stop(sctx)
		q.Close()
	})
	return ts
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

// waitJob polls until the job reaches a final state.
func (ts *testServer) waitJob(t testing.TB, id string, hdr ...string) jobView {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var j jobView
		ts.do(t, "GET", "/v1/transcriptions/"+id, nil, "", hdr...).json(t, &j)
		switch j.Status {
		case "done", "failed", "canceled":
			return j
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("job %s did not finish in 30s", id)
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
