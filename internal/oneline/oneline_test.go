package oneline_test

import (
	"testing"

	"github.com/newsscribe/newsscribe/internal/oneline"
)

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"already one line", "bad input", "bad input"},
		{"newlines and tabs", "  line one\n\tline  two\r\n", "line one line two"},
		{"empty", " \n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := oneline.Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
