package views

import (
	"strings"

	"github.com/explainer/explainer/internal/content"
)

// SplitAbove is how many demands a whole-site view (the matrix, the clash
// view, the demands list, the search page's list of every page) shows on
// one page. Above it each view splits: the matrix into its topics' pages,
// the clash view into one page per actor, the lists into their actors'
// pages, so that no page grows with the size of the site (docs/views.md).
const SplitAbove = 400

// Split reports whether the site's whole-site views are split.
func Split(site *content.Site) bool { return len(site.Demands) > SplitAbove }

// Against returns the actors whose demands d conflicts with, other than
// its own, each once, in the order of d's conflicts (actor order).
func Against(d *content.Demand) []*content.Actor {
	var out []*content.Actor
	seen := map[*content.Actor]bool{d.Actor: true}
	for _, r := range d.Conflicts {
		if a := r.Demand.Actor; a != nil && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// Attribution is the short name a takeaway gives for its source: the
// publisher without its parenthesised detail ("Kyiv Independent" for
// "Kyiv Independent (citing Reuters)"), else the title.
func Attribution(s content.Source) string {
	p := s.Publisher
	if i := strings.Index(p, " ("); i > 0 {
		p = p[:i]
	}
	if p = strings.TrimSpace(p); p != "" {
		return p
	}
	return s.Title
}

// HeadlineFirst returns the relations with the headline clashes first,
// the others after them, each part in its order.
func HeadlineFirst(rs []content.Relation) []content.Relation {
	out := make([]content.Relation, 0, len(rs))
	for _, r := range rs {
		if r.Headline {
			out = append(out, r)
		}
	}
	for _, r := range rs {
		if !r.Headline {
			out = append(out, r)
		}
	}
	return out
}

// DefaultCore is how many demands the home page shows for an actor whose
// writer marked none as core.
const DefaultCore = 2

// ActorBrief is one actor on the home page: its core demands.
type ActorBrief struct {
	Actor *content.Actor
	Core  []*content.Demand
	// More is how many of the actor's demands Core leaves out.
	More int
}

// CoreDemands returns each actor with its core demands, in actor order:
// those marked core, or else the first DefaultCore in the actor's order.
func CoreDemands(site *content.Site) []ActorBrief {
	out := make([]ActorBrief, 0, len(site.Actors))
	for _, a := range site.Actors {
		var core []*content.Demand
		for _, d := range a.Demands {
			if d.Core {
				core = append(core, d)
			}
		}
		if len(core) == 0 {
			core = a.Demands[:min(DefaultCore, len(a.Demands))]
		}
		out = append(out, ActorBrief{Actor: a, Core: core, More: len(a.Demands) - len(core)})
	}
	return out
}

// Headlines returns the clashes the home page leads with: the writer's
// headline_clashes in their order, or, when there are none, the n
// sharpest clashes between actors.
func Headlines(site *content.Site, n int) []Pair {
	if len(site.Headlines) == 0 {
		return Sharpest(site, n)
	}
	out := make([]Pair, 0, len(site.Headlines))
	for _, h := range site.Headlines {
		out = append(out, Pair{Kind: Conflict, A: h.A, B: h.B, WhyA: h.Why, WhyB: whyOn(h.B, h.A, Conflict)})
	}
	return out
}

// References returns the pages whose body links to p, leaving out those
// in shown: the pages the layout already links above its "Referenced by"
// list.
func References(p *content.Page, shown []*content.Page) []*content.Page {
	skip := make(map[*content.Page]bool, len(shown))
	for _, s := range shown {
		skip[s] = true
	}
	var out []*content.Page
	for _, q := range p.ReferencedBy {
		if !skip[q] {
			out = append(out, q)
		}
	}
	return out
}

// DemandReferences is References for a demand page, which links its actor,
// its topic and every demand it conflicts or aligns with.
func DemandReferences(d *content.Demand) []*content.Page {
	var shown []*content.Page
	if d.Actor != nil {
		shown = append(shown, &d.Actor.Page)
	}
	if d.Topic != nil {
		shown = append(shown, &d.Topic.Page)
	}
	for _, rs := range [][]content.Relation{d.Conflicts, d.Alignments} {
		for _, r := range rs {
			shown = append(shown, &r.Demand.Page)
		}
	}
	return References(&d.Page, shown)
}

// ActorReferences is References for an actor page, which links its
// demands.
func ActorReferences(a *content.Actor) []*content.Page {
	return References(&a.Page, demandPages(a.Demands))
}

// TopicReferences is References for a topic page, which links every actor
// and every demand on the topic and the demands they clash with.
func TopicReferences(site *content.Site, t *content.Topic) []*content.Page {
	shown := demandPages(t.Demands)
	for _, a := range site.Actors {
		shown = append(shown, &a.Page)
	}
	for _, d := range t.Demands {
		for _, r := range d.Conflicts {
			shown = append(shown, &r.Demand.Page)
		}
	}
	return References(&t.Page, shown)
}

func demandPages(ds []*content.Demand) []*content.Page {
	out := make([]*content.Page, 0, len(ds))
	for _, d := range ds {
		out = append(out, &d.Page)
	}
	return out
}
