package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// runningJob uploads a recording and waits until the engine works on it
// (its first progress step, on a chunk's queue job).
func runningJob(t *testing.T, ts *testServer) string {
	t.Helper()
	var j jobView
	ts.upload(t, "/v1/transcriptions", wav(0.5, 300), nil).json(t, &j)
	deadline := time.Now().Add(20 * time.Second)
	for {
		var cur jobView
		ts.do(t, "GET", "/v1/transcriptions/"+j.ID, nil, "").json(t, &cur)
		// Progress is persisted while the engine runs (first step after
		// serverOpts.stepDelay).
		if cur.Status == "running" && cur.Progress > 0 {
			if cur.Progress >= 100 {
				t.Fatalf("progress %d while running", cur.Progress)
			}
			return j.ID
		}
		if time.Now().After(deadline) {
			t.Fatalf("job never ran: %+v", cur)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// canceledCount waits until river has cancelled n queue jobs (the workers
// saw the cancellation) and returns jobs_finished_total{status="canceled"}.
func canceledCount(t *testing.T, ts *testServer, n int) string {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var rows int
		ts.store.DB().QueryRow(`SELECT COUNT(*) FROM river_job WHERE state = 'cancelled'`).Scan(&rows)
		if rows >= n {
			break
		}
	}
	time.Sleep(100 * time.Millisecond) // a worker counting late would have by now
	for _, l := range strings.Split(string(ts.do(t, "GET", "/metrics", nil, "").body), "\n") {
		if strings.HasPrefix(l, `newsscribe_jobs_finished_total{status="canceled"}`) {
			return strings.Fields(l)[1]
		}
	}
	return "0"
}

// TestCancelAndDeleteAreSafeToRetry (issue 25 #3): cancel and delete are
// distinct and each safe to send twice. POST …/cancel stops a running job
// and keeps it, canceled; a retried cancel answers the same and destroys
// nothing. DELETE removes a job (cancelling it first if it runs); a retried
// DELETE finds nothing (404) and removes nothing more. Each cancellation
// is counted once in jobs_finished_total, whoever observes it.
func TestCancelAndDeleteAreSafeToRetry(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{stepDelay: 2 * time.Second})

	id := runningJob(t, ts)
	for i := 1; i <= 2; i++ {
		r := ts.do(t, "POST", "/v1/transcriptions/"+id+"/cancel", nil, "")
		var cur jobView
		r.json(t, &cur)
		if r.status != http.StatusOK || cur.Status != "canceled" {
			t.Fatalf("cancel #%d: got %d %s, want 200 and the canceled job", i, r.status, r.body)
		}
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/"+id, nil, ""); r.status != http.StatusOK {
		t.Fatalf("after two cancels the job is gone: %d %s", r.status, r.body)
	}
	if got := canceledCount(t, ts, 1); got != "1" {
		t.Errorf(`after one job canceled: jobs_finished_total{status="canceled"} = %s, want 1`, got)
	}
	if r := ts.do(t, "DELETE", "/v1/transcriptions/"+id, nil, ""); r.status != http.StatusNoContent {
		t.Fatalf("DELETE of the canceled job: got %d %s, want 204", r.status, r.body)
	}
	if r := ts.do(t, "DELETE", "/v1/transcriptions/"+id, nil, ""); r.status != http.StatusNotFound || !strings.Contains(string(r.body), `"type":"invalid_request_error"`) {
		t.Errorf("retried DELETE: got %d %s, want 404 with the error shape", r.status, r.body)
	}

	// DELETE of a running job cancels it (counted once) and removes it.
	id = runningJob(t, ts)
	if r := ts.do(t, "DELETE", "/v1/transcriptions/"+id, nil, ""); r.status != http.StatusNoContent {
		t.Fatalf("DELETE of a running job: got %d %s, want 204", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/"+id, nil, ""); r.status != http.StatusNotFound {
		t.Errorf("GET after DELETE: got %d, want 404", r.status)
	}
	if got := canceledCount(t, ts, 2); got != "2" {
		t.Errorf(`after two jobs canceled: jobs_finished_total{status="canceled"} = %s, want 2`, got)
	}

	// A finished job cannot be canceled: 409 with the documented shape.
	quick := newServer(t, serverOpts{})
	var done jobView
	quick.upload(t, "/v1/transcriptions", wav(0.5, 440), nil).json(t, &done)
	quick.waitJob(t, done.ID)
	r := quick.do(t, "POST", "/v1/transcriptions/"+done.ID+"/cancel", nil, "")
	if r.status != http.StatusConflict || !strings.Contains(string(r.body), `"type":"invalid_request_error"`) || !strings.Contains(string(r.body), "DELETE") {
		t.Errorf("cancel of a done job: got %d %s, want 409 saying DELETE removes it", r.status, r.body)
	}
}
