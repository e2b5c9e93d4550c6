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
// before, its body has the same heading and footnote ids, and its links
// resolve without problems to the same pages in the same order, it gives
// the file's page the new body, caches the new parse and returns the page.
// The site is then what a Load would return, up to the identity of its
// unchanged values. Otherwise it returns nil and changes nothing: call
// LoadChanged.
func (ld *Loader) PatchBody(site *Site, fsys fs.FS, opts Options, file string) *Page {
	old := ld.cache[file]
	if old == nil || old.doc == nil || len(old.diags) > 0 {
		return nil
	}
	byFile := make(map[string]*Page, len(site.All))
	for _, p := range site.All {
		if p.File != "" {
			byFile[p.File] = p
		}
	}
	pg := byFile[file]
	if pg == nil || pg.Doc != old.doc {
		return nil
	}
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil
	}
	sum := sha256.Sum256(src)
	if sum == old.sum {
		ld.Parsed = 0
		return pg
	}
	p := ld.parse(entry{file: file, kind: old.kind, slug: old.slug}, src)
	p.sum = sum
	if len(p.diags) > 0 || p.doc == nil || !reflect.DeepEqual(p.fields, old.fields) || !maps.Equal(p.doc.Anchors, old.doc.Anchors) {
		return nil
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
		return nil
	}
	ld.cache[file] = p
	ld.Parsed = 1
	pg.Doc = p.doc
	return pg
}
