// Package models knows the official ggml Whisper models and the Silero VAD
// model, where they live on disk, how to download them and how to tell a good
// file from a truncated or corrupted one.
//
// # Checksums
//
// Every entry carries the file's exact size in bytes and its SHA-256. They are
// the Hugging Face metadata of the files (for LFS-stored files the LFS object
// id is the SHA-256 of the content) in the ggerganov/whisper.cpp and
// ggml-org/whisper-vad repositories, cross-checked against several
// independent public projects that pin the same files; the Silero VAD entry
// was also confirmed against the copy of that file in whisper.cpp's own
// repository (models/for-tests-silero-v6.2.0-ggml.bin is byte-identical).
// Where whisper.cpp's models/README.md publishes a SHA-1 for a model, the
// entry carries it too and Verify checks both.
package models

import (
	"fmt"
	"strings"
)

// Kind says what a model file is for.
type Kind string

// Model kinds.
const (
	KindWhisper Kind = "whisper" // a Whisper speech recognition model
	KindVAD     Kind = "vad"     // a Silero voice activity detection model
)

// Model is one downloadable model file.
type Model struct {
	// Name is the registry name, e.g. "large-v3-turbo-q5_0".
	Name string
	Kind Kind
	// Repo is the Hugging Face repository, File the file in it.
	Repo, File string
	// Size is the file's size in bytes.
	Size int64
	// SHA256 is the hex SHA-256 of the file; SHA1, where whisper.cpp
	// publishes one, the hex SHA-1.
	SHA256, SHA1 string
	// Note is a short description for `models list`.
	Note string
}

// URL is where the file is downloaded from.
func (m Model) URL() string {
	return "https://huggingface.co/" + m.Repo + "/resolve/main/" + m.File
}

// DefaultModel is the recommended Whisper model for Arabic news speech:
// large-v3-turbo quantised to 5 bits. Arabic is one of the languages where
// the small Whisper models fall far behind the large ones (OpenAI's per-
// language word error rates roughly halve from small to large-v3), and the
// turbo variant keeps large-v3's 32-layer encoder while cutting the decoder
// from 32 layers to 4, so it decodes several times faster with accuracy
// close to large-v3's; the q5_0 quantisation brings the file from 1.6 GB to
// 547 MiB and lets it run on an ordinary newsroom laptop's CPU.
const DefaultModel = "large-v3-turbo-q5_0"

// VADModel is the Silero VAD model whisper.cpp uses for voice activity detection.
const VADModel = "silero-v6.2.0"

const (
	whisperRepo = "ggerganov/whisper.cpp"
	vadRepo     = "ggml-org/whisper-vad"
)

var registry = []Model{
	{Name: "tiny", Size: 77691713, SHA256: "be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21", SHA1: "bd577a113a864445d4c299885e0cb97d4ba92b5f", Note: "fastest, poor on Arabic"},
	{Name: "tiny-q5_1", Size: 32152673, SHA256: "818710568da3ca15689e31a743197b520007872ff9576237bda97bd1b469c3d7"},
	{Name: "tiny-q8_0", Size: 43537433, SHA256: "c2085835d3f50733e2ff6e4b41ae8a2b8d8110461e18821b09a15c40c42d1cca"},
	{Name: "base", Size: 147951465, SHA256: "60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe", SHA1: "465707469ff3a37a2b9b8d8f89f2f99de7299dac"},
	{Name: "base-q5_1", Size: 59707625, SHA256: "422f1ae452ade6f30a004d7e5c6a43195e4433bc370bf23fac9cc591f01a8898"},
	{Name: "base-q8_0", Size: 81768585, SHA256: "c577b9a86e7e048a0b7eada054f4dd79a56bbfa911fbdacf900ac5b567cbb7d9"},
	{Name: "small", Size: 487601967, SHA256: "1be3a9b2063867b937e64e2ec7483364a79917e157fa98c5d94b5c1fffea987b", SHA1: "55356645c2b361a969dfd0ef2c5a50d530afd8d5"},
	{Name: "small-q5_1", Size: 190085487, SHA256: "ae85e4a935d7a567bd102fe55afc16bb595bdb618e11b2fc7591bc08120411bb"},
	{Name: "small-q8_0", Size: 264464607, SHA256: "49c8fb02b65e6049d5fa6c04f81f53b867b5ec9540406812c643f177317f779f"},
	{Name: "medium", Size: 1533763059, SHA256: "6c14d5adee5f86394037b4e4e8b59f1673b6cee10e3cf0b11bbdbee79c156208", SHA1: "fd9727b6e1217c2f614f9b698455c4ffd82463b4"},
	{Name: "medium-q5_0", Size: 539212467, SHA256: "19fea4b380c3a618ec4723c3eef2eb785ffba0d0538cf43f8f235e7b3b34220f"},
	{Name: "medium-q8_0", Size: 823369779, SHA256: "42a1ffcbe4167d224232443396968db4d02d4e8e87e213d3ee2e03095dea6502"},
	{Name: "large-v3", Size: 3095033483, SHA256: "64d182b440b98d5203c4f9bd541544d84c605196c4f7b845dfa11fb23594d1e2", SHA1: "ad82bf6a9043ceed055076d0fd39f5f186ff8062", Note: "most accurate, slowest"},
	{Name: "large-v3-q5_0", Size: 1081140203, SHA256: "d75795ecff3f83b5faa89d1900604ad8c780abd5739fae406de19f23ecd98ad1", SHA1: "e6e2ed78495d403bef4b7cff42ef4aaadcfea8de"},
	{Name: "large-v3-turbo", Size: 1624555275, SHA256: "1fc70f774d38eb169993ac391eea357ef47c88757ef72ee5943879b7e8e2bc69", SHA1: "4af2b29d7ec73d781377bfd1758ca957a807e941"},
	{Name: "large-v3-turbo-q5_0", Size: 574041195, SHA256: "394221709cd5ad1f40c46e6031ca61bce88931e6e088c188294c6d5a55ffa7e2", SHA1: "e050f7970618a659205450ad97eb95a18d69c9ee", Note: "recommended for Arabic news"},
	{Name: "large-v3-turbo-q8_0", Size: 874188075, SHA256: "317eb69c11673c9de1e1f0d459b253999804ec71ac4c23c17ecf5fbe24e259a1"},
	{Name: "silero-v6.2.0", Kind: KindVAD, Repo: vadRepo, File: "ggml-silero-v6.2.0.bin", Size: 885098, SHA256: "2aa269b785eeb53a82983a20501ddf7c1d9c48e33ab63a41391ac6c9f7fb6987", Note: "voice activity detection"},
}

// All returns the registry in a fixed order: Whisper models by size family, then the VAD model.
func All() []Model {
	out := make([]Model, len(registry))
	for i, m := range registry {
		out[i] = fill(m)
	}
	return out
}

func fill(m Model) Model {
	if m.Kind == "" {
		m.Kind = KindWhisper
	}
	if m.Repo == "" {
		m.Repo = whisperRepo
	}
	if m.File == "" {
		m.File = "ggml-" + m.Name + ".bin"
	}
	return m
}

// Lookup finds a model by registry name ("small") or file name ("ggml-small.bin").
func Lookup(name string) (Model, bool) {
	for _, m := range All() {
		if strings.EqualFold(name, m.Name) || name == m.File {
			return m, true
		}
	}
	return Model{}, false
}

// FormatSize formats n bytes in binary units, as the README does: "547.4
// MiB", "1.45 GiB", "575.0 KiB".
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
