package build

import (
	"context"
	"fmt"
	"github.com/explainer/explainer/internal/content"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/explainer/explainer/bench/corpus"
	"github.com/explainer/explainer/bench/cputime"
	"github.com/explainer/explainer/internal/linkcheck"
	"github.com/explainer/explainer/internal/render"
)

// benchSizes are the corpus sizes of every stage benchmark, in demands.
var benchSizes = []int{1000, 10000}

func benchSite(b testing.TB, n int) fs.FS {
	b.Helper()
	fsys, err := corpus.FS(n, "../..")
	if err != nil {
		b.Fatal(err)
	}
	return fsys
}

// built returns a successful build of the generated site of n demands.
func built(b *testing.B, n int) (*Result, *Builder, fs.FS) {
	b.Helper()
	fsys := benchSite(b, n)
	bl := New()
	res := bl.Build(fsys, Options{})
	if len(res.Diags) > 0 {
		b.Fatal(res.Diags[0].String())
	}
	return res, bl, fsys
}

func eachSize(b *testing.B, f func(b *testing.B, n int)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("demands=%d", n), func(b *testing.B) { f(b, n) })
	}
}

// BenchmarkRender measures the render stage: every page's Markdown body
// and layout, on every core, over a loaded site.
func BenchmarkRender(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		res, bl, fsys := built(b, n)
		ts, _ := render.Load(fsys)
		js := jobs(res.Site, ts)
		var pages []int
		for i, j := range js {
			if j.kind.class != file {
				pages = append(pages, i)
			}
		}
		snap := &snapshot{site: res.Site, ts: ts, jobs: js, layouts: bl.analyse(ts, nil), reads: make([]jobReads, len(js)), stale: map[string]bool{}}
		b.ReportAllocs()
		cputime.Report(b, func() {
			for b.Loop() {
				out := &Output{Files: map[string][]byte{}}
				if l := bl.run(context.Background(), pages, snap, out, &Result{}); len(l) > 0 {
					b.Fatal(l[0].String())
				}
			}
		})
	})
}

// BenchmarkCheckLinks measures the check of every internal link and
// fragment of the output.
func BenchmarkCheckLinks(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		res, _, _ := built(b, n)
		b.ReportAllocs()
		cputime.Report(b, func() {
			for b.Loop() {
				if l := linkcheck.All(res.Output.Files, res.Site.Base, func(string) *content.Page { return nil }); len(l) > 0 {
					b.Fatal(l[0].String())
				}
			}
		})
	})
}

// BenchmarkWrite measures Emit: writing every file into a fresh tree and
// swapping it into place.
func BenchmarkWrite(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		res, _, _ := built(b, n)
		dir := filepath.Join(b.TempDir(), "public")
		b.ReportAllocs()
		cputime.Report(b, func() {
			for b.Loop() {
				if err := Emit(context.Background(), res.Output, dir, EmitOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkBuild measures a cold build as `explainer build` runs it: a
// NewOnce Builder reading the site from disk and streaming its files to
// an Emitter, then Commit.
func BenchmarkBuild(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		src := b.TempDir()
		files := corpus.Generate(n)
		for _, d := range []string{"layouts", "static", "i18n"} {
			if err := files.CopyDir("../..", d); err != nil {
				b.Fatal(err)
			}
		}
		for _, p := range files.Paths() {
			full := filepath.Join(src, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(full, files[p], 0o644); err != nil {
				b.Fatal(err)
			}
		}
		out := filepath.Join(b.TempDir(), "public")
		b.ReportAllocs()
		cputime.Report(b, func() {
			for b.Loop() {
				em, err := NewEmitter(out, EmitOptions{})
				if err != nil {
					b.Fatal(err)
				}
				res := NewOnce(em).Build(os.DirFS(src), Options{})
				if len(res.Diags) > 0 {
					b.Fatal(res.Diags[0].String())
				}
				if err := em.Commit(context.Background(), res.Output); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
