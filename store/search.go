package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/transcribe"
)

// The search index holds one document per transcript segment (its corrected
// text), per article paragraph and per article title, in ns_search_docs. The
// words of a document are indexed as search terms (searchkey.go) by the
// database's own full-text engine: an FTS5 table beside it on SQLite, a
// tsvector column with a GIN index on PostgreSQL.
//
// A document's id orders results: its date in seconds, shifted left by
// docSlotBits, plus a counter within that second, allocated so that within
// one recording or article the earlier passage has the larger id. Both
// engines read matches in id order from the newest down and stop at the
// page's end, so a page costs the same for a word found everywhere as for a
// rare one; the date filters are id ranges.
const docSlotBits = 20

// Document kinds.
const (
	DocTranscript = "transcript"
	DocArticle    = "article"
	DocTitle      = "title"
)

var searchDDL = map[Dialect][]string{
	SQLite: {
		`CREATE TABLE IF NOT EXISTS ns_search_docs (` + searchDocCols + `)`,
		`CREATE VIRTUAL TABLE IF NOT EXISTS ns_search_fts USING fts5(terms, content='', contentless_delete=1,
			tokenize='unicode61 remove_diacritics 0')`,
	},
	Postgres: {
		`CREATE TABLE IF NOT EXISTS ns_search_docs (` + searchDocCols + `, tsv tsvector NOT NULL)`,
		`CREATE INDEX IF NOT EXISTS ns_search_tsv ON ns_search_docs USING GIN (tsv)`,
	},
}

const searchDocCols = `id BIGINT PRIMARY KEY,
	kind TEXT NOT NULL,
	job_id TEXT NOT NULL DEFAULT '',
	article_id TEXT NOT NULL DEFAULT '',
	seg INTEGER NOT NULL DEFAULT 0,
	start_s DOUBLE PRECISION,
	speaker TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	body TEXT NOT NULL,
	times TEXT NOT NULL DEFAULT '',
	doc_date BIGINT NOT NULL,
	published INTEGER NOT NULL DEFAULT 0`

