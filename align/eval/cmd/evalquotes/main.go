// Command evalquotes prints the quote check's evaluation table (make eval-quotes).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/newsscribe/newsscribe/align/eval"
)

func main() {
	dir := flag.String("dir", "align/testdata/eval", "directory of the evaluation texts (quotes/*.txt, unreported.txt)")
	shared := flag.String("shared", "../shared/articles", "directory of the real article to add when present")
	seeds := flag.Int("seeds", 12, "cases per article and WER")
	verbose := flag.Bool("v", false, "print each quotation given a wrong verdict on standard error")
	flag.Parse()
	cfg := eval.QuoteConfig{Dir: *dir, SharedDir: *shared, Seeds: *seeds}
	if *verbose {
		cfg.Verbose = os.Stderr
	}
	rows, err := eval.RunQuotes(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "evalquotes:", err)
		os.Exit(1)
	}
	if err := eval.WriteQuoteTable(os.Stdout, rows); err != nil {
		fmt.Fprintln(os.Stderr, "evalquotes:", err)
		os.Exit(1)
	}
}
