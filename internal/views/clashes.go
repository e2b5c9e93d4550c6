package views

import (
	"sort"

	"github.com/explainer/explainer/internal/content"
)

// PairGroup is every relation between the demands of two actors: the cell
// "Russia × Ukraine" of the clash view. A and B are in actor order; A == B
// holds the tensions and alignments within one actor's own demands.
type PairGroup struct {
	A, B                  *content.Actor
	Conflicts, Alignments []Pair
	// Headlines counts the conflicts that are headline clashes.
	Headlines int
}

// Within reports whether the group is one actor's own demands.
func (g PairGroup) Within() bool { return g.A == g.B }

// ID is the group's fragment id: "russia-ukraine", or "russia" within one
// actor.
func (g PairGroup) ID() string {
	if g.Within() {
		return g.A.Slug
	}
	return g.A.Slug + "-" + g.B.Slug
}

// Headline reports whether the pair is a headline clash.
func (p Pair) Headline() bool {
	if p.Kind != Conflict {
		return false
	}
	for _, r := range p.A.Conflicts {
		if r.Demand == p.B {
			return r.Headline
		}
	}
	return false
}

// PairGroups returns every pair of actors with at least one relation
// between their demands: those with headline clashes first, then the most
// conflicts, then actor order; within-actor groups after all the others.
func PairGroups(site *content.Site) []PairGroup {
	rank := map[*content.Actor]int{}
	for i, a := range site.Actors {
		rank[a] = i
	}
	type key struct{ a, b *content.Actor }
	at := map[key]int{}
	var out []PairGroup
	add := func(p Pair) {
		a, b := p.A.Actor, p.B.Actor
		if a == nil || b == nil {
			return
		}
		if rank[b] < rank[a] {
			a, b = b, a
			p.A, p.B, p.WhyA, p.WhyB = p.B, p.A, p.WhyB, p.WhyA
		}
		i, ok := at[key{a, b}]
		if !ok {
			i = len(out)
			at[key{a, b}] = i
			out = append(out, PairGroup{A: a, B: b})
		}
		g := &out[i]
		if p.Kind == Conflict {
			g.Conflicts = append(g.Conflicts, p)
			if p.Headline() {
				g.Headlines++
			}
		} else {
			g.Alignments = append(g.Alignments, p)
		}
	}
	for _, p := range Pairs(site, Conflict) {
		add(p)
	}
	for _, p := range Pairs(site, Alignment) {
		add(p)
	}
	for i := range out {
		// Headline clashes first within a group too.
		sort.SliceStable(out[i].Conflicts, func(x, y int) bool {
			return out[i].Conflicts[x].Headline() && !out[i].Conflicts[y].Headline()
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Within() != y.Within() {
			return !x.Within()
		}
		if x.Headlines != y.Headlines {
			return x.Headlines > y.Headlines
		}
		if len(x.Conflicts) != len(y.Conflicts) {
			return len(x.Conflicts) > len(y.Conflicts)
		}
		if x.A != y.A {
			return rank[x.A] < rank[y.A]
		}
		return rank[x.B] < rank[y.B]
	})
	return out
}

// ClashView is what the clash view page (/map/) shows: every pair group,
// or, when the site is split, one actor's groups or (on the index) one
// summary per actor.
type ClashView struct {
	// Actor is set on a split site's per-actor page.
	Actor *content.Actor
	// Groups are the pair groups the page lists in full.
	Groups []PairGroup
	// Index, on a split site's /map/, counts each actor's relations; its
	// Groups is then empty.
	Index []ActorCount
}

// ActorCount is one actor's line on a split site's clash index.
type ActorCount struct {
	Actor                 *content.Actor
	Conflicts, Alignments int
}

// NewClashView returns the clash view of the whole site: every group, or
// for a split site the index.
func NewClashView(site *content.Site) *ClashView {
	v := &ClashView{}
	if !Split(site) {
		v.Groups = PairGroups(site)
		return v
	}
	for _, a := range site.Actors {
		c := ActorCount{Actor: a}
		for _, d := range a.Demands {
			c.Conflicts += len(d.Conflicts)
			c.Alignments += len(d.Alignments)
		}
		v.Index = append(v.Index, c)
	}
	return v
}

// ActorClashView returns a split site's page of one actor: every group of
// groups (the site's PairGroups, computed once for all actors) the actor is
// part of.
func ActorClashView(groups []PairGroup, a *content.Actor) *ClashView {
	v := &ClashView{Actor: a}
	for _, g := range groups {
		if g.A == a || g.B == a {
			v.Groups = append(v.Groups, g)
		}
	}
	return v
}
