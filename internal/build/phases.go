package build

import (
	"context"
	"io/fs"
	"maps"
	"runtime"
	"strings"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/render"
)

// A two-phase rebuild (serve mode) publishes the pages an edit changes
// before the pages and files that show the whole site, which can take
// seconds at 10,000 demands (the map, the matrix) or tens of milliseconds
// (the search index):
//
//   - RebuildPages renders every changed page except the whole-site ones
//     (home, sections, matrix, map, search, 404, and the generated files:
//     sitemap, feed, robots, search index, data export). Its Output keeps
//     their bytes from the last good build and is Builder.Last, with
//     their keys left at the values those bytes were rendered from.
//   - Finish renders them and regenerates the files, giving the Output a
//     full Rebuild gives. Cancelled or never called, nothing is lost: the
//     next rebuild finds their keys stale and renders them again.
//
// Between the phases a reader sees every brief's page (actor, demand,
// topic, plain page) as the full build has it and every whole-site page
// as the last good build had it: the lists, map and matrix, the search
// index and the feed show the previous titles, summaries, relations and
// bodies. A two-phase rebuild is used only when no page was added or
// removed (so every link of a kept page still has its target), only for
// content edits, and only when the mixed output passes the link check;
// otherwise the rebuild is done in one phase.

// Pending is the second phase of a two-phase rebuild.
type Pending struct {
	base  *Output // the first phase's output, which Finish completes
	site  *content.Site
	ts    *render.Templates
	jobs  []job
	later []job
	kr    *keyer
	keys  map[string]uint64 // every key of the full build
}

