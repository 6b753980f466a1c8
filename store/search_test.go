package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		q, want string
	}{
		{"الحكومة", "[حكومه] []"},
		{"الحُكُومَة", "[حكومه] []"},
		{"والحكومة", "[حكومه] []"},
		{"إعلان ٢٠٢٧", "[اعلان 2027] []"},
		{"خمسة عشر", "[15] []"},
		{`"قال الرئيس" مستشفى`, "[مستشفي] [[قال رءيس]]"},
		{"مسئولية", "[مسءوليه] []"},
		{"المسؤولية", "[مسءوليه] []"},
		{"«تحسين الخدمات»", "[] [[تحسين خدمات]]"},
		{`"`, "[] []"},
		{"، ؟ !", "[] []"},
	}
	for _, tc := range tests {
		q := store.ParseQuery(tc.q)
		if got := fmt.Sprint(q.Words, " ", q.Phrases); got != tc.want {
			t.Errorf("ParseQuery(%q): got %s, want %s", tc.q, got, tc.want)
		}
	}
}

// TestSearchHamzaSeats: «مسؤولية» (Rabat) and «مسئولية» (Cairo) are one
// word; a search for either spelling finds both.
func TestSearchHamzaSeats(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	for i, text := range []string{"نتحمل المسؤولية كاملة", "نتحمل المسئولية كاملة"} {
		tr := &transcribe.Transcript{Language: "ar", Duration: 3, Segments: []transcribe.Segment{{Start: 0, End: 3, Text: text}}}
		indexTranscript(t, s, i, fmt.Sprint("f", i), time.Date(2026, 3, 1+i, 10, 0, 0, 0, time.UTC), tr)
	}
	for _, q := range []string{"مسؤولية", "مسئولية", "بالمسئولية"} {
		hits, _, err := s.Search(ctx, store.SearchParams{Query: store.ParseQuery(q), Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 2 {
			t.Errorf("search %q: got %d hits, want both spellings (2)", q, len(hits))
		}
	}
}

// TestSearchRekeyed: an index built with older search terms (here: taken
// out, its version set back) is built again when the store migrates.
func TestSearchRekeyed(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	tr := &transcribe.Transcript{Language: "ar", Duration: 3, Segments: []transcribe.Segment{{Start: 0, End: 3, Text: "نتحمل المسئولية كاملة"}}}
	indexTranscript(t, s, 0, "f", time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), tr)
	if err := s.DeleteJobIndex(ctx, "tr_0"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, `UPDATE ns_search_keys SET version = 1`); err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	hits, _, err := s.Search(ctx, store.SearchParams{Query: store.ParseQuery("مسؤولية"), Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 {
		t.Errorf("got %d hits after migrating an index of older terms, want 1", len(hits))
	}
}

// TestSearchSnippetAndOrder indexes two recordings a day apart and checks
// order, highlight offsets, times, paging and the speaker filter.
func TestSearchSnippetAndOrder(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	for i, day := range []int{1, 2} {
		words := strings.Fields("قال الرئيس إن الحكومة ستواصل العمل")
		tr := &transcribe.Transcript{Language: "ar", Duration: 10}
		for k := 0; k < 3; k++ {
			seg := transcribe.Segment{ID: k, Start: float64(k * 3), End: float64(k*3 + 3), Speaker: []string{"", "الوزير", ""}[k]}
			for n, w := range words {
				seg.Words = append(seg.Words, transcribe.Word{Word: w, Start: float64(k*3) + 0.5*float64(n), End: float64(k*3) + 0.5*float64(n+1)})
			}
			seg.Text = strings.Join(words, " ")
			tr.Segments = append(tr.Segments, seg)
		}
		indexTranscript(t, s, i, fmt.Sprint("day", day), time.Date(2026, 3, day, 10, 0, 0, 0, time.UTC), tr)
	}
	hits, next, err := s.Search(ctx, store.SearchParams{Query: store.ParseQuery("الحكومه"), Limit: 4})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, h := range hits {
		order = append(order, fmt.Sprintf("%s/%d@%v", h.JobID, h.Segment, *h.Time))
	}
	if got := strings.Join(order, " "); got != "tr_1/0@1.5 tr_1/1@4.5 tr_1/2@7.5 tr_0/0@1.5" || next == 0 {
		t.Errorf("order: got %s (next %d), want the newer recording first, segments in order", got, next)
	}
	h := hits[0]
	if r := []rune(h.Snippet); len(h.Highlights) != 1 || string(r[h.Highlights[0][0]:h.Highlights[0][1]]) != "الحكومة" {
		t.Errorf("highlight: got %v in %q", h.Highlights, h.Snippet)
	}
	rest, next2, _ := s.Search(ctx, store.SearchParams{Query: store.ParseQuery("الحكومه"), Limit: 4, Cursor: next})
	if len(rest) != 2 || next2 != 0 {
		t.Errorf("second page: got %d hits, next %d, want 2 and the end", len(rest), next2)
	}
	sp, _, _ := s.Search(ctx, store.SearchParams{Query: store.ParseQuery(`"ستواصل العمل"`), Speaker: "الوزير"})
	if len(sp) != 2 || sp[0].Speaker != "الوزير" {
		t.Errorf("speaker filter: got %+v", sp)
	}
	day1, _, _ := s.Search(ctx, store.SearchParams{Query: store.ParseQuery("قال"), To: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)})
	if len(day1) != 3 || day1[0].JobID != "tr_0" {
		t.Errorf("date filter: got %d hits", len(day1))
	}
	b, _ := json.Marshal(hits[0])
	if strings.Contains(string(b), "<") {
		t.Errorf("snippet carries markup: %s", b)
	}
}

// indexTranscript stores transcript tr as finished job tr_<i> (file name,
// creation time) and indexes it for search.
func indexTranscript(t *testing.T, s *store.Store, i int, name string, created time.Time, tr *transcribe.Transcript) {
	t.Helper()
	ctx := context.Background()
	j := &store.Job{ID: fmt.Sprintf("tr_%d", i), ASRKey: fmt.Sprint("k", i), Filename: name, CreatedAt: created}
	j.DedupKey = j.ASRKey
	if err := s.PutTranscript(ctx, j.ASRKey, tr); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	s.StartJob(ctx, j.ID)
	s.FinishJob(ctx, j.ID, tr.Duration, 0)
	if err := s.IndexJob(ctx, j.ID); err != nil {
		t.Fatal(err)
	}
}
