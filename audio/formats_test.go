package audio_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
)

// arabicSpeech synthesises a sentence of Arabic news speech with espeak-ng
// once per test binary and returns the WAV's path (22.05 kHz mono).
var arabicSpeech = sync.OnceValues(func() (string, error) {
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "newsscribe-speech-")
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, "speech.wav")
	text := "أعلن رئيس الوزراء اليوم في مؤتمر صحفي عن خطة جديدة لإصلاح التعليم في البلاد."
	out, err := exec.Command("espeak-ng", "-v", "ar", "-w", p, text).CombinedOutput()
	if err != nil {
		return "", &exec.Error{Name: "espeak-ng " + string(out), Err: err}
	}
	return p, nil
})

func needSpeech(t *testing.T) string {
	t.Helper()
	needFFmpeg(t)
	p, err := arabicSpeech()
	if err != nil {
		t.Skipf("skipping: espeak-ng cannot synthesise Arabic (%v); make deps installs it", err)
	}
	return p
}

var ffmpegEncoders = sync.OnceValue(func() string {
	out, _ := exec.Command("ffmpeg", "-hide_banner", "-encoders").Output()
	return string(out)
})

func haveEncoder(name string) bool {
	for _, l := range strings.Split(ffmpegEncoders(), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[1] == name {
			return true
		}
	}
	return false
}

