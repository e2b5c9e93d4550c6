package build

import (
	"fmt"
	"io/fs"
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
	benchEdits(b, func(bl *Builder, fsys fs.FS, changed []string) *Result {
		return bl.Rebuild(fsys, Options{}, changed)
	})
}

// BenchmarkRebuildPages measures the first phase of a two-phase rebuild
// (what serve does before the first reload event) after a body edit and
// after a title edit of one demand, the second phase never run (as when
// edits follow each other closely).
func BenchmarkRebuildPages(b *testing.B) {
	benchEdits(b, func(bl *Builder, fsys fs.FS, changed []string) *Result {
		res, _ := bl.RebuildPages(fsys, Options{}, changed)
		return res
	})
}

// benchEdits builds each generated site once, then times rebuild after
// successive body edits and title edits of spread-out demands, reporting
// pages rendered and CPU time per edit.
func benchEdits(b *testing.B, rebuild func(*Builder, fs.FS, []string) *Result) {
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
				cpu0 := cpuTime()
				for b.Loop() {
					p := demands[(i*7919)%len(demands)]
					fsys[p] = &fstest.MapFile{Data: e.edit(fsys[p].Data, i), Mode: 0o644}
					res := rebuild(bl, fsys, []string{p})
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
