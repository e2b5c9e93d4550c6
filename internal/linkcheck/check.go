// Package linkcheck checks the links of a built site: every internal href
// and src of every HTML file must name a file of the output and, with a
// #fragment, an id in that file. It catches what content validation
// cannot see: links written in layouts.
package linkcheck

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"html"
	"maps"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/markdown"
	"github.com/explainer/explainer/internal/pool"
)

// Files is a built site: output paths (with slashes, relative to the
// output root) mapped to their bytes.
type Files = map[string][]byte

// All checks every HTML file of files. base is the site's base path;
// pageOf names the page an output file was rendered from (nil for none).
// A broken link a brief's body wrote is reported where the brief writes
// it (see reporter); one a layout wrote, against the page's source file
// ("layouts" when it has none), once per page.
//
// Files are scanned, then checked, on every core; the report does not
// depend on the number of cores.
func All(files Files, base string, pageOf func(string) *content.Page) diag.List {
	return AllScanned(files, nil, base, pageOf)
}

// AllScanned is All for a site some of whose files are no longer held in
// memory (a build that writes each page as soon as it is made): scanned
// maps each such file's path to its Scan, nil for a file that is not
// HTML; files holds the others. The report is All's for the same site.
func AllScanned(files Files, scanned map[string]*Scanned, base string, pageOf func(string) *content.Page) diag.List {
	var pages []string
	for p := range files {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
	}
	for p, sc := range scanned {
		if sc != nil && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
	}
	sort.Strings(pages)
	scans := make([]attrs, len(pages))
	idsOf := make(map[string]*attrs, len(pages))
	for i, p := range pages {
		idsOf[p] = &scans[i]
	}
	pool.Each(len(pages), func() func(int) {
		return func(i int) {
			if sc := scanned[pages[i]]; sc != nil {
				scans[i] = sc.attrs
			} else {
				scans[i] = scanAttrs(files[pages[i]])
			}
		}
	})
	has := func(p string) bool {
		if _, ok := files[p]; ok {
			return true
		}
		_, ok := scanned[p]
		return ok
	}
	rep := &reporter{files: files, scanned: scanned, has: has, base: base, ids: func(f string) []string {
		if a := idsOf[f]; a != nil {
			return a.ids
		}
		return nil
	}}
	found := make([]diag.List, len(pages))
	pool.Each(len(pages), func() func(int) {
		c := &checker{files: files, has: has, base: base, idsOf: idsOf, cache: map[string]string{}}
		return func(i int) {
			found[i] = c.page(rep, pages[i], pageOf(pages[i]), scans[i].refs)
		}
	})
	var l diag.List
	for _, f := range found {
		l.Merge(f)
	}
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos.Before(l[j].Pos) })
	return l
}

// Scanned is what the check needs of one HTML file, its link targets
// and ids, without its bytes.
type Scanned struct{ attrs }

// A Scanner scans HTML files for AllScanned, holding each distinct link
// target and id once across all the files it scans: most of a page's
// links are on many pages. It is safe for concurrent use; the zero
// Scanner is ready.
type Scanner struct {
	once   sync.Once
	seed   maphash.Seed
	shards [64]struct {
		sync.Mutex
		m map[string]string
	}
}

// Scan scans one HTML file.
func (s *Scanner) Scan(b []byte) *Scanned {
	s.once.Do(func() { s.seed = maphash.MakeSeed() })
	return &Scanned{scanWith(b, s.str)}
}

// str is the attribute value v, unescaped, as held by s.
func (s *Scanner) str(v []byte) string {
	if bytes.IndexByte(v, '&') >= 0 {
		v = []byte(html.UnescapeString(string(v)))
	}
	sh := &s.shards[maphash.Bytes(s.seed, v)%uint64(len(s.shards))]
	sh.Lock()
	defer sh.Unlock()
	if str, ok := sh.m[string(v)]; ok {
		return str
	}
	if sh.m == nil {
		sh.m = map[string]string{}
	}
	str := string(v)
	sh.m[str] = str
	return str
}

// reporter words what the output check finds. A broken link that the
// page's own Markdown body wrote is reported at each place the brief
// writes it, as the writer wrote it, with the nearest page or file of the
// output as a hint: the same report a broken relative link gets from
// content. Any other broken link (a layout wrote it) is reported against
// the page's source file, or "layouts" for a generated page.
type reporter struct {
	files   Files
	scanned map[string]*Scanned // see AllScanned
	has     func(file string) bool
	base    string
	ids     func(file string) []string // the ids of an HTML file of out, sorted
	once    sync.Once
	urls    []string // every page URL and file path of out, base path included
}

// page returns the reporter for one output file, rendered from pg (nil
// for files no page renders).
func (r *reporter) page(path string, pg *content.Page) *pageReporter {
	return &pageReporter{r: r, path: path, pg: pg}
}

type pageReporter struct {
	r    *reporter
	path string
	pg   *content.Page
	// body maps each href the page's body wrote to its links; built on
	// the first broken link, so pages without one never pay for it.
	body map[string][]*markdown.Link
}

