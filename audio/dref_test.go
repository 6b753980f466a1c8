package audio_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/internal/movtest"
)

// The secret's and the carrier's tones, and the level below which the
// secret's tone counts as absent (ffmpeg's sine source has amplitude 1/8).
const (
	secretHz  = 1000
	carrierHz = 300
	leakLevel = 0.01
)

// drefCase is one external data reference: ref for a carrier in carrierDir
// and a secret at secretPath, and the demuxer options with which ffmpeg
// follows it.
type drefCase struct {
	name   string
	ref    func(carrierDir, secretPath string) movtest.Alias
	follow []string
}

var drefCases = []drefCase{
	{"same directory", func(_, secret string) movtest.Alias {
		return movtest.Alias{Path: "/Volumes/x/" + filepath.Base(secret), FromLevels: 1, ToLevels: 1}
	}, []string{"-enable_drefs", "1"}},
	{"relative ../", func(_, secret string) movtest.Alias {
		return movtest.Alias{Path: "/Volumes/x/" + filepath.Base(secret), FromLevels: 2, ToLevels: 1}
	}, []string{"-enable_drefs", "1"}},
	{"absolute path", func(_, secret string) movtest.Alias {
		return movtest.Alias{Path: secret}
	}, []string{"-enable_drefs", "1", "-use_absolute_path", "1"}},
}

// movTone writes a 3 s QuickTime file of a freq Hz tone, 16 kHz mono PCM,
// index (moov) at the end. PCM frames have a fixed size, so two such files
// have the same chunk offsets: one's index reads the other's samples.
func movTone(t *testing.T, path string, freq int) {
	t.Helper()
	ffmpegConvert(t, "-f", "lavfi", "-i", "sine=f="+strconv.Itoa(freq)+":d=3:r=16000",
		"-ac", "1", "-c:a", "pcm_s16le", "-f", "mov", path)
}

// TestExternalDataReferenceIgnored (issue 9, what holds): an uploaded
// MP4/QuickTime file whose track data is an external reference to another
// local file (a Macintosh alias in its 'dref' box: the next directory, a
// "../" path, an absolute path) must never make the sandbox read that
// file. First the test proves each crafted carrier is a working exploit:
// ffmpeg run directly, following data references, outputs the secret's
// tone. Then every sandboxed path — DecodeFile/OpenFile, Decode from a
// reader, EncodeMP3 (the public rendition) — gives the carrier's own tone
// without the secret's, or a typed error.
func TestExternalDataReferenceIgnored(t *testing.T) {
	needFFmpeg(t)
	ctx := context.Background()
	for _, tc := range drefCases {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			up := filepath.Join(root, "uploads")
			if err := os.Mkdir(up, 0o755); err != nil {
				t.Fatal(err)
			}
			secretDir := up
			if tc.ref(up, "x").FromLevels == 2 {
				secretDir = root
			}
			secret := filepath.Join(secretDir, "secret.mov")
			movTone(t, secret, secretHz)
			plain := filepath.Join(t.TempDir(), "plain.mov")
			movTone(t, plain, carrierHz)
			b, err := os.ReadFile(plain)
			if err != nil {
				t.Fatal(err)
			}
			b, err = movtest.ExternalData(b, tc.ref(up, secret))
			if err != nil {
				t.Fatal(err)
			}
			carrier := writeTemp(t, up, "carrier.mov", b)

			// The exploit works: the sandbox's own ffmpeg command line,
			// with data references switched on, outputs the secret.
			got := followingDrefs(t, carrier, tc.follow)
			t.Logf("sandbox's ffmpeg command with %v: %s", tc.follow, got)
			if got.secret < 0.1 {
				t.Fatalf("the crafted carrier is no exploit: ffmpeg with %v reads %s", tc.follow, got)
			}

			t.Run("DecodeFile", func(t *testing.T) {
				clip, err := audio.DecodeFile(ctx, carrier, audio.Options{})
				checkNoSecret(t, clip, err)
			})
			t.Run("Decode", func(t *testing.T) {
				clip, err := audio.Decode(ctx, bytes.NewReader(b), audio.Options{})
				checkNoSecret(t, clip, err)
			})
			t.Run("EncodeMP3", func(t *testing.T) {
				var mp3 bytes.Buffer
				if err := audio.EncodeMP3(ctx, carrier, &mp3, audio.Options{}); err != nil {
					checkNoSecret(t, nil, err)
					return
				}
				t.Logf("rendition: %d bytes", mp3.Len())
				clip, err := audio.Decode(ctx, &mp3, audio.Options{})
				checkNoSecret(t, clip, err)
			})
		})
	}
}

// tones is the amplitude of the secret's and the carrier's frequencies in
// a decoded clip.
type tones struct{ secret, carrier float64 }

func (x tones) String() string {
	return fmt.Sprintf("amplitude %.4f at 1 kHz (secret), %.4f at 300 Hz (carrier)", x.secret, x.carrier)
}

func tonesOf(s []float32) tones {
	return tones{fitTone(s, secretHz), fitTone(s, carrierHz)}
}

// followingDrefs runs ffmpeg directly on carrier with the sandbox's
// decoding command line, except that its "-enable_drefs 0" is replaced by
// follow (which switches external references on), and measures what comes
// out. The test fails when the sandbox's command line does not switch
// references off itself: ffmpeg 5.1 defaults to off, but the sandbox must
// not depend on a build's default.
func followingDrefs(t *testing.T, carrier string, follow []string) tones {
	t.Helper()
	args := audio.FFmpegArgs("mov", "file:"+carrier, true)
	if i := slices.Index(args, "-enable_drefs"); i >= 0 && args[i+1] == "0" {
		args = slices.Delete(args, i, i+2)
	} else {
		// Go on: the sandboxed decodes still show what leaks.
		t.Errorf("the sandbox's mov command line does not switch external data references off (-enable_drefs 0): %q", args)
	}
	i := slices.Index(args, "-i")
	args = slices.Concat(args[:i], follow, args[i:])
	cmd := exec.Command("ffmpeg", args...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("ffmpeg %q: %v\n%s", args, err, stderr.String())
	}
	clip, err := audio.Decode(context.Background(), &out, audio.Options{})
	if err != nil {
		t.Fatalf("ffmpeg %q: %v\n%s", args, err, stderr.String())
	}
	return tonesOf(clip.Samples)
}

// checkNoSecret fails unless clip is the carrier's tone without the
// secret's, or err is one of package audio's typed decoding errors.
func checkNoSecret(t *testing.T, clip *audio.Clip, err error) {
	t.Helper()
	if err != nil {
		var de *audio.DecodeError
		var ue *audio.UnsupportedError
		if !errors.As(err, &de) && !errors.As(err, &ue) && !errors.Is(err, audio.ErrNoAudio) && !errors.Is(err, audio.ErrEmpty) {
			t.Fatalf("got %v (%T), want the carrier or a typed decoding error", err, err)
		}
		t.Logf("refused: %v", err)
		return
	}
	got := tonesOf(clip.Samples)
	t.Logf("sandbox: %s, %.2f s", got, clip.Duration())
	if got.secret > leakLevel {
		t.Fatalf("the secret file leaked through the external data reference: %s", got)
	}
	if got.carrier < 0.1 {
		t.Errorf("the carrier's own audio is missing: %s", got)
	}
}
