package models

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// What each Whisper release can do, and the sources for it.
//
// Multilingual or English-only: OpenAI released tiny, base, small and medium
// both multilingual and English-only (".en"); large, large-v2, large-v3 and
// turbo only multilingual (openai/whisper README "Available models and
// languages", model-card.md). whisper.cpp tells them apart by the vocabulary:
// a model is multilingual when n_vocab ≥ 51865 (src/whisper.cpp,
// whisper_vocab::is_multilingual); for an English-only model it puts no
// language and no task token into the decoder's prompt, so the language
// and translate parameters are silently ignored (whisper_full_with_state)
// and Arabic speech comes out as English-sounding nonsense.
//
// Translation: Whisper's translate task (speech in any language to English
// text) was trained into every multilingual release but turbo. OpenAI's
// README says "the turbo model is not trained for translation tasks" and
// "will return the original language even if --task translate is
// specified. Use medium or large for the best translation results". Users
// report exactly that with whisper.cpp (ggml-org/whisper.cpp#2476:
// Japanese subtitles for `-tr -l ja`, while large-v2 and large-v3
// translated), faster-whisper (SYSTRAN/faster-whisper#1237: Italian out
// for task="translate", answered "turbo model wasn't trained on
// translation data") and whisper-asr-webservice
// (ahmetoner/whisper-asr-webservice#250: Urdu out of task=translate).
//
// Speed: OpenAI's relative speeds (README; English on an A100, large = 1):
// tiny ~10x, base ~7x, small ~4x, medium ~2x, large 1x, turbo ~8x. On a
// CPU the encoder dominates and turbo keeps large-v3's 32-layer encoder, so
// its advantage there is smaller; README ("Models") gives newsscribe's own
// measurements.
//
// Arabic quality is a coarse class, not a measurement: OpenAI's
// per-language results (the paper's Appendix D.2 for word error rates,
// D.3 for BLEU of translation to English; the README's large-v2/large-v3
// breakdown) fall steeply with model size for Arabic, a language with a
// mid-sized share of the training data.

// Quality is a coarse class of how well a model recognises (and, where it
// can, translates) Arabic speech.
type Quality string

// Arabic quality classes, worst first.
const (
	// QualityNone: the model cannot recognise Arabic at all (English-only).
	QualityNone Quality = "none"
	QualityLow  Quality = "low"
	QualityFair Quality = "fair"
	QualityGood Quality = "good"
	QualityHigh Quality = "high"
)

// Shape is a Whisper architecture as the header of a ggml file states it.
type Shape struct {
	// Vocab is n_vocab: 51864 for the English-only models, 51865 for the
	// multilingual ones up to large-v2, 51866 for large-v3 and turbo.
	Vocab int
	// AudioState and AudioLayers are the encoder's width and depth,
	// TextState and TextLayers the decoder's; Heads is the attention heads
	// of both.
	AudioState, AudioLayers, TextState, TextLayers, Heads int
	// Mels is the number of mel bands: 80, or 128 for large-v3 and turbo.
	Mels int
}

// Multilingual reports whether the vocabulary has the language and task
// tokens (whisper.cpp's is_multilingual).
func (s Shape) Multilingual() bool { return s.Vocab >= 51865 }

// Family is one Whisper release: every quantisation of it shares its
// abilities.
type Family struct {
	// Name is OpenAI's name: "medium", "medium.en", "large-v3-turbo".
	Name  string
	Shape Shape
	// Translates reports whether the model performs Whisper's translate task.
	Translates bool
	// Speed is OpenAI's relative speed (large = 1).
	Speed float64
	// Arabic is the class of its Arabic recognition.
	Arabic Quality
	// Why says, when it cannot translate, why not, in one clause.
	Why string
}

// Multilingual reports whether the family hears languages other than English.
func (f Family) Multilingual() bool { return f.Shape.Multilingual() }

// Abilities is the family's abilities as `models list` shows them:
// "multilingual, translates", "multilingual, no translation",
// "English only".
func (f Family) Abilities() string {
	switch {
	case !f.Multilingual():
		return "English only"
	case f.Translates:
		return "multilingual, translates"
	}
	return "multilingual, no translation"
}

