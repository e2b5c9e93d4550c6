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
// in the same order, it gives the file's page the new body, title and
// summary, orders the site's lists again when the title changed, caches
// the new parse and returns the page, and whether its title or summary
// changed. The site is then what a Load would return, up to the identity
// of its unchanged values. Otherwise it returns nil and changes nothing:
// call LoadChanged.
func (ld *Loader) PatchBody(site *Site, fsys fs.FS, opts Options, file string) (pg *Page, card bool) {
	old := ld.cache[file]
	if old == nil || old.doc == nil || len(old.diags) > 0 {
		return nil, false
	}
	byFile := make(map[string]*Page, len(site.All))
	for _, p := range site.All {
		if p.File != "" {
			byFile[p.File] = p
		}
	}
	pg = byFile[file]
	if pg == nil || pg.Doc != old.doc {
		return nil, false
	}
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, false
	}
	sum := sha256.Sum256(src)
	if sum == old.sum {
		ld.Parsed = 0
		return pg, false
	}
	p := ld.parse(entry{file: file, kind: old.kind, slug: old.slug}, src)
	p.sum = sum
	was, now := old.fields, p.fields
	was.Title, was.Summary, now.Title, now.Summary = "", "", "", ""
	if len(p.diags) > 0 || p.doc == nil || !reflect.DeepEqual(now, was) || !maps.Equal(p.doc.Anchors, old.doc.Anchors) {
		return nil, false
	}
	var l diag.List
	r := &resolver{opts: opts, l: &l, site: site, base: site.Base, origin: site.Origin, byFile: byFile, drafts: map[string]*parsed{}}
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
		return nil, false
	}
	ld.cache[file] = p
	ld.Parsed = 1
	pg.Doc, pg.lines, pg.bodyOff = p.doc, p.lines, p.bodyOff
	if pg.Title == p.fields.Title && pg.Summary == p.fields.Summary {
		return pg, false
	}
	retitled := pg.Title != p.fields.Title
	pg.Title, pg.Summary = p.fields.Title, p.fields.Summary
	if retitled {
		r.order()
		r.orderRelations()
		r.collect()
	}
	return pg, true
}
