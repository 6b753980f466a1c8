// Command evalalign prints the aligner's evaluation table (make eval-align).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/newsscribe/newsscribe/align/eval"
)

func main() {
	dir := flag.String("dir", "align/testdata/eval", "directory of the evaluation articles")
	shared := flag.String("shared", "../shared/articles", "directory of real articles to add when present")
	seeds := flag.Int("seeds", 6, "cases per article and setting")
	verbose := flag.Bool("v", false, "print a line per case on standard error")
	explain := flag.String("explain", "", "list the words of one case (a name printed by -v) on standard error")
	flag.Parse()
	cfg := eval.Config{Dir: *dir, SharedDir: *shared, Seeds: *seeds, Explain: *explain}
	if *verbose || *explain != "" {
		cfg.Verbose = os.Stderr
	}
	rows, err := eval.Run(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "evalalign:", err)
		os.Exit(1)
	}
	if err := eval.WriteTable(os.Stdout, rows); err != nil {
		fmt.Fprintln(os.Stderr, "evalalign:", err)
		os.Exit(1)
	}
}
