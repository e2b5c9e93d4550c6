package build

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"testing"
	"testing/fstest"
	"time"
)

var titleRE = regexp.MustCompile(`(?m)^title: .*$`)

// TestTraceEdits prints how long each stage of a body and a title edit's
// first phase takes, on a generated site of EXPLAINER_TRACE demands; it
// is skipped unless that is set.
func TestTraceEdits(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("EXPLAINER_TRACE"))
	if n == 0 {
		t.Skip("set EXPLAINER_TRACE=<demands> to trace rebuild stages")
	}
	fsys := benchSite(t, n).(fstest.MapFS)
	b := New()
	if res := b.Build(fsys, Options{}); len(res.Diags) > 0 {
		t.Fatal(res.Diags)
	}
	var p string
	for f := range fsys {
		if len(f) > 16 && f[:16] == "content/demands/" {
			p = f
			break
		}
	}
	for i, edit := range []func([]byte) []byte{
		func(b []byte) []byte { return fmt.Appendf(b, "\nMore %d.\n", 1) },
		func(b []byte) []byte { return fmt.Appendf(b, "\nMore %d.\n", 2) },
		func(b []byte) []byte { return []byte(titleRE.ReplaceAllString(string(b), "title: Retitled")) },
	} {
		fsys[p] = &fstest.MapFile{Data: edit(fsys[p].Data), Mode: 0o644}
		var line string
		b.trace = func(s string, d time.Duration) { line += fmt.Sprintf(" %s=%.1fms", s, float64(d.Microseconds())/1000) }
		start := time.Now()
		res, _ := b.RebuildPages(fsys, Options{}, []string{p})
		t.Logf("edit %d: %.1fms, %d pages:%s", i, float64(time.Since(start).Microseconds())/1000, res.Rendered, line)
	}
}
