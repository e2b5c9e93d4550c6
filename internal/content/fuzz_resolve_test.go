package content

import (
	"bytes"
	"html"
	"io/fs"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/explainer/explainer/internal/markdown"
)

var hrefRE = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)

// FuzzResolve drives the id and link resolver: a demand whose file name,
// actor, related demand and body link are arbitrary strings joins a valid
// site. Load must never panic; every diagnostic must name a file of the
// site; and when there are none, every link in every body must have been
// resolved: to a page of the site (with a #fragment that page has), to a
// heading of the same page, to a site-absolute path, or to an external URL.
// No relative link may reach the output.
func FuzzResolve(f *testing.F) {
	f.Add("lift2", "russia", "snapback", "../actors/russia.md#position")
	f.Add("lift2", "rusia", "lift", "../demands/lift.md#timeline")
	f.Add("x", "ukraine", "snapback", "#section")
	f.Add("x", "ukraine", "", "https://example.org/a b")
	f.Add("a-b", "russia", "snapback", "/matrix/")
	f.Add("Lift", "russia", "snapback", "../../README.md")
	f.Add("x", "russia", "x", "..%2factors/russia.md")
	f.Add("x", "russia", "snapback", "../actors/%72ussia.md")
	f.Add("x", "russia", "snapback", "lift.md?x=1#timeline")
	f.Add("x", "russia", "snapback", "javascript:alert(1)")
	md := markdown.New()
	f.Fuzz(func(t *testing.T, slug, actor, related, dest string) {
		defer slow(t, time.Now())
		file := "content/demands/" + slug + ".md"
		if !fs.ValidPath(file) {
			return
		}
		fsys := site(nil)
		src := "---\ntitle: T\nsummary: S\nactor: " + strconv.Quote(actor) + "\ntopic: sanctions\n" +
			"aligned_with: [{demand: " + strconv.Quote(related) + ", why: W}]\n---\n## Heading\n\n[x](<" + dest + ">)\n"
		fsys[file] = &fstest.MapFile{Data: []byte(src)}
		s, l := NewLoader(md).Load(fsys, Options{BaseURL: "/base/"})
		for _, d := range l {
			if !inSite(fsys, d.Pos.File) {
				t.Errorf("diagnostic names no file of the site: %s", d.String())
			}
		}
		if l.HasErrors() { // a site with warnings only is complete
			return
		}
		byURL := map[string]*Page{}
		for _, p := range s.All {
			byURL[p.URL] = p
		}
		// A site-absolute link (/matrix/, /#x) is only made to honour the
		// base here: whether its page and #fragment exist is the build's
		// link check (build/testdata/abslinks.txtar), so its fragment is
		// not the loader's to check.
		u, err := url.Parse(dest)
		deferred := err == nil && u.Scheme == "" && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(dest, "//")
		for _, p := range s.All {
			checkHrefs(t, md, p, byURL, deferred && p.File == file)
		}
	})
}

// inSite reports whether name is a file or folder of fsys.
func inSite(fsys fstest.MapFS, name string) bool {
	if _, ok := fsys[name]; ok {
		return true
	}
	for k := range fsys {
		if strings.HasPrefix(k, name+"/") {
			return true
		}
	}
	return false
}

// checkHrefs checks every href of p's rendered body; with absoluteDeferred
// the fragments of site-absolute hrefs are left to the build.
func checkHrefs(t *testing.T, md *markdown.Engine, p *Page, byURL map[string]*Page, absoluteDeferred bool) {
	t.Helper()
	if p.Doc == nil {
		return
	}
	var b bytes.Buffer
	if err := md.Render(&b, p.Doc); err != nil {
		t.Fatal(err)
	}
	for _, m := range hrefRE.FindAllStringSubmatch(b.String(), -1) {
		ref := html.UnescapeString(m[1])
		u, err := url.Parse(ref)
		switch {
		case err != nil:
			t.Errorf("%s: unparsable href %q", p.File, ref)
		case u.Scheme != "" || strings.HasPrefix(ref, "//"):
		case strings.HasPrefix(ref, "#"):
			if !p.Doc.Anchors[u.Fragment] {
				t.Errorf("%s: href %q names no heading of the page", p.File, ref)
			}
		case !strings.HasPrefix(ref, "/base/"):
			t.Errorf("%s: unresolved relative href %q", p.File, ref)
		default:
			if target := byURL[u.Path]; !absoluteDeferred && target != nil && u.Fragment != "" && (target.Doc == nil || !target.Doc.Anchors[u.Fragment]) {
				t.Errorf("%s: href %q names no heading of %s", p.File, ref, target.File)
			}
		}
	}
}
