package models

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// DirEnv is the environment variable that overrides the models directory.
const DirEnv = "NEWSSCRIBE_MODELS_DIR"

// DefaultDir is the models directory: $NEWSSCRIBE_MODELS_DIR if set, else
// newsscribe/models under the user's cache directory ($XDG_CACHE_HOME, or
// ~/.cache on Linux), else ./models.
func DefaultDir() string {
	if d := os.Getenv(DirEnv); d != "" {
		return d
	}
	if c, err := os.UserCacheDir(); err == nil {
		return filepath.Join(c, "newsscribe", "models")
	}
	return "models"
}

// ErrNotDownloaded is matched (errors.Is) when a registry model is not in
// the models directory.
var ErrNotDownloaded = errors.New("model not downloaded")

// NotDownloadedError says which model is missing where, and how to get it.
type NotDownloadedError struct {
	Model Model
	Path  string
}

func (e *NotDownloadedError) Error() string {
	return fmt.Sprintf("model %s is not downloaded (%s missing): run `newsscribe models pull %s`", e.Model.Name, e.Path, e.Model.Name)
}

// Is makes errors.Is(err, ErrNotDownloaded) true.
func (e *NotDownloadedError) Is(target error) bool { return target == ErrNotDownloaded }

// Path is where model m lives in dir ("" for DefaultDir).
func Path(m Model, dir string) string {
	if dir == "" {
		dir = DefaultDir()
	}
	return filepath.Join(dir, m.File)
}

// Resolve turns a model name or a file path into the path of a checked
// model file (CheckFile; for a registry model also its published size). A
// registry name ("large-v3-turbo-q5_0", or its file
// name "ggml-large-v3-turbo-q5_0.bin") means that file in dir (DefaultDir if
// dir is ""); anything else is a file path. A registry model that is not
// there is a *NotDownloadedError.
func Resolve(nameOrPath, dir string) (string, error) {
	if nameOrPath == "" {
		return "", errors.New("no model given")
	}
	isPath := strings.ContainsRune(nameOrPath, os.PathSeparator) || strings.HasPrefix(nameOrPath, ".")
	if m, ok := Lookup(nameOrPath); ok && !isPath {
		p := Path(m, dir)
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			return "", &NotDownloadedError{Model: m, Path: p}
		}
		if err := checkRegistryFile(p, m); err != nil {
			return "", err
		}
		return p, nil
	}
	if _, err := os.Stat(nameOrPath); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("model %q is neither a known model name (see `newsscribe models list`) nor an existing file", nameOrPath)
		}
		return "", fmt.Errorf("model file: %w", err)
	}
	if err := CheckFile(nameOrPath); err != nil {
		return "", err
	}
	return nameOrPath, nil
}
