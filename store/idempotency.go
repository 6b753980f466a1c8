package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// IdempotentAnswer is the stored answer to a request sent with an
// Idempotency-Key. Status 0 means the first request is still being served.
type IdempotentAnswer struct {
	Status   int
	Body     string
	Location string
}

// ClaimIdempotencyKey records that a request with key is being served. It
// returns true for the first request with the key; for later ones it returns
// false and the stored answer (Status 0 while the first is still running).
func (s *Store) ClaimIdempotencyKey(ctx context.Context, key string) (bool, *IdempotentAnswer, error) {
	_, err := s.exec(ctx, `INSERT INTO ns_idempotency (idem_key, status, created_at) VALUES (?, 0, ?)`, key, millis(time.Now()))
	if err == nil {
		return true, nil, nil
	}
	if !isUniqueViolation(err) {
		return false, nil, fmt.Errorf("idempotency key: %w", err)
	}
	var a IdempotentAnswer
	err = s.queryRow(ctx, `SELECT status, body, location FROM ns_idempotency WHERE idem_key = ?`, key).Scan(&a.Status, &a.Body, &a.Location)
	if errors.Is(err, sql.ErrNoRows) {
		// Released between our insert and select: the caller may retry.
		return false, &IdempotentAnswer{}, nil
	}
	if err != nil {
		return false, nil, fmt.Errorf("idempotency key: %w", err)
	}
	return false, &a, nil
}

// StoreIdempotentAnswer records the answer to the request that claimed key.
func (s *Store) StoreIdempotentAnswer(ctx context.Context, key string, a IdempotentAnswer) error {
	_, err := s.exec(ctx, `UPDATE ns_idempotency SET status = ?, body = ?, location = ? WHERE idem_key = ?`, a.Status, a.Body, a.Location, key)
	return err
}

// ReleaseIdempotencyKey forgets a key whose request failed in a way worth
// retrying (a server error), so that the retry is served afresh.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, key string) error {
	_, err := s.exec(ctx, `DELETE FROM ns_idempotency WHERE idem_key = ?`, key)
	return err
}

// ExpireIdempotencyKeys forgets answers older than maxAge.
func (s *Store) ExpireIdempotencyKeys(ctx context.Context, maxAge time.Duration) error {
	_, err := s.exec(ctx, `DELETE FROM ns_idempotency WHERE created_at < ?`, millis(time.Now().Add(-maxAge)))
	return err
}
