// Command gen writes the benchmarks' generated workspace to a directory, so
// that other tools can be timed on the same tree:
//
//	go run ./internal/benchws/gen [-n 5000] DIR
//	hyperfine 'expertise-ls check DIR' 'gitleaks dir DIR'
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/internal/benchws"
)

func main() {
	n := flag.Int("n", 5000, "number of files the index keeps")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gen [-n FILES] DIR")
		os.Exit(2)
	}
	if err := benchws.Write(flag.Arg(0), *n, analysis.Indexed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
