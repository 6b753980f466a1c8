package api_test

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"mime/multipart"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// toneReader streams a 16 kHz mono 16-bit WAV of a tone without holding it
// in memory.
type toneReader struct {
	header []byte
	n, i   int
	freq   float64
}

func newToneReader(seconds, freq float64) *toneReader {
	n := int(seconds * 16000)
	h := make([]byte, 44)
	copy(h, "RIFF")
	binary.LittleEndian.PutUint32(h[4:], uint32(36+2*n))
	copy(h[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(h[16:], 16)
	binary.LittleEndian.PutUint16(h[20:], 1)
	binary.LittleEndian.PutUint16(h[22:], 1)
	binary.LittleEndian.PutUint32(h[24:], 16000)
	binary.LittleEndian.PutUint32(h[28:], 32000)
	binary.LittleEndian.PutUint16(h[32:], 2)
	binary.LittleEndian.PutUint16(h[34:], 16)
	copy(h[36:], "data")
	binary.LittleEndian.PutUint32(h[40:], uint32(2*n))
	return &toneReader{header: h, n: n, freq: freq}
}

func (r *toneReader) Read(p []byte) (int, error) {
	k := 0
	if len(r.header) > 0 {
		k = copy(p, r.header)
		r.header = r.header[k:]
	}
	for ; k+1 < len(p) && r.i < r.n; k += 2 {
		v := int16(6000 * math.Sin(2*math.Pi*r.freq*float64(r.i)/16000))
		binary.LittleEndian.PutUint16(p[k:], uint16(v))
		r.i++
	}
	if k == 0 && r.i >= r.n {
		return 0, io.EOF
	}
	return k, nil
}

// procStatusKB reads a field such as VmHWM (peak RSS) of a process in KiB.
func procStatusKB(t *testing.T, pid int, field string) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

// TestConcurrentUploadsMemoryBounded sends 50 uploads of 4 minutes of audio
// (7.7 MB each, 384 MB in all) at once to the real server binary and checks
// that its peak RSS stays far below what holding them in memory would take.
// It reports the peak RSS and the latency percentiles of the 202 answers.
func TestConcurrentUploadsMemoryBounded(t *testing.T) {
	p := startProc(t, "--data-dir", t.TempDir(), "--steps", "1", "--step-delay", "0s", "--max-queue", "100")
	p.waitReady(t)
	pid := p.cmd.Process.Pid
	before := procStatusKB(t, pid, "VmRSS")
	const n, seconds = 50, 240.0
	lat := make([]time.Duration, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pr, pw := io.Pipe()
			mw := multipart.NewWriter(pw)
			go func() {
				fw, _ := mw.CreateFormFile("file", fmt.Sprintf("talk-%d.wav", i))
				_, err := io.Copy(fw, newToneReader(seconds, 200+float64(i)))
				if err == nil {
					err = mw.Close()
				}
				pw.CloseWithError(err)
			}()
			began := time.Now()
			res, err := http.Post(p.URL+"/v1/transcriptions", mw.FormDataContentType(), pr)
			if err != nil {
				t.Errorf("upload %d: %v", i, err)
				return
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			lat[i] = time.Since(began)
			if res.StatusCode != 202 {
				t.Errorf("upload %d: got %d %s", i, res.StatusCode, b)
			}
		}()
	}
	wg.Wait()
	peak := procStatusKB(t, pid, "VmHWM")
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	total := float64(n) * (44 + seconds*32000) / (1 << 20)
	t.Logf("50 concurrent uploads of %.1f MiB each (%.0f MiB in all): server RSS %d MiB before, peak %d MiB; latency p50 %s, p95 %s, max %s",
		total/n, total, before/1024, peak/1024, lat[n/2].Round(time.Millisecond), lat[n*95/100].Round(time.Millisecond), lat[n-1].Round(time.Millisecond))
	// Each job's decoded clip (4 min at 16 kHz float32 = 15 MiB) is in memory
	// while one worker transcribes; the uploads themselves must not be.
	if limit := 160 * 1024; peak > limit {
		t.Errorf("peak RSS %d MiB, want under %d MiB (uploads must stream to disk)", peak/1024, limit/1024)
	}
}
