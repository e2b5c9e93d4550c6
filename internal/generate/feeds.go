package generate

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/views"
)

// Listed is a page the sitemap and the search index list, with the kind
// of page it is.
type Listed struct {
	Page *content.Page
	Kind string
}

// Input is what the generated files are made from.
type Input struct {
	Site *content.Site
	// Pages are the listed pages, in the order of the site's output.
	Pages []Listed
	// Search, when set, keeps the search index's entries between builds.
	Search *SearchCache
	// Ctx, when set and done, stops a long file early with its error.
	Ctx context.Context
}

// File is one generated file: its path in the output, what it reads of
// its Input (paths, see deps.Method: serve makes it again only when one
// of those fields changed, or the listed pages did), and how it is made.
type File struct {
	Path  string
	Reads []string
	// Lists is set when the file lists Input.Pages, which is not a field
	// of a page: it is made again whenever the list changes.
	Lists bool
	Make  func(*Input) ([]byte, error)
	// NeedsOrigin is set for a file valid only with absolute URLs (the
	// sitemap protocol and Atom ids require them): without an absolute
	// base URL the site has no such file, rather than an invalid one.
	NeedsOrigin bool
	// PerLang is set for a file each language edition has its own of,
	// under its prefix (/uk/feed.xml); Input.Site is then the edition and
	// Input.Pages its pages. A file of the whole site gets the default
	// language's site (which holds the others, content.Site.Translations)
	// and every edition's pages.
	PerLang bool
}

// pageFields are the paths of what a list of pages shows of each.
func pageFields(list string, fields ...string) []string {
	var out []string
	for _, f := range fields {
		out = append(out, list+"."+f)
	}
	return out
}

// Files lists the generated files in the order they are made.
var Files = []File{
	{Path: "sitemap.xml", Make: sitemap, NeedsOrigin: true, Lists: true, Reads: append(pageFields("Pages[].Page", "Permalink", "Updated", "URL"), "Site.Languages", "Site.Origin")},
	{Path: "feed.xml", Make: feed, NeedsOrigin: true, PerLang: true, Reads: slices.Concat(
		[]string{"Site.Updated", "Site.Origin", "Site.Base", "Site.Home.Title", "Site.Home.Summary", "Site.Home.Permalink"},
		pageFields("Site.Actors[]", "Title", "Permalink", "Updated", "Summary", "Kind"),
		pageFields("Site.Demands[]", "Title", "Permalink", "Updated", "Summary", "Kind"),
		pageFields("Site.Topics[]", "Title", "Permalink", "Updated", "Summary", "Kind"))},
	{Path: "robots.txt", Make: robots, Reads: []string{"Site.Origin", "Site.Base"}},
	{Path: SearchIndexPath, Make: searchIndex, Lists: true, PerLang: true, Reads: pageFields("Pages[].Page", "URL", "Title", "Summary", "Doc")},
	{Path: "data/site.json", Make: siteData, Reads: dataReads()},
	{Path: "actors.css", Make: actorsCSS, Reads: views.ActorsCSSReads("Site")},
}

func actorsCSS(in *Input) ([]byte, error) { return views.ActorsCSS(in.Site), nil }

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	// XHTML declares the namespace of the alternates, on a site with
	// languages.
	XHTML string       `xml:"xmlns:xhtml,attr,omitempty"`
	URLs  []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
	// Alternates are the page in every language and x-default, as
	// search engines read them from a sitemap.
	Alternates []xhtmlLink `xml:"xhtml:link"`
}

type xhtmlLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemap lists every listed page with its last update, in job order; on
// a site with languages, every edition's pages, each with its alternates.
func sitemap(in *Input) ([]byte, error) {
	var s urlset
	langs := in.Site.Languages
	if len(langs) > 1 {
		s.XHTML = "http://www.w3.org/1999/xhtml"
	}
	for _, l := range in.Pages {
		u := sitemapURL{Loc: l.Page.Permalink}
		if !l.Page.Updated.IsZero() {
			u.LastMod = l.Page.Updated.Format(time.DateOnly)
		}
		if len(langs) > 1 {
			rel := relURL(l.Page.URL, langs)
			for _, g := range langs {
				u.Alternates = append(u.Alternates, xhtmlLink{Rel: "alternate", Hreflang: g.Code, Href: in.Site.Origin + g.Base + rel})
			}
			u.Alternates = append(u.Alternates, xhtmlLink{Rel: "alternate", Hreflang: "x-default", Href: in.Site.Origin + langs[0].Base + rel})
		}
		s.URLs = append(s.URLs, u)
	}
	return marshalXML(s)
}

// relURL is a page's path relative to its language edition's base: the
// longest of the languages' bases it starts with.
func relURL(u string, langs []content.Language) string {
	base := ""
	for _, g := range langs {
		if strings.HasPrefix(u, g.Base) && len(g.Base) > len(base) {
			base = g.Base
		}
	}
	return strings.TrimPrefix(u, base)
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
func feed(in *Input) ([]byte, error) {
	site := in.Site
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
func robots(in *Input) ([]byte, error) {
	site := in.Site
	var b bytes.Buffer
	b.WriteString("User-agent: *\nAllow: /\n")
	if site.Origin != "" {
		fmt.Fprintf(&b, "\nSitemap: %s%ssitemap.xml\n", site.Origin, site.Base)
	}
	return b.Bytes(), nil
}