const (
	whyTurbo   = "large-v3-turbo was fine-tuned without translation data and answers in the spoken language"
	whyEnglish = "English-only models cannot hear Arabic and ignore the translate task"
)

// families are the Whisper releases. large-v1 and large-v2 share one shape
// and are listed once, as large-v2; none of them is in the registry.
var families = []Family{
	{Name: "tiny", Shape: Shape{51865, 384, 4, 384, 4, 6, 80}, Translates: true, Speed: 10, Arabic: QualityLow},
	{Name: "tiny.en", Shape: Shape{51864, 384, 4, 384, 4, 6, 80}, Speed: 10, Arabic: QualityNone, Why: whyEnglish},
	{Name: "base", Shape: Shape{51865, 512, 6, 512, 6, 8, 80}, Translates: true, Speed: 7, Arabic: QualityLow},
	{Name: "base.en", Shape: Shape{51864, 512, 6, 512, 6, 8, 80}, Speed: 7, Arabic: QualityNone, Why: whyEnglish},
	{Name: "small", Shape: Shape{51865, 768, 12, 768, 12, 12, 80}, Translates: true, Speed: 4, Arabic: QualityFair},
	{Name: "small.en", Shape: Shape{51864, 768, 12, 768, 12, 12, 80}, Speed: 4, Arabic: QualityNone, Why: whyEnglish},
	{Name: "medium", Shape: Shape{51865, 1024, 24, 1024, 24, 16, 80}, Translates: true, Speed: 2, Arabic: QualityGood},
	{Name: "medium.en", Shape: Shape{51864, 1024, 24, 1024, 24, 16, 80}, Speed: 2, Arabic: QualityNone, Why: whyEnglish},
	{Name: "large-v2", Shape: Shape{51865, 1280, 32, 1280, 32, 20, 80}, Translates: true, Speed: 1, Arabic: QualityHigh},
	{Name: "large-v3", Shape: Shape{51866, 1280, 32, 1280, 32, 20, 128}, Translates: true, Speed: 1, Arabic: QualityHigh},
	{Name: "large-v3-turbo", Shape: Shape{51866, 1280, 32, 1280, 4, 20, 128}, Speed: 8, Arabic: QualityHigh, Why: whyTurbo},
}

// Families returns the Whisper releases newsscribe knows, smallest first.
func Families() []Family { return append([]Family(nil), families...) }

// LookupFamily finds a family by name ("medium", "large-v3-turbo").
func LookupFamily(name string) (Family, bool) {
	for _, f := range families {
		if f.Name == name {
			return f, true
		}
	}
	return Family{}, false
}

// quantSuffixes are the quantisations of the registry's file names.
var quantSuffixes = []string{"-q5_0", "-q5_1", "-q8_0"}

// Family returns the release m is a quantisation (or the original) of;
// false for the VAD model.
func (m Model) Family() (Family, bool) {
	if m.Kind == KindVAD {
		return Family{}, false
	}
	name := m.Name
	for _, q := range quantSuffixes {
		name = strings.TrimSuffix(name, q)
	}
	return LookupFamily(name)
}

// FamilyOfShape returns the family whose shape s is; false for a shape no
// release has (a fine-tuned or distilled model).
func FamilyOfShape(s Shape) (Family, bool) {
	for _, f := range families {
		if f.Shape == s {
			return f, true
		}
	}
	return Family{}, false
}

// ReadShape reads the shape from the header of the ggml Whisper file at path.
func ReadShape(path string) (Shape, error) {
	f, err := os.Open(path)
	if err != nil {
		return Shape{}, fmt.Errorf("model file: %w", err)
	}
	defer f.Close()
	var hdr [48]byte
	if _, err := io.ReadFull(f, hdr[:]); err != nil {
		return Shape{}, &CorruptError{Path: path, Reason: "truncated header"}
	}
	if reason, vad := checkHeader(hdr[:]); reason != "" || vad {
		if vad {
			reason = "a VAD model, not a Whisper model"
		}
		return Shape{}, &CorruptError{Path: path, Reason: reason}
	}
	h := func(i int) int { return int(int32(binary.LittleEndian.Uint32(hdr[4+4*i:]))) }
	// n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer,
	// n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype
	return Shape{Vocab: h(0), AudioState: h(2), Heads: h(3), AudioLayers: h(4), TextState: h(6), TextLayers: h(8), Mels: h(9)}, nil
}

