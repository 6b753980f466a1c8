package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/transcribe"
)

// TranslationModel is the model of Whisper's translate task, as configured
// (a name or a path): Config.TranslationModel, else Model when it is a
// release that translates, else models.DefaultTranslationModel.
func (p *Pipeline) TranslationModel() string {
	if p.cfg.TranslationModel != "" {
		return p.cfg.TranslationModel
	}
	if models.CanTranslate(p.cfg.Model) {
		return p.cfg.Model
	}
	return models.DefaultTranslationModel
}

// TranslationModelName is TranslationModel as it is shown: a registry name,
// or a file's name without ".bin" (models.PublicName). Jobs of the
// translate task carry it as their model.
func (p *Pipeline) TranslationModelName() string { return models.PublicName(p.TranslationModel()) }

// ResolveTranslation finds and checks the translation model
// (models.ResolveTranslator: there, intact, and a release that translates)
// and returns its path. A failure is not remembered, so that a model pulled
// while a server runs is found by the next request; a success is. Errors
// are *ModelError with Translation set, wrapping a
// *models.NotDownloadedError (errors.Is models.ErrNotDownloaded: it names
// the command that downloads the model), a *models.CannotTranslateError
// (models.ErrCannotTranslate) or a *models.CorruptError.
func (p *Pipeline) ResolveTranslation() (string, error) {
	p.mu.Lock()
	path := p.tpath
	p.mu.Unlock()
	if path != "" {
		return path, nil
	}
	name := p.TranslationModel()
	path, err := models.ResolveTranslator(name, p.cfg.ModelsDir)
	if err != nil {
		return "", &ModelError{Translation: true, Name: name, Err: err}
	}
	p.mu.Lock()
	p.tpath = path
	p.mu.Unlock()
	return path, nil
}

// CheckTranslation is what a request for a translation asks before any
// work is queued: the name of the translation model, and a *ModelError
// (see ResolveTranslation) when it cannot be used now.
func (p *Pipeline) CheckTranslation() (model string, err error) {
	_, err = p.ResolveTranslation()
	return p.TranslationModelName(), err
}

// engineFor returns the engine that does what opts asks: the translation
// model's for the translate task (loaded on first use), else the model's,
// which must hear the language asked for.
func (p *Pipeline) engineFor(ctx context.Context, opts transcribe.Options) (transcribe.Engine, error) {
	p.mu.Lock()
	e, r := p.engine, p.resolved
	p.mu.Unlock()
	if e == nil {
		return nil, ErrNotLoaded
	}
	if opts.Translate {
		return p.translationEngine(ctx)
	}
	if r != nil && r.Known && !r.Family.Multilingual() && opts.Language != "en" {
		lang := opts.Language
		if lang == "" {
			lang = "ar"
		}
		return nil, &transcribe.OptionError{Option: "language", Err: fmt.Errorf(
			"model %s is English-only (%s): it cannot recognise language %q; use a multilingual model", models.PublicName(p.cfg.Model), r.Family.Name, lang)}
	}
	return e, nil
}

// translationEngine loads the translation model once, with the model's
// settings (VAD, threads, contexts), or shares the model's engine when the
// two are one file.
func (p *Pipeline) translationEngine(ctx context.Context) (transcribe.Engine, error) {
	path, err := p.ResolveTranslation()
	if err != nil {
		return nil, err
	}
	p.tload.Lock()
	defer p.tload.Unlock()
	p.mu.Lock()
	e, te, r := p.engine, p.tengine, p.resolved
	p.mu.Unlock()
	switch {
	case e == nil || r == nil:
		return nil, ErrNotLoaded
	case te != nil:
		return te, nil
	case path == r.Engine.ModelPath:
		te = e
	default:
		cfg := r.Engine
		cfg.ModelPath = path
		var closer io.Closer
		te, closer, err = p.cfg.LoadEngine(ctx, cfg)
		if err != nil {
			return nil, fmt.Errorf("load translation model %s: %w", p.TranslationModelName(), err)
		}
		p.mu.Lock()
		p.tcloser = closer
		p.mu.Unlock()
	}
	p.mu.Lock()
	p.tengine = te
	p.mu.Unlock()
	return te, nil
}

