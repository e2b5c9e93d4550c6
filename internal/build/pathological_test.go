package build

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/explainer/explainer/internal/theme"
)

// withBrief returns the repository's site with one more brief.
func withBrief(t *testing.T, name, src string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	repo := theme.Over(os.DirFS("../.."))
	for _, dir := range []string{"content", "layouts", "static", "i18n"} {
		err := fs.WalkDir(repo, dir, func(p string, de fs.DirEntry, err error) error {
			if err != nil || de.IsDir() {
				return err
			}
			b, err := fs.ReadFile(repo, p)
			fsys[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	fsys[name] = &fstest.MapFile{Data: []byte(src)}
	return fsys
}

// TestPathologicalBuilds takes the biggest pathological briefs (see
// content's TestPathological) through the whole pipeline, rendering and
// link checking included: each must build cleanly, in bounded time.
func TestPathologicalBuilds(t *testing.T) {
	front := "---\ntitle: Stress\nsummary: A pathological brief.\n---\n"
	var links strings.Builder
	for i := range 100000 {
		fmt.Fprintf(&links, "[%d](actors/russia.md) ", i)
	}
	tests := []struct {
		name, src string
	}{
		{"5 MB brief", front + strings.Repeat("Words to fill a long brief, with a [link](about.md) now and then.\n", 75000)},
		{"100,000 links", front + links.String() + "\n"},
		{"64-deep list", front + strings.Repeat("- ", 64) + "deep\n"},
		{"128-deep quote", front + strings.Repeat(">", 128) + "deep\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := withBrief(t, "content/stress.md", tt.src)
			done := make(chan *Result, 1)
			start := time.Now()
			go func() { done <- New().Build(fsys, Options{}) }()
			var res *Result
			select {
			case res = <-done:
			case <-time.After(2 * time.Minute):
				t.Fatal("build still running after 2 minutes: a hang")
			}
			t.Logf("%d bytes built in %v", len(tt.src), time.Since(start))
			if len(res.Diags) > 0 {
				t.Fatalf("diagnostics:\n%.2000s", diagText(res))
			}
			if _, ok := res.Output.Files["stress/index.html"]; !ok {
				t.Error("no stress/index.html")
			}
		})
	}
}
