package content

// clone returns a copy of the site's graph: every page struct and every
// list that points to pages is new, pointing into the copy; the values the
// pages hold (bodies, sources, params) are shared, since nothing changes
// them. A shortcut that changes one page of a loaded site changes the
// copy, so a Site once returned never changes.
func (s *Site) clone() *Site {
	n := len(s.All)
	pages := make(map[*Page]*Page, n)
	actors := make(map[*Actor]*Actor, len(s.Actors))
	demands := make(map[*Demand]*Demand, len(s.Demands))
	topics := make(map[*Topic]*Topic, len(s.Topics))
	c := *s
	c.Actors = make([]*Actor, len(s.Actors))
	as := make([]Actor, len(s.Actors))
	for i, a := range s.Actors {
		as[i] = *a
		c.Actors[i], actors[a], pages[&a.Page] = &as[i], &as[i], &as[i].Page
	}
	c.Demands = make([]*Demand, len(s.Demands))
	ds := make([]Demand, len(s.Demands))
	for i, d := range s.Demands {
		ds[i] = *d
		c.Demands[i], demands[d], pages[&d.Page] = &ds[i], &ds[i], &ds[i].Page
	}
	c.Topics = make([]*Topic, len(s.Topics))
	ts := make([]Topic, len(s.Topics))
	for i, t := range s.Topics {
		ts[i] = *t
		c.Topics[i], topics[t], pages[&t.Page] = &ts[i], &ts[i], &ts[i].Page
	}
	c.Sections = make([]*Section, len(s.Sections))
	ss := make([]Section, len(s.Sections))
	for i, sec := range s.Sections {
		ss[i] = *sec
		c.Sections[i], pages[&sec.Page] = &ss[i], &ss[i].Page
	}
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
	mapDemands := func(in []*Demand) []*Demand {
		if in == nil {
			return nil
		}
		out := make([]*Demand, len(in))
		for i, d := range in {
			out[i] = demands[d]
		}
		return out
	}
	mapRelations := func(in []Relation) []Relation {
		if in == nil {
			return nil
		}
		out := make([]Relation, len(in))
		for i, r := range in {
			out[i] = Relation{Demand: demands[r.Demand], Why: r.Why}
		}
		return out
	}
	for old, p := range pages {
		p.LinksTo, p.ReferencedBy = mapPages(old.LinksTo), mapPages(old.ReferencedBy)
	}
	for _, a := range c.Actors {
		a.Demands = mapDemands(a.Demands)
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
	}
	return &c
}
