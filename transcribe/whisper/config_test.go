package whisper_test

import (
	"testing"

	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		cfg     whisper.Config
		wantErr bool
	}{
		{"model only", whisper.Config{ModelPath: "m.bin"}, false},
		{"no model", whisper.Config{}, true},
		{"negative contexts", whisper.Config{ModelPath: "m.bin", Contexts: -1}, true},
		{"negative threads", whisper.Config{ModelPath: "m.bin", Threads: -2}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.cfg.Validate(); (err != nil) != tt.wantErr {
				t.Errorf("Validate() = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}
