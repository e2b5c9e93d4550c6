package render

import (
	"html/template"
	"strings"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/markdown"
	"github.com/explainer/explainer/internal/ogimage"
)

// ViewOf is what a layout receives, typed by what its kind's Go code
// computes for it (Data: the matrix, the map, a topic's positions). The
// type matters to serve: it reads each layout's parse tree with the view's
// type to learn which fields of which pages a page can show (package
// deps). Exactly one of Actor, Demand, Topic and Section is set for pages
// of those kinds; Page is always set.
type ViewOf[D any] struct {
	Site    *content.Site
	Page    *content.Page
	Actor   *content.Actor
	Demand  *content.Demand
	Topic   *content.Topic
	Section *content.Section
	// Content is the rendered body of Page.
	Content template.HTML
	// Base is the site's base path, ending in "/": prefix it to static
	// asset paths ({{.Base}}style.css).
	Base string
	// Kind is the layout being rendered ("demand", "matrix", "404").
	Kind string
	// Data carries what the kind's Go code computed for it.
	Data D
}

// None is the Data of kinds that compute nothing.
type None struct{}

// View is the view of a kind without data.
type View = ViewOf[None]

// SetContent sets the rendered body, just before the page renders.
func (v *ViewOf[D]) SetContent(h template.HTML) { v.Content = h }

// Body renders a page's Markdown body to HTML.
func Body(md *markdown.Engine, p *content.Page) (template.HTML, error) {
	if p.Doc == nil {
		return "", nil
	}
	var b strings.Builder
	b.Grow(p.Doc.HTMLLen())
	if err := md.Render(&b, p.Doc); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// ShareTitle is the title the page's share image shows, for its alt text.
func (v *ViewOf[D]) ShareTitle() string {
	switch {
	case v.Actor != nil:
		return v.Actor.Title
	case v.Topic != nil:
		return v.Topic.Title
	case v.Demand != nil && v.Demand.Actor != nil:
		return v.Demand.Actor.Title
	}
	return v.Site.Home.Title
}

// ShareImage is the absolute URL (or, for a path-only base URL, the
// site-absolute path) of the page's share image: an actor's or topic's
// own, a demand's actor's, and the home page's for every other page.
func (v *ViewOf[D]) ShareImage() string {
	p := ogimage.HomePath
	switch {
	case v.Actor != nil:
		p = ogimage.ActorPath(string(v.Actor.ID))
	case v.Topic != nil:
		p = ogimage.TopicPath(string(v.Topic.ID))
	case v.Demand != nil && v.Demand.Actor != nil:
		p = ogimage.ActorPath(string(v.Demand.Actor.ID))
	}
	return v.Site.Origin + v.Site.Base + p
}
