package queue

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
)

// TestRenditionNeverFollowsManifest is issue 9's local file read through the
// public rendition: an upload that is a DASH manifest naming a server file.
// Before the fix the worker's own ffmpeg call (no forced demuxer, no
// protocol whitelist) turned the secret file's audio into the public MP3;
// now the rendition fails and no file is written.
func TestRenditionNeverFollowsManifest(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("skipping: ffmpeg is not installed (make deps installs it)")
	}
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.mp4")
	if out, err := exec.Command("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "sine=f=1000:d=3", "-c:a", "aac", secret).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	src := filepath.Join(dir, "upload.mp3")
	mpd := `<?xml version="1.0"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT3S" minBufferTime="PT1S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011"><Period><AdaptationSet mimeType="audio/mp4"><Representation id="a" bandwidth="64000"><BaseURL>secret.mp4</BaseURL></Representation></AdaptationSet></Period></MPD>
`
	if err := os.WriteFile(src, []byte(mpd), 0o644); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "play", "x.mp3")
	w := &Worker{}
	err := w.rendition(context.Background(), src, dst)
	if err == nil {
		clip, derr := audio.DecodeFile(context.Background(), dst, audio.Options{})
		if derr == nil {
			t.Fatalf("rendition of a DASH manifest succeeded: %.1f s of the secret file's audio is public", clip.Duration())
		}
		t.Fatal("rendition of a DASH manifest succeeded")
	}
	if !errors.Is(err, audio.ErrNoAudio) {
		t.Errorf("got %v, want audio.ErrNoAudio", err)
	}
	for _, p := range []string{dst, dst + ".part"} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left behind: %v", filepath.Base(p), err)
		}
	}
}
