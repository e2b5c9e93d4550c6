package content

// clone returns a copy of the site's graph: every page struct and every
// list that points to pages is new, pointing into the copy; the values the
// pages hold (bodies, sources, params) are shared, since nothing changes
// them. A shortcut that changes one page of a loaded site changes the
// copy, so a Site once returned never changes.
func (s *Site) clone() *Site {
	pages := make(map[*Page]*Page, len(s.All))
	c := *s
	var actors map[*Actor]*Actor
	var demands map[*Demand]*Demand
	var topics map[*Topic]*Topic
	c.Actors, actors = copies(s.Actors, func(a *Actor) *Page { return &a.Page }, pages)
	c.Demands, demands = copies(s.Demands, func(d *Demand) *Page { return &d.Page }, pages)
	c.Topics, topics = copies(s.Topics, func(t *Topic) *Page { return &t.Page }, pages)
	c.Sections, _ = copies(s.Sections, func(x *Section) *Page { return &x.Page }, pages)
	var events map[*Event]*Event
	c.Events, events = copies(s.Events, func(e *Event) *Page { return &e.Page }, pages)
	plain := func(p *Page) *Page {
		if p == nil {
			return nil
		}
		if q, ok := pages[p]; ok {
			return q
		}
		q := new(Page)
		*q = *p
		pages[p] = q
		return q
	}
	c.Home = plain(s.Home)
	c.Pages = make([]*Page, len(s.Pages))
	for i, p := range s.Pages {
		c.Pages[i] = plain(p)
	}
	c.All = make([]*Page, len(s.All))
	for i, p := range s.All {
		c.All[i] = plain(p)
	}
	mapPages := func(ps []*Page) []*Page {
		if ps == nil {
			return nil
		}
		out := make([]*Page, len(ps))
		for i, p := range ps {
			out[i] = plain(p)
		}
		return out
	}
	mapDemands := func(in []*Demand) []*Demand { return mapped(in, demands) }
	mapRelations := func(in []Relation) []Relation {
		if in == nil {
			return nil
		}
		out := make([]Relation, len(in))
		for i, r := range in {
			r.Demand = demands[r.Demand]
			out[i] = r
		}
		return out
	}
	for old, p := range pages {
		p.LinksTo, p.ReferencedBy = mapPages(old.LinksTo), mapPages(old.ReferencedBy)
	}
	mapEvents := func(in []*Event) []*Event { return mapped(in, events) }
	c.Outcome = plain(s.Outcome)
	if s.Headlines != nil {
		c.Headlines = make([]Headline, len(s.Headlines))
		for i, h := range s.Headlines {
			h.A, h.B = demands[h.A], demands[h.B]
			c.Headlines[i] = h
		}
	}
	for _, e := range c.Events {
		e.Demands, e.Actors = mapDemands(e.Demands), mapped(e.Actors, actors)
	}
	for _, a := range c.Actors {
		a.Demands = mapDemands(a.Demands)
		a.Events = mapEvents(a.Events)
	}
	for _, t := range c.Topics {
		t.Demands = mapDemands(t.Demands)
	}
	for _, d := range c.Demands {
		if d.Actor != nil {
			d.Actor = actors[d.Actor]
		}
		if d.Topic != nil {
			d.Topic = topics[d.Topic]
		}
		d.Conflicts, d.Alignments = mapRelations(d.Conflicts), mapRelations(d.Alignments)
		d.Events = mapEvents(d.Events)
	}
	return &c
}

// mapped returns the copy of each of in, by m; nil for nil.
func mapped[T any](in []*T, m map[*T]*T) []*T {
	if in == nil {
		return nil
	}
	out := make([]*T, len(in))
	for i, x := range in {
		out[i] = m[x]
	}
	return out
}

// copies returns copies of xs, made in one allocation, and the copy of
// each; it records the copy of each one's page in pages.
func copies[T any](xs []*T, pageOf func(*T) *Page, pages map[*Page]*Page) ([]*T, map[*T]*T) {
	vals := make([]T, len(xs))
	out := make([]*T, len(xs))
	m := make(map[*T]*T, len(xs))
	for i, x := range xs {
		vals[i] = *x
		out[i], m[x] = &vals[i], &vals[i]
		pages[pageOf(x)] = pageOf(&vals[i])
	}
	return out, m
}
