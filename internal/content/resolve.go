package content

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/explainer/explainer/internal/diag"
)

// reserved names the top-level URLs the generator itself writes, which a
// plain page may not take.
var reserved = map[string]bool{
	"actors": true, "demands": true, "topics": true, "matrix": true, "map": true,
	"search": true, "data": true, "static": true, "feed": true, "sitemap": true,
	"404": true, "index": true, "timeline": true, "events": true, "og": true,
}

// resolver turns parsed files into the typed graph.
type resolver struct {
	opts     Options
	ed       *edition // the language edition; nil for a site without languages
	l        *diag.List
	site     *Site
	base     string // base path, always ending in "/"
	origin   string // scheme://host of the base URL, or ""
	byFile   map[string]*Page
	drafts   map[string]*parsed // excluded drafts, by file
	parsedOf map[*Page]*parsed
	actors   map[string]*Actor
	topics   map[string]*Topic
	demands  map[string]*Demand
	// fileList is byFile's keys, sorted, for "did you mean" hints; built
	// on first use so many broken links share it.
	fileList []string
}

// resolve resolves one language's site: the default language's when ed
// is nil or ed.lang has no Base, else the edition ed (lang.go).
func resolve(ps []*parsed, opts Options, ed *edition, l *diag.List) *Site {
	r := &resolver{
		opts: opts, ed: ed, l: l, site: &Site{},
		byFile: map[string]*Page{}, drafts: map[string]*parsed{}, parsedOf: map[*Page]*parsed{},
		actors: map[string]*Actor{}, topics: map[string]*Topic{}, demands: map[string]*Demand{},
	}
	if ed != nil && ed.lang.Base != "" {
		r.base, r.origin = ed.lang.Base, ed.origin
	} else {
		r.base, r.origin = r.baseURL(ps)
	}
	r.site.Base, r.site.Origin, r.site.Root = r.base, r.origin, r.base
	r.pages(ps)
	if r.site.Home == nil {
		l.Add(diag.Pos{File: Dir + "/_index.md"}, "missing home page: create content/_index.md with a title and summary")
		r.site.Home = &Page{Kind: KindHome, Title: "Home", URL: r.base, Permalink: r.origin + r.base}
	}
	r.sections()
	r.order()
	r.relations()
	r.events()
	r.reader()
	r.links()
	r.collect()
	return r.site
}

// baseURL is the site's base path and origin: from Options.BaseURL (the
// -base-url flag) when set, else from base_url in the home page's
// frontmatter, else "/" and no origin.
func (r *resolver) baseURL(ps []*parsed) (string, string) {
	if r.opts.BaseURL != "" {
		return splitBase(r.opts.BaseURL, diag.Pos{File: "-base-url"}, r.l)
	}
	for _, p := range ps {
		if p.kind == KindHome && p.fields.BaseURL.ID != "" {
			return splitBase(p.fields.BaseURL.ID, p.fields.BaseURL.Pos, r.l)
		}
	}
	return "/", ""
}

// splitBase parses the base URL into a path with a trailing slash and an
// origin ("https://example.org"), empty for a path-only base. A bad one
// is reported at pos.
func splitBase(s string, pos diag.Pos, l *diag.List) (string, string) {
	if s == "" {
		return "/", ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "" && u.Host == "") || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
		l.Addf(pos, "bad base URL %q: want a path like /summit/ or a URL like https://example.org/summit/", s)
		return "/", ""
	}
	p := "/" + strings.Trim(u.Path, "/") + "/"
	if p == "//" {
		p = "/"
	}
	if u.Scheme == "" {
		return p, ""
	}
	return p, u.Scheme + "://" + u.Host
}

func (r *resolver) newPage(p *parsed, kind Kind, urlPath string) Page {
	f := p.fields
	file, lang := p.file, DefaultLang
	if p.src != "" {
		file = p.src
	}
	if r.ed != nil {
		lang = r.ed.def
	}
	if p.text != "" {
		lang = p.text
	}
	pg := Page{
		Kind: kind, Slug: p.slug, File: file, Lang: lang, Title: f.Title, Summary: f.Summary,
		Weight: f.Weight, Draft: f.Draft, Updated: f.Updated, Sources: f.Sources,
		Params: f.Params, Doc: p.doc, lines: p.lines, bodyOff: p.bodyOff,
		URL: r.base + urlPath,
	}
	pg.Permalink = r.origin + pg.URL
	if pg.Updated.IsZero() {
		pg.Updated = r.opts.Dates[file]
	}
	return pg
}

