package build

import (
	"html"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/generate"
	"github.com/explainer/explainer/internal/i18n"
	"github.com/explainer/explainer/internal/render"
	"github.com/explainer/explainer/internal/views"
)

// class is what a kind of output shows, which decides when a two-phase
// rebuild publishes it and in which order render starts it.
type class int

const (
	// brief: one brief's page (actor, demand, topic, plain page). Its
	// size does not grow with the site; an edit's first phase renders it.
	brief class = iota
	// list: a section's page, listing the briefs of one kind.
	list
	// whole: a page that shows the whole site (home, matrix, the clash
	// view and its per-actor pages, timeline, search, 404).
	whole
	// file: a generated file (sitemap, feed, robots, search index, data
	// export), a pure function of the site (package generate).
	file
)

// kind is one kind of output. Every property of a kind lives here.
type kind struct {
	name  string // the layout (layouts/<name>.html), or the file's path
	class class
	// view is the type of what the layout receives (a *render.ViewOf[D]),
	// or of a generated file's input (*generate.Input).
	view reflect.Type
	// reads declares what the Go code that computes the view's Data reads,
	// as paths from the view (see deps.Method); the layout's own reads
	// come from its parse tree.
	reads []string
	// For generated pages (no content file stands for them): the output
	// path relative to the base, title, summary, and whether the page
	// shows the site's last update.
	path, title, summary string
	dated                bool
	// unlisted pages are left out of the sitemap and the search index.
	unlisted bool
	// make makes a generated file; lists is set when the file lists
	// the site's pages (generate.File.Lists).
	make  func(*generate.Input) ([]byte, error)
	lists bool
	// needsOrigin: the file exists only with an absolute base URL
	// (generate.File.NeedsOrigin).
	needsOrigin bool
	// perLang: a generated file made for each language edition, under
	// its prefix (generate.File.PerLang).
	perLang bool
	// opaque is set when the Go code computing Data reads more than can
	// be declared as paths (the headline rule, the core demands, the
	// split threshold): its pages are made again on any change.
	opaque bool
}

func viewType[D any]() reflect.Type { return reflect.TypeFor[*render.ViewOf[D]]() }

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

// The kinds of page with a content file.
var (
	homeKind    = &kind{name: "home", class: whole, view: viewType[HomeData](), reads: views.HomeReads("Site")}
	actorKind   = &kind{name: "actor", class: brief, view: viewType[render.None]()}
	demandKind  = &kind{name: "demand", class: brief, view: viewType[render.None]()}
	topicKind   = &kind{name: "topic", class: brief, view: viewType[[]views.Position](), reads: views.PositionsReads("Site")}
	pageKind    = &kind{name: "page", class: brief, view: viewType[render.None]()}
	sectionKind = &kind{name: "section", class: list, view: viewType[render.None]()}
)

// generatedPages are HTML pages that no content file stands for, in the
// order they are rendered; each is rendered when its layout exists.
var generatedPages = []*kind{
	{name: "matrix", class: whole, view: viewType[*views.Matrix](), reads: views.MatrixReads("Site"),
		path: "matrix/", dated: true, title: "Positions matrix",
		summary: "Every actor's demands on every topic in one table, with the demands that clash with another side's marked and explained."},
	mapKind,
	{name: "timeline", class: whole, view: viewType[render.None](),
		path: content.TimelinePath, dated: true, title: "Timeline",
		summary: "What happened before, at and after the summit, date by date, with the actors involved and the demands each event moved."},
	{name: "search", class: whole, view: viewType[render.None](), unlisted: true,
		path: "search/", title: "Search", summary: "Search every brief on this site by title, summary and text."},
	{name: "404", class: whole, view: viewType[render.None](), unlisted: true,
		path: "404.html", title: "Page not found", summary: "There is no page at this address."},
}

// mapKind is the clash view: the whole site's, and on a split site
// (views.Split) one page per actor too, /map/<actor>/.
var mapKind = &kind{name: "map", class: whole, view: viewType[*views.ClashView](), reads: views.ClashViewReads("Site"),
	path: "map/", dated: true, title: "Who clashes with whom",
	summary: "Every pair of sides, the demands on which they clash or align, and why, with the headline clashes first."}

