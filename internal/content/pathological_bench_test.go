package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/explainer/explainer/internal/markdown"
)

// BenchmarkPathological loads one pathological brief into the small test
// site: the cost of the worst inputs TestPathological accepts, per load.
// The widest prefixes are the slowest accepted Markdown per byte.
func BenchmarkPathological(b *testing.B) {
	var links strings.Builder
	for i := range 100000 {
		fmt.Fprintf(&links, "[r%d](actors/russia.md#position) ", i)
	}
	cases := []struct{ name, body string }{
		{"prose 5MB", lines("Words to fill a long brief, with a [link](actors/russia.md) now and then.", 65000)},
		{"widest lists 5MB", lines(strings.Repeat("- ", 64)+"x", 40000)},
		{"widest quotes 5MB", lines(strings.Repeat("> ", 64)+"x", 40000)},
		{"100k links", links.String()},
		{"10k-deep list refused", strings.Repeat("- ", 10000) + "x\n"},
	}
	md := markdown.New()
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			fsys := site(nil)
			fsys["content/about.md"] = &fstest.MapFile{Data: []byte(minimal + c.body)}
			b.SetBytes(int64(len(c.body)))
			b.ReportAllocs()
			for b.Loop() {
				NewLoader(md).Load(fsys, Options{})
			}
		})
	}
}
