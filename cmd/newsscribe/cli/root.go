// Package cli builds newsscribe's command tree.
//
// We use cobra rather than the standard library's flag package because the
// tool has nested subcommands (`audio convert`, `models pull`, …) whose help,
// flag parsing and shell completion cobra gives uniformly; every command is
// still a plain function of (ctx, args, streams), tested without a process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/newsscribe/newsscribe/internal/oneline"
	"github.com/newsscribe/newsscribe/quotecheck"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// Streams are the standard streams a command reads and writes.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// exitError carries a specific exit code out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// New returns the root command. Subcommands are added here, one constructor each.
func New(s Streams) *cobra.Command {
	root := &cobra.Command{
		Use:           "newsscribe",
		Short:         "Timestamped transcripts of Arabic news speech, aligned to the article",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(flagError)
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.AddCommand(
		newVersionCmd(s),
		newModelsCmd(s),
		newTranscribeCmd(s),
		newAudioCmd(s),
		newAlignCmd(s),
		newClipCmd(s),
		newServeCmd(s),
		newLiveCmd(s),
	)
	return root
}

// Run executes the command line args and returns the process exit code.
// Errors are printed as one line on s.Err, never with a stack trace.
func Run(ctx context.Context, args []string, in io.Reader, out, errw io.Writer) int {
	root := New(Streams{In: in, Out: out, Err: errw})
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		fmt.Fprintln(errw, "newsscribe: interrupted")
		return 130
	}
	fmt.Fprintln(errw, "newsscribe: "+oneline.Fold(err.Error()))
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if errors.Is(err, context.Canceled) {
		return 130
	}
	return 1
}

// Version is set at build time with -ldflags "-X ...cli.Version=...".
var Version = "dev"

func newVersionCmd(s Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and whether the whisper.cpp engine and the quotation check's lexicon are built in",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			engine := "whisper.cpp engine: built in"
			if !whisper.Available {
				engine = "whisper.cpp engine: not built in (install libwhisper and run `make build`)"
			}
			lexicon := "quotation check lexicon: hunspell-ar (Ayaspell)"
			if _, err := quotecheck.DefaultLexicon(); err != nil {
				lexicon = "quotation check lexicon: none (" + err.Error() + "); a printed word alike in letters to the word said is called unclear (listen), never a spelling slip, and names are read less surely"
			}
			_, err := fmt.Fprintf(s.Out, "newsscribe %s\n%s\n%s\n", Version, engine, lexicon)
			return err
		},
	}
}
