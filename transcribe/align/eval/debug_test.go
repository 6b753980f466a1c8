package eval

import (
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/transcribe/align"
)

var debugCase = flag.String("debugcase", "", "article name to print a detailed case for (development aid)")
var debugWER = flag.Float64("debugwer", 0.1, "WER of the debug case")
var debugSeed = flag.Uint64("debugseed", 1, "seed of the debug case")
var debugShape = flag.Int("debugshape", 0, "shape of the debug case")
var debugTrack = flag.String("debugtrack", "", "track name: seed the case as the harness does")
var debugEdited = flag.Bool("debugedited", false, "edited quotes")

func TestDebugCase(t *testing.T) {
	if *debugCase == "" {
		t.Skip("development aid: pass -debugcase NAME")
	}
	path := "../testdata/eval/" + *debugCase + ".txt"
	if strings.HasPrefix(*debugCase, "/") {
		path = *debugCase
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pool, _ := os.ReadFile("../testdata/eval/unreported.txt")
	var un []string
	for _, l := range strings.Split(string(pool), "\n") {
		if strings.TrimSpace(l) != "" {
			un = append(un, l)
		}
	}
	rng := rand.New(rand.NewPCG(*debugSeed, 7))
	if *debugTrack != "" {
		h := fnv.New64a()
		name := *debugCase
		if strings.HasPrefix(name, "/") {
			name = "shared/" + strings.TrimSuffix(filepath.Base(name), ".txt")
		}
		fmt.Fprintf(h, "%s/%s/%g/%d", *debugTrack, name, *debugWER, *debugSeed)
		rng = rand.New(rand.NewPCG(*debugSeed+1, h.Sum64()))
	}
	c := build(*debugCase, string(b), un, genConfig{shape: Shape(*debugShape), wer: *debugWER, edited: *debugEdited}, rng)
	var sb strings.Builder
	for _, s := range c.Transcript.Segments {
		for _, w := range s.Words {
			fmt.Fprintf(&sb, "%.2f:%s ", w.Start, w.Word)
		}
	}
	t.Log("transcript:", sb.String())
	dumpCase(c)
	r, _ := align.Align(c.Transcript, c.Article, align.Options{})
	art := align.ParseArticle(c.Article)
	sb.Reset()
	for i, w := range r.Words {
		if !art.Words[i].Prose {
			continue
		}
		truth := c.Truth[i]
		st := math.NaN()
		if w.Start != nil {
			st = *w.Start
		}
		mark := ""
		switch {
		case len(truth) > 0 && math.IsNaN(st):
			mark = "MISS"
		case len(truth) == 0 && !math.IsNaN(st):
			mark = "FA"
		case len(truth) > 0:
			e := 1e9
			for _, x := range truth {
				e = math.Min(e, math.Abs(x-st))
			}
			if e > Tolerance {
				mark = fmt.Sprintf("ERR%.2f", e)
			}
		}
		fmt.Fprintf(&sb, "%s[%v|%.2f|%s|%s] ", w.Text, truth, st, w.Status[:3], mark)
	}
	t.Log("article:", sb.String())
}

var dumpCase = func(c *Case) {
	b, _ := json.Marshal(c)
	os.WriteFile("/tmp/case.json", b, 0o644)
}
