package build

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
	"time"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/diag"
)

// addGenerated adds the files that are not HTML pages: sitemap.xml,
// feed.xml, robots.txt, search-index.json and data/site.json. It runs after
// rendering, on the jobs that rendered.
func addGenerated(site *content.Site, jobs []job, out *Output) diag.List {
	var l diag.List
	for _, f := range generatedFiles() {
		l.Merge(f.add(site, jobs, out))
	}
	return l
}

// generatedFile is one file that is not an HTML page.
type generatedFile struct {
	path string
	make func(*content.Site, []job) ([]byte, error)
	// bodies is set when the file shows page bodies, not only cards: a
	// rebuild regenerates it on any edit (see keys.go).
	bodies bool
}

func generatedFiles() []generatedFile {
	return []generatedFile{
		{path: "sitemap.xml", make: needsOrigin(sitemap)},
		{path: "feed.xml", make: needsOrigin(feed)},
		{path: "robots.txt", make: robots},
		{path: "search-index.json", make: searchIndex, bodies: true},
		{path: "data/site.json", make: siteData},
	}
}

// add makes the file and puts it into out; a nil result means the site
// has no such file (see needsOrigin).
func (f generatedFile) add(site *content.Site, jobs []job, out *Output) diag.List {
	var l diag.List
	b, err := f.make(site, jobs)
	if err != nil {
		l.Addf(diag.Pos{File: "content"}, "generating %s: %v", f.path, err)
		return l
	}
	if b == nil {
		delete(out.Files, f.path) // kept from an earlier build by a first phase
		return l
	}
	out.Files[f.path] = b
	return l
}

// needsOrigin wraps the maker of a file that is valid only with absolute
// URLs (the sitemap protocol and Atom ids require them): without an
// absolute base URL the site has no such file, rather than an invalid one.
func needsOrigin(make func(*content.Site, []job) ([]byte, error)) func(*content.Site, []job) ([]byte, error) {
	return func(site *content.Site, jobs []job) ([]byte, error) {
		if site.Origin == "" {
			return nil, nil
		}
		return make(site, jobs)
	}
}

// listed reports whether a rendered page belongs in the sitemap and the
// search index: every page but the 404 and the search page itself.
func listed(j job) bool { return j.kind != "404" && j.kind != "search" }

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists every listed page with its last update, in job order.
func sitemap(site *content.Site, jobs []job) ([]byte, error) {
	var s urlset
	for _, j := range jobs {
		if !listed(j) {
			continue
		}
		u := sitemapURL{Loc: j.view.Page.Permalink}
		if !j.view.Page.Updated.IsZero() {
			u.LastMod = j.view.Page.Updated.Format(time.DateOnly)
		}
		s.URLs = append(s.URLs, u)
	}
	return marshalXML(s)
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Links    []atomLink  `xml:"link"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Author   atomAuthor  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title    string       `xml:"title"`
	Link     atomLink     `xml:"link"`
	ID       string       `xml:"id"`
	Updated  string       `xml:"updated"`
	Summary  string       `xml:"summary"`
	Category atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// feed is an Atom feed of the briefs (actors, demands, topics), most
// recently updated first; a brief without a date takes the site's.
func feed(site *content.Site, _ []job) ([]byte, error) {
	var briefs []*content.Page
	for _, a := range site.Actors {
		briefs = append(briefs, &a.Page)
	}
	for _, d := range site.Demands {
		briefs = append(briefs, &d.Page)
	}
	for _, t := range site.Topics {
		briefs = append(briefs, &t.Page)
	}
	updated := func(p *content.Page) time.Time {
		if p.Updated.IsZero() {
			return site.Updated
		}
		return p.Updated
	}
	sort.SliceStable(briefs, func(i, j int) bool { return updated(briefs[i]).After(updated(briefs[j])) })
	home := site.Home
	f := atomFeed{
		Title:    home.Title,
		Subtitle: home.Summary,
		Links: []atomLink{
			{Href: site.Origin + site.Base + "feed.xml", Rel: "self", Type: "application/atom+xml"},
			{Href: home.Permalink, Rel: "alternate", Type: "text/html"},
		},
		ID:      home.Permalink,
		Updated: atomTime(site.Updated),
		Author:  atomAuthor{Name: home.Title},
	}
	for _, p := range briefs {
		f.Entries = append(f.Entries, atomEntry{
			Title:    p.Title,
			Link:     atomLink{Href: p.Permalink, Rel: "alternate", Type: "text/html"},
			ID:       p.Permalink,
			Updated:  atomTime(updated(p)),
			Summary:  p.Summary,
			Category: atomCategory{Term: p.Kind.String()},
		})
	}
	return marshalXML(f)
}

// atomTime formats a date as RFC 3339; the zero time becomes the Unix epoch
// so that a site with no dates still has a valid feed.
func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// robots allows everything and names the sitemap when the base URL is
// absolute (the Sitemap line must be a full URL).
func robots(site *content.Site, _ []job) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("User-agent: *\nAllow: /\n")
	if site.Origin != "" {
		fmt.Fprintf(&b, "\nSitemap: %s%ssitemap.xml\n", site.Origin, site.Base)
	}
	return b.Bytes(), nil
}