// ErrUntranslated is matched (errors.Is) by every *UntranslatedError.
var ErrUntranslated = errors.New("the recording's speech was not translated")

// UntranslatedError is the output of Whisper's translate task that is not
// an English translation: text mostly in another script (a model that
// cannot translate answers in the spoken language), or no text at all for
// speech. Retrying the same model cannot help.
type UntranslatedError struct {
	// Model is the translation model's name.
	Model string
	// Reason says what was wrong with the output.
	Reason string
}

func (e *UntranslatedError) Error() string {
	return fmt.Sprintf("the recording's speech was not translated: %s (model %s)", e.Reason, e.Model)
}

// Is makes errors.Is(err, ErrUntranslated) true.
func (e *UntranslatedError) Is(target error) bool { return target == ErrUntranslated }

// Code is the error code a job failed by it carries.
func (e *UntranslatedError) Code() errcode.Code { return errcode.NotTranslated }

// MinUntranslatedSpeech is how much speech, in seconds, a recording must
// hold for an empty translation of it to be an error: Silero's VAD
// (or, without the VAD model, the loudness) finds less in silence, music or
// a cough, and Whisper writes at least a word for two seconds of speech.
const MinUntranslatedSpeech = 2.0

// checkTranslation checks t, the translate task's output over samples, and
// marks it a machine translation. It is the one check of every
// translation, the CLI's and the server's: most letters must be Latin
// script (see ScriptReason), and an empty text is an error when samples
// hold MinUntranslatedSpeech seconds of speech.
func (p *Pipeline) checkTranslation(ctx context.Context, t *transcribe.Transcript, samples []float32) error {
	t.MachineTranslation = true
	text := t.Text
	if len(t.Segments) > 0 {
		parts := make([]string, len(t.Segments))
		for i, s := range t.Segments {
			parts[i] = s.Text
		}
		text = strings.Join(parts, " ")
	}
	if reason := ScriptReason(text); reason != "" {
		return &UntranslatedError{Model: p.TranslationModelName(), Reason: reason}
	}
	if hasLetters(text) {
		return nil
	}
	spans, err := p.speech(ctx, samples)
	if err != nil {
		return fmt.Errorf("check translation: %w", err)
	}
	var speech float64
	for _, s := range spans {
		speech += s.End - s.Start
	}
	if speech >= MinUntranslatedSpeech {
		return &UntranslatedError{Model: p.TranslationModelName(), Reason: fmt.Sprintf("no text for %.1f s of speech", speech)}
	}
	return nil
}

// ScriptReason returns why text, offered as English, is not: "" when at
// least half of its letters are Latin script (or it has none), else what
// most of them are, e.g. "its text is 96% Arabic script".
func ScriptReason(text string) string {
	var letters, latin, arabic int
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		}
	}
	if letters == 0 || 2*latin >= letters {
		return ""
	}
	if 2*arabic > letters {
		return fmt.Sprintf("its text is %d%% Arabic script", 100*arabic/letters)
	}
	return fmt.Sprintf("its text is %d%% non-Latin script", 100*(letters-latin)/letters)
}

func hasLetters(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// ArticleLanguage is the language of the articles newsscribe checks
// quotations against (the aligner's matching is Arabic's).
const ArticleLanguage = "ar"

// LanguageWarning says, in one line, when the language Whisper detected in
// a recording (language "auto") is not the article's: the transcript is
// then not the Arabic words said. Whisper may write Arabic speech it takes
// for English as English, which reads like a translation while it is
// labelled as the words said, and no quotation can be checked against it.
// It is "" when the detected language is the article's or none was
// detected (probability 0: the language was given).
func LanguageWarning(detected string, probability float64) string {
	if probability == 0 || detected == "" || detected == ArticleLanguage {
		return ""
	}
	return fmt.Sprintf("Whisper detected %s (probability %.2f), not %s, the article's language: this transcript is not the Arabic words said; if the speech is Arabic, transcribe it again with language %s",
		languageName(detected), probability, languageName(ArticleLanguage), ArticleLanguage)
}

// languageName is the English name of an ISO 639-1 code, capitalised.
func languageName(code string) string {
	n, ok := transcribe.Languages[code]
	if !ok || n == "" {
		return code
	}
	return strings.ToUpper(n[:1]) + n[1:]
}