func (p *pageReporter) broken(l *diag.List, ref, msg string) {
	if p.body == nil {
		p.body = map[string][]*markdown.Link{}
		if p.pg != nil && p.pg.Doc != nil {
			for _, ln := range p.pg.Doc.Links {
				h := ln.Href()
				p.body[h] = append(p.body[h], ln)
			}
		}
	}
	links := p.body[ref]
	if len(links) == 0 {
		at := diag.Pos{File: "layouts"}
		if p.pg != nil && p.pg.File != "" {
			at.File = p.pg.File
		}
		l.Addf(at, "%s: broken link %q: %s", "/"+p.path, ref, msg)
		return
	}
	for _, ln := range links {
		l.Addf(p.pg.LinkPos(ln), "broken link %q: %s%s", ln.Dest, msg, p.r.hint(ref, writtenBase(ref, ln.Dest, p.r.base)))
	}
}

// writtenBase is the base path a site-absolute link as written (dest)
// was made relative to in ref: the site's base, or a language edition's
// ("/base/uk/"), so that a hint is written as the writer wrote the link
// and the same link in every edition gets the same message.
func writtenBase(ref, dest, base string) string {
	u, err1 := url.Parse(ref)
	d, err2 := url.Parse(dest)
	if err1 != nil || err2 != nil || !strings.HasPrefix(d.Path, "/") || !strings.HasSuffix(u.Path, d.Path) {
		return base
	}
	b := strings.TrimSuffix(u.Path, d.Path) + "/"
	if !strings.HasPrefix(b, base) {
		return base
	}
	return b
}

// hint suggests, for a link to a page or file the output lacks, the
// nearest one it has, written as a writer writes it (without written, the
// base path it was written against); for a link to a missing id of a
// page, the nearest id; or "".
func (r *reporter) hint(ref, written string) string {
	u, err := url.Parse(ref)
	if err != nil || u.Path == "" {
		return ""
	}
	if f := outFile(r.base, u.Path); r.has(f) {
		if s := diag.Closest(u.Fragment, r.ids(f)); u.Fragment != "" && s != "" {
			return fmt.Sprintf(" (did you mean #%s?)", s)
		}
		return ""
	}
	r.once.Do(func() {
		paths := slices.Collect(maps.Keys(r.files))
		for p := range r.scanned {
			if _, dup := r.files[p]; !dup {
				paths = append(paths, p)
			}
		}
		slices.Sort(paths)
		for _, p := range paths {
			r.urls = append(r.urls, r.base+strings.TrimSuffix(p, "index.html"))
		}
	})
	s := diag.Closest(u.Path, r.urls)
	if s == "" {
		return ""
	}
	if !strings.HasPrefix(s, written) {
		written = r.base
	}
	return fmt.Sprintf(" (did you mean %q?)", "/"+strings.TrimPrefix(s, written))
}

// outFile is the output file a site-absolute path names.
func outFile(base, p string) string {
	f := strings.TrimPrefix(p, base)
	if f == "" || strings.HasSuffix(f, "/") {
		f += "index.html"
	}
	return f
}

// Changed checks files after the given pages changed since old, a site
// whose links were good: only the links the pages did not have in old are
// checked, since every other link was good and every page it can point to
// is still there with the same ids. When a file of old is gone, a changed
// page lost or gained an id, or most pages changed, it checks All.
func Changed(files, old Files, base string, pages []string, pageOf func(string) *content.Page) diag.List {
	if old == nil || len(pages)*2 > len(files) || removedAny(files, old) {
		return All(files, base, pageOf)
	}
	fresh := make([][]string, len(pages))
	for i, p := range pages {
		now := scanAttrs(files[p])
		fresh[i] = now.refs
		prev, ok := old[p]
		if !ok {
			continue
		}
		was := scanAttrs(prev)
		if !slices.Equal(was.ids, now.ids) {
			return All(files, base, pageOf)
		}
		known := make(map[string]bool, len(was.refs))
		for _, r := range was.refs {
			known[r] = true
		}
		fresh[i] = slices.DeleteFunc(now.refs, func(r string) bool { return known[r] })
	}
	has := func(p string) bool { _, ok := files[p]; return ok }
	c := &checker{files: files, has: has, base: base, idsOf: map[string]*attrs{}, cache: map[string]string{}, scan: true}
	rep := &reporter{files: files, has: has, base: base, ids: func(f string) []string {
		if a := c.ids(f); a != nil {
			return a.ids
		}
		return nil
	}}
	var l diag.List
	for i, p := range pages {
		if strings.HasSuffix(p, ".html") {
			l.Merge(c.page(rep, p, pageOf(p), fresh[i]))
		}
	}
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos.Before(l[j].Pos) })
	return l
}

// removedAny reports whether a file of old is not in files.
func removedAny(files, old Files) bool {
	for p := range old {
		if _, ok := files[p]; !ok {
			return true
		}
	}
	return false
}

