// Package apikey reads the server's API keys (--api-keys): "KEY" or
// "NAME:KEY" entries. An entry whose key is empty — "maryam:", an empty
// entry between commas, "name:$KEY" with KEY unset — is an error, never
// skipped: skipping it once left /v1 open with nothing in the log when no
// entry was left (issue 24).
package apikey

import (
	"fmt"
	"strconv"
	"strings"
)

// Key is one accepted bearer token and the name corrections made with it
// are signed with.
type Key struct {
	Name   string
	Secret []byte
}

// Parse reads entries. A bare KEY is named key1, key2… by its place in the
// list. The error names the entry by its place (and name, if it has one),
// never by its secret.
func Parse(entries []string) ([]Key, error) {
	keys := make([]Key, 0, len(entries))
	for i, e := range entries {
		name, secret, named := strings.Cut(e, ":")
		name = strings.TrimSpace(name)
		if !named {
			name, secret = "key"+strconv.Itoa(i+1), e
		}
		secret = strings.TrimSpace(secret)
		switch {
		case secret == "" && named:
			return nil, fmt.Errorf("--api-keys: entry %d (%q) has an empty key: give NAME:KEY with the key, or leave the entry out", i+1, name)
		case secret == "":
			return nil, fmt.Errorf("--api-keys: entry %d is empty: remove the extra comma, or check the variable that should hold the key", i+1)
		case named && name == "":
			return nil, fmt.Errorf("--api-keys: entry %d has an empty name before its colon: give NAME:KEY, or the key alone", i+1)
		}
		keys = append(keys, Key{Name: name, Secret: []byte(secret)})
	}
	return keys, nil
}
