package build

import (
	"fmt"
	"strings"
	"testing"

	"github.com/explainer/explainer/bench/corpus"
	"github.com/explainer/explainer/internal/views"
)

// maxPageBytes is the most HTML any page of a split site may hold. The
// whole-site views split above views.SplitAbove demands so that no page
// grows with the site; at 10,000 demands the largest page must stay under
// 2 MB (BenchmarkLargestPage measures it).
const maxPageBytes = 200_000

// largestPage returns the largest HTML file of a build and its size.
func largestPage(out *Output) (string, int) {
	name, size := "", 0
	for p, b := range out.Files {
		if strings.HasSuffix(p, ".html") && len(b) > size {
			name, size = p, len(b)
		}
	}
	return name, size
}

// TestLargeSiteSplits builds a generated site of twice the split
// threshold with the repository's layouts: every whole-site view must be
// split (a page per actor for the clash view, the topic pages for the
// matrix) and no page may exceed maxPageBytes. Without the split the map
// alone is ~2.8 MB at this size.
func TestLargeSiteSplits(t *testing.T) {
	n := 2 * views.SplitAbove
	fsys, err := corpus.FS(n, "../..")
	if err != nil {
		t.Fatal(err)
	}
	res := New().Build(fsys, Options{})
	if len(res.Diags) > 0 {
		t.Fatalf("generated site: %s", diagText(res))
	}
	out := res.Output.Files
	for _, a := range res.Site.Actors {
		if _, ok := out["map/"+a.Slug+"/index.html"]; !ok {
			t.Errorf("no clash page for actor %s", a.Slug)
		}
	}
	for _, p := range []string{"map/index.html", "matrix/index.html", "demands/index.html"} {
		page := string(out[p])
		if !strings.Contains(page, "too many demands") {
			t.Errorf("%s is not split", p)
		}
	}
	if strings.Contains(string(out["matrix/index.html"]), "<table") {
		t.Error("the matrix of a split site still has its table")
	}
	name, size := largestPage(res.Output)
	if size > maxPageBytes {
		t.Errorf("%s is %d bytes of HTML at %d demands, over %d", name, size, n, maxPageBytes)
	}
	t.Logf("%d demands: largest page %s, %d bytes", n, name, size)
}

// BenchmarkLargestPage builds the generated site of 10,000 demands and
// reports the size of its largest HTML page (largest-B), which must stay
// under 2 MB.
func BenchmarkLargestPage(b *testing.B) {
	for _, n := range []int{10000} {
		b.Run(fmt.Sprintf("demands=%d", n), func(b *testing.B) {
			res, _, _ := built(b, n)
			name, size := largestPage(res.Output)
			for b.Loop() {
				largestPage(res.Output)
			}
			b.ReportMetric(float64(size), "largest-B")
			if size > 2<<20 {
				b.Errorf("%s is %d bytes, over 2 MB", name, size)
			}
			b.Logf("largest page %s: %d bytes", name, size)
		})
	}
}
