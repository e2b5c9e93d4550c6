package build

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"sort"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/deps"
	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/linkcheck"
	"github.com/explainer/explainer/internal/markdown"
	"github.com/explainer/explainer/internal/pool"
	"github.com/explainer/explainer/internal/render"
	"github.com/explainer/explainer/internal/views"
)

// How a rebuild knows what to render. Nothing is declared by hand about
// what a layout shows: package deps reads each kind's layouts (their
// parse trees, with the type of the view the kind receives) and finds the
// typed paths a page of the kind can follow (View.Demand.Conflicts[].
// Demand.Page.Title). When a job runs, those paths are walked over its
// view to get the (page, field) pairs it can show. A rebuild hashes every
// page's fields, compares them with the last good build's, and renders a
// job again only when one of the pairs it recorded changed, its kind's
// layouts (the templates it reaches) changed, or it is new. What the Go
// code computing a view's Data reads (the matrix, the map) is declared
// next to that code (views.MatrixReads); generated files declare theirs
// in package generate.
//
// Each good build leaves an immutable snapshot; a rebuild is one plan from
// the previous snapshot and the changed files:
//
//  1. the new site: content.Loader.PatchBody's copy of the old one when
//     only one brief's body, title or summary changed (no load, no
//     resolve), else LoadChanged;
//  2. the field hashes (after a body edit, only that page's) and the
//     changes since the snapshot;
//  3. the jobs to run: in a two-phase rebuild (serve, after a content
//     edit that adds or removes no page) the briefs' pages now, the
//     whole-site pages and generated files later (Finish), their old bytes
//     kept and marked stale meanwhile, so that whichever build comes next
//     renders them if Finish did not;
//  4. render, copy static/, check the links that are new.

// snapshot is one good build. Nothing in it changes once made.
type snapshot struct {
	opts    Options
	site    *content.Site
	ts      *render.Templates
	jobs    []*job
	out     *Output
	hashes  deps.Hashes
	layouts map[*kind]*layout
	// reads holds what each output file was made from.
	reads map[string]jobReads
	// stale lists the files whose bytes are an older build's: a first
	// phase's whole-site pages and files, which Finish makes.
	stale map[string]bool
}

type jobReads struct {
	kind  *kind
	reads deps.Reads
}

// layout is what a kind's pages read: the analysis of its layouts, the
// declared reads of its Go code, and a key that changes when a template
// the kind reaches changes.
type layout struct {
	an, decl *deps.Analysis
	key      [32]byte
}

func (l *layout) eval(v any) deps.Reads {
	if l == nil || l.an == nil {
		r := deps.Reads{All: true}
		if l != nil && l.decl != nil {
			r = model.Eval(l.decl, v)
		}
		return r
	}
	r := model.Eval(l.an, v)
	if l.decl != nil {
		r.Add(model.Eval(l.decl, v))
	}
	return r
}

// model is the content's entity model, with the declarations of every
// method and computed field layouts can reach.
var model = func() *deps.Model {
	var virtuals []deps.Virtual
	for _, k := range pageKinds {
		t := k.view.Elem()
		virtuals = append(virtuals,
			deps.Virtual{Type: t, Field: "Content", Reads: []string{"Page.Doc"}},
			deps.Virtual{Type: t, Field: "Base", Reads: []string{"Site.Base"}})
	}
	// A body's HTML holds the URLs of the pages it links to.
	virtuals = append(virtuals, deps.Virtual{Type: reflect.TypeFor[content.Page](), Field: "Doc", Reads: []string{"LinksTo[].URL", "URL"}})
	m, err := deps.NewModel(deps.Options{
		Site: reflect.TypeFor[content.Site](), Page: reflect.TypeFor[content.Page](),
		Funcs: render.Funcs(), Fragment: render.FragmentFunc,
		Methods: slices.Concat(content.Methods, views.Methods), Virtuals: virtuals,
	})
	if err != nil {
		panic(err)
	}
	return m
}()

// analyse analyses every kind's layouts, reusing the previous snapshot's
// analyses when the layouts are the same.
func (b *Builder) analyse(ts *render.Templates, prev *snapshot) map[*kind]*layout {
	if prev != nil && prev.ts.Sum == ts.Sum {
		return prev.layouts
	}
	out := map[*kind]*layout{}
	for _, k := range append(slices.Clone(pageKinds), generatedFiles...) {
		l := &layout{decl: b.declare(k)}
		if k.class != file {
			if trees := ts.Trees(k.name); trees != nil {
				l.an = model.Analyse(trees, render.Entry, k.view)
				names := slices.Sorted(maps.Keys(l.an.Templates))
				h := sha256.New()
				for _, n := range names {
					h.Write([]byte(n + "\x00" + l.an.Templates[n] + "\x00"))
				}
				h.Sum(l.key[:0])
			}
		}
		out[k] = l
	}
	return out
}

