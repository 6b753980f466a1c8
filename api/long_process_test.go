package api_test

import (
	"database/sql"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/transcribe"
)

// writeSpeechWAV writes speechWAV(seconds) to a file in dir, streamed, and
// returns its path.
func writeSpeechWAV(t *testing.T, dir string, seconds float64) string {
	t.Helper()
	path := filepath.Join(dir, fmt.Sprintf("speech-%.0fs.wav", seconds))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := writeWAV(f, int(seconds*16000), speechSample); err != nil {
		t.Fatal(err)
	}
	return path
}

// uploadFile posts the file at path to /v1/transcriptions, streamed, and
// returns the job.
func uploadFile(t *testing.T, p *proc, path string) jobView {
	t.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			pw.CloseWithError(err)
			return
		}
		defer f.Close()
		part, err := mw.CreateFormFile("file", filepath.Base(path))
		if err == nil {
			_, err = io.Copy(part, f)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	r := p.do(t, "POST", "/v1/transcriptions", pr, mw.FormDataContentType())
	if r.status != http.StatusAccepted {
		t.Fatalf("upload: got %d %s", r.status, r.body)
	}
	var j jobView
	r.json(t, &j)
	return j
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}

// TestKill9ChunkedJobResumes: kill -9 of the server at ~60 % of a 10-minute
// job cut into 1-minute chunks on 2 workers; after a restart the job
// completes, every chunk not finished at the kill is recognised exactly once
// more, and no finished chunk is recognised again: recognitions ≤ chunks +
// chunks in flight at the kill.
func TestKill9ChunkedJobResumes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	spokenFile := filepath.Join(dir, "spoken.txt")
	os.WriteFile(spokenFile, []byte(spoken), 0o644)
	calls := filepath.Join(dir, "calls.txt")
	wavPath := writeSpeechWAV(t, t.TempDir(), 600)
	args := []string{"--data-dir", dir, "--steps", "10", "--step-delay", "100ms", "--chunk-length", "60s",
		"--workers", "2", "--calls", calls, "--spoken", spokenFile}
	p := startProc(t, args...)
	p.waitReady(t)
	j := uploadFile(t, p, wavPath)
	killAt(t, p, j.ID, 60, time.Minute)
	total, doneAtKill := chunkCounts(t, dir, j.ID)
	begunAtKill := countLines(t, calls)
	inFlight := begunAtKill - doneAtKill

	p2 := startProc(t, args...)
	got := p2.waitJobFor(t, j.ID, 120*time.Second)
	if got.Status != "done" {
		t.Fatalf("after restart: %+v, want done", got)
	}
	recognitions := countLines(t, calls)
	t.Logf("10-minute job, %d chunks: kill -9 with %d done and %d in flight; %d recognitions in all (%d after the restart)",
		total, doneAtKill, inFlight, recognitions, recognitions-begunAtKill)
	if recognitions > total+inFlight {
		t.Errorf("%d recognitions, want ≤ chunks + in flight = %d + %d", recognitions, total, inFlight)
	}
	if after := recognitions - begunAtKill; after != total-doneAtKill {
		t.Errorf("%d recognitions after the restart, want %d (the chunks not finished at the kill, once each)", after, total-doneAtKill)
	}
	var tr transcribe.Transcript
	p2.do(t, "GET", "/v1/transcriptions/"+j.ID+"/transcript", nil, "").json(t, &tr)
	n, last := 0, 0.0
	for _, s := range tr.Segments {
		for _, w := range s.Words {
			if w.Start < last {
				t.Fatalf("word %q at %.2f before %.2f", w.Word, w.Start, last)
			}
			last = w.End
			n++
		}
	}
	if want := total * len(strings.Fields(spoken)); n != want {
		t.Errorf("%d words after the restart, want %d", n, want)
	}
}

// killAt sends SIGKILL to p once job id is at pct percent (failing if it
// finishes first or takes longer than d) and waits for the process to end.
func killAt(t *testing.T, p *proc, id string, pct int, d time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(d); ; {
		var cur chunkedJob
		p.do(t, "GET", "/v1/transcriptions/"+id, nil, "").json(t, &cur)
		if cur.Status == "done" {
			t.Fatal("job finished before the kill")
		}
		if cur.Progress >= pct {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job at %d%% after %s", cur.Progress, d)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.done
	p.cmd.Wait()
}

// chunkCounts reads, from the SQLite database in dir of a stopped server,
// how many chunks job id has and how many are done.
func chunkCounts(t *testing.T, dir, id string) (total, done int) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "newsscribe.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT COUNT(*), SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) FROM ns_chunks WHERE job_id = ?`, id).Scan(&total, &done); err != nil {
		t.Fatal(err)
	}
	return total, done
}

