package generate

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/views"
)

// The types of /data/site.json: every actor, topic, demand and relation,
// with ids that refer to each other.
type (
	siteExport struct {
		// Lang is the language of the text, on a site with languages;
		// Translations then holds the other languages' editions.
		Lang         string           `json:"lang,omitempty"`
		Title        string           `json:"title"`
		Summary      string           `json:"summary"`
		URL          string           `json:"url"`
		Updated      string           `json:"updated,omitempty"`
		Actors       []actorExport    `json:"actors"`
		Topics       []topicExport    `json:"topics"`
		Demands      []demandExport   `json:"demands"`
		Relations    []relationExport `json:"relations"`
		Translations []siteExport     `json:"translations,omitempty"`
	}
	pageExport struct {
		ID      string         `json:"id"`
		Title   string         `json:"title"`
		Summary string         `json:"summary"`
		URL     string         `json:"url"`
		Updated string         `json:"updated,omitempty"`
		Sources []sourceExport `json:"sources"`
	}
	actorExport struct {
		pageExport
		Role    string   `json:"role,omitempty"`
		Colour  string   `json:"colour,omitempty"`
		Demands []string `json:"demands"`
	}
	topicExport struct {
		pageExport
		Demands []string `json:"demands"`
	}
	demandExport struct {
		pageExport
		Actor string `json:"actor"`
		Topic string `json:"topic"`
		Core  bool   `json:"core,omitempty"`
	}
	sourceExport struct {
		Title     string `json:"title"`
		URL       string `json:"url"`
		Publisher string `json:"publisher,omitempty"`
		Date      string `json:"date,omitempty"`
	}
	// relationExport is one pair, listed once: WhyA is the reason A's page
	// gives, WhyB the one B's page gives.
	relationExport struct {
		Kind string `json:"kind"`
		A    string `json:"a"`
		B    string `json:"b"`
		WhyA string `json:"why_a,omitempty"`
		WhyB string `json:"why_b,omitempty"`
		// Headline marks a headline clash (headline_clashes).
		Headline bool `json:"headline,omitempty"`
	}
)

// siteData is the machine-readable export of the content graph, with
// every language edition's text on a site with languages.
func siteData(in *Input) ([]byte, error) {
	x := exportSite(in.Site)
	if len(in.Site.Languages) > 1 {
		x.Lang = in.Site.Lang.Code
		for _, ed := range in.Site.Translations {
			t := exportSite(ed)
			t.Lang = ed.Lang.Code
			x.Translations = append(x.Translations, t)
		}
	}
	return marshalJSON(x, "  ")
}

func exportSite(site *content.Site) siteExport {
	x := siteExport{
		Title: site.Home.Title, Summary: site.Home.Summary, URL: site.Home.Permalink,
		Updated: dateOnly(site.Updated),
		Actors:  []actorExport{}, Topics: []topicExport{}, Demands: []demandExport{}, Relations: []relationExport{},
	}
	for _, a := range site.Actors {
		x.Actors = append(x.Actors, actorExport{pageExport: exportPage(&a.Page), Role: a.Role, Colour: a.Colour, Demands: demandIDs(a.Demands)})
	}
	for _, t := range site.Topics {
		x.Topics = append(x.Topics, topicExport{pageExport: exportPage(&t.Page), Demands: demandIDs(t.Demands)})
	}
	for _, d := range site.Demands {
		e := demandExport{pageExport: exportPage(&d.Page), Core: d.Core}
		if d.Actor != nil {
			e.Actor = string(d.Actor.ID)
		}
		if d.Topic != nil {
			e.Topic = string(d.Topic.ID)
		}
		x.Demands = append(x.Demands, e)
	}
	for _, kind := range []views.Kind{views.Conflict, views.Alignment} {
		for _, p := range views.Pairs(site, kind) {
			x.Relations = append(x.Relations, relationExport{Kind: kind.String(), A: string(p.A.ID), B: string(p.B.ID), WhyA: p.WhyA, WhyB: p.WhyB, Headline: p.Headline()})
		}
	}
	return x
}

// dataReads is what siteData reads.
func dataReads() []string {
	one := siteReads("Site")
	return slices.Concat(one, []string{"Site.Languages", "Site.Lang"}, siteReads("Site.Translations[]"), []string{"Site.Translations[].Lang"})
}

// siteReads is what exportSite reads of the site at path.
func siteReads(site string) []string {
	page := []string{"Slug", "Title", "Summary", "Permalink", "Updated", "Sources"}
	return slices.Concat(
		[]string{site + ".Home.Title", site + ".Home.Summary", site + ".Home.Permalink", site + ".Updated"},
		pageFields(site+".Actors[]", append(page, "Role", "Colour", "Demands[].ID")...),
		pageFields(site+".Topics[]", append(page, "Demands[].ID")...),
		pageFields(site+".Demands[]", append(page, "ID", "Core", "Actor.ID", "Topic.ID")...),
		views.PairsReads(site))
}

func exportPage(p *content.Page) pageExport {
	e := pageExport{ID: p.Slug, Title: p.Title, Summary: p.Summary, URL: p.Permalink, Updated: dateOnly(p.Updated), Sources: []sourceExport{}}
	for _, s := range p.Sources {
		e.Sources = append(e.Sources, sourceExport(s))
	}
	return e
}

func demandIDs(ds []*content.Demand) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, string(d.ID))
	}
	return out
}

func dateOnly(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// marshalJSON encodes v without HTML escaping, indented when indent is set,
// ending in a newline.
func marshalJSON(v any, indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if b.Cap() > b.Len()+b.Len()/8 {
		// serve keeps the file: not the buffer's growth room with it.
		return bytes.Clone(b.Bytes()), nil
	}
	return b.Bytes(), nil
}
