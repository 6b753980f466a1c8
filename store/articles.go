package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Article is a newsroom article a recording can be aligned to.
type Article struct {
	ID string
	// ExternalID is the CMS's own id; unique when set.
	ExternalID  string
	Title       string
	Body        string
	URL         string
	PublishedAt *time.Time
	// Published marks the article embeddable.
	Published bool
	// JobID is the latest transcription job attached to the article.
	JobID     string
	CreatedAt time.Time
	UpdatedAt time.Time
}

const articleCols = `id, external_id, title, body, url, published_at, published, job_id, created_at, updated_at`

func scanArticle(r scanner) (*Article, error) {
	var (
		a                Article
		ext, jobID       sql.NullString
		pub              sql.NullInt64
		published        int
		created, updated int64
	)
	err := r.Scan(&a.ID, &ext, &a.Title, &a.Body, &a.URL, &pub, &published, &jobID, &created, &updated)
	if err == sql.ErrNoRows {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	a.ExternalID, a.JobID = ext.String, jobID.String
	a.PublishedAt = fromMillis(pub)
	a.Published = published != 0
	a.CreatedAt, a.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return &a, nil
}

func nullTime(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: millis(*t), Valid: true}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// CreateArticle inserts a (ID set by the caller); ErrConflict when its
// external_id is taken, a *FieldError when a field is refused
// (CheckArticle, which cleans a's fields first).
func (s *Store) CreateArticle(ctx context.Context, a *Article) error {
	if err := CheckArticle(a); err != nil {
		return err
	}
	now := time.Now().UTC()
	a.CreatedAt, a.UpdatedAt = now, now
	_, err := s.exec(ctx, `INSERT INTO ns_articles (`+articleCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, nullString(a.ExternalID), a.Title, a.Body, a.URL, nullTime(a.PublishedAt), boolInt(a.Published),
		nullString(a.JobID), millis(now), millis(now))
	if isUniqueViolation(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("insert article: %w", err)
	}
	return nil
}

// UpdateArticle replaces an article's fields; ErrNotFound, ErrConflict, or
// a *FieldError (CheckArticle).
func (s *Store) UpdateArticle(ctx context.Context, a *Article) error {
	if err := CheckArticle(a); err != nil {
		return err
	}
	a.UpdatedAt = time.Now().UTC()
	res, err := s.exec(ctx, `UPDATE ns_articles SET external_id = ?, title = ?, body = ?, url = ?, published_at = ?,
		published = ?, updated_at = ? WHERE id = ?`, nullString(a.ExternalID), a.Title, a.Body, a.URL,
		nullTime(a.PublishedAt), boolInt(a.Published), millis(a.UpdatedAt), a.ID)
	if isUniqueViolation(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("update article: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// SetArticleJob attaches a job to an article.
func (s *Store) SetArticleJob(ctx context.Context, articleID, jobID string) error {
	_, err := s.exec(ctx, `UPDATE ns_articles SET job_id = ?, updated_at = ? WHERE id = ?`, jobID, millis(time.Now()), articleID)
	return err
}

// Article returns an article by id, or ErrNotFound.
func (s *Store) Article(ctx context.Context, id string) (*Article, error) {
	return scanArticle(s.queryRow(ctx, `SELECT `+articleCols+` FROM ns_articles WHERE id = ?`, id))
}

// DeleteArticle removes an article; ErrNotFound if absent.
func (s *Store) DeleteArticle(ctx context.Context, id string) error {
	res, err := s.exec(ctx, `DELETE FROM ns_articles WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete article: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// ListArticles returns articles newest first, optionally filtered by external id.
func (s *Store) ListArticles(ctx context.Context, externalID string, limit, offset int) ([]*Article, int, error) {
	where, args := "", []any{}
	if externalID != "" {
		where, args = " WHERE external_id = ?", append(args, externalID)
	}
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM ns_articles`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count articles: %w", err)
	}
	rows, err := s.query(ctx, `SELECT `+articleCols+` FROM ns_articles`+where+` ORDER BY created_at DESC, id LIMIT ? OFFSET ?`,
		append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	out := []*Article{}
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, a)
	}
	return out, total, rows.Err()
}
