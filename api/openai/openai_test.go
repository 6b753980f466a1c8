package openai_test

import (
	"errors"
	"testing"

	"github.com/newsscribe/newsscribe/api/openai"
	"github.com/newsscribe/newsscribe/transcribe"
)

func TestParseForm(t *testing.T) {
	tests := []struct {
		name      string
		fields    map[string][]string
		translate bool
		want      openai.Form
		wantParam string
	}{
		{"defaults", nil, false, openai.Form{Format: "json", Segments: true}, ""},
		{"words and segments", map[string][]string{"response_format": {"verbose_json"}, "timestamp_granularities[]": {"word", "segment"}}, false,
			openai.Form{Format: "verbose_json", Words: true, Segments: true}, ""},
		{"stream text", map[string][]string{"response_format": {"text"}, "stream": {"true"}}, false, openai.Form{Format: "text", Segments: true, Stream: true}, ""},
		{"bad format", map[string][]string{"response_format": {"xml"}}, false, openai.Form{}, "response_format"},
		{"bad granularity", map[string][]string{"timestamp_granularities[]": {"char"}}, false, openai.Form{}, "timestamp_granularities[]"},
		{"stream of a translation", map[string][]string{"stream": {"true"}}, true, openai.Form{}, "stream"},
		{"stream of srt", map[string][]string{"stream": {"1"}, "response_format": {"srt"}}, false, openai.Form{}, "stream"},
		{"stream not a boolean", map[string][]string{"stream": {"yes"}}, false, openai.Form{}, "stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			field := func(n string) string {
				if v := tt.fields[n]; len(v) > 0 {
					return v[0]
				}
				return ""
			}
			got, err := openai.ParseForm(field, func(n string) []string { return tt.fields[n] }, tt.translate)
			var fe *openai.FieldError
			if tt.wantParam != "" {
				if !errors.As(err, &fe) || fe.Param != tt.wantParam || fe.Code == "" {
					t.Fatalf("got %+v, %v; want a refusal of %s", got, err, tt.wantParam)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

// TestVerboseJSON: segments and words are present exactly when asked for,
// as arrays even when empty, and a translation reports English.
func TestVerboseJSON(t *testing.T) {
	tr := &transcribe.Transcript{Language: "ar", Duration: 2, Text: "نعم", Segments: []transcribe.Segment{
		{Start: 0, End: 2, Text: "نعم", Words: []transcribe.Word{{Word: "نعم", Start: 0.5, End: 1}}},
	}}
	v := openai.VerboseJSON(tr, false, true, false)
	if v.Task != "transcribe" || v.Language != "arabic" || v.Segments == nil || len(*v.Segments) != 1 || v.Words != nil {
		t.Errorf("segments only: got %+v", v)
	}
	v = openai.VerboseJSON(&transcribe.Transcript{Language: "en"}, true, false, true)
	if v.Task != "translate" || v.Language != "english" || v.Words == nil || len(*v.Words) != 0 || v.Segments != nil {
		t.Errorf("words of a silent translation: got %+v", v)
	}
	if got := openai.StripBidi("\u202bنعم\u202c"); got != "نعم" {
		t.Errorf("StripBidi: got %q", got)
	}
}
