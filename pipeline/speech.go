package pipeline

import (
	"context"

	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// Speech returns the stretches of speech in samples (16 kHz mono), in
// seconds from their start: the engine's VAD (Silero) when it has one and
// VAD is wanted, else the stretches louder than −50 dBFS. It returns
// ErrNotLoaded before Load. Live recognition gates its passes with it.
func (p *Pipeline) Speech(ctx context.Context, samples []float32) ([]whisper.Span, error) {
	return p.speech(ctx, samples)
}
