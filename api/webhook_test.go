package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/webhook"
)

// testSecret is a Standard Webhooks secret (whsec_ + base64 of 24 bytes).
const testSecret = "whsec_bmV3c3NjcmliZS13ZWJob29rLXRlc3Qta2V5"

// delivery is one request a receiver got.
type delivery struct {
	path    string
	headers map[string]string
	body    []byte
}

// receiver is a webhook endpoint on loopback that is down (connection
// refused: nothing listens on its port) until up is called.
type receiver struct {
	addr string
	mu   sync.Mutex
	got  []delivery
	srv  *http.Server
}

func newReceiver(t *testing.T) *receiver {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &receiver{addr: ln.Addr().String()}
	ln.Close() // down: the port refuses connections
	r.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		d := delivery{path: req.URL.Path, body: b, headers: map[string]string{}}
		for _, h := range []string{"webhook-id", "webhook-timestamp", "webhook-signature"} {
			d.headers[h] = req.Header.Get(h)
		}
		r.mu.Lock()
		r.got = append(r.got, d)
		r.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})}
	t.Cleanup(func() { r.srv.Close() })
	return r
}

// up starts listening on the receiver's port. While it was down another
// process's connection may have had the port as its own for a moment (a
// full make test once did): try again for up to 10 s.
func (r *receiver) up(t *testing.T) {
	var (
		ln  net.Listener
		err error
	)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if ln, err = net.Listen("tcp", r.addr); err == nil || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Errorf("receiver up: %v", err)
		return
	}
	go r.srv.Serve(ln)
}

func (r *receiver) deliveries() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

// eventType reads the "type" of a delivered body.
func eventType(t *testing.T, b []byte) string {
	var m struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("webhook body %q: %v", b, err)
	}
	return m.Type
}

// failShort makes the scripted engine fail (for good: an option error)
// on recordings shorter than 1.8 s, so one job fails and one succeeds.
func failShort(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
	if len(samples) < 16000*18/10 {
		return nil, &transcribe.OptionError{Option: "prompt", Err: errors.New("scripted failure")}
	}
	return arabicResult(samples, opts)
}

// TestWebhookDeliveredOnceVerified: a receiver that is down for the first
// 10 s still gets each event of a done job (transcription.done,
// article.aligned) and of a failed job (transcription.failed) exactly
// once at both the server-wide URL and the job's callback_url, signed so
// that the Standard Webhooks reference library (npm standardwebhooks)
// verifies every delivery; the delivery log shows the refused attempts.
func TestWebhookDeliveredOnceVerified(t *testing.T) {
	t.Parallel()
	testWebhookDelivered(t, "")
}

// TestWebhookDeliveredOncePostgres is the same on a PostgreSQL queue.
func TestWebhookDeliveredOncePostgres(t *testing.T) {
	t.Parallel()
	testWebhookDelivered(t, postgresURL(t))
}

