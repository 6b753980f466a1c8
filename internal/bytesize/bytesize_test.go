package bytesize_test

import (
	"errors"
	"testing"

	"github.com/newsscribe/newsscribe/internal/bytesize"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		want     int64
		wantErr  bool
	}{
		{"bytes", "1048576", 1 << 20, false},
		{"MiB", "500MiB", 500 << 20, false},
		{"GiB with space", " 1 GiB ", 1 << 30, false},
		{"decimal MB", "2MB", 2e6, false},
		{"bare K", "4K", 4 << 10, false},
		{"B", "12B", 12, false},
		{"words", "lots", 0, true},
		{"negative", "-1MiB", 0, true},
		{"fraction", "1.5GiB", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bytesize.Parse(tt.in)
			if tt.wantErr {
				if !errors.Is(err, bytesize.ErrSyntax) {
					t.Fatalf("Parse(%q): got %d, %v, want ErrSyntax", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Parse(%q) = %d, %v, want %d", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{{1 << 30, "1 GiB"}, {3 << 30, "3 GiB"}, {500 << 20, "500 MiB"}, {1<<30 + 1<<29, "1536 MiB"}, {2048, "2 KiB"}, {12, "12 bytes"}}
	for _, tt := range tests {
		if got := bytesize.Format(tt.in); got != tt.want {
			t.Errorf("Format(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
