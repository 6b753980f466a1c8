package api

import (
	"context"
	"fmt"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/store"
)

// chunksJSON is how far a chunked recognition is: parts done of total.
type chunksJSON struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// withProgress adds the chunk counts and the estimate of the time left to
// a job's answer.
func (s *server) withProgress(ctx context.Context, j *store.Job, out *jobJSON) error {
	p, err := s.Store.ChunkProgress(ctx, j.ID)
	if err != nil {
		return err
	}
	if p.Total == 0 {
		return nil
	}
	out.Chunks = &chunksJSON{Done: p.Done, Total: p.Total}
	if j.Status == store.StatusRunning {
		if d, ok := p.Remaining(time.Now()); ok {
			secs := d.Round(time.Second).Seconds()
			out.ETASeconds = &secs
		}
	}
	return nil
}

// eventsPoll is how often the events stream looks at the job. The state is
// read from the database, so a job running on another server is followed
// just as well.
const eventsPoll = 250 * time.Millisecond

// eventsKeepAlive is how often a comment line keeps idle proxies from
// closing the stream.
const eventsKeepAlive = 15 * time.Second

// jobEvents streams a job's progress as Server-Sent Events until it ends:
// `progress` (the job, as GET returns it) when its state or progress
// changes, `chunk` ({done, total}) when a part of a long recording is
// finished, then one of `done`, `failed`, `canceled` (the job) and the end
// of the stream. A job already ended gets its final event at once.
func (s *server) jobEvents(c *gin.Context) {
	j := s.job(c)
	if j == nil {
		return
	}
	ctx := c.Request.Context()
	startEvents(c)
	send := func(event string, v any) bool { return sendEvent(c, event, v) == nil }
	var (
		lastStatus   store.Status
		lastProgress = -1
		lastChunks   = -1
		idle         = time.Now()
	)
	tick := time.NewTicker(eventsPoll)
	defer tick.Stop()
	for {
		out := toJobJSON(j)
		if err := s.withProgress(ctx, j, &out); err != nil {
			s.log.Warn("events: chunk progress", "job", j.ID, "error", err)
		}
		if out.Chunks != nil && out.Chunks.Done != lastChunks {
			lastChunks = out.Chunks.Done
			if !send("chunk", out.Chunks) {
				return
			}
			idle = time.Now()
		}
		switch j.Status {
		case store.StatusDone, store.StatusFailed, store.StatusCanceled:
			send(string(j.Status), out)
			return
		}
		if j.Status != lastStatus || out.Progress != lastProgress {
			lastStatus, lastProgress = j.Status, out.Progress
			if !send("progress", out) {
				return
			}
			idle = time.Now()
		}
		if time.Since(idle) >= eventsKeepAlive {
			if _, err := fmt.Fprint(c.Writer, ": keep-alive\n\n"); err != nil {
				return
			}
			c.Writer.Flush()
			idle = time.Now()
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		next, err := s.Store.Job(ctx, j.ID)
		if err != nil {
			// Deleted, or the database is gone: the client falls back on polling.
			return
		}
		j = next
	}
}
