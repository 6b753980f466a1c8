package api_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// BenchmarkCorrectOneHour saves a one-word correction in a one-hour
// transcript (9,000 words: the shared real article read out, then an hour of
// talk made of its words) and re-aligns the article, through PATCH
// …/transcript. Besides ns/op (which includes HTTP and JSON on the client),
// it reports the server's own time for the request from Server-Timing
// (server-ms/op) and the re-alignment part of it (align-ms/op).
func BenchmarkCorrectOneHour(b *testing.B) {
	dir := transcribetest.Shared(b, "articles")
	matches, _ := filepath.Glob(filepath.Join(dir, "000_*.txt"))
	if len(matches) == 0 {
		b.Skip("no shared article 000_*.txt")
	}
	art, err := os.ReadFile(matches[0])
	if err != nil {
		b.Fatal(err)
	}
	words := strings.Fields(string(art))
	tr := &transcribe.Transcript{Language: "ar", Duration: 3600}
	at := 0.0
	for i := 0; at < 3590; i++ {
		seg := transcribe.Segment{ID: len(tr.Segments), Start: at}
		var texts []string
		for k := 0; k < 15; k++ {
			w := words[(i*15+k)%len(words)]
			if i*15+k >= len(words) {
				w = words[(i*7+k*13)%len(words)] // later talk: the article's words in another order
			}
			seg.Words = append(seg.Words, transcribe.Word{Word: w, Start: at, End: at + 0.36, Probability: 0.9})
			texts = append(texts, w)
			at += 0.4
		}
		seg.End, seg.Text = at, strings.Join(texts, " ")
		tr.Segments = append(tr.Segments, seg)
	}
	raw, _ := json.Marshal(tr)
	ts := newServer(b, serverOpts{noStart: true})
	body, ct := importForm(b, string(raw), map[string]string{"format": "json", "article": string(art)}, nil)
	r := ts.do(b, "POST", "/v1/imports", body, ct)
	if r.status != 201 {
		b.Fatalf("import: %d %s", r.status, r.body)
	}
	var j jobView
	r.json(b, &j)
	timing := regexp.MustCompile(`(\w+);dur=([0-9.]+)`)
	var server, align float64
	b.ReportAllocs()
	rev := 0
	for b.Loop() {
		word := []string{"الحكومة", "الحكومه"}[rev%2]
		r := ts.patch(b, j.ID, fmt.Sprintf(`{"base_revision":%d,"edits":[{"segment":3,"from":4,"to":5,"text":%q}]}`, rev, word))
		if r.status != 200 {
			b.Fatalf("PATCH: %d %s", r.status, r.body)
		}
		rev++
		if rev == 3 {
			b.Log(r.header.Get("Server-Timing"))
		}
		for _, m := range timing.FindAllStringSubmatch(r.header.Get("Server-Timing"), -1) {
			v, _ := strconv.ParseFloat(m[2], 64)
			switch m[1] {
			case "total":
				server += v
			case "align":
				align += v
			}
		}
	}
	b.ReportMetric(server/float64(rev), "server-ms/op")
	b.ReportMetric(align/float64(rev), "align-ms/op")
}