func (b *Builder) declare(k *kind) *deps.Analysis {
	if len(k.reads) == 0 {
		return nil
	}
	a, ok := b.declared[k]
	if !ok {
		a = model.Declare(k.view, k.reads...)
		b.declared[k] = a
	}
	return a
}

// hashes returns the field hashes of the site and of every job's page.
// When only is set, it is the one page that changed since prev (a body
// edit): the other pages' hashes are prev's.
func hashes(site *content.Site, jobs []*job, prev *snapshot, only *content.Page) deps.Hashes {
	hs := model.NewHasher()
	hs.Leaf[reflect.TypeFor[*markdown.Doc]()] = hashDoc
	var todo []any
	var out deps.Hashes
	if prev != nil && only != nil {
		out = maps.Clone(prev.hashes)
		for _, j := range jobs {
			if j.page == only || (j.page != nil && j.page.File == "" && j.kind.class == whole && j.kind != homeKind) {
				todo = append(todo, j.entity)
			}
		}
	} else {
		out = make(deps.Hashes, len(jobs)+1)
		for _, j := range jobs {
			if j.entity != nil {
				todo = append(todo, j.entity)
			}
		}
	}
	todo = append(todo, site)
	ids := make([]string, len(todo))
	fields := make([]deps.Fields, len(todo))
	pool.Each(len(todo), func() func(int) {
		return func(i int) { ids[i], fields[i] = hs.Entity(reflect.ValueOf(todo[i])) }
	})
	for i, id := range ids {
		out[id] = fields[i]
	}
	return out
}

// hashDoc hashes a parsed body by its source; the URLs its links take
// are the reads of Page.Doc's declaration.
func hashDoc(v reflect.Value) uint64 {
	d := v.Interface().(*markdown.Doc)
	if d == nil {
		return 0
	}
	h := sha256.Sum256(d.Source)
	return uint64(h[0]) | uint64(h[1])<<8 | uint64(h[2])<<16 | uint64(h[3])<<24 |
		uint64(h[4])<<32 | uint64(h[5])<<40 | uint64(h[6])<<48 | uint64(h[7])<<56
}

// Pending is the second phase of a two-phase rebuild.
type Pending struct {
	base  *snapshot // the first phase's, which Finish completes
	later []*job
}

// plan is one rebuild (see above); twoPhase allows a Pending.
func (b *Builder) plan(fsys fs.FS, opts Options, changed []string, twoPhase bool) (*Result, *Pending) {
	prev := b.last
	if prev != nil && !reflect.DeepEqual(prev.opts, opts) {
		prev = nil
	}
	var site *content.Site
	var only *content.Page
	var l diag.List
	if prev != nil && contentOnly(changed) && len(changed) == 1 {
		if s, pg, card := b.loader.PatchBody(prev.site, fsys, opts.Options, changed[0]); s != nil {
			site = s
			if !card {
				only = pg
			}
		}
	}
	if site == nil {
		site, l = b.loader.LoadChanged(fsys, opts.Options, changed)
	}
	ts, tl := render.Load(fsys)
	l.Merge(tl)
	res := &Result{Site: site, Diags: l, Parsed: b.loader.Parsed}
	if len(l) > 0 {
		res.Diags.Sort()
		return res, nil
	}
	layouts := b.analyse(ts, prev)
	js := jobs(site, ts)
	snap := &snapshot{opts: opts, site: site, ts: ts, jobs: js, layouts: layouts,
		hashes: hashes(site, js, prev, only), reads: make(map[string]jobReads, len(js)), stale: map[string]bool{}}
	var todo []*job
	samePaths := prev != nil && len(prev.jobs) == len(js)
	if prev == nil {
		todo = js
	} else {
		for i, j := range js {
			samePaths = samePaths && prev.jobs[i].path == j.path
		}
		changes := model.Changed(prev.hashes, snap.hashes)
		for _, j := range js {
			old, ok := prev.reads[j.path]
			_, had := prev.out.Files[j.path]
			if !ok || !had || old.kind != j.kind || prev.stale[j.path] ||
				layouts[j.kind].key != prev.layouts[j.kind].key ||
				(j.kind.lists && !samePaths) || old.reads.Touches(changes) {
				todo = append(todo, j)
				continue
			}
			snap.reads[j.path] = old
		}
	}
	var later []*job
	if twoPhase && prev != nil && samePaths && contentOnly(changed) {
		now := todo[:0:0]
		for _, j := range todo {
			if j.kind.class == brief {
				now = append(now, j)
			} else {
				later = append(later, j)
			}
		}
		todo = now
	}
	out := &Output{Files: make(map[string][]byte, len(js)+64)}
	if prev != nil {
		for path := range snap.reads {
			out.Files[path] = prev.out.Files[path]
		}
		for _, j := range later {
			out.Files[j.path] = prev.out.Files[j.path]
			snap.reads[j.path] = prev.reads[j.path]
			snap.stale[j.path] = true
		}
	}
	res.Rendered = countPages(todo)
	l.Merge(b.run(context.Background(), todo, snap, out, res))
	l.Merge(copyStatic(fsys, out))
	out.Pages = countOutPages(js, out)
	if len(l) == 0 {
		l.Merge(b.check(prev, snap, out, todo))
		if len(l) > 0 && len(later) > 0 {
			// The mixed output may break where the full one would not:
			// make the rest now, in one phase.
			l = b.run(context.Background(), later, snap, out, res)
			res.Rendered += countPages(later)
			all := append(todo, later...)
			later = nil
			out.Pages = countOutPages(js, out)
			if len(l) == 0 {
				l.Merge(b.check(prev, snap, out, all))
			}
		}
	}
	l.Sort()
	res.Diags = l
	if len(l) > 0 {
		return res, nil
	}
	snap.out = out
	res.Output = out
	res.Changed = out.Changed(b.Output())
	b.last = snap
	if len(later) == 0 {
		return res, nil
	}
	return res, &Pending{base: snap, later: later}
}

