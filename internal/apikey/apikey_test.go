package apikey_test

import (
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/internal/apikey"
)

func TestParse(t *testing.T) {
	keys, err := apikey.Parse([]string{"maryam:s3cret", "plain-key", " omar : other "})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"maryam=s3cret", "key2=plain-key", "omar=other"}
	for i, k := range keys {
		if got := k.Name + "=" + string(k.Secret); got != want[i] {
			t.Errorf("key %d: got %s, want %s", i, got, want[i])
		}
	}
	for _, tc := range []struct {
		name    string
		entries []string
		want    string
	}{
		{"named without key", []string{"ok:k1", "maryam:"}, `entry 2 ("maryam") has an empty key`},
		{"comma alone", []string{"", ""}, "entry 1 is empty"},
		{"unset variable", []string{"name:  "}, `entry 1 ("name") has an empty key`},
		{"no name", []string{":secret"}, "entry 1 has an empty name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := apikey.Parse(tc.entries)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error saying %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "k1") {
				t.Errorf("the error %q shows a secret", err)
			}
		})
	}
}
