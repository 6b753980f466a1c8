package store_test

import (
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/store"
)

func TestChunkProgressRemaining(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	since := now.Add(-2 * time.Minute)
	for _, tt := range []struct {
		name   string
		p      store.ChunkProgress
		want   time.Duration
		wantOK bool
	}{
		{name: "not begun", p: store.ChunkProgress{Seconds: 600}},
		{name: "begun, nothing recognised", p: store.ChunkProgress{Seconds: 600, Since: &since}},
		{name: "a quarter in 2 min: 6 min left", p: store.ChunkProgress{Seconds: 600, DoneSeconds: 150, Since: &since}, want: 6 * time.Minute, wantOK: true},
		{name: "all recognised", p: store.ChunkProgress{Seconds: 600, DoneSeconds: 600, Since: &since}, want: 0, wantOK: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.p.Remaining(now)
			if ok != tt.wantOK || got != tt.want {
				t.Errorf("got %s, %v; want %s, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
