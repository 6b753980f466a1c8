package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// speech is a transcript of segs segments of 20 words each.
func speech(segs int) *transcribe.Transcript {
	t := &transcribe.Transcript{Language: "ar", Duration: float64(segs * 10)}
	var texts []string
	for i := 0; i < segs; i++ {
		s := transcribe.Segment{ID: i, Start: float64(i * 10), End: float64(i*10 + 10)}
		var ws []string
		for k := 0; k < 20; k++ {
			w := fmt.Sprintf("كلمة%d", (i*20+k)%97)
			s.Words = append(s.Words, transcribe.Word{Word: w, Start: s.Start + 0.5*float64(k), End: s.Start + 0.5*float64(k) + 0.4, Probability: 0.8})
			ws = append(ws, w)
		}
		s.Text = joinSpace(ws)
		texts = append(texts, s.Text)
		t.Segments = append(t.Segments, s)
	}
	t.Text = joinSpace(texts)
	return t
}

func joinSpace(ws []string) string {
	out := ""
	for i, w := range ws {
		if i > 0 {
			out += " "
		}
		out += w
	}
	return out
}

// doneJob stores a job whose recognised transcript is t.
func doneJob(t *testing.T, s *store.Store, id string, tr *transcribe.Transcript) *store.Job {
	t.Helper()
	ctx := context.Background()
	j := &store.Job{ID: id, ASRKey: "asr_" + id, DedupKey: "dedup_" + id, AudioSHA256: "sha_" + id, Model: "m", Language: "ar",
		CreatedAt: time.Now().UTC()}
	if err := s.PutTranscript(ctx, j.ASRKey, tr); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartJob(ctx, j.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishJob(ctx, j.ID, tr.Duration, 0); err != nil {
		t.Fatal(err)
	}
	j, err := s.Job(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// rowBytes is the stored size of each revision of job id, by number.
func rowBytes(t *testing.T, s *store.Store, id string) map[int]int {
	t.Helper()
	q := `SELECT revision, LENGTH(transcript) + COALESCE(LENGTH(delta), 0) FROM ns_revisions WHERE job_id = ?`
	if s.Dialect() == store.Postgres {
		q = `SELECT revision, OCTET_LENGTH(transcript) + COALESCE(OCTET_LENGTH(delta), 0) FROM ns_revisions WHERE job_id = $1`
	}
	rows, err := s.DB().Query(q, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int]int{}
	for rows.Next() {
		var n, b int
		if err := rows.Scan(&n, &b); err != nil {
			t.Fatal(err)
		}
		out[n] = b
	}
	return out
}

// TestRevisionsStoreChanges: a one-word correction stores a small row, not
// the whole transcript again (issue 24: every one-word edit of a large
// transcript cost 30 s and 127 MB of database), and every revision —
// corrections, a segment split by a speaker, a removed segment, a revert
// to the original — reads back exactly as it was saved.
func TestRevisionsStoreChanges(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		orig := speech(200)
		j := doneJob(t, s, "tr_rev", orig)
		saved := []*transcribe.Transcript{orig}
		save := func(tr *transcribe.Transcript, note string) {
			t.Helper()
			r, err := s.AddRevision(ctx, j.ID, len(saved)-1, tr, "maryam", note)
			if err != nil {
				t.Fatal(err)
			}
			if r.Number != len(saved) {
				t.Fatalf("saved revision %d, want %d", r.Number, len(saved))
			}
			saved = append(saved, tr)
		}
		cur := orig
		for i := 0; i < 70; i++ {
			c := transcribe.Correction{Edits: []transcribe.WordEdit{{Segment: (i * 37) % len(cur.Segments), From: 3, To: 4, Text: fmt.Sprint("تصحيح", i)}}}
			switch i {
			case 20: // a speaker named in the middle of a segment splits it
				c = transcribe.Correction{Speakers: []transcribe.SpeakerSpan{{Start: 105, End: 300, Speaker: "الوزير"}}}
			case 30: // a segment emptied is removed
				c = transcribe.Correction{Edits: []transcribe.WordEdit{{Segment: 50, From: 0, To: 20}}}
			case 40: // a rename touches many segments
				c = transcribe.Correction{Renames: []transcribe.Rename{{From: "الوزير", To: "وزير النقل"}}}
			}
			next, err := transcribe.Correct(cur, c)
			if err != nil {
				t.Fatal(err)
			}
			save(next, fmt.Sprint("edit ", i))
			cur = next
		}
		save(orig, "revert to revision 0")
		for n, want := range saved {
			r, err := s.TranscriptRevision(ctx, j, n)
			if err != nil {
				t.Fatalf("revision %d: %v", n, err)
			}
			if !reflect.DeepEqual(r.Transcript, want) {
				t.Fatalf("revision %d reads back different from what was saved", n)
			}
		}
		if got, rev, err := s.JobTranscript(ctx, j); err != nil || rev != len(saved)-1 || !reflect.DeepEqual(got, orig) {
			t.Fatalf("current: revision %d, %v; want %d, the original", rev, err, len(saved)-1)
		}
		full := len(mustJSON(t, orig))
		sizes := rowBytes(t, s, j.ID)
		small, total := 0, 0
		for n, b := range sizes {
			total += b
			if b < full/20 {
				small++
			} else if n != 21 && n != 31 && n != 41 && n != len(saved)-1 && n%33 != 0 {
				t.Errorf("revision %d (a one-word correction) stored %d bytes; the transcript is %d", n, b, full)
			}
		}
		if small < 60 || total > 8*full {
			t.Errorf("%d of %d revisions stored small, %d bytes in all; the transcript is %d bytes", small, len(sizes), total, full)
		}
	})
}

// TestRevisionsOverWholeRows: revisions stored whole by an earlier
// release (no delta) still read, and corrections on top of them are
// stored as changes.
func TestRevisionsOverWholeRows(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		orig := speech(30)
		j := doneJob(t, s, "tr_old", orig)
		first, err := transcribe.Correct(orig, transcribe.Correction{Edits: []transcribe.WordEdit{{Segment: 1, From: 0, To: 1, Text: "أ"}}})
		if err != nil {
			t.Fatal(err)
		}
		q := `INSERT INTO ns_revisions (job_id, revision, transcript, author, note, created_at) VALUES (?, 1, ?, '', '', 0)`
		if s.Dialect() == store.Postgres {
			q = `INSERT INTO ns_revisions (job_id, revision, transcript, author, note, created_at) VALUES ($1, 1, $2, '', '', 0)`
		}
		if _, err := s.DB().Exec(q, j.ID, string(mustJSON(t, first))); err != nil {
			t.Fatal(err)
		}
		second, err := transcribe.Correct(first, transcribe.Correction{Edits: []transcribe.WordEdit{{Segment: 2, From: 0, To: 1, Text: "ب"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddRevision(ctx, j.ID, 1, second, "", ""); err != nil {
			t.Fatal(err)
		}
		for n, want := range []*transcribe.Transcript{orig, first, second} {
			r, err := s.TranscriptRevision(ctx, j, n)
			if err != nil || !reflect.DeepEqual(r.Transcript, want) {
				t.Fatalf("revision %d: %v", n, err)
			}
		}
		if b := rowBytes(t, s, j.ID)[2]; b > len(mustJSON(t, second))/5 {
			t.Errorf("revision 2 stored %d bytes, want a change of one segment", b)
		}
	})
}
