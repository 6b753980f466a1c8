package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// LibraryParams select a page of the jobs list.
type LibraryParams struct {
	// Status keeps jobs in that state when not empty.
	Status Status
	// Query keeps jobs whose file name or article title contains it
	// (case-insensitive for Latin letters).
	Query string
	// Limit is the page size; Offset skips jobs (ignored with a Cursor).
	Limit, Offset int
	// Cursor is LibraryPage.Next of the previous page.
	Cursor string
}

// LibraryEntry is a job with the title of its article.
type LibraryEntry struct {
	*Job
	// ArticleTitle is the attached article's title; "" without one.
	ArticleTitle string
}

// LibraryPage is one page of the jobs list.
type LibraryPage struct {
	Entries []LibraryEntry
	// Total counts the jobs matching the filters, all pages.
	Total int
	// Next is the cursor of the next page; "" on the last.
	Next string
}

// ErrBadCursor is returned for a cursor this server did not hand out.
var ErrBadCursor = errors.New("invalid cursor")

// Library lists jobs newest first with their article titles.
func (s *Store) Library(ctx context.Context, p LibraryParams) (*LibraryPage, error) {
	var where []string
	var args []any
	if p.Status != "" {
		where, args = append(where, "j.status = ?"), append(args, p.Status)
	}
	if q := strings.TrimSpace(p.Query); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(q)) + "%"
		where = append(where, `(LOWER(j.filename) LIKE ? ESCAPE '\' OR LOWER(COALESCE(a.title, '')) LIKE ? ESCAPE '\')`)
		args = append(args, like, like)
	}
	from := ` FROM ns_jobs j LEFT JOIN ns_articles a ON a.id = j.article_id`
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	page := &LibraryPage{Entries: []LibraryEntry{}}
	if err := s.queryRow(ctx, `SELECT COUNT(*)`+from+cond, args...).Scan(&page.Total); err != nil {
		return nil, fmt.Errorf("count jobs: %w", err)
	}
	if p.Cursor != "" {
		at, id, ok := strings.Cut(p.Cursor, "_")
		ms, err := strconv.ParseInt(at, 36, 64)
		if !ok || err != nil || id == "" {
			return nil, ErrBadCursor
		}
		where = append(where, "(j.created_at < ? OR (j.created_at = ? AND j.id > ?))")
		args = append(args, ms, ms, "tr_"+id)
		cond = " WHERE " + strings.Join(where, " AND ")
		p.Offset = 0
	}
	rows, err := s.query(ctx, `SELECT `+prefixCols(jobCols, "j.")+`, COALESCE(a.title, '')`+from+cond+
		` ORDER BY j.created_at DESC, j.id LIMIT ? OFFSET ?`, append(args, p.Limit+1, p.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var title string
		j, err := scanJob(titled{rows, &title})
		if err != nil {
			return nil, fmt.Errorf("list jobs: %w", err)
		}
		if len(page.Entries) == p.Limit {
			last := page.Entries[len(page.Entries)-1].Job
			page.Next = strconv.FormatInt(last.CreatedAt.UnixMilli(), 36) + "_" + strings.TrimPrefix(last.ID, "tr_")
			break
		}
		page.Entries = append(page.Entries, LibraryEntry{Job: j, ArticleTitle: title})
	}
	return page, rows.Err()
}

// titled scans a job row followed by one more column.
type titled struct {
	r     scanner
	title *string
}

func (t titled) Scan(dest ...any) error { return t.r.Scan(append(dest, t.title)...) }

