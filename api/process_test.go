package api_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// The process tests run the real server binary: api/internal/testserver is
// `newsscribe serve` with the Scripted engine (see its doc comment).

var (
	buildOnce sync.Once
	buildDir  string
	buildBin  string
	buildErr  error
)

func testServerBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("process test skipped in -short mode")
	}
	buildOnce.Do(func() {
		buildBin, buildErr = goBuild("testserver", "github.com/newsscribe/newsscribe/api/internal/testserver")
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildBin
}

var (
	buildDirOnce sync.Once
	buildDirErr  error
)

// goBuild builds pkg with extra go build flags into a directory shared by
// the test binary's run (removed by TestMain) and returns the executable.
func goBuild(name, pkg string, flags ...string) (string, error) {
	buildDirOnce.Do(func() { buildDir, buildDirErr = os.MkdirTemp("", "newsscribe-test-bin-") })
	if buildDir == "" {
		return "", buildDirErr
	}
	bin := filepath.Join(buildDir, name)
	args := append(append([]string{"build"}, flags...), "-o", bin, pkg)
	if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin, nil
}

// proc is a running server process.
type proc struct {
	*testServer
	cmd  *exec.Cmd
	mu   sync.Mutex
	logs []map[string]any
	done chan struct{}
}

func startProc(t *testing.T, args ...string) *proc {
	t.Helper()
	return startBinary(t, []string{testServerBinary(t)}, args...)
}

// startBinary runs command (a binary and its subcommand) with args and
// --listen on a free loopback port, and returns once it logged the address
// it listens on.
func startBinary(t *testing.T, command []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(command[0], append(append(command[1:len(command):len(command)], "--listen", "127.0.0.1:0"), args...)...)
	cmd.Env = append(os.Environ(), "NEWSSCRIBE_API_KEYS=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, done: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		defer close(p.done)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var m map[string]any
			if json.Unmarshal(sc.Bytes(), &m) != nil {
				t.Logf("server: %s", sc.Bytes())
				continue
			}
			p.mu.Lock()
			p.logs = append(p.logs, m)
			p.mu.Unlock()
			if m["msg"] == "listening" {
				addr <- m["addr"].(string)
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.done // all reads from the pipe are done before Wait
		cmd.Wait()
	})
	select {
	case a := <-addr:
		p.testServer = &testServer{Server: &httptest.Server{URL: "http://" + a}}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not start in 30s")
	}
	return p
}

// waitReady waits for /readyz.
func (p *proc) waitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if r := p.do(t, "GET", "/readyz", nil, ""); r.status == 200 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("server not ready in 30s")
}

// logged reports whether the process logged a line with message msg.
func (p *proc) logged(msg string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, m := range p.logs {
		if m["msg"] == msg {
			return true
		}
	}
	return false
}

// started returns the job ids of the recognitions this process logged as
// started (one per chunk of a job's recording; these tests' recordings are
// one chunk each).
func (p *proc) started() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var ids []string
	for _, m := range p.logs {
		if m["msg"] == "chunk started" {
			ids = append(ids, m["job"].(string))
		}
	}
	return ids
}

func TestKill9MidJobResumes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	spokenFile := filepath.Join(dir, "spoken.txt")
	os.WriteFile(spokenFile, []byte(spoken), 0o644)
	// A 6 s job; a job left running by a dead server is rescued 10 s after it started.
	args := []string{"--data-dir", dir, "--steps", "20", "--step-delay", "300ms", "--job-timeout", "8s", "--rescue-after", "10s", "--spoken", spokenFile}
	p := startProc(t, args...)
	p.waitReady(t)
	r := p.upload(t, "/v1/transcriptions", wav(3, 440), nil)
	if r.status != 202 {
		t.Fatalf("POST: got %d %s", r.status, r.body)
	}
	var j jobView
	r.json(t, &j)
	for {
		var cur jobView
		p.do(t, "GET", "/v1/transcriptions/"+j.ID, nil, "").json(t, &cur)
		if cur.Status == "running" && cur.Progress >= 20 {
			break
		}
		if cur.Status == "done" {
			t.Fatal("job finished before the kill")
		}
		time.Sleep(20 * time.Millisecond)
	}
	killed := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.done
	p.cmd.Wait()

	p2 := startProc(t, args...)
	got := p2.waitJobFor(t, j.ID, 60*time.Second)
	recovery := time.Since(killed)
	if got.Status != "done" {
		t.Fatalf("after restart: got %+v, want done", got)
	}
	t.Logf("kill -9 at %d%% progress; job done %.1fs after the kill (rescue-after 10s, job 6s)", 20, recovery.Seconds())
	if n := len(p2.started()); n != 1 {
		t.Errorf("restarted server started the job %d times, want 1", n)
	}
	if r := p2.do(t, "GET", "/v1/transcriptions/"+j.ID+"/transcript?format=txt", nil, ""); r.status != 200 || !strings.Contains(string(r.body), "الخدمات للمواطنين") {
		t.Errorf("transcript after restart: got %d %q", r.status, r.body)
	}
}

