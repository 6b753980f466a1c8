package fileblob_test

import (
	"testing"

	"github.com/newsscribe/newsscribe/blob/blobtest"
	"github.com/newsscribe/newsscribe/blob/fileblob"
)

func TestConformance(t *testing.T) {
	s, err := fileblob.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	blobtest.Run(t, s, blobtest.Options{})
}
