// Command gencorpus writes a synthetic explainer site for benchmarks.
//
// Usage:
//
//	go run ./bench/gencorpus -demands N -out DIR [-site .]
//
// It writes DIR/content/ (see package bench/corpus: N demands, N/50
// actors, N/100 topics) and copies layouts/ and static/ from the -site
// folder (the repository root by default; -site "" copies nothing), so
// that `explainer check -src DIR` passes. The same N always gives
// byte-identical files. DIR/content must not exist yet.
//
// Exit codes: 0 ok, 1 failure, 2 usage.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/explainer/explainer/bench/corpus"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fl := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	n := fl.Int("demands", 1000, "number of demands")
	out := fl.String("out", "", "folder to write the site into (required)")
	site := fl.String("site", ".", `folder whose layouts/ and static/ are copied ("" for none)`)
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fl.NArg() > 0 || *n < corpus.MinDemands {
		fmt.Fprintf(os.Stderr, "gencorpus: need -out DIR and -demands of at least %d\n", corpus.MinDemands)
		return 2
	}
	if err := write(*out, *site, corpus.Generate(*n)); err != nil {
		fmt.Fprintf(os.Stderr, "gencorpus: %v\n", err)
		return 1
	}
	return 0
}

func write(out, site string, files corpus.Files) error {
	if _, err := os.Stat(filepath.Join(out, "content")); err == nil {
		return fmt.Errorf("%s already exists: remove it or choose another -out", filepath.Join(out, "content"))
	}
	for _, dir := range []string{"layouts", "static"} {
		if site == "" {
			break
		}
		if err := files.CopyDir(site, dir); err != nil {
			return err
		}
	}
	made := map[string]bool{}
	for _, p := range files.Paths() {
		full := filepath.Join(out, filepath.FromSlash(p))
		if d := filepath.Dir(full); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return err
		}
	}
	return nil
}
