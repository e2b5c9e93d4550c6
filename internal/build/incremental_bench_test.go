package build

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// BenchmarkRebuild measures one incremental rebuild after a body edit and
// after a title edit of one demand, given the changed path, on generated
// sites (no watcher, no server: see cli's BenchmarkEditToReload for the
// whole loop).
func BenchmarkRebuild(b *testing.B) {
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
				i := 0
				rendered := 0
				cpu0 := cpuTime()
				for b.Loop() {
					p := demands[(i*7919)%len(demands)]
					fsys[p] = &fstest.MapFile{Data: e.edit(fsys[p].Data, i), Mode: 0o644}
					res := bl.Rebuild(fsys, Options{}, []string{p})
					if len(res.Diags) > 0 {
						b.Fatal(res.Diags)
					}
					rendered += res.Rendered
					i++
				}
				b.ReportMetric(float64(rendered)/float64(i), "pages/op")
				b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(i), "cpu-ms/op")
			})
		}
	})
}
