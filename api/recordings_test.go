package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/newsscribe/newsscribe/align"
)

// TestArticleOnTwoRecordings: one article attached to two recordings, one
// that says its quotation and one that does not. Each recording keeps its
// own verdicts (its /alignment, and the counts the job list shows), and the
// article names both recordings, so that the page of either can say the
// article is attached to another one too (issue 21, point 0).
func TestArticleOnTwoRecordings(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	r := ts.do(t, "POST", "/v1/articles", jsonBody(t, map[string]any{"title": "خطاب الرئيس", "body": article}), "application/json")
	var a struct{ ID string }
	r.json(t, &a)
	if r.status != http.StatusCreated {
		t.Fatalf("article: %d %s", r.status, r.body)
	}
	// The recording that says the quotation…
	r = ts.upload(t, "/v1/transcriptions", wav(3, 440), map[string]string{"article_id": a.ID, "language": "ar"})
	var said jobView
	r.json(t, &said)
	ts.waitJob(t, said.ID)
	// …and a later one, imported, that does not.
	body, ct := importForm(t, "1\n00:00:01,000 --> 00:00:03,000\nشكرا لكم على الحضور\n", map[string]string{"article_id": a.ID}, nil)
	r = ts.do(t, "POST", "/v1/imports", body, ct)
	var other jobView
	r.json(t, &other)
	if r.status != http.StatusCreated {
		t.Fatalf("import: %d %s", r.status, r.body)
	}

	verdicts := func(id string) []align.Verdict {
		var al struct {
			Quotes []struct {
				Check struct{ Verdict align.Verdict }
			}
		}
		ts.do(t, "GET", "/v1/transcriptions/"+id+"/alignment", nil, "").json(t, &al)
		var out []align.Verdict
		for _, q := range al.Quotes {
			out = append(out, q.Check.Verdict)
		}
		return out
	}
	if got := verdicts(said.ID); len(got) != 1 || got[0] != align.VerdictVerbatim {
		t.Errorf("the first recording's verdicts: %v, want [verbatim]", got)
	}
	if got := verdicts(other.ID); len(got) != 1 || got[0] != align.VerdictNotSaid {
		t.Errorf("the second recording's verdicts: %v, want [not_said]", got)
	}

	var art struct {
		TranscriptionID string `json:"transcription_id"`
		Recordings      []struct {
			ID, Status string
		} `json:"recordings"`
	}
	ts.do(t, "GET", "/v1/articles/"+a.ID, nil, "").json(t, &art)
	if len(art.Recordings) != 2 || art.Recordings[0].ID != said.ID || art.Recordings[1].ID != other.ID {
		t.Errorf("article recordings: %+v, want %s then %s", art.Recordings, said.ID, other.ID)
	}

	var list struct {
		Data []struct {
			ID            string                `json:"id"`
			QuoteVerdicts map[align.Verdict]int `json:"quote_verdicts"`
		} `json:"data"`
	}
	ts.do(t, "GET", "/v1/transcriptions", nil, "").json(t, &list)
	want := map[string]align.Verdict{said.ID: align.VerdictVerbatim, other.ID: align.VerdictNotSaid}
	for _, j := range list.Data {
		v, ok := want[j.ID]
		if !ok {
			continue
		}
		if len(j.QuoteVerdicts) != 1 || j.QuoteVerdicts[v] != 1 {
			t.Errorf("job %s in the list: quote_verdicts %v, want {%s: 1}", j.ID, j.QuoteVerdicts, v)
		}
		delete(want, j.ID)
	}
	if len(want) > 0 {
		t.Errorf("jobs missing from the list: %v", want)
	}
}

func jsonBody(t *testing.T, v any) io.Reader {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b)
}
