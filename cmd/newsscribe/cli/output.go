package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/newsscribe/newsscribe/internal/atomicfile"
)

// Every command that writes files follows the same rules:
//
//   - "-" is standard input where a command reads and standard output where
//     it writes;
//   - a file the user did not name (an output beside the input, a default
//     name, a file in an -o directory) never replaces an existing one unless
//     --force is given; a file named with -o may be replaced;
//   - each file written is printed as "wrote PATH" on standard output
//     (nothing is printed when standard output is the output itself);
//   - a binary format (docx, audio) refuses to go to a terminal.

// target is where one output goes.
type target struct {
	// Path is a file, or "-" for standard output.
	Path string
	// Named is true when the user named this very file (-o FILE).
	Named bool
}

// errExists is a default output that would replace a file the user did not
// name.
var errExists = errors.New("exists")

// check refuses, before any work is done, to replace a file the user did
// not name, unless force.
func (t target) check(force bool) error {
	if t.Path == "-" || t.Named || force {
		return nil
	}
	if _, err := os.Lstat(t.Path); err == nil {
		return fmt.Errorf("%s %w and was not named on the command line: give -o %s to replace it, -o elsewhere, or --force", t.Path, errExists, t.Path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output %s: %w", t.Path, err)
	}
	return nil
}

// write writes the output with w: to stdout for "-" (refused on a terminal
// when binary), else atomically to the file, checked again just before so
// that a file made while the command ran is not replaced either. It prints
// "wrote PATH" on stdout for a file.
func (t target) write(stdout io.Writer, force, binary bool, what string, w func(io.Writer) error) error {
	if t.Path == "-" {
		if binary {
			if err := refuseTerminal(stdout, what); err != nil {
				return err
			}
		}
		return w(stdout)
	}
	if err := t.check(force); err != nil {
		return err
	}
	if err := atomicfile.Write(t.Path, func(f *os.File) error { return w(f) }); err != nil {
		return err
	}
	_, err := fmt.Fprintf(stdout, "wrote %s\n", t.Path)
	return err
}

// refuseTerminal refuses to write binary data (what: "a Word document") to
// a terminal, where it would be noise and could upset the terminal.
func refuseTerminal(w io.Writer, what string) error {
	if isTerminal(w) {
		return fmt.Errorf("%s is binary and standard output is a terminal: give -o FILE, or redirect standard output to a file or a pipe", what)
	}
	return nil
}
