//go:build !whisper

package whisper_test

import (
	"errors"
	"testing"

	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

func TestNewWithoutEngine(t *testing.T) {
	_, err := whisper.New(whisper.Config{ModelPath: "m.bin"})
	if !errors.Is(err, transcribe.ErrNoEngine) {
		t.Errorf("got %v, want ErrNoEngine", err)
	}
}
