package store

import (
	"context"
	"fmt"
)

// searchKeyVersion numbers the search terms' spelling (searchTerms, the
// keys of package arabic). An index built with another version is built
// again when the store opens, so a query meets the terms as they are
// spelt now. 2: one hamza whatever its seat («مسؤولية» = «مسئولية»).
const searchKeyVersion = 2

// rekeySearch rebuilds the index of every done job and every article when
// it was built with other search terms than searchKeyVersion, then records
// the version.
func (s *Store) rekeySearch(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS ns_search_keys (version INTEGER NOT NULL)`); err != nil {
		return err
	}
	have, err := column[int](ctx, s, `SELECT version FROM ns_search_keys`)
	if err != nil {
		return err
	}
	if len(have) == 1 && have[0] == searchKeyVersion {
		return nil
	}
	jobs, err := column[string](ctx, s, `SELECT id FROM ns_jobs WHERE status = ?`, StatusDone)
	if err != nil {
		return err
	}
	for _, id := range jobs {
		if err := s.IndexJob(ctx, id); err != nil {
			return fmt.Errorf("index job %s again: %w", id, err)
		}
	}
	articles, err := column[string](ctx, s, `SELECT id FROM ns_articles`)
	if err != nil {
		return err
	}
	for _, id := range articles {
		if err := s.IndexArticle(ctx, id); err != nil {
			return fmt.Errorf("index article %s again: %w", id, err)
		}
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM ns_search_keys`); err != nil {
		return err
	}
	_, err = s.exec(ctx, `INSERT INTO ns_search_keys (version) VALUES (?)`, searchKeyVersion)
	return err
}
