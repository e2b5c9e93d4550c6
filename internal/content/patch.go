package content

import (
	"crypto/sha256"
	"io/fs"
	"maps"
	"reflect"
	"slices"

	"github.com/explainer/explainer/internal/diag"
)

// PatchBody is a shortcut for a rebuild in which file is the only file
// changed since site was loaded (by this Loader, with opts, without
// diagnostics): when the file's frontmatter decodes to the same fields as
// before but for the title and summary, its body has the same heading and
// footnote ids, and its links resolve without problems to the same pages
// in the same order, it returns a new site that is what a Load would
// return (up to the identity of unchanged values): a copy of site whose
// page for file has the new body, title and summary, with the lists
// ordered again when the title changed. It also returns that page, and
// whether its title or summary changed, and caches the new parse. site
// itself never changes. Otherwise it returns nil and changes nothing:
// call LoadChanged.
func (ld *Loader) PatchBody(site *Site, fsys fs.FS, opts Options, file string) (out *Site, pg *Page, card bool) {
	old := ld.cache[file]
	if len(site.Languages) > 1 {
		// An edit of an original is also an edit of the editions that
		// show it, and one of a translation of its edition: load.
		return nil, nil, false
	}
	if old == nil || old.doc == nil || len(old.diags) > 0 {
		return nil, nil, false
	}
	var was *Page
	for _, p := range site.All {
		if p.File == file {
			was = p
			break
		}
	}
	if was == nil || was.Doc != old.doc {
		return nil, nil, false
	}
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, nil, false
	}
	sum := sha256.Sum256(src)
	if sum == old.sum {
		ld.Parsed = 0
		return site, was, false
	}
	p := ld.parse(entry{file: file, kind: old.kind, slug: old.slug}, src)
	p.sum = sum
	prev, now := old.fields, p.fields
	prev.Title, prev.Summary, now.Title, now.Summary = "", "", "", ""
	if len(p.diags) > 0 || p.doc == nil || !reflect.DeepEqual(now, prev) || !maps.Equal(p.doc.Anchors, old.doc.Anchors) {
		return nil, nil, false
	}
	c := site.clone()
	byFile := make(map[string]*Page, len(c.All))
	for _, q := range c.All {
		if q.File != "" {
			byFile[q.File] = q
		}
	}
	pg = byFile[file]
	var l diag.List
	r := &resolver{opts: opts, l: &l, site: c, base: c.Base, origin: c.Origin, byFile: byFile, drafts: map[string]*parsed{}}
	for f, c := range ld.cache {
		if c.fields.Draft && !opts.Drafts {
			r.drafts[f] = c
		}
	}
	var targets []*Page
	seen := map[*Page]bool{}
	for _, ln := range p.doc.Links {
		t := r.link(pg, p, ln)
		if t != nil && t != pg && !seen[t] {
			seen[t] = true
			targets = append(targets, t)
		}
	}
	if len(l) > 0 || !slices.Equal(targets, pg.LinksTo) {
		return nil, nil, false
	}
	ld.cache[file] = p
	ld.Parsed = 1
	pg.Doc, pg.lines, pg.bodyOff = p.doc, p.lines, p.bodyOff
	if pg.Title == p.fields.Title && pg.Summary == p.fields.Summary {
		return c, pg, false
	}
	retitled := pg.Title != p.fields.Title
	pg.Title, pg.Summary = p.fields.Title, p.fields.Summary
	if retitled {
		r.order()
		r.orderRelations()
		r.collect()
	}
	return c, pg, true
}
