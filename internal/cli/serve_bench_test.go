package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/explainer/explainer/bench/corpus"
	"github.com/explainer/explainer/internal/build"
)

// BenchmarkEditToReload measures serve's edit-to-reload latency on a
// synthetic site: the time from writing a brief to the browser's event
// stream receiving the reload that lists its page, through the real
// watcher (10ms quiet window), rebuild and server. Each iteration is one
// edit; it reports the median and the worst. Run 20 edits on 10,000
// demands with:
//
//	go test -run '^$' -bench EditToReload -benchtime 20x ./internal/cli
func BenchmarkEditToReload(b *testing.B) {
	n := 10000
	if testing.Short() {
		n = 200
	}
	root := b.TempDir()
	files := corpus.Generate(n)
	for _, dir := range []string{"layouts", "static"} {
		if err := files.CopyDir("../..", dir); err != nil {
			b.Fatal(err)
		}
	}
	for p, data := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	var demands []string
	for p := range files {
		if strings.HasPrefix(p, "content/demands/") {
			demands = append(demands, p)
		}
	}
	slices.Sort(demands)
	d := startServe(b, root, build.Options{})
	ev := d.events(b)
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
	for _, e := range edits {
		b.Run(e.name, func(b *testing.B) {
			var lat []time.Duration
			i := 0
			cpu0 := cpuTime()
			for b.Loop() {
				p := demands[(i*7919)%len(demands)]
				url := "/demands/" + strings.TrimSuffix(filepath.Base(p), ".md") + "/"
				src := files[p]
				data := e.edit(src, i)
				files[p] = data
				start := time.Now()
				if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(p)), data, 0o644); err != nil {
					b.Fatal(err)
				}
				for {
					r := decodeReload(b, nextWithin(b, ev, "reload", 5*time.Minute))
					if r.All || has(r.Changed, url) {
						break
					}
				}
				lat = append(lat, time.Since(start))
				i++
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "median-ms")
			b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "worst-ms")
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(len(lat)), "cpu-ms/op")
			b.ReportMetric(0, "ns/op")
		})
	}
	b.Log(lastLines(d.stdout.String(), 8))
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
