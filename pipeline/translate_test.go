package pipeline_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// shaped writes a header-only model file of a release's shape.
func shaped(t *testing.T, family string) string {
	return transcribetest.ReleaseModel(t, t.TempDir(), family)
}

// loads returns a loader of eng that records every model path it loads.
func loads(eng transcribe.Engine, paths *[]string) pipeline.LoadFunc {
	return func(_ context.Context, cfg whisper.Config) (transcribe.Engine, io.Closer, error) {
		*paths = append(*paths, cfg.ModelPath)
		return eng, nil, nil
	}
}

func TestTranslationModelDefault(t *testing.T) {
	turbo, tiny, medium := shaped(t, "large-v3-turbo"), shaped(t, "tiny"), shaped(t, "medium")
	for _, tt := range []struct {
		name string
		cfg  pipeline.Config
		want string
	}{
		{"default model", pipeline.Config{}, models.DefaultTranslationModel},
		{"turbo file", pipeline.Config{Model: turbo}, models.DefaultTranslationModel},
		{"a model that translates", pipeline.Config{Model: tiny}, tiny},
		{"given", pipeline.Config{Model: tiny, TranslationModel: medium}, medium},
		{"given one that cannot", pipeline.Config{TranslationModel: turbo}, turbo},
	} {
		if got := pipeline.New(tt.cfg).TranslationModel(); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
	_, err := pipeline.New(pipeline.Config{TranslationModel: turbo}).CheckTranslation()
	var me *pipeline.ModelError
	if !errors.As(err, &me) || !me.Translation || !errors.Is(err, models.ErrCannotTranslate) {
		t.Errorf("turbo as the translation model: got %v, want a translation *ModelError, ErrCannotTranslate", err)
	}
	model, err := pipeline.New(pipeline.Config{Model: turbo, ModelsDir: t.TempDir()}).CheckTranslation()
	if model != models.DefaultTranslationModel || !errors.Is(err, models.ErrNotDownloaded) {
		t.Errorf("default not downloaded: got %s, %v; want %s, ErrNotDownloaded", model, err, models.DefaultTranslationModel)
	}
}

// english answers the translate task in English, and Arabic otherwise;
// arabicOnly answers Arabic whatever is asked, as turbo does.
func english(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
	t, _ := words(samples, opts)
	if opts.Translate {
		t.Text, t.Segments[0].Text = "Welcome", "Welcome"
	}
	return t, nil
}

func TestRecognizeTranslate(t *testing.T) {
	turbo, medium := shaped(t, "large-v3-turbo"), shaped(t, "medium")
	loud := make([]float32, 3*audio.SampleRate)
	for i := range loud {
		loud[i] = 0.3
	}
	silence := make([]float32, 3*audio.SampleRate)
	empty := func(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
		return &transcribe.Transcript{Language: "ar", Duration: 3, Segments: []transcribe.Segment{}}, nil
	}
	for _, tt := range []struct {
		name    string
		result  func([]float32, transcribe.Options) (*transcribe.Transcript, error)
		samples []float32
		reason  string // "" for a translation that is accepted
	}{
		{"English", english, loud, ""},
		{"Arabic", words, loud, "100% Arabic script"},
		{"empty for speech", empty, loud, "no text for 3.0 s of speech"},
		{"empty for silence", empty, silence, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var paths []string
			p := pipeline.New(pipeline.Config{Model: turbo, TranslationModel: medium, VAD: pipeline.VADOff,
				LoadEngine: loads(&transcribetest.Scripted{Result: tt.result}, &paths)})
			ctx := context.Background()
			if err := p.Load(ctx); err != nil {
				t.Fatal(err)
			}
			tr, err := p.Recognize(ctx, tt.samples, transcribe.Options{Translate: true}, nil)
			if len(paths) != 2 || paths[0] != turbo || paths[1] != medium {
				t.Errorf("loaded %v, want the model, then the translation model", paths)
			}
			if tt.reason == "" {
				if err != nil || !tr.MachineTranslation {
					t.Errorf("got %+v, %v; want a machine translation", tr, err)
				}
				return
			}
			var ue *pipeline.UntranslatedError
			if !errors.As(err, &ue) || !errors.Is(err, pipeline.ErrUntranslated) || ue.Code() != "not_translated" ||
				!strings.Contains(err.Error(), tt.reason) || !strings.Contains(err.Error(), "ggml-medium") {
				t.Errorf("got %v, want an *UntranslatedError saying %q and naming the model", err, tt.reason)
			}
		})
	}
}

