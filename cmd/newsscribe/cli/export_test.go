package cli

import (
	"github.com/spf13/cobra"

	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// TranscribeCmdWithEngine is the transcribe command with engine in place of
// whisper.cpp, and available in place of whisper.Available.
func TranscribeCmdWithEngine(s Streams, engine transcribe.Engine, available bool, created *whisper.Config) *cobra.Command {
	return transcribeCmd(s, func(cfg whisper.Config) (transcribe.Engine, func() error, error) {
		if created != nil {
			*created = cfg
		}
		return engine, func() error { return nil }, nil
	}, available)
}
