package views

import (
	"reflect"
	"strings"
	"testing"

	"github.com/explainer/explainer/internal/content"
)

// testSite builds a small resolved site by hand: two actors, two topics and
// four demands, with mutual relations as content.Resolve makes them.
//
//	r1 (russia, land)  conflicts with u1 and with r2 (the same actor)
//	r2 (russia, arms)  aligned with u2, each side with its own why
//	u1 (ukraine, land)
//	u2 (ukraine, arms)
func testSite() *content.Site {
	s := &content.Site{}
	russia := &content.Actor{Page: content.Page{Slug: "russia", Title: "Russia"}, ID: "russia"}
	ukraine := &content.Actor{Page: content.Page{Slug: "ukraine", Title: "Ukraine"}, ID: "ukraine"}
	land := &content.Topic{Page: content.Page{Slug: "land", Title: "Land"}, ID: "land"}
	arms := &content.Topic{Page: content.Page{Slug: "arms", Title: "Arms"}, ID: "arms"}
	d := func(id string, a *content.Actor, t *content.Topic, title string) *content.Demand {
		x := &content.Demand{Page: content.Page{Slug: id, Title: title}, ID: content.DemandID(id), Actor: a, Topic: t}
		a.Demands = append(a.Demands, x)
		t.Demands = append(t.Demands, x)
		s.Demands = append(s.Demands, x)
		return x
	}
	r1 := d("r1", russia, land, "Withdrawal from four regions")
	r2 := d("r2", russia, arms, "An end to Western arms for Ukraine and a very long title that wraps")
	u1 := d("u1", ukraine, land, "No recognition")
	u2 := d("u2", ukraine, arms, "Keep the arms flowing")
	conflict := func(a, b *content.Demand, whyA, whyB string) {
		a.Conflicts = append(a.Conflicts, content.Relation{Demand: b, Why: whyA})
		b.Conflicts = append(b.Conflicts, content.Relation{Demand: a, Why: whyB})
	}
	conflict(r1, u1, "Kyiv refuses.", "Kyiv refuses.")
	conflict(r1, r2, "Same side tension.", "Same side tension.")
	u2.Alignments = append(u2.Alignments, content.Relation{Demand: r2, Why: "Odd bedfellows."})
	r2.Alignments = append(r2.Alignments, content.Relation{Demand: u2, Why: "Own reason."})
	s.Actors = []*content.Actor{russia, ukraine}
	s.Topics = []*content.Topic{land, arms}
	return s
}

func ids(ps []Pair) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.A.Slug+"-"+p.B.Slug)
	}
	return out
}

func TestPairs(t *testing.T) {
	s := testSite()
	tests := []struct {
		kind     Kind
		want     []string
		whyA     []string
		whyB     []string
		wantWhys []string
	}{
		{Conflict, []string{"r1-r2", "r1-u1"}, []string{"Same side tension.", "Kyiv refuses."}, []string{"Same side tension.", "Kyiv refuses."}, []string{"Same side tension.", "Kyiv refuses."}},
		{Alignment, []string{"r2-u2"}, []string{"Own reason."}, []string{"Odd bedfellows."}, []string{"Own reason."}},
	}
	for _, tt := range tests {
		t.Run(tt.kind.String(), func(t *testing.T) {
			got := Pairs(s, tt.kind)
			if !reflect.DeepEqual(ids(got), tt.want) {
				t.Fatalf("Pairs = %v, want %v", ids(got), tt.want)
			}
			for i, p := range got {
				if p.WhyA != tt.whyA[i] || p.WhyB != tt.whyB[i] || p.Why() != tt.wantWhys[i] {
					t.Errorf("%s: whys %q/%q/%q, want %q/%q/%q", ids(got)[i], p.WhyA, p.WhyB, p.Why(), tt.whyA[i], tt.whyB[i], tt.wantWhys[i])
				}
			}
		})
	}
}

func TestSharpest(t *testing.T) {
	s := testSite()
	tests := []struct {
		name string
		n    int
		want []string
	}{
		{"only cross-actor clashes", 5, []string{"r1-u1"}},
		{"limit", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(Sharpest(s, tt.n)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sharpest(%d) = %v, want %v", tt.n, got, tt.want)
			}
		})
	}
}

func TestSharpestPrefersDistinctDemands(t *testing.T) {
	s := testSite()
	// u2 now clashes with r1 too: r1 has the most clashes, but leads once.
	r1, u2 := s.Demands[0], s.Demands[3]
	r1.Conflicts = append(r1.Conflicts, content.Relation{Demand: u2})
	u2.Conflicts = append(u2.Conflicts, content.Relation{Demand: r1})
	got := ids(Sharpest(s, 5))
	if len(got) != 1 || !strings.HasPrefix(got[0], "r1-") {
		t.Errorf("Sharpest = %v, want one pair led by r1", got)
	}
}

func TestMatrix(t *testing.T) {
	s := testSite()
	m := NewMatrix(s)
	type cell struct {
		demands   string
		contested bool
		clashes   int
	}
	var got [][]cell
	for _, r := range m.Rows {
		var row []cell
		for _, c := range r.Cells {
			var names []string
			n := 0
			for _, e := range c.Entries {
				names = append(names, e.Demand.Slug)
				n += len(e.Clashes)
			}
			row = append(row, cell{strings.Join(names, ","), c.Contested(), n})
		}
		got = append(got, row)
	}
	want := [][]cell{
		{{"r1", true, 1}, {"u1", true, 1}}, // land: r1's same-actor clash with r2 is left out
		{{"r2", false, 0}, {"u2", false, 0}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("matrix = %+v, want %+v", got, want)
	}
	if len(m.Actors) != 2 || m.Rows[0].Topic.Slug != "land" {
		t.Errorf("headers: %d actors, first topic %s", len(m.Actors), m.Rows[0].Topic.Slug)
	}
}

func TestPositions(t *testing.T) {
	s := testSite()
	s.Actors = append(s.Actors, &content.Actor{Page: content.Page{Slug: "us"}, ID: "us"})
	ps := Positions(s, s.Topics[0])
	var got []string
	for _, p := range ps {
		var ds []string
		for _, d := range p.Demands {
			ds = append(ds, d.Slug)
		}
		got = append(got, p.Actor.Slug+":"+strings.Join(ds, ","))
	}
	want := []string{"russia:r1", "ukraine:u1", "us:"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Positions = %v, want %v", got, want)
	}
}
