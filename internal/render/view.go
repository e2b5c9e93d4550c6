package render

import (
	"html/template"
	"strings"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/markdown"
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
