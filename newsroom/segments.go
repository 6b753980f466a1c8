package newsroom

import (
	"sync"

	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/transcribe"
)

// SegmentHub passes the segments a worker decodes to the requests streaming
// that job (OpenAI's stream=true). It only reaches requests served by the
// process that runs the job; a streaming request whose job runs elsewhere
// (several servers on one PostgreSQL queue), or that joined an existing job,
// gets the whole transcript's segments when the job is done instead.
// The zero value is not usable: call NewSegmentHub.
type SegmentHub struct {
	mu   sync.Mutex
	subs map[string]map[chan transcribe.Segment]struct{}
}

var _ queue.SegmentSink = (*SegmentHub)(nil)

// segmentBuffer is how many segments a slow subscriber may fall behind
// before later ones are dropped for it (it fills them in from the final
// transcript). An hour of speech is about 700 segments.
const segmentBuffer = 1024

// NewSegmentHub returns an empty hub.
func NewSegmentHub() *SegmentHub {
	return &SegmentHub{subs: map[string]map[chan transcribe.Segment]struct{}{}}
}

// Segment implements queue.SegmentSink. It never blocks.
func (h *SegmentHub) Segment(jobID string, s transcribe.Segment) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs[jobID] {
		select {
		case ch <- s:
		default:
		}
	}
}

// Subscribe returns a channel of job jobID's segments from now on and the
// function that ends the subscription.
func (h *SegmentHub) Subscribe(jobID string) (<-chan transcribe.Segment, func()) {
	ch := make(chan transcribe.Segment, segmentBuffer)
	h.mu.Lock()
	if h.subs[jobID] == nil {
		h.subs[jobID] = map[chan transcribe.Segment]struct{}{}
	}
	h.subs[jobID][ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.subs[jobID], ch)
		if len(h.subs[jobID]) == 0 {
			delete(h.subs, jobID)
		}
		h.mu.Unlock()
	}
}
