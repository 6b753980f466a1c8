package cli

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// TranscribeCmdWithEngine is the transcribe command with engine in place of
// whisper.cpp, and available in place of whisper.Available. created, when
// not nil, receives the engine configuration the pipeline resolved.
func TranscribeCmdWithEngine(s Streams, engine transcribe.Engine, available bool, created *whisper.Config) *cobra.Command {
	return transcribeCmd(s, func(_ context.Context, cfg whisper.Config) (transcribe.Engine, io.Closer, error) {
		if created != nil {
			*created = cfg
		}
		return engine, nil, nil
	}, available)
}