// waitJobFor polls a job until it is final or the timeout passes.
func (ts *testServer) waitJobFor(t *testing.T, id string, d time.Duration) jobView {
	t.Helper()
	deadline := time.Now().Add(d)
	var j jobView
	for time.Now().Before(deadline) {
		r := ts.do(t, "GET", "/v1/transcriptions/"+id, nil, "")
		if r.status == 200 {
			r.json(t, &j)
			switch j.Status {
			case "done", "failed", "canceled":
				return j
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("job %s not final after %s: %+v", id, d, j)
	return j
}

// postgresURL returns a URL for a fresh schema in the test database, or
// skips when none is configured and none is reachable.
func postgresURL(t *testing.T) string {
	t.Helper()
	base := os.Getenv("NEWSSCRIBE_TEST_POSTGRES")
	fromEnv := base != ""
	if !fromEnv {
		base = "postgres://newsscribe:newsscribe@127.0.0.1:5432/newsscribe_test?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		if fromEnv {
			t.Fatalf("NEWSSCRIBE_TEST_POSTGRES is set but unreachable: %v", err)
		}
		t.Skipf("PostgreSQL test skipped: NEWSSCRIBE_TEST_POSTGRES is unset and no server answers at %s (run .ci/postgres)", "127.0.0.1:5432")
	}
	defer conn.Close(context.Background())
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if c, err := pgx.Connect(ctx, base); err == nil {
			c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
			c.Close(ctx)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestTwoServersOnePostgresQueue(t *testing.T) {
	t.Parallel()
	dsn := postgresURL(t)
	shared := t.TempDir() // the shared upload directory
	args := []string{"--database", dsn, "--data-dir", shared, "--workers", "2", "--steps", "5", "--step-delay", "60ms"}
	a := startProc(t, args...)
	b := startProc(t, args...)
	a.waitReady(t)
	b.waitReady(t)
	const n = 24
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			srv := a
			if i%2 == 1 {
				srv = b
			}
			r := srv.upload(t, "/v1/transcriptions", wav(0.5, float64(100+10*i)), nil)
			if r.status != 202 {
				t.Errorf("upload %d: got %d %s", i, r.status, r.body)
				return
			}
			var j jobView
			r.json(t, &j)
			ids[i] = j.ID
		}()
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	for _, id := range ids {
		if j := a.waitJobFor(t, id, 60*time.Second); j.Status != "done" {
			t.Errorf("job %s: %+v", id, j)
		}
	}
	counts := map[string]int{}
	sa, sb := a.started(), b.started()
	for _, id := range append(append([]string{}, sa...), sb...) {
		counts[id]++
	}
	for _, id := range ids {
		if counts[id] != 1 {
			t.Errorf("job %s started %d times across both servers, want exactly 1", id, counts[id])
		}
	}
	t.Logf("%d jobs, each started exactly once: %d on server A, %d on server B", n, len(sa), len(sb))
	if len(sa) == 0 || len(sb) == 0 {
		t.Logf("note: one server ran every job (%d/%d)", len(sa), len(sb))
	}
}

// TestShutdownMidJobResumes sends SIGTERM while a job runs: the server stops
// within its shutdown timeout, the job goes back to the queue (not failed,
// no attempt used up) and the next start finishes it.
func TestShutdownMidJobResumes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	args := []string{"--data-dir", dir, "--steps", "20", "--step-delay", "250ms", "--shutdown-timeout", "1s"}
	p := startProc(t, args...)
	p.waitReady(t)
	var j jobView
	p.upload(t, "/v1/transcriptions", wav(2, 440), nil).json(t, &j)
	for {
		var cur jobView
		p.do(t, "GET", "/v1/transcriptions/"+j.ID, nil, "").json(t, &cur)
		if cur.Status == "running" && cur.Progress > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	began := time.Now()
	p.cmd.Process.Signal(syscall.SIGTERM)
	<-p.done
	err := p.cmd.Wait()
	if err != nil {
		t.Errorf("exit after SIGTERM: %v, want status 0", err)
	}
	if d := time.Since(began); d > 5*time.Second {
		t.Errorf("shutdown took %s with a 1s timeout", d)
	}
	p2 := startProc(t, args...)
	if got := p2.waitJobFor(t, j.ID, 30*time.Second); got.Status != "done" {
		t.Fatalf("after restart: %+v, want done", got)
	}
}

// TestKill9PostgresOtherServerTakesOver kills one of two servers sharing a
// PostgreSQL queue while it runs a job; river's rescuer on the survivor runs
// the job again after --rescue-after and it completes there.
func TestKill9PostgresOtherServerTakesOver(t *testing.T) {
	t.Parallel()
	dsn := postgresURL(t)
	shared := t.TempDir()
	args := []string{"--database", dsn, "--data-dir", shared, "--steps", "20", "--step-delay", "300ms",
		"--job-timeout", "8s", "--rescue-after", "10s"}
	a := startProc(t, args...)
	a.waitReady(t)
	b := startProc(t, args...)
	b.waitReady(t)
	var j jobView
	a.upload(t, "/v1/transcriptions", wav(1, 440), nil).json(t, &j)
	var victim, survivor *proc
	deadline := time.Now().Add(30 * time.Second)
	for victim == nil {
		if time.Now().After(deadline) {
			t.Fatal("no server started the job")
		}
		for _, p := range []*proc{a, b} {
			if len(p.started()) > 0 {
				victim = p
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	survivor = a
	if victim == a {
		survivor = b
	}
	time.Sleep(time.Second)
	killed := time.Now()
	victim.cmd.Process.Signal(syscall.SIGKILL)
	<-victim.done
	victim.cmd.Wait()
	got := survivor.waitJobFor(t, j.ID, 120*time.Second)
	if got.Status != "done" {
		t.Fatalf("after kill: %+v, want done", got)
	}
	if n := len(survivor.started()); n != 1 {
		t.Errorf("survivor started the job %d times, want 1", n)
	}
	t.Logf("kill -9 of the server running the job: done on the other %.1fs later (rescue-after 10s + rescuer interval, job 6s)", time.Since(killed).Seconds())
}
