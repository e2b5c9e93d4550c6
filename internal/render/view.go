package render

import (
	"html/template"
	"strings"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/markdown"
)

// View is what a layout receives. Exactly one of Actor, Demand, Topic and
// Section is set for pages of those kinds; Page is always set.
type View struct {
	Site    *content.Site
	Page    *content.Page
	Actor   *content.Actor
	Demand  *content.Demand
	Topic   *content.Topic
	Section *content.Section
	// Content is the rendered body.
	Content template.HTML
	// Base is the site's base path, ending in "/": prefix it to static
	// asset paths ({{.Base}}style.css).
	Base string
	// Kind is the layout being rendered ("demand", "matrix", "404").
	Kind string
	// Data carries what a generated view (matrix, map) computed for it.
	Data any
}

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
