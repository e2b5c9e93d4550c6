package content

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/markdown"
)

// links checks every body link of every page, rewrites relative .md links
// to their target's URL and records backlinks.
func (r *resolver) links() {
	for _, pg := range r.site.allPages() {
		p := r.parsedOf[pg]
		if p == nil || p.doc == nil {
			continue
		}
		seen := map[*Page]bool{}
		for _, ln := range p.doc.Links {
			target := r.link(pg, p, ln)
			if target != nil && target != pg && !seen[target] {
				seen[target] = true
				pg.LinksTo = append(pg.LinksTo, target)
				target.ReferencedBy = append(target.ReferencedBy, pg)
			}
		}
	}
	for _, pg := range r.site.allPages() {
		sort.Slice(pg.ReferencedBy, func(i, j int) bool { return pg.ReferencedBy[i].File < pg.ReferencedBy[j].File })
	}
}

// link resolves one link and returns the page it targets, if any.
func (r *resolver) link(pg *Page, p *parsed, ln *markdown.Link) *Page {
	at := p.lines.Pos(p.bodyOff + ln.Offset)
	dest := ln.Dest
	u, err := url.Parse(dest)
	switch {
	case err != nil:
		r.l.Addf(at, "malformed link %q: %v", dest, err)
		return nil
	case u.Scheme != "" || strings.HasPrefix(dest, "//"):
		return nil // external
	case dest == "":
		r.l.Add(at, "empty link destination")
		return nil
	case strings.HasPrefix(dest, "#"):
		if !p.doc.Anchors[u.Fragment] {
			r.missingAnchor(at, u.Fragment, p.file, p.doc)
		}
		return nil
	case strings.HasPrefix(u.Path, "/"):
		// A site-absolute path, e.g. /matrix/: made to honour the base
		// path; the build checks that it exists.
		ln.SetDest(r.base + strings.TrimPrefix(dest, "/"))
		return nil
	case !utf8.ValidString(u.Path):
		r.l.Addf(at, "link %q: the path is not valid UTF-8 once decoded", dest)
		return nil
	case !strings.HasSuffix(u.Path, ".md"):
		r.l.Addf(at, "link %q: a relative link points at a .md brief (or use an absolute /path/ for generated pages and static files)", dest)
		return nil
	}
	file := path.Join(path.Dir(p.file), u.Path)
	if file != Dir && !strings.HasPrefix(file, Dir+"/") {
		r.l.Addf(at, "link %q escapes content/", dest)
		return nil
	}
	target := r.byFile[file]
	if target == nil {
		if d, ok := r.drafts[file]; ok && !pg.Draft {
			r.l.Addf(at, "link to draft %s: a published page cannot link to a draft", d.file)
			return nil
		}
		msg := fmt.Sprintf("link to missing file %s", file)
		if s := diag.Closest(file, r.files()); s != "" {
			rel, _ := relPath(path.Dir(p.file), s)
			msg += fmt.Sprintf(" (did you mean %q?)", rel)
		}
		r.l.Add(at, msg)
		return nil
	}
	out := target.URL
	if u.Fragment != "" {
		if target.Doc == nil || !target.Doc.Anchors[u.Fragment] {
			r.missingAnchor(at, u.Fragment, file, target.Doc)
			return target
		}
		out += "#" + u.Fragment
	}
	ln.SetDest(out)
	return target
}

func (r *resolver) missingAnchor(at diag.Pos, frag, file string, doc *markdown.Doc) {
	msg := fmt.Sprintf("no heading #%s in %s", frag, file)
	if doc != nil {
		var ids []string
		for _, h := range doc.Headings {
			ids = append(ids, h.ID)
		}
		if s := diag.Closest(frag, ids); s != "" {
			msg += fmt.Sprintf(" (did you mean #%s?)", s)
		}
	}
	r.l.Add(at, msg)
}

func (r *resolver) files() []string {
	if r.fileList == nil {
		r.fileList = keys(r.byFile)
	}
	return r.fileList
}

// relPath returns target relative to dir, both slash paths.
func relPath(dir, target string) (string, bool) {
	d := strings.Split(dir, "/")
	t := strings.Split(target, "/")
	i := 0
	for i < len(d) && i < len(t)-1 && d[i] == t[i] {
		i++
	}
	up := strings.Repeat("../", len(d)-i)
	return up + strings.Join(t[i:], "/"), true
}

// allPages lists every page with a source file, home first.
func (s *Site) allPages() []*Page {
	var out []*Page
	if s.Home != nil {
		out = append(out, s.Home)
	}
	for _, a := range s.Actors {
		out = append(out, &a.Page)
	}
	for _, d := range s.Demands {
		out = append(out, &d.Page)
	}
	for _, t := range s.Topics {
		out = append(out, &t.Page)
	}
	out = append(out, s.Pages...)
	for _, e := range s.Events {
		out = append(out, &e.Page)
	}
	for _, sec := range s.Sections {
		out = append(out, &sec.Page)
	}
	return out
}

// collect fills Site.All and Site.Updated.
func (r *resolver) collect() {
	s := r.site
	s.All = s.allPages()
	var latest time.Time
	for _, p := range s.All {
		if p.Updated.After(latest) {
			latest = p.Updated
		}
	}
	s.Updated = latest
}
