//go:build !whisper

package whisper

// Available reports whether this binary has the whisper.cpp engine built in.
const Available = false
