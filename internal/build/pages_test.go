package build

import (
	"io/fs"
	"path"
	"strings"
	"testing"
)

// pageWeightBudget bounds the bytes of a page's HTML plus the CSS and
// JavaScript it loads (not the search index, fetched on demand).
const pageWeightBudget = 150_000

// TestRepositoryPages checks what every page of the repository's site, and
// of the site explainer init writes, must have: language, viewport, description, favicon, one h1, landmarks and a
// skip link; no resource from another host; scripts only on the search page;
// and a weight under the budget. The largest page's weight is logged.
func TestRepositoryPages(t *testing.T) {
	for _, site := range testSites(t) {
		t.Run(site.name, func(t *testing.T) { checkPages(t, site.fsys) })
	}
}

func checkPages(t *testing.T, fsys fs.FS) {
	opts := repoSite(t)
	opts.BaseURL = "https://example.org/summit/"
	res := New().Build(fsys, opts)
	if len(res.Diags) > 0 {
		t.Fatalf("the site has errors:\n%s", diagText(res))
	}
	out := res.Output.Files
	required := []string{
		"html[lang]", "head > meta[charset=utf-8]", "meta[name=viewport]", "meta[name=description][content]",
		"link[rel=icon]", "link[rel=stylesheet]", "meta[property=og:title]", "meta[name=twitter:card]",
		"a.skip[href=#main_content]", "header.site nav[aria-label]", "main#main_content", "footer.site", "header details.menu > summary", "nav.main[aria-label]",
	}
	largest, largestPage := 0, ""
	pages := 0
	for _, p := range res.Output.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		doc := parseHTML(t, out[p])
		// Each page is in the language of its edition (/uk/...).
		lang := res.Site.Lang.Code
		for _, ed := range res.Site.Translations {
			if strings.HasPrefix(p, strings.TrimPrefix(ed.Base, res.Site.Base)) {
				lang = ed.Lang.Code
			}
		}
		if len(queryAll(t, doc, "html[lang="+lang+"]")) == 0 {
			t.Errorf("%s: no html[lang=%s]", p, lang)
		}
		for _, sel := range required {
			if len(queryAll(t, doc, sel)) == 0 {
				t.Errorf("%s: no %s", p, sel)
			}
		}
		if dups := duplicateIDs(doc); len(dups) > 0 {
			t.Errorf("%s: duplicate ids %q", p, dups)
		}
		if n := len(queryAll(t, doc, "h1")); n != 1 {
			t.Errorf("%s: %d h1 elements, want 1", p, n)
		}
		if title := queryAll(t, doc, "head > title"); len(title) != 1 || text(title[0]) == "" {
			t.Errorf("%s: no title", p)
		}
		noindex := len(queryAll(t, doc, "meta[name=robots][content=noindex]")) > 0
		if canon := queryAll(t, doc, "link[rel=canonical]"); !noindex && len(canon) != 1 {
			t.Errorf("%s: %d canonical links, want 1", p, len(canon))
		}
		weight := len(out[p])
		for _, sel := range []string{"link[rel=stylesheet]", "link[rel=icon]", "script", "img"} {
			for _, n := range queryAll(t, doc, sel) {
				ref, _ := attr(n, "href")
				if ref == "" {
					ref, _ = attr(n, "src")
				}
				if sel == "script" && ref == "" {
					t.Errorf("%s: inline script", p)
					continue
				}
				if sel == "script" && path.Base(path.Dir(p)) != "search" {
					t.Errorf("%s: loads script %s; only the search page may", p, ref)
				}
				if strings.Contains(ref, "//") {
					t.Errorf("%s: %s loads %s from another host", p, sel, ref)
					continue
				}
				if sel != "link[rel=stylesheet]" && sel != "script" {
					continue
				}
				b, ok := out[strings.TrimPrefix(ref, "/summit/")]
				if !ok {
					t.Errorf("%s: %s %s is not in the output", p, sel, ref)
				}
				weight += len(b)
			}
		}
		if weight > largest {
			largest, largestPage = weight, p
		}
	}
	if largest > pageWeightBudget {
		t.Errorf("%s weighs %d bytes with its CSS and JS, over the budget of %d", largestPage, largest, pageWeightBudget)
	}
	t.Logf("%d pages; the largest is %s: %d bytes of HTML+CSS+JS (search-index.json, loaded on demand: %d bytes)",
		pages, largestPage, largest, len(out["search-index.json"]))
}
