package build

import (
	"context"
	"fmt"
	"hash/maphash"
	"io/fs"
	"runtime"
	"strings"
	"sync"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/editorfile"
	"github.com/explainer/explainer/internal/markdown"
	"github.com/explainer/explainer/internal/render"
)

// StaticDir is the folder, relative to the site root, copied to the output root.
const StaticDir = "static"

// Options are the build settings.
type Options struct {
	content.Options
}

// Builder builds sites and keeps caches between builds. It is not safe for
// concurrent use: one goroutine owns it.
type Builder struct {
	md     *markdown.Engine
	loader *content.Loader
	// Last is the last successful output, or nil.
	Last *Output
	// keys holds, for each page of Last, the key of the inputs it was
	// rendered from (see keys.go); a page whose key is unchanged is not
	// rendered again.
	keys map[string]uint64
	seed maphash.Seed
	// bodyHashes caches the hash of each parsed body, which the content
	// Loader keeps as the same *markdown.Doc while its file is unchanged.
	bodyHashes map[*markdown.Doc]uint64
	// fast, when set, lets a body edit skip the load (fastpath.go).
	fast *fastState
	// search keeps the search index's entries (searchcache.go).
	search searchCache
}

// New returns a Builder with empty caches.
func New() *Builder {
	md := markdown.New()
	return &Builder{md: md, loader: content.NewLoader(md), seed: maphash.MakeSeed(), bodyHashes: map[*markdown.Doc]uint64{}}
}

// Result is what one build produced.
type Result struct {
	Site   *content.Site
	Output *Output
	Diags  diag.List
	// Changed lists output paths that differ from the previous good build.
	Changed []string
	// Parsed counts content files parsed, not taken from the cache.
	Parsed int
	// Rendered counts the pages rendered; the others were unchanged since
	// the last good build and kept.
	Rendered int
	// Err is the context's error when the build was stopped (see
	// BuildContext); Output and Diags are then nil.
	Err error
}

// Build loads, renders and checks the site in fsys (the site root). When
// the result has errors, Output is nil and Last is unchanged; warnings and
// infos come with a complete Output.
func (b *Builder) Build(fsys fs.FS, opts Options) *Result {
	return b.BuildContext(context.Background(), fsys, opts)
}

// BuildContext is Build that stops soon after ctx is done, whatever the
// stage: the loader, the render workers (between pages and inside a page),
// the generated files and the link check all look at ctx. A stopped build
// returns a Result with only Err set, and leaves Last and the caches as a
// build that never ran would.
func (b *Builder) BuildContext(ctx context.Context, fsys fs.FS, opts Options) *Result {
	res, _ := b.rebuild(ctx, fsys, opts, nil, false)
	return res
}

// Rebuild is Build for serve mode, given the source paths (relative to the
// site root) that changed since the last call: other content files whose
// parse is cached are not read again. A nil changed means unknown, and
// every file is read. Either way only the pages whose inputs changed since
// the last good build are rendered, and the result is byte-identical to a
// fresh Build of the same files.
func (b *Builder) Rebuild(fsys fs.FS, opts Options, changed []string) *Result {
	res, _ := b.rebuild(context.Background(), fsys, opts, changed, false)
	return res
}

// render executes every job on GOMAXPROCS workers. Once ctx is done the
// workers render nothing more, and the pages they were rendering stop
// short; the caller must then drop out.
func (b *Builder) render(ctx context.Context, jobs []job, ts *render.Templates, out *Output) diag.List {
	results := make([][]byte, len(jobs))
	errs := make([]diag.List, len(jobs))
	var wg sync.WaitGroup
	work := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if ctx.Err() == nil {
					results[i], errs[i] = b.renderOne(ctx, jobs[i], ts)
				}
			}
		}()
	}
	for _, i := range dispatchOrder(jobs) {
		work <- i
	}
	close(work)
	wg.Wait()
	var l diag.List
	for i, j := range jobs {
		l.Merge(errs[i])
		if results[i] != nil {
			out.Files[j.path] = results[i]
			out.Pages++
		}
	}
	return l
}

func (b *Builder) renderOne(ctx context.Context, j job, ts *render.Templates) ([]byte, diag.List) {
	var l diag.List
	html, err := render.Body(b.md, j.view.Page)
	if err != nil {
		l.Addf(diag.Pos{File: j.view.Page.File}, "rendering Markdown: %v", err)
		return nil, l
	}
	j.view.Content = html
	if j.data != nil {
		j.view.Data = j.data()
	}
	page, d := ts.ExecuteContext(ctx, j.kind, j.view)
	if d != nil {
		if j.view.Page.File != "" {
			d.Notes = append(d.Notes, diag.Note{Pos: diag.Pos{File: j.view.Page.File}, Msg: fmt.Sprintf("while rendering %s", j.path)})
		}
		l = append(l, *d)
		return nil, l
	}
	return page, l
}

// copyStatic adds every regular file under static/ to the output root,
// except editors' temporary and lock files.
func copyStatic(fsys fs.FS, out *Output) diag.List {
	var l diag.List
	err := fs.WalkDir(fsys, StaticDir, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			if p == StaticDir {
				return fs.SkipDir // no static/ is fine
			}
			l.Addf(diag.Pos{File: p}, "cannot read: %v", err)
			return nil
		}
		if de.IsDir() || editorfile.Is(p) {
			return nil
		}
		if !de.Type().IsRegular() {
			l.Add(diag.Pos{File: p}, "not a regular file: static/ holds only files (links are never followed)")
			return nil
		}
		rel := strings.TrimPrefix(p, StaticDir+"/")
		if rel == MarkerFile {
			l.Addf(diag.Pos{File: p}, "static file would overwrite the output marker %s, which Emit writes", MarkerFile)
			return nil
		}
		if _, clash := out.Files[rel]; clash {
			l.Addf(diag.Pos{File: p}, "static file would overwrite the generated %s", rel)
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			l.Addf(diag.Pos{File: p}, "cannot read: %v", err)
			return nil
		}
		out.Files[rel] = b
		return nil
	})
	if err != nil {
		l.Addf(diag.Pos{File: StaticDir}, "cannot read: %v", err)
	}
	return l
}
