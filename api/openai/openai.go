// Package openai is OpenAI's audio API as newsscribe speaks it: the fields
// of POST /v1/audio/transcriptions and /v1/audio/translations, the model
// names that select this server's model, verbose_json, the events of a
// streamed transcription. Package api serves it (openai.go there); this
// package knows no HTTP framework, no store and no queue.
package openai

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Aliases are OpenAI's audio model names; they select this server's model,
// so that OpenAI SDK clients work unchanged. GET /v1/models lists them
// after the server's own model.
var Aliases = []string{"whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe"}

// Model is an entry of GET /v1/models.
type Model struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Created int64  `json:"created"`
	OwnedBy string `json:"owned_by"`
}

// Models are the server's model (own) and its aliases, in that order,
// created at created.
func Models(own string, created time.Time) []Model {
	out := []Model{{ID: own, Object: "model", Created: created.Unix(), OwnedBy: "newsscribe"}}
	for _, a := range Aliases {
		out = append(out, Model{ID: a, Object: "model", Created: created.Unix(), OwnedBy: "newsscribe"})
	}
	return out
}

// Form are the response fields of an audio request.
type Form struct {
	// Format is response_format: json (the default), text, srt, vtt or
	// verbose_json.
	Format string
	// Words and Segments are timestamp_granularities[] (segment alone by
	// default, as OpenAI's).
	Words, Segments bool
	// Stream is stream=true: server-sent events while the decoder goes.
	Stream bool
}

// FieldError is a form field OpenAI's API refuses: Param names it, Code
// and Msg say why.
type FieldError struct {
	Param string
	Code  errcode.Code
	Msg   string
}

func (e *FieldError) Error() string { return e.Msg }

// ParseForm validates response_format, timestamp_granularities[] and
// stream of a request whose fields are field (one value) and fields (every
// value); translate is /v1/audio/translations. A refusal is *FieldError.
func ParseForm(field func(string) string, fields func(string) []string, translate bool) (Form, error) {
	bad := func(param string, code errcode.Code, msg string) (Form, error) {
		return Form{}, &FieldError{Param: param, Code: code, Msg: msg}
	}
	f := Form{Format: field("response_format")}
	if f.Format == "" {
		f.Format = "json"
	}
	switch f.Format {
	case "json", "text", "srt", "vtt", "verbose_json":
	default:
		return bad("response_format", errcode.BadFormat, fmt.Sprintf("response_format %q is not supported: send one of json, text, srt, vtt, verbose_json", f.Format))
	}
	for _, g := range append(fields("timestamp_granularities[]"), fields("timestamp_granularities")...) {
		switch strings.TrimSpace(g) {
		case "word":
			f.Words = true
		case "segment":
			f.Segments = true
		default:
			return bad("timestamp_granularities[]", errcode.InvalidValue, fmt.Sprintf("timestamp_granularities[] %q is not supported: send word, segment or both", g))
		}
	}
	if !f.Words && !f.Segments {
		f.Segments = true // OpenAI's default
	}
	if v := field("stream"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return bad("stream", errcode.InvalidValue, fmt.Sprintf("stream must be true or false, not %q", v))
		}
		f.Stream = b
	}
	if f.Stream && translate {
		return bad("stream", errcode.InvalidValue, "stream=true is supported by /v1/audio/transcriptions only, as in OpenAI's API; leave it out for translations")
	}
	if f.Stream && f.Format != "json" && f.Format != "text" {
		return bad("stream", errcode.InvalidValue, fmt.Sprintf("stream=true sends transcript.text events and needs response_format json or text, not %s", f.Format))
	}
	return f, nil
}

// bidiMarks are the right-to-left embedding marks package export's
// subtitle writers put around Arabic lines for players. OpenAI's responses
// carry none, and clients compare or post-process the text, so the OpenAI
// endpoints strip them; the project's own downloads keep them.
var bidiMarks = strings.NewReplacer("\u202b", "", "\u202c", "")

// StripBidi removes the right-to-left embedding marks from s.
func StripBidi(s string) string { return bidiMarks.Replace(s) }

// The events of a streamed transcription.
const (
	// EventDelta carries the text of one more segment.
	EventDelta = "transcript.text.delta"
	// EventDone carries the whole text; the stream ends after it.
	EventDone = "transcript.text.done"
)

// StreamEvent is one server-sent event of a streamed transcription
// (OpenAI's streams name the type inside the data).
type StreamEvent struct {
	Type  string `json:"type"`
	Delta string `json:"delta,omitempty"`
	Text  string `json:"text,omitempty"`
}

// Segment is a segment in OpenAI's verbose_json.
type Segment struct {
	ID               int     `json:"id"`
	Seek             int     `json:"seek"`
	Start            float64 `json:"start"`
	End              float64 `json:"end"`
	Text             string  `json:"text"`
	Tokens           []int   `json:"tokens"`
	Temperature      float64 `json:"temperature"`
	AvgLogprob       float64 `json:"avg_logprob"`
	CompressionRatio float64 `json:"compression_ratio"`
	NoSpeechProb     float64 `json:"no_speech_prob"`
}

type Word struct {
	Word  string  `json:"word"`
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// Verbose is OpenAI's verbose_json. Segments and Words are present,
// as arrays (possibly empty, for silence), exactly when asked for with
// timestamp_granularities[]; pointers tell "not asked" from "none".
type Verbose struct {
	Task     string     `json:"task"`
	Language string     `json:"language"`
	Duration float64    `json:"duration"`
	Text     string     `json:"text"`
	Segments *[]Segment `json:"segments,omitempty"`
	Words    *[]Word    `json:"words,omitempty"`
}

// VerboseJSON is t as verbose_json with the words, the segments or both
// (timestamp_granularities[]); translated is the translate task's.
func VerboseJSON(t *transcribe.Transcript, words, segments, translated bool) Verbose {
	task := "transcribe"
	if translated {
		task = "translate"
	}
	lang := t.Language
	if n, ok := transcribe.Languages[lang]; ok {
		lang = n
	}
	if translated {
		lang = "english" // OpenAI reports the output's language for translations
	}
	out := Verbose{Task: task, Language: lang, Duration: t.Duration, Text: t.Text}
	if segments {
		segs := make([]Segment, 0, len(t.Segments))
		for _, sg := range t.Segments {
			segs = append(segs, Segment{
				ID: sg.ID, Seek: int(sg.Start * 100), Start: sg.Start, End: sg.End, Text: sg.Text, Tokens: []int{},
				AvgLogprob: sg.AvgLogprob, NoSpeechProb: sg.NoSpeechProb,
			})
		}
		out.Segments = &segs
	}
	if words {
		ws := []Word{}
		for _, sg := range t.Segments {
			for _, w := range sg.Words {
				ws = append(ws, Word{Word: w.Word, Start: w.Start, End: w.End})
			}
		}
		out.Words = &ws
	}
	return out
}
