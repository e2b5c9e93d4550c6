package build

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// BenchmarkRebuildPages measures the first phase of a two-phase rebuild
// (what serve does before the first reload event) after a body edit and
// after a title edit of one demand, the second phase never run (as when
// edits follow each other closely).
func BenchmarkRebuildPages(b *testing.B) {
	title := regexp.MustCompile(`(?m)^title: .*$`)
	edits := []struct {
		name string
		edit func(src []byte, i int) []byte
	}{
		{"body", func(src []byte, i int) []byte { return fmt.Appendf(src, "\nEdit number %d.\n", i) }},
		{"title", func(src []byte, i int) []byte {
			return title.ReplaceAll(src, fmt.Appendf(nil, "title: Retitled %d", i))
		}},
	}
	eachSize(b, func(b *testing.B, n int) {
		fsys := benchSite(b, n).(fstest.MapFS)
		var demands []string
		for p := range fsys {
			if strings.HasPrefix(p, "content/demands/") {
				demands = append(demands, p)
			}
		}
		sort.Strings(demands)
		bl := New()
		if res := bl.Build(fsys, Options{}); len(res.Diags) > 0 {
			b.Fatal(res.Diags)
		}
		for _, e := range edits {
			b.Run(e.name, func(b *testing.B) {
				i, rendered := 0, 0
				for b.Loop() {
					p := demands[(i*7919)%len(demands)]
					fsys[p] = &fstest.MapFile{Data: e.edit(fsys[p].Data, i), Mode: 0o644}
					res, _ := bl.RebuildPages(fsys, Options{}, []string{p})
					if len(res.Diags) > 0 {
						b.Fatal(res.Diags)
					}
					rendered += res.Rendered
					i++
				}
				b.ReportMetric(float64(rendered)/float64(i), "pages/op")
			})
		}
	})
}
