package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// wantOf says, for a person, what a flag's value must look like.
func wantOf(f *pflag.Flag) string {
	switch f.Value.Type() {
	case "int", "int64", "uint", "uint64":
		return "a whole number"
	case "float64", "float32":
		return "a number"
	case "bool":
		return "true or false"
	case "duration":
		return "a duration such as 90s, 5m or 2h30m"
	case "durationSlice":
		return "durations separated by commas, such as 5s,5m,30m"
	case "size":
		return "a size in bytes, or with KiB, MiB or GiB, such as 500MiB"
	}
	return "a " + f.Value.Type()
}

// valueError is the one-line message for a bad value of flag f, given on
// the command line (source "--name") or in the environment
// ("NEWSSCRIBE_NAME"); cause says why, when it says more than the type.
func valueError(source string, f *pflag.Flag, value string, cause error) error {
	msg := fmt.Sprintf("%s=%s: want %s for --%s (%s)", source, value, wantOf(f), f.Name, f.Usage)
	switch f.Value.Type() {
	case "size", "string", "stringSlice":
		// The value's own parser says what is wrong in words.
		msg += ": " + cause.Error()
	}
	return errors.New(msg)
}

// flagError rewrites pflag's "invalid argument "abc" for "--workers" flag:
// strconv.ParseInt: parsing "abc": invalid syntax" as one line that names
// the flag and what it wants.
func flagError(_ *cobra.Command, err error) error {
	var iv *pflag.InvalidValueError
	if errors.As(err, &iv) {
		return valueError("--"+iv.GetFlag().Name, iv.GetFlag(), iv.GetValue(), iv.Unwrap())
	}
	return err
}
