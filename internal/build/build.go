package build

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/deps"
	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/editorfile"
	"github.com/explainer/explainer/internal/generate"
	"github.com/explainer/explainer/internal/linkcheck"
	"github.com/explainer/explainer/internal/markdown"
	"github.com/explainer/explainer/internal/render"
)

// StaticDir is the folder, relative to the site root, copied to the output root.
const StaticDir = "static"

// Options are the build settings.
type Options struct {
	content.Options
}

// Builder builds sites and keeps what a rebuild reuses: the content
// Loader's parse cache and the last good build's snapshot. It is not safe
// for concurrent use: one goroutine owns it.
type Builder struct {
	md     *markdown.Engine
	loader *content.Loader
	last   *snapshot
	// search keeps each edition's search index entries between builds,
	// by the edition's language code: the editions'
	// indexes are made at the same time, so each needs its own cache.
	search   map[string]*generate.SearchCache
	searchMu sync.Mutex
	// declared holds the analyses of the Go code's declared reads, by
	// kind: they never change.
	declared map[*kind]*deps.Analysis
	// trace, when set, is told how long each stage of a rebuild took.
	trace func(stage string, d time.Duration)
	// share keeps the share images drawn (ogimages.go).
	share shareCards
	// once is set for a Builder that makes one build (NewOnce); emit,
	// when set, takes its files as they are made.
	once bool
	emit *Emitter
}

// New returns a Builder with empty caches.
func New() *Builder {
	md := markdown.New()
	return &Builder{md: md, loader: content.NewLoader(md), declared: map[*kind]*deps.Analysis{}}
}

// NewOnce returns a Builder for a single build, as build and check make:
// it records nothing that only a rebuild reads (what each page read, the
// field hashes of every brief, the search index's entries), which is a
// sixth of a cold build's CPU at 10,000 demands. Every build it makes is
// a full build, with the same output as New's.
//
// With an Emitter, each page and generated file goes to it as soon as it
// is made, and the Output keeps only what the link check needs of it
// (see Output.Len): a site's pages are never all in memory at once. The
// caller then commits or aborts the Emitter, depending on the Result.
func NewOnce(e *Emitter) *Builder {
	b := New()
	b.once, b.emit = true, e
	return b
}

// Output returns the last good build's output, or nil before the first.
// It never changes: a later build makes a new one.
func (b *Builder) Output() *Output {
	if b.last == nil {
		return nil
	}
	return b.last.out
}

// Result is what one build produced.
type Result struct {
	Site   *content.Site
	Output *Output
	Diags  diag.List
	// Changed lists output paths that differ from the previous good build
	// (nil from a NewOnce Builder, which keeps no previous build).
	Changed []string
	// Parsed counts content files parsed, not taken from the cache.
	Parsed int
	// Rendered counts the pages rendered; the others were unchanged since
	// the last good build and kept.
	Rendered int
	// made lists the output paths made (pages and generated files).
	made []string
	// Err is the context's error when the build was stopped (see
	// BuildContext); Output and Diags are then nil.
	Err error
}

// Build loads, renders and checks the site in fsys (the site root). When
// the result has errors, Output is nil and the last good build stays the
// Builder's; warnings and infos come with a complete Output.
func (b *Builder) Build(fsys fs.FS, opts Options) *Result {
	return b.BuildContext(context.Background(), fsys, opts)
}

// BuildContext is Build that stops soon after ctx is done, whatever the
// stage: the loader, the render workers (between pages and inside a page),
// the generated files and the link check all look at ctx. A stopped build
// returns a Result with only Err set, and leaves Last and the caches as a
// build that never ran would.
func (b *Builder) BuildContext(ctx context.Context, fsys fs.FS, opts Options) *Result {
	res, _ := b.plan(ctx, fsys, opts, nil, false)
	return res
}

// Rebuild is Build for serve mode, given the source paths (relative to the
// site root) that changed since the last call: other content files whose
// parse is cached are not read again. A nil changed means unknown, and
// every file is read. Either way only the pages whose inputs changed since
// the last good build are rendered (engine.go), and the result is
// byte-identical to a fresh Build of the same files.
func (b *Builder) Rebuild(fsys fs.FS, opts Options, changed []string) *Result {
	res, p := b.plan(context.Background(), fsys, opts, changed, false)
	if p != nil {
		panic("build: a one-phase rebuild left work for later")
	}
	return res
}