// generatedFiles are the files that are not HTML pages.
var generatedFiles = func() []*kind {
	var out []*kind
	for _, f := range generate.Files {
		out = append(out, &kind{name: f.Path, class: file, view: reflect.TypeFor[*generate.Input](), reads: f.Reads, path: f.Path, make: f.Make, lists: f.Lists, needsOrigin: f.NeedsOrigin, perLang: f.PerLang})
	}
	return out
}()

// pageKinds lists every kind of HTML page.
var pageKinds = append([]*kind{homeKind, actorKind, demandKind, topicKind, pageKind, sectionKind}, generatedPages...)

// job is one output file to make.
type job struct {
	path string // output path
	kind *kind
	// lang is the language of the edition the job belongs to (its
	// templates speak it: render.Templates.ForLang); "" for a file of the
	// whole site.
	lang string
	page *content.Page // the page it renders; nil for a generated file
	// entity is the page's typed brief (an *Actor, *Demand, ...), or the
	// page: what an edit's field hashes are taken of.
	entity any
	// view makes what the layout (or the generated file) receives,
	// computing its Data: only when the job runs.
	view func() any
}

// outPath maps a page URL to its output file: "/base/actors/x/" becomes
// "actors/x/index.html".
func outPath(url, base string) string {
	return strings.TrimPrefix(url, base) + "index.html"
}

func newView[D any](site *content.Site, p *content.Page, k *kind, set func(*render.ViewOf[D]), data func() D) func() any {
	return func() any {
		v := &render.ViewOf[D]{Site: site, Page: p, Base: site.Base, Kind: k.name}
		if set != nil {
			set(v)
		}
		if data != nil {
			v.Data = data()
		}
		return v
	}
}

// jobs lists every output file of the site, in a fixed order: for each
// language edition (content.Site.Translations, the default language
// first), the pages of content files and the generated pages whose layout
// exists; then the generated files, those of each language (feed, search
// index) under its prefix, and those of the whole site once.
func jobs(site *content.Site, ts *render.Templates) []*job {
	out, listed := editionJobs(site, site, ts)
	all := slices.Clone(listed)
	eds := []*content.Site{site}
	lists := [][]generate.Listed{listed}
	for _, ed := range site.Translations {
		js, l := editionJobs(site, ed, ts)
		out = append(out, js...)
		all = append(all, l...)
		eds, lists = append(eds, ed), append(lists, l)
	}
	whole := &generate.Input{Site: site, Pages: all}
	for _, k := range generatedFiles {
		if k.needsOrigin && site.Origin == "" {
			continue
		}
		if !k.perLang {
			out = append(out, &job{path: k.path, kind: k, view: func() any { return whole }})
			continue
		}
		for i, ed := range eds {
			in := &generate.Input{Site: ed, Pages: lists[i]}
			out = append(out, &job{path: strings.TrimPrefix(ed.Base, site.Base) + k.path, kind: k, view: func() any { return in }})
		}
	}
	return out
}