// Identify returns the family of a model given as Resolve takes it: a
// registry name is its entry's family, a file path the family its header's
// shape is. ok is false for a file whose shape no release has.
func Identify(nameOrPath, path string) (f Family, ok bool, err error) {
	if m, found := Lookup(nameOrPath); found && path != nameOrPath {
		f, ok = m.Family()
		return f, ok, nil
	}
	s, err := ReadShape(path)
	if err != nil {
		return Family{}, false, err
	}
	f, ok = FamilyOfShape(s)
	return f, ok, nil
}

// ErrCannotTranslate is matched (errors.Is) by every *CannotTranslateError.
var ErrCannotTranslate = errors.New("model cannot translate")

// CannotTranslateError is a model asked to translate that cannot: turbo,
// an English-only model, or a file whose release is unknown.
type CannotTranslateError struct {
	// Model is the name or path as given.
	Model string
	// Why says why not.
	Why string
}

func (e *CannotTranslateError) Error() string {
	return fmt.Sprintf("model %s cannot translate: %s; choose one that can (`newsscribe models list`), such as %s", e.Model, e.Why, DefaultTranslationModel)
}

// Is makes errors.Is(err, ErrCannotTranslate) true.
func (e *CannotTranslateError) Is(target error) bool { return target == ErrCannotTranslate }

// ResolveTranslator is Resolve for a model that must perform Whisper's
// translate task: the model must be there and be a release that translates
// (a *CannotTranslateError otherwise; a file whose shape no release has is
// refused too, since nothing says it can).
func ResolveTranslator(nameOrPath, dir string) (string, error) {
	path, err := Resolve(nameOrPath, dir)
	if err != nil {
		return "", err
	}
	f, ok, err := Identify(nameOrPath, path)
	switch {
	case err != nil:
		return "", err
	case !ok:
		return "", &CannotTranslateError{Model: nameOrPath, Why: "its shape matches no Whisper release, so nothing says it can"}
	case !f.Translates:
		return "", &CannotTranslateError{Model: nameOrPath, Why: f.Why}
	}
	return path, nil
}

// CanTranslate reports whether the model (a name or path, as Resolve takes
// it) is a release that translates, without requiring it to be downloaded:
// a registry name is judged by its entry, a path by its header.
func CanTranslate(nameOrPath string) bool {
	if m, ok := Lookup(nameOrPath); ok {
		f, ok := m.Family()
		return ok && f.Translates
	}
	s, err := ReadShape(nameOrPath)
	if err != nil {
		return false
	}
	f, ok := FamilyOfShape(s)
	return ok && f.Translates
}

// DefaultTranslationModel is the model that runs Whisper's translate task
// when the transcription model cannot (the default, large-v3-turbo, cannot):
// medium quantised to 5 bits. Of the releases that translate, medium and
// large are the ones OpenAI recommends for translation; on a CPU medium-q5_0
// costs about half of large-v3-q5_0 per minute of audio (24 encoder layers
// of width 1024 against 32 of 1280; README "Models" has the measurements) in
// a 514 MiB file instead of 1.0 GiB. The translation is a reading aid,
// labelled machine translation, never the evidence a quotation is checked
// against (that is the Arabic transcript), so the cheaper model is the
// better default; --translation-model large-v3-q5_0 trades time for quality.
const DefaultTranslationModel = "medium-q5_0"

// PublicName is the name a model is shown by: a registry name as it is,
// a file path as its file name without ".bin" ("/m/ggml-small.bin" →
// "ggml-small").
func PublicName(nameOrPath string) string {
	if !strings.ContainsRune(nameOrPath, os.PathSeparator) && !strings.HasSuffix(nameOrPath, ".bin") {
		return nameOrPath
	}
	base := nameOrPath
	if i := strings.LastIndexByte(base, os.PathSeparator); i >= 0 {
		base = base[i+1:]
	}
	return strings.TrimSuffix(base, ".bin")
}
