package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/live/livetest"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// BenchmarkLiveDrop streams 60 s of audio (600 frames) into a session over
// the real WebSocket, cutting the connection without a closing handshake
// every 100 frames while frames are in flight, and counts the frames the
// stored recording lacks or holds twice (target 0):
//
//	go test ./api -run '^$' -bench LiveDrop -benchtime 5x
func BenchmarkLiveDrop(b *testing.B) {
	ts := newServer(b, serverOpts{result: transcribetest.Tones(liveWords), live: &live.Config{Sessions: 1}})
	samples := make([]float32, 600*1600)
	copy(samples, liveSpeech(len(liveWords)))
	var lost, doubled, drops, resent int
	for range b.N {
		r := ts.do(b, "POST", "/v1/live", strings.NewReader(`{"source":"browser"}`), "application/json")
		var sess liveView
		r.json(b, &sess)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		snd := &livetest.Sender{URL: wsURL(ts, sess.Links.Audio+"?token="+sess.AudioToken)}
		if err := snd.Dial(ctx); err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(samples); i += 1600 {
			if i > 0 && (i/1600)%100 == 0 {
				inFlight := snd.Sent() - snd.Acked()
				snd.Drop()
				drops++
				if err := snd.Dial(ctx); err != nil {
					b.Fatal(err)
				}
				resent += inFlight
			}
			snd.Send(ctx, samples[i:i+1600])
		}
		if err := snd.Wait(ctx); err != nil {
			b.Fatal(err)
		}
		snd.Close()
		r = ts.do(b, "POST", "/v1/live/"+sess.ID+"/stop", nil, "")
		if r.status != http.StatusAccepted {
			b.Fatalf("stop: %d %s", r.status, r.body)
		}
		var job jobView
		r.json(b, &job)
		j, err := ts.store.Job(context.Background(), job.ID)
		if err != nil {
			b.Fatal(err)
		}
		stored := int(j.AudioBytes-44) / 2 / 1600
		if stored < 600 {
			lost += 600 - stored
		} else {
			doubled += stored - 600
		}
		cancel()
	}
	b.ReportMetric(float64(lost), "frames-lost")
	b.ReportMetric(float64(doubled), "frames-doubled")
	b.ReportMetric(float64(drops), "drops")
	b.ReportMetric(float64(resent)/float64(max(drops, 1)), "unacked-frames/drop")
}
