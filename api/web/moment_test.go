package web_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// TestEmbedMoment: ?t= and ?quote= start the embed at a moment; the page
// prints only the number it parsed (data-start-at), so a bad value is
// ignored and nothing of the query is reflected.
func TestEmbedMoment(t *testing.T) {
	srv, _ := newServer(t, "")
	tests := []struct {
		name, query, want string // want "" for no start
	}{
		{"seconds", "t=83.2", `data-start-at="83.2"`},
		{"whole seconds", "t=5", `data-start-at="5"`},
		{"quote 1 starts where it was said", "quote=1", `data-start-at="1.25"`},
		{"quote wins over t", "quote=1&t=40", `data-start-at="1.25"`},
		{"a quote not said is ignored", "quote=2", ""},
		{"no such quote", "quote=99", ""},
		{"negative", "t=-4", ""},
		{"past a day", "t=999999", ""},
		{"exponent", "t=1e3", ""},
		{"not a number", "t=NaN", ""},
		{"markup", "t=" + url.QueryEscape(`1"><script>alert(1)</script>`), ""},
		{"markup in quote", "quote=" + url.QueryEscape(`1"><img src=x>`), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, body := get(t, srv.URL+"/embed/articles/a1?"+tc.query, nil)
			if res.StatusCode != 200 {
				t.Fatalf("got %d, want 200 (a bad moment is ignored, not refused)", res.StatusCode)
			}
			if tc.want == "" && strings.Contains(body, "data-start-at") {
				t.Errorf("got a start for %q, want none", tc.query)
			}
			if tc.want != "" && !strings.Contains(body, tc.want) {
				t.Errorf("page lacks %s", tc.want)
			}
			if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
				t.Error("the query is reflected into the page")
			}
		})
	}
}

// TestOEmbedMoment: an embed address with a moment gives a frame that
// starts there; anything else in its query is dropped.
func TestOEmbedMoment(t *testing.T) {
	srv, _ := newServer(t, "")
	for _, tc := range []struct{ query, want string }{
		{"?t=83.2", `/embed/articles/a1?t=83.2"`},
		{"?quote=1&x=%22%3E%3Cscript%3E", `/embed/articles/a1?quote=1"`},
		{"?t=%3Cb%3E", `/embed/articles/a1"`},
	} {
		_, body := get(t, srv.URL+"/oembed?url="+url.QueryEscape(srv.URL+"/embed/articles/a1"+tc.query), nil)
		var o struct{ HTML string }
		if err := json.Unmarshal([]byte(body), &o); err != nil {
			t.Fatalf("%s: %v: %s", tc.query, err, body)
		}
		if !strings.Contains(o.HTML, tc.want) || strings.Contains(o.HTML, "<script>\"") || strings.Contains(o.HTML, "<b>") {
			t.Errorf("%s: got frame %s, want src ending %s", tc.query, o.HTML, tc.want)
		}
	}
}
