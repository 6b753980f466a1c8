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

// StoreIdempotentAnswer records the answer to the request that claimed
// key when it is final (FinalStatus); any other answer releases the key,
// so that a retry is served afresh (issue 24: one "queue full" was replayed
// to every retry for 24 hours).
func (s *Store) StoreIdempotentAnswer(ctx context.Context, key string, a IdempotentAnswer) error {
	if !FinalStatus(a.Status) {
		return s.ReleaseIdempotencyKey(ctx, key)
	}
	_, err := s.exec(ctx, `UPDATE ns_idempotency SET status = ?, body = ?, location = ? WHERE idem_key = ?`, a.Status, a.Body, a.Location, key)
	return err
}

// FinalStatus reports whether an HTTP answer is a request's outcome, the
// same whenever it is asked again: a 2xx, or a 4xx for the request itself.
// A timeout (408), a conflict with a state that changes (409: not done
// yet, in progress), too early (425), too many requests (429), a client
// gone (499) and every 5xx are not: a retry may succeed.
func FinalStatus(status int) bool {
	switch {
	case status >= 200 && status < 300:
		return true
	case status >= 400 && status < 500:
		switch status {
		case 408, 409, 423, 425, 429, 499:
			return false
		}
		return true
	}
	return false
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
