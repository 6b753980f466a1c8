package audio_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
)

// TestEncodeMP3 makes the browser rendition of a WAV tone and decodes it
// back: same length, same tone.
func TestEncodeMP3(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	src := writeTemp(t, dir, "in.wav", wavBytes(wavSpec{tag: 1, bits: 16, channels: 2, rate: 44100, frames: 44100 * 2, gen: tone(1000, 44100, 0.5)}))
	var out bytes.Buffer
	if err := audio.EncodeMP3(context.Background(), src, &out, audio.Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out.Bytes(), []byte{0xff}) && !bytes.HasPrefix(out.Bytes(), []byte("ID3")) {
		t.Fatalf("output does not start like MP3: % x", out.Bytes()[:min(8, out.Len())])
	}
	clip, err := audio.Decode(context.Background(), &out, audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := clip.Duration(); math.Abs(d-2) > 0.1 {
		t.Errorf("rendition lasts %.3f s, want 2", d)
	}
	if a := fitTone(clip.Samples[8000:24000], 1000); a < 0.3 {
		t.Errorf("1 kHz amplitude %.3f in the rendition, want about 0.5", a)
	}
}

// TestEncodeNeverFollowsManifest is the local-file-read exploit of issue 9:
// an "MP3" upload that is a DASH manifest naming a server file. ffmpeg run
// the old way (probing, no whitelist — the control) makes the secret's audio
// into the rendition; EncodeMP3 refuses the upload, and even with the
// demuxer forced to mp3 by hand ffmpeg reads nothing of the secret.
func TestEncodeNeverFollowsManifest(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.mp4")
	ffmpegConvert(t, "-f", "lavfi", "-i", "sine=f=1000:d=3", "-c:a", "aac", secret)
	for name, base := range map[string]string{"absolute": "file://" + secret, "relative": "secret.mp4"} {
		t.Run(name, func(t *testing.T) {
			mpd := writeTemp(t, dir, name+".mp3", []byte(`<?xml version="1.0"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT3S" minBufferTime="PT1S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011"><Period><AdaptationSet mimeType="audio/mp4"><Representation id="a" bandwidth="64000"><BaseURL>`+base+`</BaseURL></Representation></AdaptationSet></Period></MPD>
`))
			// Control: the pre-fix rendition command.
			ctl := filepath.Join(dir, name+"-control.mp3")
			out, err := exec.Command("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", mpd,
				"-vn", "-ac", "1", "-codec:a", "libmp3lame", "-b:a", "64k", "-f", "mp3", ctl).CombinedOutput()
			if err != nil {
				t.Skipf("control: this ffmpeg has no DASH demuxer, so it cannot show the exploit: %v %s", err, out)
			}
			if clip, err := audio.DecodeFile(context.Background(), ctl, audio.Options{}); err != nil || clip.Duration() < 2.5 {
				t.Fatalf("control rendition did not carry the secret's 3 s: %v", err)
			}

			var got bytes.Buffer
			err = audio.EncodeMP3(context.Background(), mpd, &got, audio.Options{})
			if !errors.Is(err, audio.ErrNoAudio) || got.Len() > 0 {
				t.Fatalf("EncodeMP3 of the manifest: %v with %d bytes, want ErrNoAudio and nothing", err, got.Len())
			}
			// Past the sniffer: the forced demuxer and whitelist alone.
			args := audio.FFmpegArgs("mp3", "file:"+mpd, true)
			cmd := exec.Command("ffmpeg", args...)
			var pcm bytes.Buffer
			cmd.Stdout = &pcm
			_ = cmd.Run()
			if pcm.Len() > 1000 {
				t.Fatalf("ffmpeg with the sandbox's flags wrote %d bytes of audio from the manifest", pcm.Len())
			}
		})
	}
}

// TestEncodingClip cuts, fades and normalises a clip through the general
// Encoding, the way the publishing code builds on it.
func TestEncodingClip(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	src := writeTemp(t, dir, "in.wav", wavBytes(wavSpec{tag: 1, bits: 16, channels: 1, rate: 16000, frames: 16000 * 5, gen: tone(440, 16000, 0.5)}))
	var out bytes.Buffer
	err := audio.Encoding{
		Src: src, Start: 1, Duration: 2,
		Filter: "[0:a]afade=t=in:d=0.5,afade=t=out:st=1.5:d=0.5,loudnorm=I=-16:TP=-1.5[a]",
		Output: []string{"-map", "[a]", "-ar", "16000", "-c:a", "pcm_s16le"},
		Format: "wav",
	}.Run(context.Background(), &out, audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clip, err := audio.Decode(context.Background(), &out, audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := clip.Duration(); math.Abs(d-2) > 0.05 {
		t.Errorf("clip lasts %.3f s, want 2", d)
	}
	if head := rms(clip.Samples[:400]); head > 0.05 {
		t.Errorf("fade-in: first 25 ms have RMS %.3f, want near silence", head)
	}
}

// TestEncodingCaptionsFile runs a captioned video the way publishing does:
// a still image, an ASS subtitle file and a fonts directory, declared in
// Files; ffmpeg writes the MP4 itself (RunFile, which must not overwrite).
func TestEncodingCaptionsFile(t *testing.T) {
	needFFmpeg(t)
	if out, _ := exec.Command("ffmpeg", "-hide_banner", "-filters").Output(); !bytes.Contains(out, []byte(" ass ")) {
		t.Skip("skipping: this ffmpeg has no libass (ass filter)")
	}
	dir := t.TempDir()
	src := writeTemp(t, dir, "in.wav", wavBytes(wavSpec{tag: 1, bits: 16, channels: 1, rate: 16000, frames: 16000 * 2, gen: tone(440, 16000, 0.5)}))
	img := filepath.Join(dir, "bg.png")
	ffmpegConvert(t, "-f", "lavfi", "-i", "color=c=navy:s=320x240", "-frames:v", "1", img)
	ass := writeTemp(t, dir, "c.ass", []byte("[Script Info]\nScriptType: v4.00+\nPlayResX: 320\nPlayResY: 240\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, Alignment\nStyle: Default,Sans,24,&H00FFFFFF,2\n\n[Events]\nFormat: Layer, Start, End, Style, Text\nDialogue: 0,0:00:00.00,0:00:02.00,Default,hello\n"))
	fonts := filepath.Join(dir, "fonts")
	if err := os.Mkdir(fonts, 0o755); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "out.mp4")
	enc := audio.Encoding{
		Src: src, Images: []string{img}, Files: []string{ass, fonts},
		Filter: "[1:v]scale=320:240,ass=filename='" + ass + "':fontsdir='" + fonts + "'[v]",
		Output: []string{"-map", "[v]", "-map", "0:a", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-movflags", "+faststart"},
		Format: "mp4",
	}
	if err := enc.RunFile(context.Background(), dst, audio.Options{}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dst); err != nil || fi.Size() < 1000 {
		t.Fatalf("no video written: %v", err)
	}
	if err := enc.RunFile(context.Background(), dst, audio.Options{}); err == nil {
		t.Fatal("RunFile overwrote an existing file")
	}
}

// TestEncodingRefused: what would take ffmpeg outside the sandbox is refused
// before it starts — filters that open files or sockets, file options that
// name undeclared paths (however quoted or escaped), options and muxers that
// write elsewhere.
func TestEncodingRefused(t *testing.T) {
	ok := []string{
		"[0:a]atrim=0:1,afade=t=in:d=0.5,loudnorm[a]",
		"[0:a]asplit[a][b];[a]showwaves=s=640x120[w];[b]anull[o]",
		"[1:v]ass=filename=/d/c.ass:fontsdir=/d/fonts[v]",
		"[1:v]drawtext=fontfile=/d/f.ttf:text='a\\:b'[v]",
	}
	for _, g := range ok {
		if err := audio.CheckFilterArgs(g, "/d/c.ass", "/d/fonts", "/d/f.ttf"); err != nil {
			t.Errorf("%q refused: %v", g, err)
		}
	}
	bad := []string{
		"movie=/etc/passwd[v]",
		"[0:a]anull[a];amovie=http\\://example.com/x.mp3[b]",
		"[0:a]afade,sendcmd=f=/etc/passwd",
		"zmq",
		"[0:a]ametadata=mode=print:file=/tmp/x",
		"mo'vie'=/etc/x",
		"[1:v]ass=/etc/passwd[v]",
		"[1:v]subtitles=filename=/etc/passwd[v]",
		"[1:v]subtitles=filename='/d/c.ass'[v]", // opens through libavformat, unwhitelisted
		"[1:v]subtitles=f='/d/c.ass':fontsdir=/usr[v]",
		"[1:v]ass=filename=/d/c.ass\\:fontsdir=/etc[v]",
		"[1:v]drawtext=textfile=/etc/shadow[v]",
		"[1:v]drawtext=/etc/shadow[v]",
		"[1:v]subtitles=filename=/d/../etc/passwd[v]",
		"[0:a]atrim[a",
	}
	for _, g := range bad {
		if err := audio.CheckFilterArgs(g, "/d/c.ass", "/d/fonts"); err == nil {
			t.Errorf("%q accepted", g)
		}
	}
	for _, o := range [][]string{
		{"-i", "/etc/passwd"}, {"-f", "hls"}, {"-y"}, {"-filter_complex_script", "/x"},
		{"-map", "-i"}, {"-c:a"}, {"-metadata", "x", "-attach", "/etc/passwd"}, {"-af", "movie=/x"},
	} {
		if _, err := audio.CheckOutputOptions(o); err == nil {
			t.Errorf("output options %q accepted", o)
		}
	}
	if _, err := audio.CheckOutputOptions([]string{"-map_metadata", "-1", "-c:a", "aac", "-shortest"}); err != nil {
		t.Errorf("ordinary options refused: %v", err)
	}

	dir := t.TempDir()
	src := writeTemp(t, dir, "in.wav", wavBytes(wavSpec{tag: 1, bits: 16, channels: 1, rate: 16000, frames: 1600, gen: tone(440, 16000, 0.5)}))
	for name, e := range map[string]audio.Encoding{
		"muxer":         {Src: src, Format: "image2"},
		"relative file": {Src: src, Files: []string{"fonts"}, Format: "mp3"},
		"not audio":     {Src: writeTemp(t, dir, "x.html", []byte("<html><script>alert(1)</script></html>")), Format: "mp3"},
		"not an image":  {Src: src, Images: []string{src}, Format: "mp4"},
	} {
		err := e.Run(context.Background(), &bytes.Buffer{}, audio.Options{FFmpegPath: "/nonexistent/ffmpeg"})
		if err == nil || errors.Is(err, audio.ErrFFmpegMissing) {
			t.Errorf("%s: got %v, want a refusal before ffmpeg is looked for", name, err)
		} else if strings.ContainsAny(err.Error(), "\n") {
			t.Errorf("%s: error not one line: %q", name, err)
		}
	}
}