func testWebhookDelivered(t *testing.T, database string) {
	if testing.Short() {
		t.Skip("waits for a receiver that is down for 10 s")
	}
	rcv := newReceiver(t)
	key, err := webhook.ParseSecret(testSecret)
	if err != nil {
		t.Fatal(err)
	}
	ts := newServer(t, serverOpts{database: database, result: failShort, webhooks: queue.WebhookConfig{
		URL: "http://" + rcv.addr + "/all", Secret: key,
		Policy: webhook.Policy{AllowPrivate: true, Timeout: 2 * time.Second},
		Retry:  []time.Duration{time.Second, 2 * time.Second, 3 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second, 5 * time.Second, 5 * time.Second},
	}})
	downUntil := time.Now().Add(10 * time.Second)
	callback := "http://" + rcv.addr + "/job"
	r := ts.upload(t, "/v1/transcriptions", wav(2, 440), map[string]string{"article": article, "callback_url": callback})
	if r.status != http.StatusAccepted {
		t.Fatalf("upload: %d %s", r.status, r.body)
	}
	var done jobView
	r.json(t, &done)
	r = ts.upload(t, "/v1/transcriptions", wav(1.5, 440), map[string]string{"callback_url": callback})
	if r.status != http.StatusAccepted {
		t.Fatalf("upload: %d %s", r.status, r.body)
	}
	var failed jobView
	r.json(t, &failed)
	if j := ts.waitJob(t, done.ID); j.Status != "done" {
		t.Fatalf("job %s: %s, want done", done.ID, j.Status)
	}
	if j := ts.waitJob(t, failed.ID); j.Status != "failed" {
		t.Fatalf("job %s: %s, want failed", failed.ID, j.Status)
	}
	time.Sleep(time.Until(downUntil))
	rcv.up(t)

	want := map[string]bool{} // path + " " + type
	for _, p := range []string{"/all", "/job"} {
		for _, e := range []string{"transcription.done", "article.aligned", "transcription.failed"} {
			want[p+" "+e] = true
		}
	}
	deadline := time.Now().Add(90 * time.Second)
	for len(rcv.deliveries()) < len(want) && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	// Emitting the same events again (what a rescued job does) must not
	// send them twice.
	for _, id := range []string{done.ID, failed.ID} {
		j, err := ts.store.Job(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		events := []queue.Event{queue.EventFailed}
		if j.Status == "done" {
			events = []queue.Event{queue.EventDone, queue.EventAligned}
		}
		for _, e := range events {
			if err := ts.queue.Notify(context.Background(), id, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	waitWebhooksIdle(t, ts)

	got := rcv.deliveries()
	count := map[string]int{}
	for _, d := range got {
		count[d.path+" "+eventType(t, d.body)]++
	}
	for k := range want {
		if count[k] != 1 {
			t.Errorf("%s delivered %d times, want 1", k, count[k])
		}
	}
	if len(got) != len(want) {
		t.Errorf("receiver got %d deliveries, want %d: %v", len(got), len(want), count)
	}

	// The delivery log: refused attempts while the receiver was down, then
	// one delivered attempt per event and URL.
	attempts, delivered := 0, 0
	for _, id := range []string{done.ID, failed.ID} {
		var log struct {
			Data []struct {
				Event      string     `json:"event"`
				URL        string     `json:"url"`
				Attempt    int        `json:"attempt"`
				StatusCode int        `json:"status_code"`
				Delivered  bool       `json:"delivered"`
				Error      string     `json:"error"`
				Next       *time.Time `json:"next_attempt_at"`
				WebhookID  string     `json:"webhook_id"`
			} `json:"data"`
		}
		ts.do(t, "GET", "/v1/transcriptions/"+id+"/webhooks", nil, "").json(t, &log)
		for _, d := range log.Data {
			attempts++
			if d.Delivered {
				delivered++
				if d.StatusCode != http.StatusNoContent || d.Next != nil {
					t.Errorf("delivered attempt %+v: want status 204 and no next attempt", d)
				}
			} else if d.Error == "" || d.Next == nil {
				t.Errorf("failed attempt %+v: want an error and a next attempt", d)
			}
		}
	}
	if delivered != len(want) {
		t.Errorf("delivery log: %d delivered attempts, want %d", delivered, len(want))
	}
	if attempts <= delivered {
		t.Errorf("delivery log: %d attempts for %d deliveries; the receiver was down, want refused attempts logged", attempts, delivered)
	}
	t.Logf("%d events × 2 URLs delivered once each after %d attempts in all (receiver down 10 s)", len(want)/2, attempts)

	verifyStandardWebhooks(t, got, len(want))
}

// waitWebhooksIdle waits until no webhook delivery is queued or running.
func waitWebhooksIdle(t *testing.T, ts *testServer) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var n int
		err := ts.store.DB().QueryRow(`SELECT count(*) FROM river_job WHERE kind = 'newsscribe_webhook'
			AND state NOT IN ('completed', 'cancelled', 'discarded')`).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("webhook deliveries still queued after 30 s")
}

// waitDelivered waits, up to 30 s, until the deliveries rcv got satisfy
// done, then until the webhook queue is idle. A job shows done a moment
// before its events are queued (Newsroom.Finished), so an idle queue
// alone, seen in that moment on a loaded machine, is no proof they came.
func waitDelivered(t *testing.T, ts *testServer, rcv *receiver, done func([]delivery) bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !done(rcv.deliveries()) && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	waitWebhooksIdle(t, ts)
}

// verifyStandardWebhooks checks every delivery with the reference library
// (api/webhook/verify, installed by make webhook-deps), and that a tampered
// body is refused by it.
func verifyStandardWebhooks(t *testing.T, got []delivery, want int) {
	t.Helper()
	dir, _ := filepath.Abs(filepath.Join("webhook", "verify"))
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "standardwebhooks", "package.json")); err != nil {
		t.Skip("standardwebhooks not installed (run make webhook-deps): signatures not verified by the reference library")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found: signatures not verified by the reference library")
	}
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for _, d := range got {
		enc.Encode(map[string]any{"secret": testSecret, "headers": d.headers, "body": string(d.body)})
	}
	tampered := got[0]
	enc.Encode(map[string]any{"secret": testSecret, "headers": tampered.headers, "body": strings.Replace(string(tampered.body), "transcription", "Transcription", 1)})
	cmd := exec.Command(node, "verify.mjs")
	cmd.Dir = dir
	cmd.Stdin = &in
	out, _ := cmd.CombinedOutput()
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != want+1 {
		t.Fatalf("verifier printed %d lines, want %d:\n%s", len(lines), want+1, out)
	}
	for _, l := range lines[:want] {
		if !strings.HasPrefix(l, "ok ") {
			t.Errorf("reference library: %s", l)
		}
	}
	if !strings.HasPrefix(lines[want], "bad ") {
		t.Errorf("reference library accepted a tampered body: %s", lines[want])
	}
	t.Logf("standardwebhooks verified %d of %d deliveries; tampered body refused", want, len(got))
}

// TestCallbackURLRefused: a callback_url inside the network (metadata,
// private, loopback, CGNAT, unique-local) or not http(s) is refused with
// 400 naming callback_url before any job exists.
func TestCallbackURLRefused(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	for _, tc := range []struct {
		name, url, want string
	}{
		{"metadata", "http://169.254.169.254/latest/meta-data/", "link-local"},
		{"private", "http://10.0.0.1/hook", "private"},
		{"loopback", "http://127.0.0.1:8080/hook", "loopback"},
		{"localhost", "http://localhost/hook", "loopback"},
		{"ipv6 loopback", "http://[::1]/hook", "loopback"},
		{"cgnat", "http://100.64.0.7/hook", "100.64.0.0/10"},
		{"metadata ipv6", "http://[fd00:ec2::254]/", "private"},
		{"mapped", "http://[::ffff:10.0.0.1]/", "private"},
		{"scheme", "ftp://example.com/x", "http:// or https://"},
		{"user info", "https://user:pw@example.com/x", "passwords"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.upload(t, "/v1/transcriptions", wav(2, 440), map[string]string{"callback_url": tc.url})
			if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), tc.want) || !strings.Contains(string(r.body), "callback_url") {
				t.Fatalf("got %d %s, want 400 naming callback_url and %q", r.status, r.body, tc.want)
			}
			r = ts.do(t, "POST", "/v1/articles", strings.NewReader(fmt.Sprintf(`{"title":"t","body":%q,"callback_url":%q}`, article, tc.url)), "application/json")
			if r.status != http.StatusBadRequest {
				t.Fatalf("article: got %d %s, want 400", r.status, r.body)
			}
		})
	}
	var list struct {
		Data []any `json:"data"`
	}
	ts.do(t, "GET", "/v1/transcriptions", nil, "").json(t, &list)
	if len(list.Data) != 0 {
		t.Errorf("%d jobs exist after refused requests, want 0", len(list.Data))
	}
	r := ts.upload(t, "/v1/transcriptions", wav(2, 440), map[string]string{"callback_url": "http://93.184.215.14/hook"})
	if r.status != http.StatusAccepted {
		t.Errorf("public callback: got %d %s, want 202", r.status, r.body)
	}
}