// RebuildPages is the first phase of Rebuild (see above). When it returns
// a nil Pending the Result is complete; otherwise call Finish with the
// Pending to complete it, before the next RebuildPages or not at all.
func (b *Builder) RebuildPages(fsys fs.FS, opts Options, changed []string) (*Result, *Pending) {
	return b.rebuild(context.Background(), fsys, opts, changed, b.Last != nil && contentOnly(changed))
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

// wholeSite reports whether the job's page shows every page of the site.
func wholeSite(j job) bool { return listKinds[j.kind] || j.isGenerated() }

// rebuild is Rebuild, in two phases when split is set and the edit allows.
// It stops, returning a Result with only Err set and changing nothing a
// later build relies on, once ctx is done.
func (b *Builder) rebuild(ctx context.Context, fsys fs.FS, opts Options, changed []string, split bool) (*Result, *Pending) {
	if split && len(changed) == 1 {
		if res, p, ok := b.rebuildBody(fsys, opts, changed[0]); ok {
			return res, p
		}
	}
	b.fast = nil
	site, l := b.loader.LoadChangedContext(ctx, fsys, opts.Options, changed)
	if ctx.Err() != nil {
		return &Result{Err: ctx.Err()}, nil
	}
	ts, tl := render.Load(fsys)
	l.Merge(tl)
	res := &Result{Site: site, Diags: l, Parsed: b.loader.Parsed}
	if l.HasErrors() { // warnings let the build through
		res.Diags.Sort()
		return res, nil
	}
	out := &Output{Files: map[string][]byte{}}
	base := site.Base
	jobs := pageJobs(site, ts, base)
	kr := newKeyer(b.seed, site, layoutHashes(fsys, ts, b.seed), b.bodyHashes)
	keys := kr.jobKeys(jobs)
	todo, kept := b.reuse(jobs, keys, out)
	var later []job
	split = split && b.samePages(jobs)
	if split {
		now := todo[:0:0]
		for _, j := range todo {
			if wholeSite(j) {
				later = append(later, j)
				out.Files[j.path] = b.Last.Files[j.path]
				kept++
			} else {
				now = append(now, j)
			}
		}
		todo = now
	}
	res.Rendered = len(todo)
	l.Merge(b.render(ctx, todo, ts, out))
	out.Pages += kept
	staleFiles := false
	if split {
		staleFiles = b.keepGenerated(out, kr, keys)
	} else {
		l.Merge(b.generate(ctx, site, jobs, out, kr, keys))
	}
	if ctx.Err() != nil {
		return &Result{Err: ctx.Err()}, nil
	}
	l.Merge(copyStatic(fsys, out))
	if !l.HasErrors() {
		l.Merge(b.check(out, base, jobs, todo))
	}
	if ctx.Err() != nil {
		return &Result{Err: ctx.Err()}, nil
	}
	l.Sort()
	if l.HasErrors() && split {
		// The mixed output may break where the full one would not: build
		// in one phase. Nothing changed since the load.
		full, _ := b.rebuild(ctx, fsys, opts, []string{}, false)
		full.Parsed += res.Parsed
		return full, nil
	}
	res.Diags = l
	if l.HasErrors() {
		return res, nil
	}
	res.Output = out
	res.Changed = out.Changed(b.Last)
	b.keepFast(opts, site, jobs, kr, keys)
	if !split || (len(later) == 0 && !staleFiles) {
		b.Last, b.keys = out, keys
		return res, nil
	}
	stale := maps.Clone(keys)
	for _, j := range later {
		stale[j.path] = b.keys[j.path]
	}
	for _, f := range generatedFiles() {
		if old, ok := b.keys[f.path]; ok {
			stale[f.path] = old
		} else {
			delete(stale, f.path)
		}
	}
	b.Last, b.keys = out, stale
	return res, &Pending{base: out, site: site, ts: ts, jobs: jobs, later: later, kr: kr, keys: keys}
}

// samePages reports whether jobs render exactly the pages of the last
// good build.
func (b *Builder) samePages(jobs []job) bool {
	if b.Last == nil || len(b.keys) != len(jobs)+len(generatedFiles()) {
		return false
	}
	for _, j := range jobs {
		if _, ok := b.keys[j.path]; !ok {
			return false
		}
	}
	for _, f := range generatedFiles() {
		if _, ok := b.keys[f.path]; !ok {
			return false
		}
	}
	return true
}

// keepGenerated puts the last good build's generated files into out,
// records their new keys, and reports whether any is out of date.
func (b *Builder) keepGenerated(out *Output, k *keyer, keys map[string]uint64) bool {
	stale := false
	for _, f := range generatedFiles() {
		key := k.generatedKey(f)
		keys[f.path] = key
		if old, ok := b.Last.Files[f.path]; ok {
			out.Files[f.path] = old // absent when the site has no such file
		}
		if b.keys[f.path] != key {
			stale = true
		}
	}
	return stale
}

// Finish is the second phase of a two-phase rebuild: it renders the
// whole-site pages and regenerates the files that the first phase kept.
// It returns nil, leaving the Builder as the first phase left it, when
// ctx is done first or when another build came after p's first phase.
// Its Result's Changed lists what changed since the first phase.
func (b *Builder) Finish(ctx context.Context, p *Pending) *Result {
	if b.Last != p.base {
		return nil
	}
	out := &Output{Files: maps.Clone(p.base.Files), Pages: p.base.Pages - len(p.later)}
	res := &Result{Site: p.site, Rendered: len(p.later)}
	step := runtime.GOMAXPROCS(0)
	for i := 0; i < len(p.later); i += step {
		if ctx.Err() != nil {
			return nil
		}
		res.Diags.Merge(b.render(ctx, p.later[i:min(i+step, len(p.later))], p.ts, out))
	}
	if ctx.Err() != nil {
		return nil
	}
	res.Diags.Merge(b.generate(ctx, p.site, p.jobs, out, p.kr, p.keys))
	if ctx.Err() != nil {
		return nil
	}
	if len(res.Diags) == 0 {
		res.Diags.Merge(b.check(out, p.site.Base, p.jobs, p.later))
	}
	res.Diags.Sort()
	if len(res.Diags) > 0 {
		return res
	}
	res.Output = out
	res.Changed = out.Changed(b.Last)
	b.Last, b.keys = out, p.keys
	if b.fast != nil && b.fast.site != p.site {
		b.fast = nil
	}
	return res
}
