package views

import (
	"sort"

	"github.com/explainer/explainer/internal/content"
)

// Kind tells a conflict from an alignment.
type Kind int

// The kinds of relation between two demands.
const (
	Conflict Kind = iota
	Alignment
)

// String returns "conflict" or "alignment".
func (k Kind) String() string {
	if k == Conflict {
		return "conflict"
	}
	return "alignment"
}

// Pair is one relation between two demands, listed once.
type Pair struct {
	Kind Kind
	A, B *content.Demand
	// WhyA is the why A's page shows; WhyB the one B's page shows. They
	// differ only when both sides gave their own.
	WhyA, WhyB string
}

// Why returns the reason to show for the pair as a whole: A's, else B's.
func (p Pair) Why() string {
	if p.WhyA != "" {
		return p.WhyA
	}
	return p.WhyB
}

// CrossActor reports whether the two demands belong to different actors.
func (p Pair) CrossActor() bool { return p.A.Actor != p.B.Actor }

// Pairs returns every relation of the kind once, ordered by A then B in the
// site's demand order.
func Pairs(site *content.Site, kind Kind) []Pair {
	rank := demandRank(site)
	var out []Pair
	for _, a := range site.Demands {
		for _, r := range relationsOf(a, kind) {
			b := r.Demand
			if rank[b] < rank[a] {
				continue
			}
			out = append(out, Pair{Kind: kind, A: a, B: b, WhyA: r.Why, WhyB: whyOn(b, a, kind)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return rank[out[i].A] < rank[out[j].A]
		}
		return rank[out[i].B] < rank[out[j].B]
	})
	return out
}

// Sharpest returns at most n conflicts between different actors, the
// sharpest first: those whose two demands clash with the most others, then
// in site order. Each demand leads at most one of the returned pairs, so the
// list covers several fronts rather than one demand's many clashes.
func Sharpest(site *content.Site, n int) []Pair {
	var cross []Pair
	for _, p := range Pairs(site, Conflict) {
		if p.CrossActor() {
			cross = append(cross, p)
		}
	}
	score := func(p Pair) int { return len(p.A.Conflicts) + len(p.B.Conflicts) }
	sort.SliceStable(cross, func(i, j int) bool { return score(cross[i]) > score(cross[j]) })
	used := map[*content.Demand]bool{}
	var out []Pair
	for _, p := range cross {
		if len(out) == n {
			break
		}
		if used[p.A] || used[p.B] {
			continue
		}
		used[p.A], used[p.B] = true, true
		out = append(out, p)
	}
	return out
}

func relationsOf(d *content.Demand, kind Kind) []content.Relation {
	if kind == Conflict {
		return d.Conflicts
	}
	return d.Alignments
}

// whyOn returns the why that d's page shows for its relation to other.
func whyOn(d, other *content.Demand, kind Kind) string {
	for _, r := range relationsOf(d, kind) {
		if r.Demand == other {
			return r.Why
		}
	}
	return ""
}

func demandRank(site *content.Site) map[*content.Demand]int {
	rank := make(map[*content.Demand]int, len(site.Demands))
	for i, d := range site.Demands {
		rank[d] = i
	}
	return rank
}
