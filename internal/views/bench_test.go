package views

import (
	"os"
	"testing"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/markdown"
)

// BenchmarkViews computes every view of the repository's own site, as one
// build does.
func BenchmarkViews(b *testing.B) {
	site, diags := content.NewLoader(markdown.New()).Load(os.DirFS("../.."), content.Options{})
	if len(diags) > 0 {
		b.Fatal(diags.Error())
	}
	b.ReportAllocs()
	for b.Loop() {
		Headlines(site, 6)
		CoreDemands(site)
		NewMatrix(site)
		NewClashView(site)
		ActorsCSS(site)
		for _, t := range site.Topics {
			Positions(site, t)
		}
	}
}
