package api_test

import (
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"testing"
)

// BenchmarkUpload measures POST /v1/transcriptions end to end (stream to
// disk with hashing, probe, job rows, river insert) for two upload sizes.
// B/op should not grow with the size: uploads are streamed, not buffered.
func BenchmarkUpload(b *testing.B) {
	for _, seconds := range []float64{30, 240} {
		b.Run(fmt.Sprintf("%.0fs-wav", seconds), func(b *testing.B) {
			ts := newServer(b, serverOpts{noStart: true, maxQueue: 1 << 30})
			b.SetBytes(int64(44 + seconds*32000))
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				pr, pw := io.Pipe()
				mw := multipart.NewWriter(pw)
				go func() {
					fw, _ := mw.CreateFormFile("file", "x.wav")
					_, err := io.Copy(fw, newToneReader(seconds, 100+float64(i%5000)/7))
					if err == nil {
						err = mw.Close()
					}
					pw.CloseWithError(err)
				}()
				res, err := http.Post(ts.URL+"/v1/transcriptions", mw.FormDataContentType(), pr)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != 202 && res.StatusCode != 200 {
					b.Fatalf("got %d", res.StatusCode)
				}
			}
		})
	}
}
