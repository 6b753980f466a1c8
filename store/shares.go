package store

import (
	"context"
	"fmt"
	"time"
)

// shareSchema is the list of revoked share links (issue 24, item 14): a
// leaked link used to work until it expired, unless the secret was
// rotated, which killed every link. token_id names one token
// (share.TokenID), or is "*" for every token of the job expiring no later
// than expires_at (the links made until then).
var shareSchema = []string{
	`CREATE TABLE IF NOT EXISTS ns_share_revocations (
		job_id TEXT NOT NULL,
		token_id TEXT NOT NULL,
		expires_at BIGINT NOT NULL,
		PRIMARY KEY (job_id, token_id)
	)`,
}

// allTokens is the token_id of a revocation of every link of a job.
const allTokens = "*"

// RevokeShare revokes one share link of job jobID, by its token's id,
// until it expires; revoking it twice is a no-op. Revocations whose links
// have expired are forgotten.
func (s *Store) RevokeShare(ctx context.Context, jobID, tokenID string, expires time.Time) error {
	return s.revoke(ctx, jobID, tokenID, expires)
}

// RevokeShares revokes every share link of job jobID that expires no later
// than until: with until = now + the links' lifetime, every link made so
// far; links made later work.
func (s *Store) RevokeShares(ctx context.Context, jobID string, until time.Time) error {
	return s.revoke(ctx, jobID, allTokens, until)
}

func (s *Store) revoke(ctx context.Context, jobID, tokenID string, expires time.Time) error {
	if _, err := s.exec(ctx, `DELETE FROM ns_share_revocations WHERE expires_at < ?`, millis(time.Now())); err != nil {
		return fmt.Errorf("revoke share link: %w", err)
	}
	_, err := s.exec(ctx, `INSERT INTO ns_share_revocations (job_id, token_id, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (job_id, token_id) DO UPDATE SET expires_at = CASE WHEN excluded.expires_at > ns_share_revocations.expires_at
		THEN excluded.expires_at ELSE ns_share_revocations.expires_at END`, jobID, tokenID, millis(expires))
	if err != nil {
		return fmt.Errorf("revoke share link: %w", err)
	}
	return nil
}

// ShareRevoked reports whether the share link of job jobID whose token has
// id tokenID and expires at expires was revoked (share.Revocations).
func (s *Store) ShareRevoked(ctx context.Context, jobID, tokenID string, expires time.Time) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM ns_share_revocations WHERE job_id = ?
		AND (token_id = ? OR (token_id = ? AND expires_at >= ?))`, jobID, tokenID, allTokens, millis(expires)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("share link revocations: %w", err)
	}
	return n > 0, nil
}
