package cli

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// LiveCmdWithEngine is the live command with engine in place of whisper.cpp.
func LiveCmdWithEngine(s Streams, engine transcribe.Engine) *cobra.Command {
	return liveCmd(s, func(context.Context, whisper.Config) (transcribe.Engine, io.Closer, error) {
		return engine, nil, nil
	}, true)
}