// TestFormatMatrix decodes one recording in every supported format: Arabic
// speech from espeak-ng turned by ffmpeg into each container and codec
// (audio-only and as the sound track of a video), and WAV variants written
// by the test itself (bit depths, float, extensible, RF64, 1–8 channels,
// 8–192 kHz).
func TestFormatMatrix(t *testing.T) {
	const speechVideo = "color=c=black:s=176x144:r=10"
	type row struct {
		name string
		// ffmpeg rows: encoder arguments applied to the speech, and the
		// file extension; video adds a synthetic picture track.
		args     []string
		ext      string
		video    bool
		encoders []string // ffmpeg encoders the row needs
		// Go rows: a WAV written by the test.
		wav *wavSpec

		format, codec string
		rate, chans   int
		// levelDB is the expected level change: ffmpeg upmixes mono to
		// 5.1 as the centre channel only, which averaging divides by 6.
		levelDB float64
	}
	sweep := func(rate int) func(i, c int) float64 {
		return func(i, c int) float64 {
			// A 1 kHz tone on channel 0 only: averaging must divide
			// it by the channel count.
			if c != 0 {
				return 0
			}
			return 0.8 * math.Sin(2*math.Pi*1000*float64(i)/float64(rate))
		}
	}
	goWAV := func(tag uint16, bits, ch, rate int, mod func(*wavSpec)) *wavSpec {
		s := &wavSpec{tag: tag, bits: bits, channels: ch, rate: rate, frames: rate / 2, gen: sweep(rate)}
		if mod != nil {
			mod(s)
		}
		return s
	}
	ext := func(s *wavSpec) { s.extensible = true }
	rows := []row{
		{name: "mp3", args: []string{"-c:a", "libmp3lame", "-b:a", "64k"}, ext: "mp3", encoders: []string{"libmp3lame"}, format: "mp3", codec: "mp3", rate: 22050, chans: 1},
		{name: "mp3 with ID3 stereo 44.1k", args: []string{"-c:a", "libmp3lame", "-ar", "44100", "-ac", "2", "-id3v2_version", "3", "-metadata", "title=خطاب"}, ext: "mp3", encoders: []string{"libmp3lame"}, format: "mp3", codec: "mp3", rate: 44100, chans: 2},
		{name: "aac adts", args: []string{"-c:a", "aac", "-f", "adts"}, ext: "aac", encoders: []string{"aac"}, format: "aac", codec: "aac", rate: 22050, chans: 1},
		{name: "aac m4a", args: []string{"-c:a", "aac", "-ar", "44100"}, ext: "m4a", encoders: []string{"aac"}, format: "mp4", codec: "aac", rate: 44100, chans: 1},
		{name: "opus ogg", args: []string{"-c:a", "libopus", "-b:a", "32k"}, ext: "ogg", encoders: []string{"libopus"}, format: "ogg", codec: "opus", rate: 48000, chans: 1},
		{name: "vorbis ogg", args: []string{"-c:a", "libvorbis"}, ext: "ogg", encoders: []string{"libvorbis"}, format: "ogg", codec: "vorbis", rate: 22050, chans: 1},
		{name: "opus webm", args: []string{"-c:a", "libopus", "-ac", "2"}, ext: "webm", encoders: []string{"libopus"}, format: "webm", codec: "opus", rate: 48000, chans: 2},
		{name: "flac", args: []string{"-c:a", "flac"}, ext: "flac", encoders: []string{"flac"}, format: "flac", codec: "flac", rate: 22050, chans: 1},
		{name: "amr-nb", args: []string{"-ar", "8000", "-c:a", "libopencore_amrnb", "-b:a", "12.2k"}, ext: "amr", encoders: []string{"libopencore_amrnb"}, format: "amr", codec: "amr_nb", rate: 8000, chans: 1},
		{name: "amr-wb", args: []string{"-ar", "16000", "-c:a", "libvo_amrwbenc"}, ext: "amr", encoders: []string{"libvo_amrwbenc"}, format: "amr", codec: "amr_wb", rate: 16000, chans: 1},
		{name: "wma", args: []string{"-c:a", "wmav2", "-b:a", "64k"}, ext: "wma", encoders: []string{"wmav2"}, format: "asf", codec: "wmav2", rate: 22050, chans: 1},
		{name: "wav mu-law (ffmpeg)", args: []string{"-ar", "8000", "-c:a", "pcm_mulaw"}, ext: "wav", encoders: []string{"pcm_mulaw"}, format: "wav", codec: "pcm_mulaw", rate: 8000, chans: 1},
		{name: "aiff", args: []string{"-c:a", "pcm_s16be"}, ext: "aiff", format: "aiff", codec: "pcm_s16be", rate: 22050, chans: 1},
		{name: "wav s24 extensible 6ch 48k (ffmpeg-written)", args: []string{"-ar", "48000", "-ac", "6", "-c:a", "pcm_s24le"}, ext: "wav", format: "wav", codec: "pcm_s24le", rate: 48000, chans: 6, levelDB: -20 * math.Log10(6)},
		{name: "wav f64 (ffmpeg-written)", args: []string{"-c:a", "pcm_f64le"}, ext: "wav", format: "wav", codec: "pcm_f64le", rate: 22050, chans: 1},
		{name: "mp4 video h264+aac", video: true, args: []string{"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"}, ext: "mp4", encoders: []string{"libx264", "aac"}, format: "mp4", codec: "aac", rate: 22050, chans: 1},
		{name: "mov video mpeg4+aac", video: true, args: []string{"-c:v", "mpeg4", "-c:a", "aac", "-ac", "2"}, ext: "mov", encoders: []string{"mpeg4", "aac"}, format: "mov", codec: "aac", rate: 22050, chans: 2},
		{name: "mkv video mpeg4+vorbis", video: true, args: []string{"-c:v", "mpeg4", "-c:a", "libvorbis"}, ext: "mkv", encoders: []string{"mpeg4", "libvorbis"}, format: "matroska", codec: "vorbis", rate: 22050, chans: 1},
		{name: "webm video vp8+opus", video: true, args: []string{"-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus"}, ext: "webm", encoders: []string{"libvpx", "libopus"}, format: "webm", codec: "opus", rate: 48000, chans: 1},
		{name: "3gp video h263+aac", video: true, args: []string{"-c:v", "h263", "-c:a", "aac", "-ar", "16000"}, ext: "3gp", encoders: []string{"h263", "aac"}, format: "3gp", codec: "aac", rate: 16000, chans: 1},
		{name: "mpeg-ts video mpeg2+mp2", video: true, args: []string{"-c:v", "mpeg2video", "-c:a", "mp2", "-ar", "48000", "-f", "mpegts"}, ext: "ts", encoders: []string{"mpeg2video", "mp2"}, format: "mpegts", codec: "mp2", rate: 48000, chans: 1},
		{name: "avi video mpeg4+mp3", video: true, args: []string{"-c:v", "mpeg4", "-c:a", "libmp3lame"}, ext: "avi", encoders: []string{"mpeg4", "libmp3lame"}, format: "avi", codec: "mp3", rate: 22050, chans: 1},

		{name: "wav u8 8k mono", wav: goWAV(1, 8, 1, 8000, nil), format: "wav", codec: "pcm_u8"},
		{name: "wav u8 12k stereo", wav: goWAV(1, 8, 2, 12000, nil), format: "wav", codec: "pcm_u8"},
		{name: "wav s16 16k mono", wav: goWAV(1, 16, 1, 16000, nil), format: "wav", codec: "pcm_s16le"},
		{name: "wav s16 24k 7ch", wav: goWAV(1, 16, 7, 24000, nil), format: "wav", codec: "pcm_s16le"},
		{name: "wav s24 44.1k stereo", wav: goWAV(1, 24, 2, 44100, nil), format: "wav", codec: "pcm_s24le"},
		{name: "wav s32 48k 4ch", wav: goWAV(1, 32, 4, 48000, nil), format: "wav", codec: "pcm_s32le"},
		{name: "wav f32 96k 6ch", wav: goWAV(3, 32, 6, 96000, nil), format: "wav", codec: "pcm_f32le"},
		{name: "wav f64 192k 8ch", wav: goWAV(3, 64, 8, 192000, nil), format: "wav", codec: "pcm_f64le"},
		{name: "wav extensible s24 48k stereo", wav: goWAV(1, 24, 2, 48000, ext), format: "wav", codec: "pcm_s24le"},
		{name: "wav extensible f32 22.05k 3ch", wav: goWAV(3, 32, 3, 22050, ext), format: "wav", codec: "pcm_f32le"},
		{name: "wav extensible s16 32k 5ch", wav: goWAV(1, 16, 5, 32000, ext), format: "wav", codec: "pcm_s16le"},
		{name: "rf64 s16 44.1k stereo", wav: goWAV(1, 16, 2, 44100, func(s *wavSpec) { s.rf64 = true }), format: "wav", codec: "pcm_s16le"},
		{name: "wav streamed sizes 32k mono", wav: goWAV(1, 16, 1, 32000, func(s *wavSpec) { s.streamed = true }), format: "wav", codec: "pcm_s16le"},
		{name: "wav LIST before fmt 11.025k", wav: goWAV(1, 16, 1, 11025, func(s *wavSpec) { s.junk = true }), format: "wav", codec: "pcm_s16le"},
	}
	ctx := context.Background()
	// The level of the speech itself, decoded from espeak-ng's WAV.
	refLevel := sync.OnceValues(func() (float64, error) {
		p, err := arabicSpeech()
		if err != nil {
			return 0, err
		}
		ref, err := audio.DecodeFile(ctx, p, audio.Options{})
		if err != nil {
			return 0, err
		}
		return ref.Level().RMSdBFS, nil
	})
	for _, tc := range rows {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // most of the time is ffmpeg encoding fixtures
			if testing.Short() && tc.video && tc.format != "mp4" {
				t.Skip("skipping: -short keeps one video row")
			}
			if tc.wav != nil {
				s := *tc.wav
				clip, err := audio.Decode(ctx, newWAVStream(s), audio.Options{})
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				want := audio.Info{Format: tc.format, Codec: tc.codec, SampleRate: s.rate, Channels: s.channels, Duration: float64(s.frames) / float64(s.rate)}
				if clip.Info != want {
					t.Errorf("info: got %+v, want %+v", clip.Info, want)
				}
				if got, want := clip.Duration(), want.Duration; math.Abs(got-want) > 1.0/16000 {
					t.Errorf("duration: got %.5f s, want %.5f s", got, want)
				}
				// The 1 kHz tone on channel 0, averaged over all.
				wantAmp := 0.8 / float64(s.channels)
				got := fitTone(middle(clip.Samples), 1000)
				if db := 20 * math.Log10(got/wantAmp); math.Abs(db) > 0.1 {
					t.Errorf("1 kHz amplitude: got %.4f, want %.4f (%+.2f dB)", got, wantAmp, db)
				}
				return
			}
			speech := needSpeech(t)
			for _, e := range tc.encoders {
				if !haveEncoder(e) {
					t.Skipf("skipping: this ffmpeg has no %s encoder (Debian's ffmpeg is built without it)", e)
				}
			}
			refRMS, err := refLevel()
			if err != nil {
				t.Fatalf("decode reference: %v", err)
			}
			dir := t.TempDir()
			out := filepath.Join(dir, "fixture."+tc.ext)
			var args []string
			if tc.video {
				args = append(args, "-f", "lavfi", "-i", speechVideo)
			}
			args = append(args, "-i", speech)
			if tc.video {
				args = append(args, "-map", "0:v", "-map", "1:a", "-shortest")
			}
			args = append(append(args, tc.args...), out)
			ffmpegConvert(t, args...)
			srcDur := speechDuration(t, speech)

			// Both entry points: a file and an upload (a reader).
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, via := range []string{"file", "reader"} {
				var clip *audio.Clip
				if via == "file" {
					clip, err = audio.DecodeFile(ctx, out, audio.Options{})
				} else {
					clip, err = audio.Decode(ctx, bytes.NewReader(b), audio.Options{})
				}
				if err != nil {
					t.Fatalf("%s: %v", via, err)
				}
				if clip.Info.Format != tc.format || clip.Info.Codec != tc.codec || clip.Info.SampleRate != tc.rate || clip.Info.Channels != tc.chans {
					t.Errorf("%s: info: got %+v, want format %s codec %s rate %d channels %d", via, clip.Info, tc.format, tc.codec, tc.rate, tc.chans)
				}
				tol := 0.12
				if tc.video {
					tol = 0.25 // -shortest ends on a video frame
				}
				if got := clip.Duration(); math.Abs(got-srcDur) > tol {
					t.Errorf("%s: duration: got %.3f s, want %.3f ± %.2f s", via, got, srcDur, tol)
				}
				lv := clip.Level()
				if lv.Silent {
					t.Errorf("%s: decoded speech is silent: %+v", via, lv)
				}
				if d := lv.RMSdBFS - (refRMS + tc.levelDB); math.Abs(d) > 3 {
					t.Errorf("%s: level: got %.1f dBFS, want %.1f ± 3 dB", via, lv.RMSdBFS, refRMS+tc.levelDB)
				}
			}
		})
	}
}

// speechDuration is the duration of a WAV by its header.
func speechDuration(t *testing.T, p string) float64 {
	t.Helper()
	d, err := audio.OpenFile(context.Background(), p, audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	return d.Info().Duration
}