// RebuildPages is the first phase of a two-phase Rebuild (engine.go).
// When it returns a nil Pending the Result is complete; otherwise call
// Finish with the Pending to complete it, before the next RebuildPages or
// not at all.
func (b *Builder) RebuildPages(fsys fs.FS, opts Options, changed []string) (*Result, *Pending) {
	return b.plan(context.Background(), fsys, opts, changed, true)
}

// contentOnly reports whether every changed path is under content/; nil
// (unknown) is not.
func contentOnly(changed []string) bool {
	if changed == nil {
		return false
	}
	for _, p := range changed {
		if !strings.HasPrefix(p, content.Dir+"/") {
			return false
		}
	}
	return true
}

// made is one job's result.
type made struct {
	bytes []byte
	reads deps.Reads
	diags diag.List
	// written is set when bytes went to the Builder's Emitter, and scan
	// then holds what the link check needs of an HTML file.
	written bool
	scan    *linkcheck.Scanned
}

// keep puts the bytes of the file p into m: to the Builder's Emitter if
// it has one, keeping only what the link check needs of them, else into
// m.bytes (a copy unless owned: the caller may reuse bytes it does not
// own). Nil bytes are no file.
func (b *Builder) keep(p string, bytes []byte, owned bool, m *made) {
	switch {
	case bytes == nil:
	case b.emit != nil:
		if strings.HasSuffix(p, ".html") {
			m.scan = b.emit.scan.Scan(bytes)
		}
		b.emit.write(p, bytes)
		m.written = true
	case owned:
		m.bytes = bytes
	default:
		m.bytes = slices.Clone(bytes)
	}
}

// make runs one job: it builds the view, evaluates what the view can show
// (the kind's layout analysis and declared reads on this very view), and
// renders the page or makes the file.
func (b *Builder) make(ctx context.Context, j *job, lay *layout, ts *render.Templates) made {
	v := j.view()
	var m made
	if !b.once {
		m.reads = lay.eval(v)
	}
	if j.kind.class == file {
		// A copy: the site's files share one Input, and run makes them
		// at the same time.
		in := *v.(*generate.Input)
		in.Ctx = ctx
		if !b.once {
			in.Search = b.searchCache(in.Site.Lang.Code)
		}
		out, err := j.kind.make(&in)
		if err != nil {
			m.diags.Addf(diag.Pos{File: content.Dir}, "generating %s: %v", j.path, err)
		}
		b.keep(j.path, out, true, &m)
		return m
	}
	html, err := render.Body(b.md, j.page)
	if err != nil {
		m.diags.Addf(diag.Pos{File: j.page.File}, "rendering Markdown: %v", err)
		return m
	}
	v.(interface{ SetContent(template.HTML) }).SetContent(html)
	if j.lang == "" {
		// a site without languages: the default set
	} else if lt := ts.ForLang(j.lang); lt != nil {
		ts = lt
	} else {
		m.diags.Addf(diag.Pos{File: content.Dir + "/_index.md"}, "no interface strings for the language %q of %s", j.lang, j.path)
		return m
	}
	d := ts.ExecuteWith(ctx, j.kind.name, v, func(page []byte) {
		if len(page) > 0 { // else no file, as ExecuteContext returns none
			b.keep(j.path, page, false, &m)
		}
	})
	if d != nil {
		if j.page.File != "" {
			d.Notes = append(d.Notes, diag.Note{Pos: diag.Pos{File: j.page.File}, Msg: fmt.Sprintf("while rendering %s", j.path)})
		}
		m.diags = append(m.diags, *d)
	}
	return m
}

// copyStatic adds every regular file under static/ to the output root,
// except editors' temporary and lock files, and returns their output paths.
func copyStatic(fsys fs.FS, out *Output) ([]string, diag.List) {
	var l diag.List
	var paths []string
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
		if out.has(rel) {
			l.Addf(diag.Pos{File: p}, "static file would overwrite the generated %s", rel)
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			l.Addf(diag.Pos{File: p}, "cannot read: %v", err)
			return nil
		}
		out.Files[rel] = b
		paths = append(paths, rel)
		return nil
	})
	if err != nil {
		l.Addf(diag.Pos{File: StaticDir}, "cannot read: %v", err)
	}
	return paths, l
}

// searchCache returns the search cache of the edition in lang, made on
// first use. Render workers call it at the same time.
func (b *Builder) searchCache(lang string) *generate.SearchCache {
	b.searchMu.Lock()
	defer b.searchMu.Unlock()
	if b.search == nil {
		b.search = map[string]*generate.SearchCache{}
	}
	c := b.search[lang]
	if c == nil {
		c = &generate.SearchCache{}
		b.search[lang] = c
	}
	return c
}