// TestWebhookJoinedDoneJob: an identical request joining a job that is
// already done gets that job's events at its own callback_url (the first
// request's receiver gets nothing twice), and an article's callback_url
// receives the events of its recordings.
func TestWebhookJoinedDoneJob(t *testing.T) {
	t.Parallel()
	rcv := newReceiver(t)
	rcv.up(t)
	ts := newServer(t, serverOpts{webhooks: queue.WebhookConfig{Policy: webhook.Policy{AllowPrivate: true}}})
	base := "http://" + rcv.addr
	r := ts.do(t, "POST", "/v1/articles", strings.NewReader(fmt.Sprintf(`{"title":"t","body":%q,"callback_url":%q}`, article, base+"/article")), "application/json")
	if r.status != http.StatusCreated {
		t.Fatalf("article: %d %s", r.status, r.body)
	}
	var a struct{ ID string }
	r.json(t, &a)
	r = ts.upload(t, "/v1/articles/"+a.ID+"/audio", wav(2, 440), map[string]string{"callback_url": base + "/first"})
	var j jobView
	r.json(t, &j)
	ts.waitJob(t, j.ID)
	r = ts.upload(t, "/v1/articles/"+a.ID+"/audio", wav(2, 440), map[string]string{"callback_url": base + "/second"})
	if r.status != http.StatusOK {
		t.Fatalf("identical request: %d %s, want 200 (joined the done job)", r.status, r.body)
	}
	waitDelivered(t, ts, rcv, func(ds []delivery) bool { return len(ds) >= 6 })
	count := map[string]int{}
	for _, d := range rcv.deliveries() {
		count[d.path+" "+eventType(t, d.body)]++
	}
	for _, p := range []string{"/article", "/first", "/second"} {
		for _, e := range []string{"transcription.done", "article.aligned"} {
			if count[p+" "+e] != 1 {
				t.Errorf("%s %s delivered %d times, want 1 (all: %v)", p, e, count[p+" "+e], count)
			}
		}
	}
}