// Finish is the second phase of a two-phase rebuild: it renders the
// whole-site pages and makes the files that the first phase kept. It
// returns nil, leaving the Builder as the first phase left it, when ctx is
// done first or when another build came after p's first phase. Its
// Result's Changed lists what changed since the first phase.
func (b *Builder) Finish(ctx context.Context, p *Pending) *Result {
	base := p.base
	if b.last != base {
		return nil
	}
	snap := *base
	snap.reads = maps.Clone(base.reads)
	snap.stale = map[string]bool{}
	out := &Output{Files: maps.Clone(base.out.Files)}
	res := &Result{Site: base.site, Rendered: countPages(p.later)}
	res.Diags = b.run(ctx, p.later, &snap, out, res)
	if ctx.Err() != nil {
		return nil
	}
	out.Pages = countOutPages(snap.jobs, out)
	if len(res.Diags) == 0 {
		res.Diags.Merge(b.check(base, &snap, out, p.later))
	}
	res.Diags.Sort()
	if len(res.Diags) > 0 {
		return res
	}
	snap.out = out
	res.Output = out
	res.Changed = out.Changed(base.out)
	b.last = &snap
	return res
}

// run makes the jobs into out and records their reads in snap: pages on
// every core (those that show the whole site first: they take longest),
// then the generated files in order. It stops early when ctx is done.
func (b *Builder) run(ctx context.Context, todo []*job, snap *snapshot, out *Output, res *Result) diag.List {
	var pages, files []*job
	for _, j := range todo {
		if j.kind.class == file {
			files = append(files, j)
		} else {
			pages = append(pages, j)
		}
	}
	sort.SliceStable(pages, func(i, k int) bool { return pages[i].kind.class != brief && pages[k].kind.class == brief })
	results := make([]made, len(pages))
	pool.Each(len(pages), func() func(int) {
		return func(i int) {
			if ctx.Err() == nil {
				results[i] = b.make(ctx, pages[i], snap.layouts[pages[i].kind], snap.ts)
			}
		}
	})
	for _, j := range files {
		if ctx.Err() != nil {
			break
		}
		results = append(results, b.make(ctx, j, snap.layouts[j.kind], snap.ts))
		pages = append(pages, j)
	}
	var l diag.List
	for _, j := range pages[:len(results)] {
		res.made = append(res.made, j.path)
	}
	for i, j := range pages[:len(results)] {
		m := results[i]
		l.Merge(m.diags)
		if m.bytes != nil {
			out.Files[j.path] = m.bytes
		} else {
			delete(out.Files, j.path)
		}
		snap.reads[j.path] = jobReads{kind: j.kind, reads: m.reads}
		delete(snap.stale, j.path)
	}
	return l
}

// check checks the links of out after the jobs in made ran.
func (b *Builder) check(prev, snap *snapshot, out *Output, made []*job) diag.List {
	src := make(map[string]string, len(snap.jobs))
	for _, j := range snap.jobs {
		if j.page != nil {
			src[j.path] = j.page.File
		}
	}
	srcOf := func(p string) string { return src[p] }
	if prev == nil {
		return linkcheck.All(out.Files, snap.site.Base, srcOf)
	}
	paths := make([]string, 0, len(made))
	for _, j := range made {
		paths = append(paths, j.path)
	}
	return linkcheck.Changed(out.Files, prev.out.Files, snap.site.Base, paths, srcOf)
}

func countPages(js []*job) int {
	n := 0
	for _, j := range js {
		if j.kind.class != file {
			n++
		}
	}
	return n
}

func countOutPages(js []*job, out *Output) int {
	n := 0
	for _, j := range js {
		if _, ok := out.Files[j.path]; ok && j.kind.class != file {
			n++
		}
	}
	return n
}