// shareRecording uploads wavPath to the first of n servers made by start
// (all on one fresh PostgreSQL queue and one data directory) and returns
// the wall time to done, the chunks each server recognised and the total.
func shareRecording(t *testing.T, n int, wavPath string, start func(shared, dsn string) *proc) (time.Duration, []int, int) {
	t.Helper()
	shared, dsn := t.TempDir(), postgresURL(t) // a fresh queue: no dedup with another run
	var ps []*proc
	for range n {
		p := start(shared, dsn)
		p.waitReady(t)
		ps = append(ps, p)
	}
	began := time.Now()
	j := uploadFile(t, ps[0], wavPath)
	if got := ps[0].waitJobFor(t, j.ID, 30*time.Minute); got.Status != "done" {
		t.Fatalf("%d servers: %+v", n, got)
	}
	wall := time.Since(began)
	var cj chunkedJob
	ps[0].do(t, "GET", "/v1/transcriptions/"+j.ID, nil, "").json(t, &cj)
	per := chunkServers(ps, j.ID)
	for _, p := range ps {
		p.cmd.Process.Kill()
	}
	return wall, per, cj.Chunks.Total
}

// vmHWM is the peak resident set of process pid, in KiB.
func vmHWM(t *testing.T, pid int) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	t.Fatal("no VmHWM in /proc status")
	return 0
}

// TestMeasureLongRecordingRSS (NEWSSCRIBE_MEASURE=1): the server's peak RSS
// for a whole 2-hour job (upload, PCM copy, VAD, 40 chunks, stitch,
// alignment-free finish) is within 1.15× of a 10-minute job's.
func TestMeasureLongRecordingRSS(t *testing.T) {
	t.Parallel()
	if os.Getenv("NEWSSCRIBE_MEASURE") == "" {
		t.Skip("measurement: set NEWSSCRIBE_MEASURE=1")
	}
	peak := map[float64]int{}
	for _, secs := range []float64{600, 7200} {
		dir := t.TempDir()
		wavPath := writeSpeechWAV(t, t.TempDir(), secs)
		p := startProc(t, "--data-dir", dir, "--steps", "2", "--step-delay", "1ms", "--workers", "1")
		p.waitReady(t)
		began := time.Now()
		j := uploadFile(t, p, wavPath)
		if got := p.waitJobFor(t, j.ID, 20*time.Minute); got.Status != "done" {
			t.Fatalf("%.0f s job: %+v", secs, got)
		}
		peak[secs] = vmHWM(t, p.cmd.Process.Pid)
		var cj chunkedJob
		p.do(t, "GET", "/v1/transcriptions/"+j.ID, nil, "").json(t, &cj)
		t.Logf("%4.0f min recording: %d chunks, peak RSS %.1f MiB, %.0f s", secs/60, cj.Chunks.Total, float64(peak[secs])/1024, time.Since(began).Seconds())
		p.cmd.Process.Kill()
		os.Remove(wavPath)
	}
	ratio := float64(peak[7200]) / float64(peak[600])
	t.Logf("peak RSS 2 h / 10 min = %.3f", ratio)
	if ratio > 1.15 {
		t.Errorf("peak RSS of a 2-hour job is %.2f× a 10-minute job's, want ≤ 1.15", ratio)
	}
}

// chunkServers returns how many chunks of job id each process recognised.
func chunkServers(ps []*proc, id string) []int {
	out := make([]int, len(ps))
	for i, p := range ps {
		for _, s := range p.started() {
			if s == id {
				out[i]++
			}
		}
	}
	return out
}

// TestTwoServersShareOneRecording: two servers on one PostgreSQL queue, one
// worker each, share the chunks of one 10-minute recording (uploaded to one
// of them); each recognises some, none twice. With the scripted engine
// (paced by sleeps, not CPU) the wall time is compared with one server's:
// it shows the queue spreading one recording, not the CPU speed-up.
func TestTwoServersShareOneRecording(t *testing.T) {
	t.Parallel()
	wavPath := writeSpeechWAV(t, t.TempDir(), 600)
	args := []string{"--steps", "10", "--step-delay", "100ms", "--chunk-length", "60s", "--workers", "1"}
	run := func(n int) (time.Duration, []int, int) {
		return shareRecording(t, n, wavPath, func(shared, dsn string) *proc {
			return startProc(t, append([]string{"--data-dir", shared, "--database", dsn}, args...)...)
		})
	}
	one, _, _ := run(1)
	two, per, total := run(2)
	t.Logf("10-minute recording, %d chunks: one server %.1f s, two servers %.1f s (%.2f×); chunks per server %v",
		total, one.Seconds(), two.Seconds(), two.Seconds()/one.Seconds(), per)
	if per[0] == 0 || per[1] == 0 {
		t.Errorf("chunks per server %v: one recording was not shared", per)
	}
	if per[0]+per[1] != total {
		t.Errorf("%v recognitions for %d chunks", per, total)
	}
}