func (s *Store) migrateSearch(ctx context.Context) error {
	for _, q := range append(searchDDL[s.dialect],
		`CREATE INDEX IF NOT EXISTS ns_search_job ON ns_search_docs (job_id)`,
		`CREATE INDEX IF NOT EXISTS ns_search_article ON ns_search_docs (article_id)`) {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// doc is one row of the index.
type doc struct {
	kind, jobID, articleID string
	seg                    int
	start                  *float64
	speaker, title, body   string
	// times are the start times of body's space-separated words, in
	// tenths of a second; -1 for a word without a time.
	times     []int
	date      time.Time
	published bool
}

// IndexJob puts the job's current transcript (with the speakers its article
// seeds) in the search index, replacing what was there; a job that is not
// done is taken out. Call it when a job finishes, its transcript is
// corrected or its article changes.
func (s *Store) IndexJob(ctx context.Context, jobID string) error {
	j, err := s.Job(ctx, jobID)
	if errors.Is(err, ErrNotFound) {
		return s.DeleteJobIndex(ctx, jobID)
	}
	if err != nil {
		return err
	}
	if j.Status != StatusDone {
		return s.DeleteJobIndex(ctx, jobID)
	}
	t, _, err := s.SpokenTranscript(ctx, j)
	if err != nil {
		return fmt.Errorf("index job %s: %w", jobID, err)
	}
	return s.IndexTranscript(ctx, j, t)
}

// IndexTranscript is IndexJob with the job's spoken transcript at hand (a
// correction just saved). When the transcript keeps its segments, only the
// changed ones are rewritten.
func (s *Store) IndexTranscript(ctx context.Context, j *Job, t *transcribe.Transcript) error {
	title, published := j.Filename, false
	if j.ArticleID != "" {
		if a, err := s.Article(ctx, j.ArticleID); err == nil {
			title, published = a.Title, a.Published
		}
	}
	docs := make([]doc, 0, len(t.Segments))
	for i, seg := range t.Segments {
		d := doc{kind: DocTranscript, jobID: j.ID, articleID: j.ArticleID, seg: i, speaker: seg.Speaker, title: title,
			date: j.CreatedAt, published: published}
		start := seg.Start
		d.start = &start
		if len(seg.Words) > 0 {
			ws := make([]string, len(seg.Words))
			d.times = make([]int, len(seg.Words))
			for k, w := range seg.Words {
				ws[k] = strings.Join(strings.Fields(w.Word), "")
				d.times[k] = int(math.Floor(w.Start * 10))
			}
			d.body = strings.Join(ws, " ")
		} else {
			d.body = strings.Join(strings.Fields(seg.Text), " ")
		}
		docs = append(docs, d)
	}
	if ok, err := s.updateDocs(ctx, j.ID, docs); ok || err != nil {
		return err
	}
	return s.replaceDocs(ctx, `kind = ? AND job_id = ?`, []any{DocTranscript, j.ID}, docs)
}

// updateDocs rewrites, in place, the job's transcript documents that differ
// from docs; it reports false (and changes nothing) when the job's stored
// documents do not correspond one to one (segments were split or removed).
func (s *Store) updateDocs(ctx context.Context, jobID string, docs []doc) (bool, error) {
	rows, err := s.query(ctx, `SELECT id, seg, body, times, speaker, title, published FROM ns_search_docs
		WHERE kind = ? AND job_id = ? ORDER BY id DESC`, DocTranscript, jobID)
	if err != nil {
		return false, err
	}
	type stored struct {
		id                         int64
		seg, published             int
		body, times, speaker, titl string
	}
	var old []stored
	for rows.Next() {
		var o stored
		if err := rows.Scan(&o.id, &o.seg, &o.body, &o.times, &o.speaker, &o.titl, &o.published); err != nil {
			rows.Close()
			return false, err
		}
		old = append(old, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(old) != len(docs) || len(old) == 0 {
		return false, err
	}
	for i, o := range old {
		d := docs[i]
		if o.seg != i || o.titl != d.title || o.published != boolInt(d.published) {
			return false, nil
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	for i, o := range old {
		d := docs[i]
		times := encodeTimes(d.times)
		if o.body == d.body && o.times == times && o.speaker == d.speaker {
			continue
		}
		terms := searchTerms(d.body)
		if s.dialect == Postgres {
			_, err = tx.ExecContext(ctx, s.q(`UPDATE ns_search_docs SET body = ?, times = ?, speaker = ?, start_s = ?, tsv = ?::tsvector WHERE id = ?`),
				d.body, times, d.speaker, *d.start, tsvector(terms), o.id)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE ns_search_docs SET body = ?, times = ?, speaker = ?, start_s = ? WHERE id = ?`,
				d.body, times, d.speaker, *d.start, o.id)
			if err == nil && o.body != d.body {
				if _, err = tx.ExecContext(ctx, `DELETE FROM ns_search_fts WHERE rowid = ?`, o.id); err == nil {
					_, err = tx.ExecContext(ctx, `INSERT INTO ns_search_fts (rowid, terms) VALUES (?, ?)`, o.id, strings.Join(termKeys(terms), " "))
				}
			}
		}
		if err != nil {
			return false, err
		}
	}
	return true, tx.Commit()
}

// SpokenTranscript is the job's current transcript with the speakers its
// alignment attributes (SeedSpeakers) on segments nobody named.
// It returns the revision number too.
func (s *Store) SpokenTranscript(ctx context.Context, j *Job) (*transcribe.Transcript, int, error) {
	t, rev, err := s.JobTranscript(ctx, j)
	if err != nil {
		return nil, 0, err
	}
	if j.HasArticle() {
		if al, err := s.Alignment(ctx, j.ID); err == nil {
			t = SeedSpeakers(t, al)
		}
	}
	return t, rev, nil
}

// IndexArticle puts the article's title and paragraphs in the search index,
// with times from its job's alignment where the words were said.
func (s *Store) IndexArticle(ctx context.Context, articleID string) error {
	a, err := s.Article(ctx, articleID)
	if errors.Is(err, ErrNotFound) {
		return s.DeleteArticleIndex(ctx, articleID)
	}
	if err != nil {
		return err
	}
	date := a.CreatedAt
	if a.PublishedAt != nil {
		date = *a.PublishedAt
	}
	var wordTimes map[int]float64 // rune offset of an article word → its start
	if a.JobID != "" {
		if j, err := s.Job(ctx, a.JobID); err == nil && j.Status == StatusDone && j.ArticleID == a.ID {
			if al, err := s.Alignment(ctx, j.ID); err == nil {
				wordTimes = alignedWordTimes(al)
			}
		}
	}
	base := doc{articleID: a.ID, jobID: a.JobID, title: a.Title, date: date, published: a.Published}
	var docs []doc
	if t := strings.Join(strings.Fields(a.Title), " "); t != "" {
		d := base
		d.kind, d.body = DocTitle, t
		docs = append(docs, d)
	}
	offset := 0 // runes into the body
	for i, line := range strings.Split(a.Body, "\n") {
		n := len([]rune(line))
		fields, times := paragraphWords(line, offset, wordTimes)
		offset += n + 1
		if len(fields) == 0 {
			continue
		}
		d := base
		d.kind, d.seg, d.body, d.times = DocArticle, i, strings.Join(fields, " "), times
		for _, t := range times {
			if t >= 0 {
				f := float64(t) / 10
				d.start = &f
				break
			}
		}
		docs = append(docs, d)
	}
	return s.replaceDocs(ctx, `kind IN (?, ?) AND article_id = ?`, []any{DocTitle, DocArticle, a.ID}, docs)
}

// paragraphWords splits a line of the article into words and gives each the
// time of the first aligned article word inside it (-1 when none).
func paragraphWords(line string, offset int, wordTimes map[int]float64) ([]string, []int) {
	var fields []string
	var times []int
	rs := []rune(line)
	for i := 0; i < len(rs); {
		for i < len(rs) && isSpace(rs[i]) {
			i++
		}
		j := i
		for j < len(rs) && !isSpace(rs[j]) {
			j++
		}
		if j > i {
			fields = append(fields, string(rs[i:j]))
			t := -1
			for k := i; k < j && wordTimes != nil; k++ {
				if v, ok := wordTimes[offset+k]; ok {
					t = int(math.Floor(v * 10))
					break
				}
			}
			times = append(times, t)
		}
		i = j
	}
	return fields, times
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\u00a0' }

// alignedWordTimes is the start of every timed word of an aligned article,
// by its rune offset.
func alignedWordTimes(r *align.Result) map[int]float64 {
	m := make(map[int]float64, len(r.Words))
	for _, w := range r.Words {
		if w.Start != nil {
			m[w.CharStart] = *w.Start
		}
	}
	return m
}

// DeleteJobIndex takes the job's transcript out of the search index.
func (s *Store) DeleteJobIndex(ctx context.Context, jobID string) error {
	return s.replaceDocs(ctx, `kind = ? AND job_id = ?`, []any{DocTranscript, jobID}, nil)
}

// DeleteArticleIndex takes the article out of the search index.
func (s *Store) DeleteArticleIndex(ctx context.Context, articleID string) error {
	return s.replaceDocs(ctx, `kind IN (?, ?) AND article_id = ?`, []any{DocTitle, DocArticle, articleID}, nil)
}

// replaceDocs deletes the documents matching where and inserts docs, in one
// transaction (retried when a concurrent indexer took the same ids).
func (s *Store) replaceDocs(ctx context.Context, where string, args []any, docs []doc) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = s.replaceDocsOnce(ctx, where, args, docs); !isUniqueViolation(err) && !isBusy(err) {
			break
		}
		time.Sleep(time.Duration(attempt+1) * 10 * time.Millisecond)
	}
	if err != nil {
		return fmt.Errorf("update search index: %w", err)
	}
	return nil
}

func isBusy(err error) bool {
	return err != nil && strings.Contains(strings.ToLower(err.Error()), "busy")
}

func (s *Store) replaceDocsOnce(ctx context.Context, where string, args []any, docs []doc) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.dialect == SQLite {
		if _, err := tx.ExecContext(ctx, `DELETE FROM ns_search_fts WHERE rowid IN (SELECT id FROM ns_search_docs WHERE `+where+`)`, args...); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM ns_search_docs WHERE `+where), args...); err != nil {
		return err
	}
	if len(docs) > 0 {
		if err := s.insertDocs(ctx, tx, docs); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// insertDocs allocates ids for docs (all of one date: a recording or an
// article) and inserts them; the first document gets the largest id.
func (s *Store) insertDocs(ctx context.Context, tx *sql.Tx, docs []doc) error {
	slot := max(docs[0].date.Unix(), 0) << docSlotBits
	var top sql.NullInt64
	if err := tx.QueryRowContext(ctx, s.q(`SELECT MAX(id) FROM ns_search_docs WHERE id >= ? AND id < ?`),
		slot, slot+1<<docSlotBits).Scan(&top); err != nil {
		return err
	}
	next := slot
	if top.Valid {
		next = top.Int64 + 1
	}
	if next+int64(len(docs)) > slot+1<<docSlotBits {
		return fmt.Errorf("more than %d search documents dated the same second", 1<<docSlotBits)
	}
	insDoc := `INSERT INTO ns_search_docs (id, kind, job_id, article_id, seg, start_s, speaker, title, body, times, doc_date, published`
	if s.dialect == Postgres {
		insDoc += `, tsv) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::tsvector)`
	} else {
		insDoc += `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	}
	stDoc, err := tx.PrepareContext(ctx, s.q(insDoc))
	if err != nil {
		return err
	}
	defer stDoc.Close()
	var stFTS *sql.Stmt
	if s.dialect == SQLite {
		if stFTS, err = tx.PrepareContext(ctx, `INSERT INTO ns_search_fts (rowid, terms) VALUES (?, ?)`); err != nil {
			return err
		}
		defer stFTS.Close()
	}
	for i, d := range docs {
		id := next + int64(len(docs)-1-i)
		terms := searchTerms(d.body)
		var start sql.NullFloat64
		if d.start != nil {
			start = sql.NullFloat64{Float64: *d.start, Valid: true}
		}
		args := []any{id, d.kind, d.jobID, d.articleID, d.seg, start, d.speaker, d.title, d.body, encodeTimes(d.times),
			millis(d.date), boolInt(d.published)}
		if s.dialect == Postgres {
			args = append(args, tsvector(terms))
		}
		if _, err := stDoc.ExecContext(ctx, args...); err != nil {
			return err
		}
		if stFTS != nil {
			if _, err := stFTS.ExecContext(ctx, id, strings.Join(termKeys(terms), " ")); err != nil {
				return err
			}
		}
	}
	return nil
}

func encodeTimes(ts []int) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(t))
	}
	return b.String()
}

// SearchParams select what Search returns.
type SearchParams struct {
	Query Query
	// Limit is the page size. Defaults to 20.
	Limit int
	// Cursor is NextCursor of the previous page; 0 for the first.
	Cursor int64
	// From and To bound the document's date (a recording's upload, an
	// article's publication or creation), To exclusive; zero means open.
	From, To time.Time
	// Speaker, when set, keeps transcript passages of that speaker only.
	Speaker string
	// Published, when set, keeps documents whose article is (or is not) published.
	Published *bool
	// Kind, when set, keeps one kind of document (DocTranscript, DocArticle, DocTitle).
	Kind string
}

// SearchHit is one matching passage.
type SearchHit struct {
	Kind      string
	JobID     string
	ArticleID string
	// Segment is the transcript segment or the article line.
	Segment int
	Title   string
	Date    time.Time
	Speaker string
	// Snippet is the passage around the first match; Highlights are the
	// matched words in it, as [start, end) rune offsets.
	Snippet    string
	Highlights [][2]int
	// Time is when the first matched word is said, in seconds; nil when it
	// was not (an article passage nobody read out, a title).
	Time *float64
}

// Search returns a page of passages matching p, newest first, and the cursor
// of the next page (0 at the end).
func (s *Store) Search(ctx context.Context, p SearchParams) ([]SearchHit, int64, error) {
	if p.Limit <= 0 {
		p.Limit = 20
	}
	if p.Query.Empty() {
		return []SearchHit{}, 0, nil
	}
	var (
		sel   string
		args  []any
		where []string
		col   = "d.id"
	)
	cols := `d.id, d.kind, d.job_id, d.article_id, d.seg, d.start_s, d.speaker, d.title, d.body, d.times, d.doc_date`
	if s.dialect == Postgres {
		sel = `SELECT ` + cols + ` FROM ns_search_docs d WHERE d.tsv @@ ?::tsquery`
		args = append(args, p.Query.tsquery())
	} else {
		// CROSS JOIN keeps the FTS table the outer loop, read in rowid order.
		sel = `SELECT ` + cols + ` FROM ns_search_fts CROSS JOIN ns_search_docs d ON d.id = ns_search_fts.rowid
			WHERE ns_search_fts MATCH ?`
		args = append(args, p.Query.fts5())
		col = "ns_search_fts.rowid"
	}
	upper := int64(math.MaxInt64)
	if p.Cursor > 0 {
		upper = p.Cursor
	}
	if !p.To.IsZero() {
		upper = min(upper, max(p.To.Unix(), 0)<<docSlotBits)
	}
	where = append(where, col+" < ?")
	args = append(args, upper)
	if !p.From.IsZero() {
		where = append(where, col+" >= ?")
		args = append(args, max(p.From.Unix(), 0)<<docSlotBits)
	}
	if p.Speaker != "" {
		where = append(where, "d.speaker = ?")
		args = append(args, p.Speaker)
	}
	if p.Published != nil {
		where = append(where, "d.published = ?")
		args = append(args, boolInt(*p.Published))
	}
	if p.Kind != "" {
		where = append(where, "d.kind = ?")
		args = append(args, p.Kind)
	}
	query := sel + " AND " + strings.Join(where, " AND ") + " ORDER BY " + col + " DESC LIMIT ?"
	args = append(args, p.Limit+1)
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	terms := p.Query.terms()
	hits := []SearchHit{}
	var lastID, next int64
	for rows.Next() {
		var (
			id, date    int64
			h           SearchHit
			start       sql.NullFloat64
			body, times string
		)
		if err := rows.Scan(&id, &h.Kind, &h.JobID, &h.ArticleID, &h.Segment, &start, &h.Speaker, &h.Title, &body, &times, &date); err != nil {
			return nil, 0, fmt.Errorf("search: %w", err)
		}
		if len(hits) == p.Limit {
			next = lastID
			break
		}
		lastID = id
		h.Date = time.UnixMilli(date).UTC()
		var word int
		h.Snippet, h.Highlights, word = snippet(body, terms)
		h.Time = wordTime(times, word)
		if h.Time == nil && start.Valid && h.Kind == DocTranscript {
			h.Time = &start.Float64
		}
		hits = append(hits, h)
	}
	return hits, next, rows.Err()
}

// snippetWords is how many words a snippet shows before and after its first match.
const snippetBefore, snippetAfter = 8, 16

// snippet cuts the passage around the first term of the query, marks every
// query term in it and returns the index of the first matched word in body's
// space-separated words (-1 when nothing matched, as after a phrase split
// between two tokens).
func snippet(body string, terms map[string]bool) (string, [][2]int, int) {
	ts := searchTerms(body)
	first := -1
	for i, t := range ts {
		if terms[t.key] {
			first = i
			break
		}
	}
	rs := []rune(body)
	lo, hi := 0, len(rs)
	if first >= 0 {
		if k := first - snippetBefore; k > 0 {
			lo = ts[k].start
		}
		if k := first + snippetAfter; k < len(ts)-1 {
			hi = ts[k].end
		}
	} else if len(ts) > snippetBefore+snippetAfter {
		hi = ts[snippetBefore+snippetAfter].end
	}
	prefix, suffix := "", ""
	if lo > 0 {
		prefix = "… "
	}
	if hi < len(rs) {
		suffix = " …"
	}
	shift := len([]rune(prefix)) - lo
	var marks [][2]int
	for _, t := range ts {
		if t.start >= lo && t.end <= hi && terms[t.key] {
			marks = append(marks, [2]int{t.start + shift, t.end + shift})
		}
	}
	word := -1
	if first >= 0 {
		word = strings.Count(string(rs[:ts[first].start]), " ")
	}
	return prefix + string(rs[lo:hi]) + suffix, marks, word
}

// wordTime returns the time of word i of a document's encoded times.
func wordTime(times string, i int) *float64 {
	if i < 0 || times == "" {
		return nil
	}
	fs := strings.Fields(times)
	if i >= len(fs) {
		return nil
	}
	v, err := strconv.Atoi(fs[i])
	if err != nil || v < 0 {
		return nil
	}
	t := float64(v) / 10
	return &t
}