// TestRecognizeTranslateModelMissing: without the translation model the
// translate task fails with a *ModelError naming the pull command, and the
// model that cannot translate is never asked to.
func TestRecognizeTranslateModelMissing(t *testing.T) {
	eng := &transcribetest.Scripted{Result: english}
	var paths []string
	p := pipeline.New(pipeline.Config{Model: shaped(t, "large-v3-turbo"), ModelsDir: t.TempDir(), VAD: pipeline.VADOff, LoadEngine: loads(eng, &paths)})
	ctx := context.Background()
	if err := p.Load(ctx); err != nil {
		t.Fatal(err)
	}
	_, err := p.Recognize(ctx, make([]float32, audio.SampleRate), transcribe.Options{Translate: true}, nil)
	var me *pipeline.ModelError
	if !errors.As(err, &me) || !me.Translation || !errors.Is(err, models.ErrNotDownloaded) ||
		!strings.Contains(err.Error(), "newsscribe models pull "+models.DefaultTranslationModel) {
		t.Errorf("got %v, want a translation *ModelError naming the pull command", err)
	}
	if eng.Calls() != 0 || len(paths) != 1 {
		t.Errorf("engine calls %d, loads %v: want none besides loading the model", eng.Calls(), paths)
	}
}

// TestEnglishOnlyModel: an English-only model is refused any language but
// English (whisper.cpp would ignore the language and write English).
func TestEnglishOnlyModel(t *testing.T) {
	p := pipeline.New(pipeline.Config{Model: shaped(t, "base.en"), VAD: pipeline.VADOff, LoadEngine: loads(&transcribetest.Scripted{}, new([]string))})
	ctx := context.Background()
	if err := p.Load(ctx); err != nil {
		t.Fatal(err)
	}
	samples := make([]float32, audio.SampleRate)
	var oe *transcribe.OptionError
	if _, err := p.Recognize(ctx, samples, transcribe.Options{Language: "ar"}, nil); !errors.As(err, &oe) || !strings.Contains(err.Error(), "English-only") {
		t.Errorf("ar: got %v, want an OptionError saying English-only", err)
	}
	if _, err := p.Recognize(ctx, samples, transcribe.Options{Language: "en"}, nil); err != nil {
		t.Errorf("en: %v", err)
	}
}

func TestScriptReason(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"The minister opened the school.", ""},
		{"", ""},
		{"123 … !", ""},
		{"The minister said «الحكومة» today", ""},
		{"قال الرئيس في كلمته اليوم", "100% Arabic script"},
		{"قال الرئيس في كلمته: government", "Arabic script"},
		{"大臣は学校を開いた", "100% non-Latin script"},
	} {
		if got := pipeline.ScriptReason(tt.text); tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("ScriptReason(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestStitchLanguage: the stitched language is the one most audio was
// recognised in; its probability counts a chunk that heard another
// language as 0.
func TestStitchLanguage(t *testing.T) {
	const s = audio.SampleRate
	plan := pipeline.Plan{Samples: 300 * s, Chunks: []pipeline.Chunk{{0, 100 * s}, {100 * s, 200 * s}, {200 * s, 300 * s}}}
	part := func(lang string, p float64) *transcribe.Transcript {
		return &transcribe.Transcript{Language: lang, LanguageProbability: p, Segments: []transcribe.Segment{}}
	}
	tr, err := pipeline.Stitch(plan, []*transcribe.Transcript{part("ar", 0.9), part("en", 0.6), part("ar", 0.9)}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Language != "ar" || tr.LanguageProbability < 0.599 || tr.LanguageProbability > 0.601 {
		t.Errorf("got %s %v, want ar 0.6", tr.Language, tr.LanguageProbability)
	}
	tr, _ = pipeline.Stitch(plan, []*transcribe.Transcript{part("ar", 0), part("ar", 0), part("ar", 0)}, 0)
	if tr.Language != "ar" || tr.LanguageProbability != 0 {
		t.Errorf("language given: got %s %v, want ar 0", tr.Language, tr.LanguageProbability)
	}
}

func TestLanguageWarning(t *testing.T) {
	if w := pipeline.LanguageWarning("en", 0.71); !strings.Contains(w, "English") || !strings.Contains(w, "0.71") || !strings.Contains(w, "Arabic") {
		t.Errorf("en: got %q", w)
	}
	for _, tt := range []struct {
		lang string
		p    float64
	}{{"ar", 0.9}, {"en", 0}, {"", 0}} {
		if w := pipeline.LanguageWarning(tt.lang, tt.p); w != "" {
			t.Errorf("%s %v: got %q, want none", tt.lang, tt.p, w)
		}
	}
}
