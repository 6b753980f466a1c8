// Command newsscribe turns recordings of Arabic news speech into timestamped
// transcripts aligned to the article that reports them.
//
// main is kept thin: it wires signals to a context, runs the command tree from
// package cli and exits with its code. Everything else is testable code.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/newsscribe/newsscribe/cmd/newsscribe/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
