package content

import (
	"fmt"
	"io/fs"
	"testing"

	"github.com/explainer/explainer/bench/corpus"
	"github.com/explainer/explainer/bench/cputime"
	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/markdown"
)

// benchSizes are the corpus sizes of every stage benchmark, in demands.
var benchSizes = []int{1000, 10000}

// benchSite returns the generated site of n demands with the repository's
// layouts.
func benchSite(b *testing.B, n int) fs.FS {
	b.Helper()
	fsys, err := corpus.FS(n, "../..")
	if err != nil {
		b.Fatal(err)
	}
	return fsys
}

// BenchmarkLoad measures the whole content stage with a cold cache: walk,
// read, parse frontmatter and Markdown, resolve.
func BenchmarkLoad(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("demands=%d", n), func(b *testing.B) {
			fsys := benchSite(b, n)
			md := markdown.New()
			b.ReportAllocs()
			cputime.Report(b, func() {
				for b.Loop() {
					if _, l := NewLoader(md).Load(fsys, Options{}); len(l) > 0 {
						b.Fatal(l[0].String())
					}
				}
			})
		})
	}
}

// BenchmarkParse measures walking, reading and parsing every file (the
// part of Load that runs on every core), with a cold cache.
func BenchmarkParse(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("demands=%d", n), func(b *testing.B) {
			fsys := benchSite(b, n)
			md := markdown.New()
			b.ReportAllocs()
			cputime.Report(b, func() {
				for b.Loop() {
					ld := NewLoader(md)
					var l diag.List
					ld.parseAll(fsys, ld.walk(fsys, &l), &l)
					if len(l) > 0 {
						b.Fatal(l[0].String())
					}
				}
			})
		})
	}
}

// BenchmarkResolve measures validation and resolving alone: ids,
// relations, body links and backlinks over already parsed files.
func BenchmarkResolve(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("demands=%d", n), func(b *testing.B) {
			fsys := benchSite(b, n)
			ld := NewLoader(markdown.New())
			var l diag.List
			ps := ld.parseAll(fsys, ld.walk(fsys, &l), &l)
			b.ReportAllocs()
			cputime.Report(b, func() {
				for b.Loop() {
					var l diag.List
					if resolve(ps, Options{}, nil, &l); len(l) > 0 {
						b.Fatal(l[0].String())
					}
				}
			})
		})
	}
}

// BenchmarkReload measures a serve-mode reload in which nothing changed:
// every file is read and hashed, none is parsed again.
func BenchmarkReload(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("demands=%d", n), func(b *testing.B) {
			fsys := benchSite(b, n)
			ld := NewLoader(markdown.New())
			ld.Load(fsys, Options{})
			b.ReportAllocs()
			cputime.Report(b, func() {
				for b.Loop() {
					if _, l := ld.Load(fsys, Options{}); len(l) > 0 || ld.Parsed != 0 {
						b.Fatalf("%d diagnostics, %d files parsed again", len(l), ld.Parsed)
					}
				}
			})
		})
	}
}
