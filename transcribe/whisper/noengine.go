//go:build !whisper

package whisper

import (
	"context"
	"fmt"

	"github.com/newsscribe/newsscribe/transcribe"
)

// Engine is the whisper.cpp engine. In a binary built without the `whisper`
// build tag it cannot be created: New returns transcribe.ErrNoEngine.
type Engine struct{}

var _ transcribe.Engine = (*Engine)(nil)

// New returns an error wrapping transcribe.ErrNoEngine: this binary was built
// without the whisper.cpp engine.
func New(cfg Config) (*Engine, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("whisper: %w", transcribe.ErrNoEngine)
}

// Transcribe implements transcribe.Engine; it always returns transcribe.ErrNoEngine.
func (e *Engine) Transcribe(ctx context.Context, samples []float32, opts transcribe.Options, progress transcribe.ProgressFunc) (*transcribe.Transcript, error) {
	return nil, transcribe.ErrNoEngine
}

// Close does nothing.
func (e *Engine) Close() error { return nil }
