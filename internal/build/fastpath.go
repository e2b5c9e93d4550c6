package build

import (
	"context"
	"io/fs"
	"maps"
	"reflect"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/render"
)

// fastState is what a body-only rebuild reuses of the last good build: it
// is set by every good rebuild and cleared by every other.
type fastState struct {
	opts Options
	site *content.Site
	jobs []job
	kr   *keyer
	keys map[string]uint64 // every key of the complete build
	// everything is set when a job shows every page in full (the default
	// case of jobKey): a body edit changes its key, and the shortcut does
	// not apply.
	everything bool
}

func (b *Builder) keepFast(opts Options, site *content.Site, jobs []job, kr *keyer, keys map[string]uint64) {
	f := &fastState{opts: opts, site: site, jobs: jobs, kr: kr, keys: keys}
	for _, j := range jobs {
		if _, known := kr.fulls[j.view.Page]; !listKinds[j.kind] && !(known && j.view.Section == nil) {
			f.everything = true
		}
	}
	b.fast = f
}

// rebuildBody is the first phase of a rebuild after an edit of the body,
// title or summary of one brief only (see content.Loader.PatchBody): no
// load, no resolve; after a body edit no new keys but the page's own and
// one page rendered, after a title edit the keys computed again and the
// pages that show the title rendered. It reports false,
// having published nothing, when the shortcut does not apply.
func (b *Builder) rebuildBody(fsys fs.FS, opts Options, file string) (*Result, *Pending, bool) {
	f := b.fast
	b.fast = nil
	if f == nil || f.everything || b.Last == nil || !reflect.DeepEqual(f.opts, opts) {
		return nil, nil, false
	}
	// A Templates serves one build: its fragments are cached for its life.
	ts, tl := render.Load(fsys)
	if len(tl) > 0 {
		return nil, nil, false
	}
	pg, card := b.loader.PatchBody(f.site, fsys, opts.Options, file)
	if pg == nil {
		return nil, nil, false
	}
	var keys map[string]uint64
	if card {
		// Cards and orders changed: new jobs and keys (the layouts are
		// those of the last good build, since only file changed).
		f.jobs = pageJobs(f.site, ts, f.site.Base)
		f.kr = newKeyer(b.seed, f.site, f.kr.layouts, b.bodyHashes)
		keys = f.kr.jobKeys(f.jobs)
	} else {
		f.kr.refull(pg)
		keys = maps.Clone(f.keys)
		for _, j := range f.jobs {
			if j.view.Page == pg {
				keys[j.path] = f.kr.jobKey(j)
			}
		}
	}
	var now []job
	for _, j := range f.jobs {
		if !wholeSite(j) && keys[j.path] != b.keys[j.path] {
			now = append(now, j)
		}
	}
	for _, g := range generatedFiles() {
		keys[g.path] = f.kr.generatedKey(g)
	}
	out := &Output{Files: maps.Clone(b.Last.Files), Pages: b.Last.Pages - len(now)}
	l := b.render(context.Background(), now, ts, out)
	if len(l) == 0 {
		l.Merge(b.check(out, f.site.Base, f.jobs, now))
	}
	if len(l) > 0 {
		return nil, nil, false // the full path reports them
	}
	var later []job
	staleFiles := false
	for _, j := range f.jobs {
		if wholeSite(j) && keys[j.path] != b.keys[j.path] {
			later = append(later, j)
		}
	}
	stale := maps.Clone(b.keys)
	for _, j := range now {
		stale[j.path] = keys[j.path]
	}
	for _, g := range generatedFiles() {
		staleFiles = staleFiles || stale[g.path] != keys[g.path]
	}
	res := &Result{Site: f.site, Output: out, Parsed: b.loader.Parsed, Rendered: len(now)}
	res.Changed = out.Changed(b.Last)
	f.keys = keys
	b.fast = f
	if len(later) == 0 && !staleFiles {
		b.Last, b.keys = out, keys
		return res, nil, true
	}
	b.Last, b.keys = out, stale
	return res, &Pending{base: out, site: f.site, ts: ts, jobs: f.jobs, later: later, kr: f.kr, keys: keys}, true
}

// refull recomputes p's full hash, after its body changed, and the hash of
// every page in full.
func (k *keyer) refull(p *content.Page) {
	t, ok := k.typed[p]
	if !ok {
		t = typed{page: p}
	}
	k.fulls[p] = k.full(t)
	h := k.hash()
	for _, q := range k.pages() {
		writeU64(h, k.fulls[q.page])
	}
	k.allFull = h.Sum64()
}
