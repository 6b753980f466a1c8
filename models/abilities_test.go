package models_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// TestRegistryAbilities: every Whisper model of the registry belongs to a
// release whose abilities are known; turbo cannot translate, the default
// translation model can (issue 22).
func TestRegistryAbilities(t *testing.T) {
	for _, m := range models.All() {
		f, ok := m.Family()
		if m.Kind == models.KindVAD {
			if ok {
				t.Errorf("%s: the VAD model has a Whisper family", m.Name)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: no family", m.Name)
			continue
		}
		if !f.Multilingual() || f.Arabic == models.QualityNone || f.Speed <= 0 {
			t.Errorf("%s: got %+v, want a multilingual release that hears Arabic", m.Name, f)
		}
	}
	for _, tt := range []struct {
		name       string
		translates bool
	}{
		{models.DefaultModel, false},
		{"large-v3-turbo", false},
		{"large-v3-turbo-q8_0", false},
		{models.DefaultTranslationModel, true},
		{"large-v3-q5_0", true},
		{"tiny", true},
	} {
		m, _ := models.Lookup(tt.name)
		if f, _ := m.Family(); f.Translates != tt.translates || models.CanTranslate(tt.name) != tt.translates {
			t.Errorf("%s: translates %v, CanTranslate %v; want %v", tt.name, f.Translates, models.CanTranslate(tt.name), tt.translates)
		}
	}
}

// TestIdentifyByShape: a model given as a file is judged by the shape its
// header states, whatever its name: turbo and the English-only releases
// cannot translate, medium can, an unknown shape is not trusted to.
func TestIdentifyByShape(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		family    string
		shape     models.Shape
		can       bool
		abilities string
	}{
		{family: "large-v3-turbo", can: false, abilities: "multilingual, no translation"},
		{family: "medium", can: true, abilities: "multilingual, translates"},
		{family: "medium.en", can: false, abilities: "English only"},
		{family: "large-v2", can: true, abilities: "multilingual, translates"},
		{family: "", shape: models.Shape{Vocab: 51866, AudioState: 1280, AudioLayers: 32, TextState: 1280, TextLayers: 2, Heads: 20, Mels: 128}, can: false},
	} {
		name := tt.family
		if name == "" {
			name = "distilled"
		}
		t.Run(name, func(t *testing.T) {
			shape := tt.shape
			if tt.family != "" {
				f, ok := models.LookupFamily(tt.family)
				if !ok {
					t.Fatalf("no family %s", tt.family)
				}
				shape = f.Shape
			}
			// A misleading file name: the header decides.
			p, err := transcribetest.ModelFile(dir, "ggml-large-v3-q5_0-"+name+".bin", shape)
			if err != nil {
				t.Fatal(err)
			}
			f, ok, err := models.Identify(p, p)
			if err != nil {
				t.Fatal(err)
			}
			if ok != (tt.family != "") || ok && (f.Name != tt.family || f.Abilities() != tt.abilities) {
				t.Errorf("got %+v (known %v), want %s: %s", f, ok, tt.family, tt.abilities)
			}
			if got := models.CanTranslate(p); got != tt.can {
				t.Errorf("CanTranslate: got %v, want %v", got, tt.can)
			}
			_, err = models.ResolveTranslator(p, dir)
			if tt.can && err != nil || !tt.can && !errors.Is(err, models.ErrCannotTranslate) {
				t.Errorf("ResolveTranslator: got %v, want ErrCannotTranslate: %v", err, !tt.can)
			}
		})
	}
}

// TestResolveTranslatorNotDownloaded: a registry model that translates but
// is not downloaded is ErrNotDownloaded, naming the pull command; one that
// cannot translate is ErrCannotTranslate whether downloaded or not.
func TestResolveTranslatorNotDownloaded(t *testing.T) {
	dir := t.TempDir()
	_, err := models.ResolveTranslator(models.DefaultTranslationModel, dir)
	if !errors.Is(err, models.ErrNotDownloaded) {
		t.Errorf("%s: got %v, want ErrNotDownloaded", models.DefaultTranslationModel, err)
	}
	if err == nil || !strings.Contains(err.Error(), "newsscribe models pull "+models.DefaultTranslationModel) {
		t.Errorf("message %v lacks the pull command", err)
	}
	if _, err := models.ResolveTranslator(filepath.Join(dir, "nope.bin"), dir); err == nil || errors.Is(err, models.ErrCannotTranslate) {
		t.Errorf("missing path: got %v, want a missing-file error", err)
	}
}

func TestPublicName(t *testing.T) {
	for in, want := range map[string]string{
		"medium-q5_0": "medium-q5_0", "/srv/models/ggml-medium.bin": "ggml-medium", "ggml-small.bin": "ggml-small",
	} {
		if got := models.PublicName(in); got != want {
			t.Errorf("PublicName(%q) = %q, want %q", in, got, want)
		}
	}
}
