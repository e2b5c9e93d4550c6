package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"sort"
	"time"

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

// snapshot is one good build. Nothing in it changes once made. Its
// per-job slices are aligned with jobs.
type snapshot struct {
	opts    Options
	site    *content.Site
	ts      *render.Templates
	jobs    []*job
	out     *Output
	static  []string // the files copied from static/
	layouts map[*kind]*layout
	// ids and hashes are each job's entity id ("" for a generated file)
	// and field hashes; siteHash the site's.
	ids    []string
	hashes []deps.Fields
	// siteHash holds the site's hashes, then each language edition's
	// (content.Site.Translations): they share the entity id deps.SiteID,
	// so a change of any edition's changes it.
	siteHash []deps.Fields
	// reads holds what each job's output was made from.
	reads []jobReads
	// events holds the field hashes of the site's events, which no job
	// stands for, by entity id.
	events deps.Hashes
	// stale lists the files whose bytes are an older build's: a first
	// phase's whole-site pages and files, which Finish makes.
	stale map[string]bool
	// share lists the share images (ogimages.go).
	share []string
	// warned is set when the load had warnings: a body edit then loads
	// again, so that the next build reports them too.
	warned bool
}

// index maps each job's output path to its index.
func (s *snapshot) index() map[string]int {
	m := make(map[string]int, len(s.jobs))
	for i, j := range s.jobs {
		m[j.path] = i
	}
	return m
}

type jobReads struct {
	kind  *kind
	reads deps.Frozen
}

// layout is what a kind's pages read: the analysis of its layouts, the
// declared reads of its Go code, and a key that changes when a template
// the kind reaches changes.
type layout struct {
	an, decl *deps.Analysis
	key      [32]byte
	opaque   bool // kind.opaque: reads all
}

