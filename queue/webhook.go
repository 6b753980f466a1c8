package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/riverqueue/river"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/webhook"
)

// Event is the type of a webhook message.
type Event string

// The webhook events.
const (
	// EventDone is sent when a transcription job is done.
	EventDone Event = "transcription.done"
	// EventFailed is sent when a job fails for good (not when it is
	// canceled, and not on a failure that will be retried).
	EventFailed Event = "transcription.failed"
	// EventAligned is sent each time an alignment to an article is stored:
	// when the job is done, and when an edit re-aligns it.
	EventAligned Event = "article.aligned"
)

// WebhookQueue is the river queue deliveries run on, apart from
// transcriptions so that a long recording never holds an event back.
const WebhookQueue = "webhook"

// DefaultWebhookRetry is the delay before each retry of a delivery that
// got no 2xx: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — 8 attempts over
// 27 h 35 min, the schedule of the Standard Webhooks reference service.
var DefaultWebhookRetry = []time.Duration{
	5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 5 * time.Hour, 10 * time.Hour, 10 * time.Hour,
}

// WebhookConfig configures event notifications.
type WebhookConfig struct {
	// URL receives every job's events (server-wide); may be empty. A job's
	// or its article's callback_url receives them too.
	URL string
	// Secret signs every delivery (Standard Webhooks); nil sends them
	// unsigned. See webhook.ParseSecret.
	Secret []byte
	// Policy guards the addresses deliveries may reach and bounds an
	// attempt's time; its zero value refuses internal addresses.
	Policy webhook.Policy
	// Retry is the delay before each retry; len(Retry)+1 attempts are made.
	// Defaults to DefaultWebhookRetry.
	Retry []time.Duration
	// Workers is how many deliveries run at once. Defaults to 4.
	Workers int
}

func (c *WebhookConfig) setDefaults() {
	if len(c.Retry) == 0 {
		c.Retry = DefaultWebhookRetry
	}
	if c.Workers <= 0 {
		c.Workers = 4
	}
}

// WebhookArgs is one event for one receiver, a river job of its own. The
// message (id, type, timestamp, data) is fixed when the event happens, so
// every retry sends the same body; only the signature's timestamp changes.
type WebhookArgs struct {
	// WebhookID is the Standard Webhooks message id, the same on retries and
	// derived from the event, so emitting an event twice queues it once.
	WebhookID string `json:"webhook_id" river:"unique"`
	URL       string `json:"url" river:"unique"`
	JobID     string `json:"job_id"`
	Event     Event  `json:"event"`
	// At is when the event happened.
	At   time.Time       `json:"at"`
	Data json.RawMessage `json:"data"`
}

// Kind implements river.JobArgs.
func (WebhookArgs) Kind() string { return "newsscribe_webhook" }