// page checks the refs found on one page, rendered from pg.
func (c *checker) page(rep *reporter, p string, pg *content.Page, refs []string) diag.List {
	pr := rep.page(p, pg)
	var l diag.List
	seen := map[string]bool{}
	for _, ref := range refs {
		if seen[ref] {
			continue
		}
		seen[ref] = true
		if msg := c.check(p, ref); msg != "" {
			pr.broken(&l, ref, msg)
		}
	}
	return l
}

// attrs holds the link targets (href and src) and the ids of one HTML
// file, unescaped; ids are sorted.
type attrs struct {
	refs []string
	ids  []string
}

func (a *attrs) hasID(id string) bool {
	i := sort.SearchStrings(a.ids, id)
	return i < len(a.ids) && a.ids[i] == id
}

// scanAttrs finds exactly what the patterns \s(href|src)="([^"]*)" and
// \sid="([^"]*)" find, each scanning left to right without overlaps, in
// one pass and without regular expressions.
func scanAttrs(b []byte) attrs {
	return scanWith(b, func(v []byte) string { return html.UnescapeString(string(v)) })
}

// scanWith is scanAttrs with str making each value's unescaped string.
func scanWith(b []byte, str func([]byte) string) attrs {
	var a attrs
	refFrom, idFrom := 0, 0 // where each pattern resumes after a match
	for k := 0; ; {
		eq := bytes.Index(b[k:], []byte(`="`))
		if eq < 0 {
			break
		}
		eq += k
		end := bytes.IndexByte(b[eq+2:], '"')
		if end < 0 {
			break // no closing quote here, so none for any later match
		}
		end += eq + 2
		value := b[eq+2 : end]
		if s := attrStart(b, eq, "href", "src"); s >= refFrom {
			a.refs = append(a.refs, str(value))
			refFrom = end + 1
		}
		if s := attrStart(b, eq, "id"); s >= idFrom {
			a.ids = append(a.ids, str(value))
			idFrom = end + 1
		}
		k = eq + 1
	}
	sort.Strings(a.ids)
	return a
}

// attrStart returns the offset of the white space before the attribute
// name that ends at eq, if it is one of names; else -1.
func attrStart(b []byte, eq int, names ...string) int {
	for _, n := range names {
		s := eq - len(n) - 1
		if s >= 0 && string(b[s+1:eq]) == n && isSpace(b[s]) {
			return s
		}
	}
	return -1
}

// isSpace is the \s of Go regular expressions.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// checker checks the links of pages; one per goroutine.
type checker struct {
	files Files
	has   func(file string) bool // whether the output has the file
	base  string
	idsOf map[string]*attrs
	// scan, when set, scans a page for its ids on first use (idsOf then
	// starts empty).
	scan bool
	// cache holds the verdict on refs that do not depend on the page they
	// are on: site-absolute paths and URLs with a scheme.
	cache map[string]string
}

func (c *checker) check(from, ref string) string {
	pageFree := strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "//") ||
		strings.HasPrefix(ref, "https:") || strings.HasPrefix(ref, "http:")
	if !pageFree {
		return checkRef(c.has, c.base, from, ref, c.hasID)
	}
	msg, ok := c.cache[ref]
	if !ok {
		msg = checkRef(c.has, c.base, from, ref, c.hasID)
		c.cache[ref] = msg
	}
	return msg
}

func (c *checker) hasID(page, id string) bool {
	a := c.ids(page)
	return a != nil && a.hasID(id)
}

// ids returns the scan of an output file (with scan set, scanning it on
// first use), or nil.
func (c *checker) ids(page string) *attrs {
	a, ok := c.idsOf[page]
	if !ok && c.scan {
		s := scanAttrs(c.files[page])
		a = &s
		c.idsOf[page] = a
	}
	return a
}

// checkRef returns why ref, found in the output file from, is broken, or "".
func checkRef(has func(file string) bool, base, from, ref string, hasID func(page, id string) bool) string {
	u, err := url.Parse(ref)
	if err != nil {
		return err.Error()
	}
	if u.Scheme != "" || u.Host != "" || ref == "" {
		return ""
	}
	target := from
	if u.Path != "" {
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			dir := from[:strings.LastIndex(from, "/")+1]
			slash := strings.HasSuffix(p, "/")
			p = path.Clean("/" + dir + p)
			if slash && p != "/" {
				p += "/"
			}
		} else {
			if !strings.HasPrefix(p, base) {
				return fmt.Sprintf("outside the base path %s", base)
			}
			p = "/" + strings.TrimPrefix(p, base)
		}
		target = strings.TrimPrefix(p, "/")
		if target == "" || strings.HasSuffix(target, "/") {
			target += "index.html"
		}
		if !has(target) {
			return "no such page or file"
		}
	}
	if u.Fragment != "" && strings.HasSuffix(target, ".html") && !hasID(target, u.Fragment) {
		return fmt.Sprintf("no element with id %q", u.Fragment)
	}
	return ""
}
