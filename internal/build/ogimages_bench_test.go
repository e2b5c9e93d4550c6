package build

import (
	"testing"

	"github.com/explainer/explainer/bench/cputime"
)

// BenchmarkShareImages measures what the share images add to a cold build:
// every card of the generated site (the home page, each actor and each
// topic; a demand uses its actor's) drawn and encoded with an empty cache,
// as `explainer build` does. Compare with BenchmarkBuild at the same size.
func BenchmarkShareImages(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		res, _, _ := built(b, n)
		cards := len(shareCardList(res.Site))
		b.ReportAllocs()
		cputime.Report(b, func() {
			for b.Loop() {
				var s shareCards
				out := &Output{Files: map[string][]byte{}}
				if _, l := s.add(res.Site, nil, out); len(l) > 0 {
					b.Fatal(l[0].String())
				}
				if len(out.Files) != cards {
					b.Fatalf("%d files, want %d cards", len(out.Files), cards)
				}
			}
		})
		b.ReportMetric(float64(cards), "cards")
	})
}