func (l *layout) eval(v any) deps.Reads {
	if l != nil && l.opaque {
		return deps.Reads{All: true}
	}
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
	methods := slices.Concat(content.Methods, views.Methods)
	for _, k := range pageKinds {
		t := k.view.Elem()
		virtuals = append(virtuals,
			deps.Virtual{Type: t, Field: "Content", Reads: []string{"Page.Doc"}},
			deps.Virtual{Type: t, Field: "Base", Reads: []string{"Site.Base"}})
		methods = append(methods,
			deps.Method{Type: t, Name: "ShareTitle", Reads: []string{"Actor.Title", "Topic.Title", "Demand.Actor.Title", "Site.Home.Title"}},
			deps.Method{Type: t, Name: "ShareImage", Reads: []string{"Actor.ID", "Topic.ID", "Demand.Actor.ID", "Site.Origin", "Site.Base"}},
			deps.Method{Type: t, Name: "Alternates", Reads: []string{"Page.URL", "Site.Base", "Site.Origin", "Site.Lang", "Site.Languages"}},
			deps.Method{Type: t, Name: "TextLang", Reads: []string{"Page.Lang", "Site.Lang"}})
	}
	// A body's HTML holds the URLs of the pages it links to.
	virtuals = append(virtuals, deps.Virtual{Type: reflect.TypeFor[content.Page](), Field: "Doc", Reads: []string{"LinksTo[].URL", "URL"}})
	m, err := deps.NewModel(deps.Options{
		Site: reflect.TypeFor[content.Site](), Page: reflect.TypeFor[content.Page](),
		Funcs: render.Funcs(), Fragment: render.FragmentFunc,
		Methods: methods, Virtuals: virtuals, Declared: views.Funcs,
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
		l := &layout{decl: b.declare(k), opaque: k.opaque}
		if k.class != file {
			if trees := ts.Trees(k.name); trees != nil {
				l.an = model.Analyse(trees, render.Entry, k.view)
				names := slices.Sorted(maps.Keys(l.an.Templates))
				h := sha256.New()
				for _, n := range names {
					h.Write([]byte(n + "\x00" + l.an.Templates[n] + "\x00"))
				}
				// The language's strings are part of every layout.
				if _, b := ts.Lang(); b != nil {
					h.Write(b.Sum[:])
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

// hash fills snap's field hashes and returns what changed since prev.
// When only is set, it is the one page that changed since prev, whose jobs
// are the same (a body edit): the other pages' hashes are prev's.
func hash(snap, prev *snapshot, same bool, only *content.Page) deps.Changes {
	hs := model.NewHasher()
	hs.Leaf[reflect.TypeFor[*markdown.Doc]()] = hashDoc
	js := snap.jobs
	snap.ids, snap.hashes = make([]string, len(js)), make([]deps.Fields, len(js))
	var todo []int
	partial := prev != nil && same && only != nil
	if partial {
		copy(snap.ids, prev.ids)
		copy(snap.hashes, prev.hashes)
	}
	for i, j := range js {
		if j.entity == nil {
			continue
		}
		// The generated pages' own fields (their date) are made anew.
		if !partial || j.page == only || (j.page.File == "" && j.kind.class == whole && j.kind != homeKind) {
			todo = append(todo, i)
		}
	}
	pool.Each(len(todo), func() func(int) {
		return func(k int) {
			i := todo[k]
			snap.ids[i], snap.hashes[i] = hs.Entity(reflect.ValueOf(js[i].entity))
		}
	})
	snap.siteHash = nil
	snap.events = deps.Hashes{}
	for _, ed := range append([]*content.Site{snap.site}, snap.site.Translations...) {
		_, f := hs.Entity(reflect.ValueOf(ed))
		snap.siteHash = append(snap.siteHash, f)
		for _, e := range ed.Events {
			id, f := hs.Entity(reflect.ValueOf(e))
			snap.events[id] = f
		}
	}
	c := deps.Changes{}
	if prev == nil {
		return c
	}
	maps.Copy(c, model.Changed(prev.events, snap.events))
	var sd deps.Mask
	if len(prev.siteHash) != len(snap.siteHash) {
		sd = ^deps.Mask(0)
	}
	for i := range min(len(prev.siteHash), len(snap.siteHash)) {
		sd |= model.Diff(prev.siteHash[i], snap.siteHash[i])
	}
	if sd != 0 {
		c[deps.SiteID] = sd
	}
	if same {
		if !partial {
			todo = todo[:0]
			for i := range js {
				todo = append(todo, i)
			}
		}
		for _, i := range todo {
			if snap.ids[i] == "" {
				continue
			}
			if d := model.Diff(prev.hashes[i], snap.hashes[i]); d != 0 {
				c[snap.ids[i]] = d
			}
		}
		return c
	}
	old := deps.Hashes{}
	for i, id := range prev.ids {
		if id != "" {
			old[id] = prev.hashes[i]
		}
	}
	now := deps.Hashes{}
	for i, id := range snap.ids {
		if id != "" {
			now[id] = snap.hashes[i]
		}
	}
	for id, m := range model.Changed(old, now) {
		c[id] = m
	}
	return c
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
	later []int     // indices of its jobs
}

// plan is one rebuild (see above); twoPhase allows a Pending.
//
// Once ctx is done it stops, returning a Result with only Err set and
// leaving the Builder as a build that never ran would.
func (b *Builder) plan(ctx context.Context, fsys fs.FS, opts Options, changed []string, twoPhase bool) (*Result, *Pending) {
	stopped := func() (*Result, *Pending) { return &Result{Err: ctx.Err()}, nil }
	prev := b.last
	t0 := time.Now()
	stage := func(name string) {
		if b.trace != nil {
			b.trace(name, time.Since(t0))
		}
		t0 = time.Now()
	}
	if b.once || prev != nil && !reflect.DeepEqual(prev.opts, opts) {
		prev = nil
	}
	var site *content.Site
	var only *content.Page
	var l diag.List
	if prev != nil && !prev.warned && contentOnly(changed) && len(changed) == 1 {
		if s, pg, card := b.loader.PatchBody(prev.site, fsys, opts.Options, changed[0]); s != nil {
			site = s
			if !card {
				only = pg
			}
		}
	}
	if site == nil {
		stage("patch refused")
		site, l = b.loader.LoadChangedContext(ctx, fsys, opts.Options, changed)
		if ctx.Err() != nil {
			return stopped()
		}
	}
	stage("site")
	var pts *render.Templates
	if prev != nil {
		pts = prev.ts
	}
	// Each language's layouts speak it (ForLang): load the strings of
	// the languages the site declares, or of those with a file.
	var codes []string
	for _, g := range site.Languages {
		codes = append(codes, g.Code)
	}
	ts, tl := render.ReloadLangs(fsys, pts, codes)
	stage("templates")
	l.Merge(tl)
	res := &Result{Site: site, Diags: l, Parsed: b.loader.Parsed}
	warned := len(l) > 0 // warnings let the build through
	if l.HasErrors() {
		res.Diags.Sort()
		return res, nil
	}
	if b.once {
		defer limitMemory()() // memory.go
	}
	layouts := b.analyse(ts, prev)
	js := jobs(site, ts)
	snap := &snapshot{opts: opts, site: site, ts: ts, jobs: js, layouts: layouts, warned: warned,
		reads: make([]jobReads, len(js)), stale: map[string]bool{}}
	same := prev != nil && len(prev.jobs) == len(js)
	for i := 0; same && i < len(js); i++ {
		same = prev.jobs[i].path == js[i].path
	}
	stage("jobs")
	var changes deps.Changes
	if !b.once {
		changes = hash(snap, prev, same, only)
	}
	stage("hash")
	// prevOf is the index of a job in prev, or -1.
	prevOf := func(i int) int { return -1 }
	if same {
		prevOf = func(i int) int { return i }
	} else if prev != nil {
		idx := prev.index()
		prevOf = func(i int) int {
			if k, ok := idx[js[i].path]; ok {
				return k
			}
			return -1
		}
	}
	var todo []int
	for i, j := range js {
		k := prevOf(i)
		if k < 0 || prev.stale[j.path] || prev.reads[k].kind != j.kind ||
			layouts[j.kind].key != prev.layouts[j.kind].key || langSum(ts, j.lang) != langSum(prev.ts, j.lang) ||
			(j.kind.lists && !same) || prev.reads[k].reads.Touches(changes) {
			todo = append(todo, i)
			continue
		}
		snap.reads[i] = prev.reads[k]
	}
	var later []int
	if twoPhase && same && contentOnly(changed) {
		now := todo[:0:0]
		for _, i := range todo {
			if js[i].kind.class == brief {
				now = append(now, i)
			} else {
				later = append(later, i)
				snap.reads[i] = prev.reads[i]
				snap.stale[js[i].path] = true
			}
		}
		todo = now
	}
	out := &Output{Files: map[string][]byte{}}
	if prev != nil {
		// The previous files, but for those of static/ (copied again)
		// and of jobs that are gone.
		out.Files = maps.Clone(prev.out.Files)
		for _, p := range slices.Concat(prev.static, prev.share) {
			delete(out.Files, p)
		}
		if !same {
			keep := make(map[string]bool, len(js))
			for _, j := range js {
				keep[j.path] = true
			}
			for _, j := range prev.jobs {
				if !keep[j.path] {
					delete(out.Files, j.path)
				}
			}
		}
	}
	stage("plan")
	res.Rendered = countPages(js, todo)
	l.Merge(b.run(ctx, todo, snap, out, res))
	if ctx.Err() != nil {
		return stopped()
	}
	stage("run")
	var shl diag.List
	snap.share, shl = b.share.add(site, ts, out)
	l.Merge(shl)
	stage("share")
	var sl diag.List
	snap.static, sl = copyStatic(fsys, out)
	l.Merge(sl)
	out.Pages = countOutPages(js, out)
	stage("static")
	if !l.HasErrors() {
		cl := b.check(prev, snap, out, res.made)
		stage("check")
		if len(cl) > 0 && len(later) > 0 {
			// The mixed output may break where the full one would not:
			// make the rest now, in one phase.
			cl = b.run(ctx, later, snap, out, res)
			res.Rendered += countPages(js, later)
			later = nil
			out.Pages = countOutPages(js, out)
			if len(cl) == 0 {
				cl.Merge(b.check(prev, snap, out, res.made))
			}
		}
		l.Merge(cl)
	}
	if ctx.Err() != nil {
		return stopped()
	}
	l.Sort()
	res.Diags = l
	if l.HasErrors() {
		return res, nil
	}
	snap.out = out
	res.Output = out
	if !b.once {
		res.Changed = changedFiles(b.last, snap, same, res.made)
	}
	stage("changed")
	b.last = snap
	if len(later) == 0 {
		return res, nil
	}
	return res, &Pending{base: snap, later: later}
}

// langSum identifies the strings the layouts of language code speak
// (render.Templates.ForLang): a page is made again when they change.
func langSum(ts *render.Templates, code string) [32]byte {
	if code == "" {
		return [32]byte{}
	}
	if l := ts.ForLang(code); l != nil {
		if _, b := l.Lang(); b != nil {
			return b.Sum
		}
	}
	return [32]byte{}
}

// changedFiles lists the files of snap that differ from prev's: when the
// jobs and static files are the same, only the files just made can.
func changedFiles(prev, snap *snapshot, same bool, made []string) []string {
	if prev == nil || !same || !slices.Equal(prev.static, snap.static) || !slices.Equal(prev.share, snap.share) || prev.out == nil {
		var old *Output
		if prev != nil {
			old = prev.out
		}
		return snap.out.Changed(old)
	}
	var out []string
	for _, p := range slices.Concat(made, snap.static, snap.share) {
		was, ok := prev.out.Files[p]
		now, has := snap.out.Files[p]
		if ok != has || !bytes.Equal(was, now) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
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
	snap.reads = slices.Clone(base.reads)
	snap.stale = map[string]bool{}
	out := &Output{Files: maps.Clone(base.out.Files)}
	res := &Result{Site: base.site, Rendered: countPages(base.jobs, p.later)}
	res.Diags = b.run(ctx, p.later, &snap, out, res)
	if ctx.Err() != nil {
		return nil
	}
	out.Pages = countOutPages(snap.jobs, out)
	if len(res.Diags) == 0 {
		res.Diags.Merge(b.check(base, &snap, out, res.made))
	}
	res.Diags.Sort()
	if len(res.Diags) > 0 {
		return res
	}
	snap.out = out
	res.Output = out
	res.Changed = changedFiles(base, &snap, true, res.made)
	b.last = &snap
	return res
}

// run makes the jobs into out and records their reads in snap, on every
// core: the pages that show the whole site first (they take longest),
// then the generated files (pure functions of the site, which need no
// page), then the briefs' pages. It stops early when ctx is done.
func (b *Builder) run(ctx context.Context, todo []int, snap *snapshot, out *Output, res *Result) diag.List {
	var pages, files []int
	for _, i := range todo {
		if snap.jobs[i].kind.class == file {
			files = append(files, i)
		} else {
			pages = append(pages, i)
		}
	}
	sort.SliceStable(pages, func(a, c int) bool {
		return snap.jobs[pages[a]].kind.class != brief && snap.jobs[pages[c]].kind.class == brief
	})
	// The results are collected in this order: pages, then files.
	firstBrief := sort.Search(len(pages), func(k int) bool { return snap.jobs[pages[k]].kind.class == brief })
	nPages := len(pages)
	pages = append(pages, files...)
	sched := slices.Concat(seq(0, firstBrief), seq(nPages, len(pages)), seq(firstBrief, nPages))
	results := make([]made, len(pages))
	pool.Each(len(sched), func() func(int) {
		return func(s int) {
			if ctx.Err() == nil {
				k := sched[s]
				j := snap.jobs[pages[k]]
				results[k] = b.make(ctx, j, snap.layouts[j.kind], snap.ts)
			}
		}
	})
	if ctx.Err() != nil {
		return nil
	}
	var l diag.List
	for k, i := range pages {
		j, m := snap.jobs[i], results[k]
		res.made = append(res.made, j.path)
		l.Merge(m.diags)
		switch {
		case m.bytes != nil:
			out.Files[j.path] = m.bytes
		case m.written:
			if out.written == nil {
				out.written = map[string]*linkcheck.Scanned{}
			}
			out.written[j.path] = m.scan
		default:
			delete(out.Files, j.path)
		}
		snap.reads[i] = jobReads{kind: j.kind, reads: m.reads.Freeze()}
		delete(snap.stale, j.path)
	}
	return l
}

// seq returns the integers from i up to j, j excluded.
func seq(i, j int) []int {
	out := make([]int, 0, j-i)
	for ; i < j; i++ {
		out = append(out, i)
	}
	return out
}

// check checks the links of out after the files in made were made.
func (b *Builder) check(prev, snap *snapshot, out *Output, made []string) diag.List {
	pages := make(map[string]*content.Page, len(snap.jobs))
	for _, j := range snap.jobs {
		if j.page != nil {
			pages[j.path] = j.page
		}
	}
	pageOf := func(p string) *content.Page { return pages[p] }
	if prev == nil {
		return linkcheck.AllScanned(out.Files, out.written, snap.site.Base, pageOf)
	}
	return linkcheck.Changed(out.Files, prev.out.Files, snap.site.Base, made, pageOf)
}

func countPages(js []*job, todo []int) int {
	n := 0
	for _, i := range todo {
		if js[i].kind.class != file {
			n++
		}
	}
	return n
}

func countOutPages(js []*job, out *Output) int {
	n := 0
	for _, j := range js {
		if out.has(j.path) && j.kind.class != file {
			n++
		}
	}
	return n
}
