package plaintext_test

import (
	"errors"
	"testing"

	"github.com/newsscribe/newsscribe/internal/plaintext"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want, line string
		nul                  bool
	}{
		{name: "plain Arabic", in: "قال الرئيس", want: "قال الرئيس", line: "قال الرئيس"},
		{name: "lines and tabs kept", in: "a\tb\nc\r\n", want: "a\tb\nc\r\n", line: "a b c  "},
		{name: "C0, DEL and C1 dropped", in: "a\x1b[31mb\x07\x7f\u0085c", want: "a[31mbc", line: "a[31mbc"},
		{name: "NUL refused", in: "قال\x00", nul: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := plaintext.Clean(tt.in)
			if tt.nul {
				var ne *plaintext.NULError
				if !errors.Is(err, plaintext.ErrNUL) || !errors.As(err, &ne) || ne.Offset != 6 {
					t.Fatalf("Clean(%q): got %q, %v; want a NULError at byte 6", tt.in, got, err)
				}
				if _, err := plaintext.Line(tt.in); !errors.Is(err, plaintext.ErrNUL) {
					t.Errorf("Line(%q): got %v, want ErrNUL", tt.in, err)
				}
				if got := plaintext.Strip(tt.in); got != "قال" {
					t.Errorf("Strip(%q) = %q, want %q", tt.in, got, "قال")
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Clean(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			if got, err := plaintext.Line(tt.in); err != nil || got != tt.line {
				t.Errorf("Line(%q) = %q, %v; want %q", tt.in, got, err, tt.line)
			}
		})
	}
}
