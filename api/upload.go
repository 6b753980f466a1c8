package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/api/jobs"
	"github.com/newsscribe/newsscribe/api/store"
)

// maxFieldBytes caps a non-file form field (an article body is well under).
const maxFieldBytes = 4 << 20

// upload is a parsed multipart request whose file is already stored.
type upload struct {
	fields   map[string][]string
	sha      string
	size     int64
	filename string
	hasFile  bool
	duration float64
}

func (u *upload) field(name string) string {
	if v := u.fields[name]; len(v) > 0 {
		return strings.TrimSpace(v[0])
	}
	return ""
}

// readUpload streams a multipart request: the part named "file" goes to the
// blob store while being hashed (never into memory), other parts are small
// text fields. The body is capped by MaxUpload while streaming: past it the
// answer is 413 without reading the rest. It answers the error itself and
// returns nil on failure.
func (s *server) readUpload(c *gin.Context) *upload { return s.readForm(c, true) }

// readForm is readUpload; without fileRequired a form with no file part is
// accepted too (an imported transcript without its recording).
func (s *server) readForm(c *gin.Context, fileRequired bool) *upload {
	ct := c.GetHeader("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != "multipart/form-data" {
		abort(c, http.StatusBadRequest, "bad_request", "send the recording as multipart/form-data with a part named file")
		return nil
	}
	if c.Request.ContentLength > s.MaxUpload {
		c.Header("Connection", "close")
		abort(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("upload is larger than the %s limit", humanBytes(s.MaxUpload)))
		return nil
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.MaxUpload)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		abort(c, http.StatusBadRequest, "bad_request", "malformed multipart body")
		return nil
	}
	u := &upload{fields: map[string][]string{}}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.uploadError(c, err)
			return nil
		}
		name := p.FormName()
		switch {
		case name == "file" && !u.hasFile:
			sha, n, err := s.Store.Blobs.PutContext(c.Request.Context(), p)
			if err != nil {
				s.uploadError(c, err)
				return nil
			}
			if s.Metrics != nil {
				s.Metrics.uploadBytes.Add(float64(n))
			}
			u.sha, u.size, u.hasFile = sha, n, true
			// Display only; never used as a path.
			u.filename = oneLine(filepath.Base(strings.ReplaceAll(p.FileName(), `\`, "/")))
			if len(u.filename) > 255 {
				u.filename = u.filename[:255]
			}
		case name != "":
			b, err := io.ReadAll(io.LimitReader(p, maxFieldBytes+1))
			if err != nil {
				s.uploadError(c, err)
				return nil
			}
			if len(b) > maxFieldBytes {
				abort(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("form field %q is larger than %s", name, humanBytes(maxFieldBytes)))
				return nil
			}
			u.fields[name] = append(u.fields[name], string(b))
		}
		p.Close()
	}
	// Read the body to its end (what follows the closing boundary, and a
	// chunked body's last chunk): only then does net/http watch the
	// connection and cancel the request's context when the client goes
	// away, which cancels the synchronous OpenAI job it waits for.
	if _, err := io.Copy(io.Discard, c.Request.Body); err != nil {
		s.uploadError(c, err)
		return nil
	}
	if !u.hasFile && fileRequired {
		abort(c, http.StatusBadRequest, "missing_file", "the form part named file (the recording) is required")
		return nil
	}
	if !u.hasFile {
		return u
	}
	if u.size == 0 {
		abort(c, http.StatusUnprocessableEntity, "empty", "the uploaded file is empty")
		return nil
	}
	d, err := s.Prober.Probe(c.Request.Context(), s.Store.Blobs.AudioPath(u.sha))
	if err != nil {
		var in *jobs.InputError
		if errors.As(err, &in) {
			// Bad audio is never referenced by a job: drop it.
			if err := s.Store.Blobs.Delete(c.Request.Context(), store.AudioKey(u.sha)); err != nil {
				s.log.Warn("bad upload not deleted", "error", err)
			}
			abort(c, in.Status, in.Code, in.Error())
			return nil
		}
		s.internal(c, fmt.Errorf("probe upload: %w", err))
		return nil
	}
	u.duration = d
	return u
}

func (s *server) uploadError(c *gin.Context, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		c.Header("Connection", "close")
		abort(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("upload is larger than the %s limit", humanBytes(s.MaxUpload)))
		return
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "multipart") {
		abort(c, http.StatusBadRequest, "bad_request", "malformed or truncated multipart body")
		return
	}
	s.internal(c, err)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// submit creates (or joins) the job for an upload with the validated
// parameters r. It returns the job and whether it is new.
func (s *server) submit(c *gin.Context, u *upload, r asrRequest, articleID, articleText string) (*store.Job, bool, error) {
	ctx := c.Request.Context()
	asr := store.ASRKeyWith(u.sha, r.Model, r.Language, r.Prompt, r.Task, r.Temperature)
	dedup := store.DedupKey(asr, articleID, articleText)
	if j, err := s.Store.JobByDedupKey(ctx, dedup); err == nil {
		return j, false, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, false, err
	}
	pending, err := s.Store.Pending(ctx)
	if err != nil {
		return nil, false, err
	}
	if pending >= s.MaxQueue {
		return nil, false, errQueueFull
	}
	j := &store.Job{
		ID: store.NewID("tr_"), AudioSHA256: u.sha, AudioBytes: u.size, Filename: u.filename,
		Model: r.Model, Language: r.Language, Prompt: r.Prompt, Task: r.Task, Temperature: r.Temperature, ASRKey: asr, DedupKey: dedup,
		ArticleID: articleID, ArticleText: articleText, Duration: u.duration, CreatedAt: time.Now().UTC(),
	}
	if err := s.Store.CreateJob(ctx, j); errors.Is(err, store.ErrConflict) {
		// An identical request created its job between our lookup and insert.
		if j, err := s.Store.JobByDedupKey(ctx, dedup); err == nil {
			return j, false, nil
		}
		return nil, false, err
	} else if err != nil {
		return nil, false, err
	}
	if u.duration > 0 {
		_ = s.Store.SetDuration(ctx, j.ID, u.duration)
	}
	if r.created != nil {
		r.created(j.ID)
	}
	if err := s.Queue.Enqueue(ctx, j.ID); err != nil {
		// The row stays queued without a queue id; Queue.Start re-enqueues it.
		return nil, false, err
	}
	if s.Metrics != nil {
		s.Metrics.accepted.Inc()
	}
	return j, true, nil
}

var (
	errQueueFull = errors.New("queue full")
)

// queueFull answers 429 with a Retry-After.
func (s *server) queueFull(c *gin.Context) {
	c.Header("Retry-After", "60")
	abort(c, http.StatusTooManyRequests, "queue_full", fmt.Sprintf("the queue holds its maximum of %d jobs; retry later", s.MaxQueue))
}
