package content

import (
	"fmt"
	"sort"

	"github.com/explainer/explainer/internal/diag"
)

type relKind int

const (
	conflict relKind = iota
	alignment
)

func (k relKind) String() string {
	if k == conflict {
		return "conflicts_with"
	}
	return "aligned_with"
}

// stated is one relation a demand's frontmatter states.
type stated struct {
	kind relKind
	to   *Demand
	why  string
	pos  diag.Pos
}

// relations resolves each demand's actor and topic, checks its stated
// relations and makes them mutual.
func (r *resolver) relations() {
	out := map[*Demand]map[*Demand]stated{}
	for _, d := range r.site.Demands {
		p := r.parsedOf[&d.Page]
		d.Actor = r.actorRef(p.fields.Actor)
		d.Topic = r.topicRef(p.fields.Topic)
		d.resolveStatus(p.fields.Status)
		if d.Actor != nil {
			d.Actor.Demands = append(d.Actor.Demands, d)
		}
		if d.Topic != nil {
			d.Topic.Demands = append(d.Topic.Demands, d)
		}
		out[d] = map[*Demand]stated{}
		r.stateAll(d, conflict, p.fields.Conflicts, out[d])
		r.stateAll(d, alignment, p.fields.Aligned, out[d])
	}
	for _, d := range r.site.Demands {
		for _, s := range sortedStated(out[d]) {
			back, ok := out[s.to][d]
			if ok && back.kind != s.kind {
				if d.Slug < s.to.Slug {
					r.addNote(s.pos, fmt.Sprintf("%s lists %s under %s, but %s lists it under %s",
						d.Slug, s.to.Slug, s.kind, s.to.Slug, back.kind),
						diag.Note{Pos: back.pos, Msg: "the other side is here"})
				}
				continue
			}
			why := s.why
			add(d, s.kind, Relation{Demand: s.to, Why: why})
			if !ok {
				add(s.to, s.kind, Relation{Demand: d, Why: why})
			} else if why == "" {
				// Both sides listed the pair; only the other gave a why.
				d.setWhy(s.kind, s.to, back.why)
			}
		}
	}
	r.orderRelations()
}

// addNote reports a diagnostic with one note.
func (r *resolver) addNote(at diag.Pos, msg string, note diag.Note) {
	r.l.Add(at, msg, note)
}

func (r *resolver) actorRef(ref ref) *Actor {
	if ref.ID == "" {
		return nil
	}
	if a := r.actors[ref.ID]; a != nil {
		return a
	}
	if !r.draftRef(ref.Pos, "actors", ref.ID) {
		r.unknown(ref.Pos, "actor", ref.ID, keys(r.actors))
	}
	return nil
}

func (r *resolver) topicRef(ref ref) *Topic {
	if ref.ID == "" {
		return nil
	}
	if t := r.topics[ref.ID]; t != nil {
		return t
	}
	if !r.draftRef(ref.Pos, "topics", ref.ID) {
		r.unknown(ref.Pos, "topic", ref.ID, keys(r.topics))
	}
	return nil
}

// stateAll checks one relation list of d and records it in into.
func (r *resolver) stateAll(d *Demand, kind relKind, refs []relRef, into map[*Demand]stated) {
	for _, rr := range refs {
		if rr.ID == d.Slug {
			r.l.Addf(rr.Pos, "%s: a demand cannot be related to itself", kind)
			continue
		}
		to := r.demands[rr.ID]
		if to == nil {
			if !r.draftRef(rr.Pos, "demands", rr.ID) {
				r.unknown(rr.Pos, "demand", rr.ID, keys(r.demands))
			}
			continue
		}
		if prev, dup := into[to]; dup {
			if prev.kind == kind {
				r.addNote(rr.Pos, kind.String()+": "+rr.ID+" is listed twice", diag.Note{Pos: prev.pos, Msg: "first listed here"})
			} else {
				r.addNote(rr.Pos, rr.ID+" is listed both under conflicts_with and aligned_with", diag.Note{Pos: prev.pos, Msg: "also listed here"})
			}
			continue
		}
		into[to] = stated{kind: kind, to: to, why: rr.Why, pos: rr.Pos}
	}
}

func sortedStated(m map[*Demand]stated) []stated {
	out := make([]stated, 0, len(m))
	for _, s := range m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].to.Slug < out[j].to.Slug })
	return out
}

func add(d *Demand, kind relKind, rel Relation) {
	list := &d.Conflicts
	if kind == alignment {
		list = &d.Alignments
	}
	for _, x := range *list {
		if x.Demand == rel.Demand {
			return
		}
	}
	*list = append(*list, rel)
}

func (d *Demand) setWhy(kind relKind, to *Demand, why string) {
	list := d.Conflicts
	if kind == alignment {
		list = d.Alignments
	}
	for i := range list {
		if list[i].Demand == to && list[i].Why == "" {
			list[i].Why = why
		}
	}
}

// orderRelations sorts demands by actor order, then their own order, and
// every list that holds demands the same way.
func (r *resolver) orderRelations() {
	s := r.site
	actorRank := map[*Actor]int{}
	for i, a := range s.Actors {
		actorRank[a] = i
	}
	byRank := func(a, b *Demand) bool {
		ra, rb := len(s.Actors), len(s.Actors)
		if a.Actor != nil {
			ra = actorRank[a.Actor]
		}
		if b.Actor != nil {
			rb = actorRank[b.Actor]
		}
		if ra != rb {
			return ra < rb
		}
		return less(&a.Page, &b.Page)
	}
	sortDemands := func(ds []*Demand) {
		sort.Slice(ds, func(i, j int) bool { return byRank(ds[i], ds[j]) })
	}
	sortDemands(s.Demands)
	for _, a := range s.Actors {
		sortDemands(a.Demands)
	}
	for _, t := range s.Topics {
		sortDemands(t.Demands)
	}
	for _, d := range s.Demands {
		for _, list := range [][]Relation{d.Conflicts, d.Alignments} {
			sort.Slice(list, func(i, j int) bool { return byRank(list[i].Demand, list[j].Demand) })
		}
	}
}
