package linkcheck

import (
	"fmt"
	"html"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/markdown"
)

// The regular expressions scanAttrs replaces; they are its specification.
var (
	attrRE = regexp.MustCompile(`\s(href|src)="([^"]*)"`)
	idRE   = regexp.MustCompile(`\sid="([^"]*)"`)
)

func regexpAttrs(b []byte) attrs {
	var a attrs
	for _, m := range attrRE.FindAllSubmatch(b, -1) {
		a.refs = append(a.refs, html.UnescapeString(string(m[2])))
	}
	for _, m := range idRE.FindAllSubmatch(b, -1) {
		a.ids = append(a.ids, html.UnescapeString(string(m[1])))
	}
	sort.Strings(a.ids)
	return a
}

var scanCases = []struct{ name, in string }{
	{"empty", ""},
	{"plain", `<a href="/x/">x</a><img src="a.png"><h2 id="b">b</h2>`},
	{"escaped", `<a href="/x/?a=1&amp;b=2">x</a><p id="a&amp;b">`},
	{"no space before", `<a data-href="/no/" xsrc="no" data-id="no">`},
	{"newline and tab before", "<a\nhref=\"/n/\"\tid=\"t\">"},
	{"unterminated", `<a href="/x/">x</a><a href="/y/`},
	{"empty values", `<a href="" id="">`},
	{"other attributes", `<a class="c" title="t" href="/h/" rel="r">`},
	{"quote inside text", `He said x="foo <a href="bar">`},
	{"id inside href value", `<a href="x id=">y" z">`},
	{"href inside id value", `<p id="q href=">r" s">`},
	{"adjacent", `<a href="a"href="b" src="c" id="d"id="e">`},
	{"multi-line value", "<a href=\"a\nb\">"},
	{"entity in name position", `<a &href="x">`},
}

// TestScanAttrsMatchesRegexps holds scanAttrs, and a Scanner's Scan
// (which interns, over every case in turn), to the regular expressions.
func TestScanAttrsMatchesRegexps(t *testing.T) {
	var sc Scanner
	for _, tc := range append(scanCases, struct{ name, in string }{"escaped", `<a href="/a?x=1&amp;y=2" id="&lt;q&gt;">`}) {
		t.Run(tc.name, func(t *testing.T) {
			want := regexpAttrs([]byte(tc.in))
			for name, got := range map[string]attrs{"scanAttrs": scanAttrs([]byte(tc.in)), "Scanner": sc.Scan([]byte(tc.in)).attrs} {
				if fmt.Sprintf("%q %q", got.refs, got.ids) != fmt.Sprintf("%q %q", want.refs, want.ids) {
					t.Errorf("%s: got refs %q ids %q, want refs %q ids %q", name, got.refs, got.ids, want.refs, want.ids)
				}
			}
		})
	}
}

func FuzzScanAttrs(f *testing.F) {
	for _, tc := range scanCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, want := scanAttrs([]byte(in)), regexpAttrs([]byte(in))
		if fmt.Sprintf("%q %q", got.refs, got.ids) != fmt.Sprintf("%q %q", want.refs, want.ids) {
			t.Errorf("%q: got refs %q ids %q, want refs %q ids %q", in, got.refs, got.ids, want.refs, want.ids)
		}
	})
}

func TestCheckerCacheKeepsPageDependentRefs(t *testing.T) {
	files := Files{
		"a/index.html": []byte(`<p id="top">`),
		"b/index.html": []byte(`<p id="other">`),
	}
	idsOf := map[string]*attrs{}
	for p, b := range files {
		a := scanAttrs(b)
		idsOf[p] = &a
	}
	has := func(p string) bool { _, ok := files[p]; return ok }
	c := &checker{files: files, has: has, base: "/", idsOf: idsOf, cache: map[string]string{}}
	for _, tc := range []struct{ from, ref, want string }{
		{"a/index.html", "#top", ""},
		{"b/index.html", "#top", `no element with id "top"`},
		{"a/index.html", "//#top", ""},
		{"b/index.html", "//#top", `no element with id "top"`},
		{"a/index.html", "/a/#top", ""},
		{"b/index.html", "/a/#top", ""},
		{"b/index.html", "/c/", "no such page or file"},
		{"a/index.html", "../b/#other", ""},
		{"b/index.html", "../b/#other", ""},
		{"a/index.html", "https://example.org/x", ""},
	} {
		if got := c.check(tc.from, tc.ref); got != tc.want {
			t.Errorf("check(%s, %s) = %q, want %q", tc.from, tc.ref, got, tc.want)
		}
	}
}

// TestAllScanned holds a build that keeps only scans of the pages it has
// written to the report All gives with every page in memory: the same
// broken links, the same hints, whichever pages were scanned.
func TestAllScanned(t *testing.T) {
	files := Files{
		"index.html":          []byte(`<a href="/a/">a</a> <a href="/b/#other">b</a> <a href="/c/">c</a> <img src="/logo.svg">`),
		"a/index.html":        []byte(`<p id="top"><a href="../b/#othr">b</a> <a href="/a/#top">up</a> <a href="/bb/">bb</a>`),
		"b/index.html":        []byte(`<p id="other"><a href="/a/#top">a</a> <a href="/style.css">css</a> <a href="/gone/">gone</a>`),
		"logo.svg":            []byte(`<svg/>`),
		"style.css":           []byte(`p{}`),
		"search/index.html":   []byte(`<a href="/search-index.json">index</a> <a href="/search/#results">here</a>`),
		"search-index.json":   []byte(`[]`),
		"topics/x/index.html": []byte(`<a id="x" href="/topics/y/">y</a>`),
	}
	// a/index.html is a brief's page whose body wrote two of its links: a
	// broken one gets a hint, from the files of the whole output.
	brief := &content.Page{File: "content/a.md", Doc: markdown.New().Parse([]byte("[b](../b/#othr) [bb](/bb/)"))}
	none := func(p string) *content.Page {
		if p == "a/index.html" {
			return brief
		}
		return nil
	}
	want := All(files, "/", none)
	if !strings.Contains(want.Error(), "did you mean") {
		t.Fatalf("no hint in the report, so the test cannot check them:\n%s", want.Error())
	}
	if len(want) == 0 {
		t.Fatal("the site has no broken links: the test cannot tell the reports apart")
	}
	paths := slices.Sorted(maps.Keys(files))
	for name, scan := range map[string]func(i int) bool{
		"none":      func(int) bool { return false },
		"all":       func(int) bool { return true },
		"even":      func(i int) bool { return i%2 == 0 },
		"odd":       func(i int) bool { return i%2 == 1 },
		"html only": func(i int) bool { return strings.HasSuffix(paths[i], ".html") },
	} {
		t.Run(name, func(t *testing.T) {
			held := Files{}
			scanned := map[string]*Scanned{}
			var sc Scanner
			for i, p := range paths {
				switch {
				case !scan(i):
					held[p] = files[p]
				case strings.HasSuffix(p, ".html"):
					scanned[p] = sc.Scan(files[p])
				default:
					scanned[p] = nil
				}
			}
			got := AllScanned(held, scanned, "/", none)
			if g, w := got.Error(), want.Error(); g != w {
				t.Errorf("AllScanned:\n%s\nwant (All):\n%s", g, w)
			}
		})
	}
}