func prefixCols(cols, prefix string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = prefix + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// DeleteJob removes a finished (done, failed or canceled) job with its
// revisions, alignment and search entries. Its transcript goes when no other
// job shares the recognition, its recording and browser rendition when no
// other job uses the upload. An article attached to it stays, without the
// job. It returns ErrNotFound for no such job and ErrConflict for a job still
// queued or running.
func (s *Store) DeleteJob(ctx context.Context, id string) error {
	j, err := s.Job(ctx, id)
	if err != nil {
		return err
	}
	if j.Status == StatusQueued || j.Status == StatusRunning {
		return ErrConflict
	}
	if err := s.DeleteJobIndex(ctx, id); err != nil {
		return err
	}
	clips, err := s.Clips(ctx, id)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := millis(time.Now())
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`DELETE FROM ns_revisions WHERE job_id = ?`, []any{id}},
		{`DELETE FROM ns_clips WHERE job_id = ?`, []any{id}},
		{`DELETE FROM ns_alignments WHERE job_id = ?`, []any{id}},
		{`DELETE FROM ns_chunks WHERE job_id = ?`, []any{id}},
		{`UPDATE ns_articles SET job_id = NULL, updated_at = ? WHERE job_id = ?`, []any{now, id}},
		{`DELETE FROM ns_jobs WHERE id = ?`, []any{id}},
		{`DELETE FROM ns_transcripts WHERE asr_key = ? AND NOT EXISTS (SELECT 1 FROM ns_jobs WHERE asr_key = ?)`, []any{j.ASRKey, j.ASRKey}},
	} {
		if _, err := tx.ExecContext(ctx, s.q(q.sql), q.args...); err != nil {
			return fmt.Errorf("delete job: %w", err)
		}
	}
	var others int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM ns_jobs WHERE audio_sha256 = ?`), j.AudioSHA256).Scan(&others); err != nil {
		return fmt.Errorf("delete job: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("delete job: %w", err)
	}
	if j.ArticleID != "" {
		if err := s.IndexArticle(ctx, j.ArticleID); err != nil {
			return err
		}
	}
	for _, c := range clips { // a clip still being made fails when its job is gone
		if err := s.Blobs.Delete(ctx, ClipKey(c.ID, "."+c.Format)); err != nil {
			return fmt.Errorf("delete clip: %w", err)
		}
	}
	if others == 0 && j.AudioSHA256 != "" {
		for _, k := range []string{AudioKey(j.AudioSHA256), PlayKey(j.AudioSHA256), PCMKey(j.AudioSHA256)} {
			if err := s.Blobs.Delete(ctx, k); err != nil {
				return fmt.Errorf("delete recording: %w", err)
			}
		}
	}
	return nil
}

// SetJobArticle attaches an article (by id, or a text without one) to a
// done job, replacing the one it had; both empty detach it. The job's dedup
// key follows, so an identical later request joins this job. ErrConflict
// when another live job already pairs this recognition with that article.
func (s *Store) SetJobArticle(ctx context.Context, j *Job, articleID, articleText string) error {
	key := DedupKey(j.ASRKey, articleID, articleText)
	_, err := s.exec(ctx, `UPDATE ns_jobs SET article_id = ?, article_text = ?, dedup_key = ? WHERE id = ?`,
		nullString(articleID), nullString(articleText), key, j.ID)
	if isUniqueViolation(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("attach article: %w", err)
	}
	j.ArticleID, j.ArticleText, j.DedupKey = articleID, articleText, key
	if articleID == "" && articleText == "" {
		if _, err := s.exec(ctx, `DELETE FROM ns_alignments WHERE job_id = ?`, j.ID); err != nil {
			return fmt.Errorf("detach article: %w", err)
		}
	}
	return nil
}

// ClearArticleJob detaches the article from jobID if that is its job.
func (s *Store) ClearArticleJob(ctx context.Context, articleID, jobID string) error {
	_, err := s.exec(ctx, `UPDATE ns_articles SET job_id = NULL, updated_at = ? WHERE id = ? AND job_id = ?`,
		millis(time.Now()), articleID, jobID)
	return err
}

// JobsUsingAudio counts the jobs that reference an upload.
func (s *Store) JobsUsingAudio(ctx context.Context, sha string) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM ns_jobs WHERE audio_sha256 = ?`, sha).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

// JobsOfArticle returns the jobs aligned to an article.
func (s *Store) JobsOfArticle(ctx context.Context, articleID string) ([]*Job, error) {
	rows, err := s.query(ctx, `SELECT `+jobCols+` FROM ns_jobs WHERE article_id = ?`, articleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}
