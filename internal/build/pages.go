package build

import (
	"strings"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/render"
)

// job is one HTML file to render.
type job struct {
	path string // output path
	kind string // layout
	view *render.View
}

// outPath maps a page URL to its output file: "/base/actors/x/" becomes
// "actors/x/index.html".
func outPath(url, base string) string {
	return strings.TrimPrefix(url, base) + "index.html"
}

func pageJobs(site *content.Site, ts *render.Templates, base string) []job {
	var jobs []job
	add := func(p *content.Page, v *render.View) {
		v.Site, v.Page, v.Base, v.Kind = site, p, base, p.Kind.String()
		jobs = append(jobs, job{path: outPath(p.URL, base), kind: v.Kind, view: v})
	}
	add(site.Home, &render.View{})
	for _, a := range site.Actors {
		add(&a.Page, &render.View{Actor: a})
	}
	for _, d := range site.Demands {
		add(&d.Page, &render.View{Demand: d})
	}
	for _, t := range site.Topics {
		add(&t.Page, &render.View{Topic: t})
	}
	for _, p := range site.Pages {
		add(p, &render.View{})
	}
	for _, s := range site.Sections {
		add(&s.Page, &render.View{Section: s})
	}
	if ts.Has("404") {
		p := &content.Page{Kind: content.KindPage, Slug: "404", Title: "Page not found",
			Summary: "There is no page at this address.", URL: base + "404.html"}
		p.Permalink = site.Origin + p.URL
		jobs = append(jobs, job{path: "404.html", kind: "404", view: &render.View{Site: site, Page: p, Base: base, Kind: "404"}})
	}
	return jobs
}