// TestWebhookRescuedRunQueuesEvents: a server that died after marking a job
// done but before queueing its events leaves the river job running; the
// rescued run finds the job done and queues them then.
func TestWebhookRescuedRunQueuesEvents(t *testing.T) {
	t.Parallel()
	rcv := newReceiver(t)
	rcv.up(t)
	ts := newServer(t, serverOpts{webhooks: queue.WebhookConfig{Policy: webhook.Policy{AllowPrivate: true}}})
	r := ts.upload(t, "/v1/transcriptions", wav(2, 440), map[string]string{"article": article})
	var j jobView
	r.json(t, &j)
	ts.waitJob(t, j.ID)
	waitWebhooksIdle(t, ts)
	if n := len(rcv.deliveries()); n != 0 {
		t.Fatalf("%d deliveries before any receiver was configured", n)
	}
	// The events' receiver, as if the job had been done without them queued.
	ctx := context.Background()
	if err := ts.store.AddCallback(ctx, j.ID, "http://"+rcv.addr+"/rescued"); err != nil {
		t.Fatal(err)
	}
	row, err := ts.store.Job(ctx, j.ID)
	if err != nil {
		t.Fatal(err)
	}
	rescued := &river.Job[queue.Args]{JobRow: &rivertype.JobRow{ID: row.RiverID, Attempt: 2, MaxAttempts: 3}, Args: queue.Args{JobID: j.ID}}
	if err := ts.worker.Work(ctx, rescued); err != nil {
		t.Fatal(err)
	}
	waitWebhooksIdle(t, ts)
	count := map[string]int{}
	for _, d := range rcv.deliveries() {
		count[eventType(t, d.body)]++
	}
	if count["transcription.done"] != 1 || count["article.aligned"] != 1 || len(count) != 2 {
		t.Errorf("after the rescued run: %v, want transcription.done and article.aligned once each", count)
	}
}