// pages creates one typed page per parsed file, setting drafts aside.
func (r *resolver) pages(ps []*parsed) {
	for _, p := range ps {
		if p.fields.Draft && !r.opts.Drafts {
			r.drafts[p.file] = p
			continue
		}
		var pg *Page
		switch p.kind {
		case KindHome:
			h := r.newPage(p, KindHome, "")
			pg = &h
			r.site.Home = pg
		case KindActor:
			a := &Actor{Page: r.newPage(p, KindActor, "actors/"+p.slug+"/"), ID: ActorID(p.slug), Role: p.fields.Role}
			r.actors[p.slug], pg = a, &a.Page
			r.site.Actors = append(r.site.Actors, a)
		case KindTopic:
			t := &Topic{Page: r.newPage(p, KindTopic, "topics/"+p.slug+"/"), ID: TopicID(p.slug)}
			r.topics[p.slug], pg = t, &t.Page
			r.site.Topics = append(r.site.Topics, t)
		case KindDemand:
			d := &Demand{Page: r.newPage(p, KindDemand, "demands/"+p.slug+"/"), ID: DemandID(p.slug)}
			r.demands[p.slug], pg = d, &d.Page
			r.site.Demands = append(r.site.Demands, d)
		case KindEvent:
			e := &Event{Page: r.newPage(p, KindEvent, TimelinePath+"#"+p.slug), ID: EventID(p.slug),
				Date: p.fields.Date, Pivot: p.fields.Pivot, Key: p.fields.Key}
			pg = &e.Page
			r.site.Events = append(r.site.Events, e)
		case KindSection:
			s := &Section{Page: r.newPage(p, KindSection, p.slug+"/"), Of: sectionKinds[p.slug]}
			r.site.Sections = append(r.site.Sections, s)
			pg = &s.Page
		case KindPage:
			if reserved[p.slug] {
				r.l.Addf(diag.Pos{File: p.file}, "page id %q is reserved: the generator writes /%s/ itself", p.slug, p.slug)
				continue
			}
			np := r.newPage(p, KindPage, p.slug+"/")
			pg = &np
			r.site.Pages = append(r.site.Pages, pg)
		}
		r.byFile[p.file] = pg
		r.parsedOf[pg] = p
	}
}

// sectionDefaults are the list pages' text when content/<kind>/_index.md
// does not set it, by language: a language edition's lists are titled in
// its language (content/<kind>/_index.<code>.md overrides them). A
// language not here gets the English text, marked as English.
var sectionDefaults = map[string][3]struct{ title, summary string }{
	"en": {
		{"Actors", "Every party to the talks: who speaks for it and what it wants."},
		{"Demands", "Every demand of every actor, grouped by actor."},
		{"Topics", "The issues at stake, with every actor's position side by side."},
	},
	"uk": {
		{"Сторони", "Усі сторони переговорів: хто їх представляє і чого вони хочуть."},
		{"Вимоги", "Усі вимоги кожної сторони, згруповані за сторонами."},
		{"Теми", "Питання, про які йдеться, і позиції всіх сторін поруч."},
	},
	"ru": {
		{"Стороны", "Все стороны переговоров: кто их представляет и чего они хотят."},
		{"Требования", "Все требования каждой стороны, сгруппированные по сторонам."},
		{"Темы", "Вопросы, о которых идёт речь, и позиции всех сторон рядом."},
	},
}

// sections makes sure each kind has a list page, defaulting its text.
func (r *resolver) sections() {
	lang := DefaultLang
	if r.ed != nil {
		lang = r.ed.def
		if r.ed.lang.Code != "" {
			lang = r.ed.lang.Code
		}
	}
	text, ok := sectionDefaults[lang]
	if !ok {
		lang, text = DefaultLang, sectionDefaults[DefaultLang]
	}
	defaults := []struct {
		slug string
		kind Kind
	}{{"actors", KindActor}, {"demands", KindDemand}, {"topics", KindTopic}}
	have := map[string]bool{}
	for _, s := range r.site.Sections {
		have[s.Slug] = true
	}
	for i, d := range defaults {
		if have[d.slug] {
			continue
		}
		s := &Section{Page: Page{Kind: KindSection, Slug: d.slug, Lang: lang, Title: text[i].title, Summary: text[i].summary, URL: r.base + d.slug + "/"}, Of: d.kind}
		s.Permalink = r.origin + s.URL
		r.site.Sections = append(r.site.Sections, s)
	}
	sort.Slice(r.site.Sections, func(i, j int) bool { return r.site.Sections[i].Of < r.site.Sections[j].Of })
}

// less orders pages by weight (unweighted last), then title, then id.
func less(a, b *Page) bool {
	wa, wb := a.Weight, b.Weight
	if (wa == 0) != (wb == 0) {
		return wa != 0
	}
	if wa != wb {
		return wa < wb
	}
	if a.Title != b.Title {
		return a.Title < b.Title
	}
	return a.Slug < b.Slug
}

func (r *resolver) order() {
	s := r.site
	sort.Slice(s.Actors, func(i, j int) bool { return less(&s.Actors[i].Page, &s.Actors[j].Page) })
	sort.Slice(s.Topics, func(i, j int) bool { return less(&s.Topics[i].Page, &s.Topics[j].Page) })
	sort.Slice(s.Pages, func(i, j int) bool { return less(s.Pages[i], s.Pages[j]) })
	r.orderEvents()
}

// unknown reports a reference to a missing page, suggesting the closest id:
// a likely typo, or the id a page was likely renamed to (diag.SimilarID).
func (r *resolver) unknown(at diag.Pos, what, id string, ids []string) {
	msg := fmt.Sprintf("unknown %s %q", what, id)
	if s := diag.SimilarID(id, ids); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	r.l.Add(at, msg)
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// draftRef reports whether id names an excluded draft of the given folder.
func (r *resolver) draftRef(at diag.Pos, folder, id string) bool {
	if p, ok := r.drafts[Dir+"/"+folder+"/"+id+".md"]; ok {
		r.l.Addf(at, "%q is a draft (%s): a published page cannot point to it", id, p.file)
		return true
	}
	return false
}