// editionJobs lists the pages of one language edition of root, and
// those of them the sitemap and the search index list.
func editionJobs(root, site *content.Site, ts *render.Templates) ([]*job, []generate.Listed) {
	base, prefix, lang := site.Base, strings.TrimPrefix(site.Base, root.Base), ""
	if len(root.Languages) > 0 {
		lang = site.Lang.Code // else the default templates, whatever they speak
	}
	var out []*job
	add := func(k *kind, p *content.Page, entity any, view func() any) {
		out = append(out, &job{path: outPath(p.URL, root.Base), kind: k, lang: lang, page: p, entity: entity, view: view})
	}
	gen := generatedText{root: root, site: site, ts: ts}
	add(homeKind, site.Home, site.Home, newView(site, site.Home, homeKind, nil, func() HomeData {
		return HomeData{Actors: views.CoreDemands(site), Headlines: views.Headlines(site, homeHeadlines)}
	}))
	for _, a := range site.Actors {
		add(actorKind, &a.Page, a, newView(site, &a.Page, actorKind, func(v *render.View) { v.Actor = a }, nil))
	}
	for _, d := range site.Demands {
		add(demandKind, &d.Page, d, newView(site, &d.Page, demandKind, func(v *render.View) { v.Demand = d }, nil))
	}
	for _, t := range site.Topics {
		add(topicKind, &t.Page, t, newView(site, &t.Page, topicKind, func(v *render.ViewOf[[]views.Position]) { v.Topic = t },
			func() []views.Position { return views.Positions(site, t) }))
	}
	for _, p := range site.Pages {
		add(pageKind, p, p, newView[render.None](site, p, pageKind, nil, nil))
	}
	for _, s := range site.Sections {
		add(sectionKind, &s.Page, s, newView(site, &s.Page, sectionKind, func(v *render.View) { v.Section = s }, nil))
	}
	var listed []generate.Listed
	for _, j := range out {
		listed = append(listed, generate.Listed{Page: j.page, Kind: j.kind.name})
	}
	for _, k := range generatedPages {
		if !ts.Has(k.name) {
			continue
		}
		p := &content.Page{Kind: content.KindPage, Slug: k.name, Title: k.title, Summary: k.summary, URL: base + k.path}
		p.Permalink = site.Origin + p.URL
		gen.text(p, "page_"+k.name)
		if k.dated {
			p.Updated = site.Updated
		}
		var view func() any
		switch k.view {
		case viewType[*views.Matrix]():
			view = newView(site, p, k, nil, func() *views.Matrix { return views.NewMatrix(site) })
		case viewType[*views.ClashView]():
			view = newView(site, p, k, nil, func() *views.ClashView { return views.NewClashView(site) })
		default:
			view = newView[render.None](site, p, k, nil, nil)
		}
		path := prefix + k.path
		if strings.HasSuffix(path, "/") {
			path += "index.html"
		}
		out = append(out, &job{path: path, kind: k, lang: lang, page: p, entity: p, view: view})
		if !k.unlisted {
			listed = append(listed, generate.Listed{Page: p, Kind: k.name})
		}
	}
	if ts.Has(mapKind.name) && views.Split(site) {
		groups := sync.OnceValue(func() []views.PairGroup { return views.PairGroups(site) })
		for _, a := range site.Actors {
			p := &content.Page{Kind: content.KindPage, Slug: mapKind.name, URL: base + mapKind.path + a.Slug + "/", Updated: site.Updated,
				Title:   "Who clashes with " + a.Title,
				Summary: "Every clash and alignment between " + a.Title + "'s demands and every other side's, with the why of each."}
			gen.text(p, "page_map_actor", "Actor", a.Title)
			p.Permalink = site.Origin + p.URL
			out = append(out, &job{path: prefix + mapKind.path + a.Slug + "/index.html", kind: mapKind, lang: lang, page: p, entity: p,
				view: newView(site, p, mapKind, nil, func() *views.ClashView { return views.ActorClashView(groups(), a) })})
			listed = append(listed, generate.Listed{Page: p, Kind: mapKind.name})
		}
	}
	return out, listed
}

// generatedText gives the pages no content file stands for (the matrix,
// the clash view, search, 404) their title and summary in a language
// edition's language: the strings page_<name>_title and _summary of the
// edition's interface strings (i18n/<code>.toml). The default language
// keeps the kinds' own text, and so does a language that lacks the
// strings.
type generatedText struct {
	root, site *content.Site
	ts         *render.Templates
}

func (g generatedText) text(p *content.Page, key string, nameValue ...string) {
	if g.site == g.root {
		return
	}
	lt := g.ts.ForLang(g.site.Lang.Code)
	if lt == nil {
		return
	}
	_, b := lt.Lang()
	if b == nil || !b.Has(key+"_title") || !b.Has(key+"_summary") {
		return
	}
	var args i18n.Args
	for i := 0; i+1 < len(nameValue); i += 2 {
		args.Names = append(args.Names, nameValue[i])
		args.Values = append(args.Values, html.EscapeString(nameValue[i+1]))
	}
	title, err1 := b.Text(key+"_title", args)
	summary, err2 := b.Text(key+"_summary", args)
	if err1 != nil || err2 != nil {
		return
	}
	p.Title, p.Summary = html.UnescapeString(title), html.UnescapeString(summary)
}
