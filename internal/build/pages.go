package build

import (
	"strings"
	"sync"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/render"
	"github.com/explainer/explainer/internal/views"
)

// job is one HTML file to render.
type job struct {
	path string // output path
	kind string // layout
	view *render.View
	// data, when set, computes view.Data just before the page renders:
	// a rebuild that keeps the page never pays for it (see keys.go: a
	// page's key covers what its data is made from).
	data func() any
}

// outPath maps a page URL to its output file: "/base/actors/x/" becomes
// "actors/x/index.html".
func outPath(url, base string) string {
	return strings.TrimPrefix(url, base) + "index.html"
}

func pageJobs(site *content.Site, ts *render.Templates, base string) []job {
	var jobs []job
	add := func(p *content.Page, v *render.View, data func() any) {
		v.Site, v.Page, v.Base, v.Kind = site, p, base, p.Kind.String()
		jobs = append(jobs, job{path: outPath(p.URL, base), kind: v.Kind, view: v, data: data})
	}
	add(site.Home, &render.View{}, func() any {
		return HomeData{Actors: views.CoreDemands(site), Headlines: views.Headlines(site, homeHeadlines)}
	})
	for _, a := range site.Actors {
		add(&a.Page, &render.View{Actor: a}, nil)
	}
	for _, d := range site.Demands {
		add(&d.Page, &render.View{Demand: d}, nil)
	}
	for _, t := range site.Topics {
		add(&t.Page, &render.View{Topic: t}, func() any { return views.Positions(site, t) })
	}
	for _, p := range site.Pages {
		add(p, &render.View{}, nil)
	}
	for _, s := range site.Sections {
		add(&s.Page, &render.View{Section: s}, nil)
	}
	for _, g := range generatedPages() {
		if !ts.Has(g.kind) {
			continue
		}
		p := &content.Page{Kind: content.KindPage, Slug: g.kind, Title: g.title, Summary: g.summary, URL: base + g.path}
		p.Permalink = site.Origin + p.URL
		if g.dated {
			p.Updated = site.Updated
		}
		var data func() any
		if g.data != nil {
			data = func() any { return g.data(site) }
		}
		out := g.path
		if strings.HasSuffix(out, "/") {
			out += "index.html"
		}
		jobs = append(jobs, job{path: out, kind: g.kind, view: &render.View{Site: site, Page: p, Base: base, Kind: g.kind}, data: data})
	}
	return append(jobs, actorClashJobs(site, ts, base)...)
}

// actorClashJobs renders, for a split site (views.Split), one clash-view
// page per actor: /map/<actor>/.
func actorClashJobs(site *content.Site, ts *render.Templates, base string) []job {
	if !ts.Has("map") || !views.Split(site) {
		return nil
	}
	groups := sync.OnceValue(func() []views.PairGroup { return views.PairGroups(site) })
	var jobs []job
	for _, a := range site.Actors {
		p := &content.Page{Kind: content.KindPage, Slug: "map", URL: base + "map/" + a.Slug + "/", Updated: site.Updated,
			Title:   "Who clashes with " + a.Title,
			Summary: "Every clash and alignment between " + a.Title + "'s demands and every other side's, with the why of each."}
		p.Permalink = site.Origin + p.URL
		jobs = append(jobs, job{path: "map/" + a.Slug + "/index.html", kind: "map",
			view: &render.View{Site: site, Page: p, Base: base, Kind: "map"},
			data: func() any { return views.ActorClashView(groups(), a) }})
	}
	return jobs
}

// homeHeadlines is how many clashes the home page shows when the writer
// chose none (headline_clashes in content/_index.md).
const homeHeadlines = 6

// HomeData is what the home layout receives in View.Data.
type HomeData struct {
	// Actors are the actors with their core demands.
	Actors []views.ActorBrief
	// Headlines are the headline clashes, central first.
	Headlines []views.Pair
}

// generatedPage is an HTML page that no content file stands for: it is
// rendered when its layout (layouts/<kind>.html) exists.
type generatedPage struct {
	kind, path     string // layout, and output path relative to the base
	title, summary string
	dated          bool // shows the site's last update
	data           func(*content.Site) any
}

// generatedPages lists the generated pages in the order they are rendered.
func generatedPages() []generatedPage {
	return []generatedPage{
		{kind: "matrix", path: "matrix/", dated: true,
			title:   "Positions matrix",
			summary: "Every actor's demands on every topic in one table, with the demands that clash with another side's marked and explained.",
			data:    func(s *content.Site) any { return views.NewMatrix(s) }},
		{kind: "map", path: "map/", dated: true,
			title:   "Who clashes with whom",
			summary: "Every pair of sides, the demands on which they clash or align, and why, with the headline clashes first.",
			data:    func(s *content.Site) any { return views.NewClashView(s) }},
		{kind: "timeline", path: content.TimelinePath, dated: true,
			title:   "Timeline",
			summary: "What happened before, at and after the summit, date by date, with the actors involved and the demands each event moved."},
		{kind: "search", path: "search/",
			title:   "Search",
			summary: "Search every brief on this site by title, summary and text."},
		{kind: "404", path: "404.html",
			title:   "Page not found",
			summary: "There is no page at this address."},
	}
}

// isGenerated reports whether the job renders a generated page.
func (j job) isGenerated() bool {
	return j.view.Page.File == "" && j.view.Section == nil && j.view.Page.Kind == content.KindPage
}