// message is the delivered body, in the Standard Webhooks payload shape.
type message struct {
	Type      Event           `json:"type"`
	Timestamp time.Time       `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
}

// Body is the JSON body delivered for a.
func (a WebhookArgs) Body() ([]byte, error) {
	return json.Marshal(message{Type: a.Event, Timestamp: a.At.UTC(), Data: a.Data})
}

// webhookWorker delivers WebhookArgs: a 2xx completes it, anything else is
// retried on cfg.Retry's schedule; every attempt is logged in the store.
type webhookWorker struct {
	river.WorkerDefaults[WebhookArgs]
	cfg    WebhookConfig
	client *http.Client
	store  *store.Store
	log    *slog.Logger
}

// NextRetry implements river.Worker: the schedule's delay for this attempt.
func (w *webhookWorker) NextRetry(job *river.Job[WebhookArgs]) time.Time {
	return time.Now().Add(w.delay(job.Attempt))
}

// delay is the wait after failed attempt n (from 1).
func (w *webhookWorker) delay(n int) time.Duration {
	if n < 1 {
		n = 1
	}
	if n > len(w.cfg.Retry) {
		return w.cfg.Retry[len(w.cfg.Retry)-1]
	}
	return w.cfg.Retry[n-1]
}

// Timeout implements river.Worker: one attempt and its log entry.
func (w *webhookWorker) Timeout(*river.Job[WebhookArgs]) time.Duration {
	return w.client.Timeout + 10*time.Second
}

// Work implements river.Worker.
func (w *webhookWorker) Work(ctx context.Context, job *river.Job[WebhookArgs]) error {
	a := job.Args
	body, err := a.Body()
	if err != nil {
		return river.JobCancel(fmt.Errorf("webhook body: %w", err))
	}
	res, sendErr := webhook.Send(ctx, w.client, a.URL, w.cfg.Secret, a.WebhookID, time.Now(), body)
	d := store.Delivery{
		JobID: a.JobID, WebhookID: a.WebhookID, Event: string(a.Event), URL: a.URL, Attempt: job.Attempt,
		StatusCode: res.Status, Duration: res.Duration, CreatedAt: time.Now().UTC(),
	}
	forbidden := errors.Is(sendErr, webhook.ErrForbiddenAddress)
	if sendErr != nil {
		d.Error = sendErr.Error()
		if job.Attempt < job.MaxAttempts && !forbidden {
			next := time.Now().Add(w.delay(job.Attempt)).UTC()
			d.NextAttemptAt = &next
		}
	}
	if err := w.store.AddDelivery(context.WithoutCancel(ctx), d); err != nil {
		w.log.Warn("webhook delivery not logged", "job", a.JobID, "error", err)
	}
	switch {
	case sendErr == nil:
		return nil
	case forbidden:
		// A name that now resolves inside the network: retrying cannot help.
		w.log.Warn("webhook refused", "job", a.JobID, "event", a.Event, "error", sendErr)
		return river.JobCancel(sendErr)
	default:
		w.log.Info("webhook not delivered", "job", a.JobID, "event", a.Event, "attempt", job.Attempt, "error", sendErr)
		return sendErr
	}
}

// webhookID derives a message id from what identifies the event, so that
// emitting it again (a rescued job) names the same message.
func webhookID(jobID, event, version string) string {
	h := sha256.Sum256([]byte(jobID + "\x00" + event + "\x00" + version))
	return "msg_" + hex.EncodeToString(h[:12])
}

// targets are the distinct receivers of a job's events: the server's URL,
// the job's callback and its article's callback.
func (q *Queue) targets(ctx context.Context, j *store.Job) ([]string, error) {
	var out []string
	add := func(u string) {
		if u == "" {
			return
		}
		for _, o := range out {
			if o == u {
				return
			}
		}
		out = append(out, u)
	}
	add(q.cfg.Webhooks.URL)
	for _, owner := range []string{j.ID, j.ArticleID} {
		if owner == "" {
			continue
		}
		us, err := q.store.Callbacks(ctx, owner)
		if err != nil {
			return nil, fmt.Errorf("callbacks of %s: %w", owner, err)
		}
		for _, u := range us {
			add(u)
		}
	}
	return out, nil
}

// jobEvent is the data of transcription.done and transcription.failed.
type jobEvent struct {
	ID            string         `json:"id"`
	Object        string         `json:"object"`
	Status        store.Status   `json:"status"`
	AudioDuration float64        `json:"audio_duration"`
	Model         string         `json:"model"`
	Language      string         `json:"language"`
	Filename      string         `json:"filename,omitempty"`
	ArticleID     string         `json:"article_id,omitempty"`
	Error         *eventError    `json:"error,omitempty"`
	Links         map[string]any `json:"links"`
}

type eventError struct {
	Code    errcode.Code `json:"code"`
	Message string       `json:"message"`
}

// alignedEvent is the data of article.aligned: the check's summary line
// and the counts a CMS shows without fetching the alignment.
type alignedEvent struct {
	TranscriptionID string `json:"transcription_id"`
	ArticleID       string `json:"article_id,omitempty"`
	// Summary is align.Summary: «5 اقتباسات: 3 مطابقة، …».
	Summary   string         `json:"summary"`
	Words     map[string]int `json:"words"`
	Sentences map[string]int `json:"sentences"`
	Quotes    int            `json:"quotes"`
	// Verdicts counts the quotations by their check's verdict.
	Verdicts  map[string]int `json:"verdicts"`
	Alignment string         `json:"alignment"`
}

// Notify queues event for every receiver of job jobID's events (none
// configured: nothing). It is idempotent: the same event of the same job
// (for article.aligned, of the same stored alignment) is queued once.
func (q *Queue) Notify(ctx context.Context, jobID string, event Event) error {
	j, err := q.store.Job(ctx, jobID)
	if err != nil {
		return fmt.Errorf("notify %s: %w", event, err)
	}
	urls, err := q.targets(ctx, j)
	if err != nil || len(urls) == 0 {
		return err
	}
	var (
		data    any
		version string
	)
	self := "/v1/transcriptions/" + j.ID
	switch event {
	case EventDone, EventFailed:
		e := jobEvent{
			ID: j.ID, Object: "transcription", Status: j.Status, AudioDuration: j.Duration, Model: j.Model,
			Language: j.Language, Filename: j.Filename, ArticleID: j.ArticleID,
			Links: map[string]any{"self": self, "transcript": self + "/transcript", "webhooks": self + "/webhooks"},
		}
		if j.Status == store.StatusFailed {
			e.Error = &eventError{Code: j.ErrorCode, Message: j.ErrorMessage}
		}
		data = e
	case EventAligned:
		r, at, err := q.store.AlignmentVersion(ctx, j.ID)
		if err != nil {
			return fmt.Errorf("notify %s: %w", event, err)
		}
		data, version = alignedData(j, r), strconv.FormatInt(at, 10)
	default:
		return fmt.Errorf("notify: unknown event %q", event)
	}
	b, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("notify %s: %w", event, err)
	}
	id, now := webhookID(j.ID, string(event), version), time.Now().UTC()
	for _, u := range urls {
		args := WebhookArgs{WebhookID: id, URL: u, JobID: j.ID, Event: event, At: now, Data: b}
		if _, err := q.backend.insert(ctx, args, &river.InsertOpts{
			Queue: WebhookQueue, MaxAttempts: len(q.cfg.Webhooks.Retry) + 1,
			UniqueOpts: river.UniqueOpts{ByArgs: true},
		}); err != nil {
			return fmt.Errorf("queue %s webhook: %w", event, err)
		}
	}
	return nil
}

func alignedData(j *store.Job, r *align.Result) alignedEvent {
	e := alignedEvent{
		TranscriptionID: j.ID, ArticleID: j.ArticleID, Summary: align.Summary(r),
		Words: map[string]int{}, Sentences: map[string]int{}, Quotes: len(r.Quotes), Verdicts: map[string]int{},
		Alignment: "/v1/transcriptions/" + j.ID + "/alignment",
	}
	for _, w := range r.Words {
		e.Words[w.Status]++
	}
	for _, s := range r.Sentences {
		e.Sentences[s.Status]++
	}
	for _, q := range r.Quotes {
		e.Verdicts[string(q.Check.Verdict)]++
	}
	return e
}

// CheckCallback validates a callback URL at submit time under the
// server's policy (see webhook.Policy.CheckURL).
func (q *Queue) CheckCallback(ctx context.Context, url string) error {
	return q.cfg.Webhooks.Policy.CheckURL(ctx, url)
}

// notifier is what the worker needs from the queue for webhooks.
type notifier interface {
	Notify(ctx context.Context, jobID string, event Event) error
}

// FinalEvents are the events of a job in its final state: done (and
// article.aligned when it has an article) or failed; none otherwise.
func FinalEvents(j *store.Job) []Event {
	switch j.Status {
	case store.StatusDone:
		if j.HasArticle() {
			return []Event{EventDone, EventAligned}
		}
		return []Event{EventDone}
	case store.StatusFailed:
		return []Event{EventFailed}
	}
	return nil
}

// failed reports a job failed for good: metrics and its event. The job has
// failed either way, so a queueing error is only logged.
func (w *Worker) failed(ctx context.Context, id string, log *slog.Logger) {
	w.finished(store.StatusFailed)
	if w.notifier == nil {
		return
	}
	if err := w.notifier.Notify(ctx, id, EventFailed); err != nil {
		log.Warn("failure webhook not queued", "error", err)
	}
}
