package newsroom

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/store"
)

// Each recording an article is attached to has its own alignment and
// verdicts; a page shows a recording's own, and says which other recordings
// the article is attached to (issue 21).

// Recordings lists the recordings (transcription jobs, not their machine
// translations) article id is attached to, oldest first.
func (n *Newsroom) Recordings(ctx context.Context, articleID string) ([]*store.Job, error) {
	jobs, err := n.store.JobsOfArticle(ctx, articleID)
	if err != nil {
		return nil, fmt.Errorf("recordings of article %s: %w", articleID, err)
	}
	out := slices.DeleteFunc(jobs, func(j *store.Job) bool { return j.Task == store.TaskTranslate })
	slices.SortStableFunc(out, func(a, b *store.Job) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return out, nil
}

// VerdictCounts counts the verdicts of job j's own quotations
// (align.VerdictCounts of its alignment); nil for a job that is not done,
// has no article, or whose article has no quotations.
func (n *Newsroom) VerdictCounts(ctx context.Context, j *store.Job) (map[align.Verdict]int, error) {
	if j.Status != store.StatusDone || !j.HasArticle() {
		return nil, nil
	}
	r, err := n.store.Alignment(ctx, j.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("verdicts of %s: %w", j.ID, err)
	}
	return align.VerdictCounts(r), nil
}
