package views

import (
	"reflect"
	"strconv"
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

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  []string
	}{
		{"Short", 10, []string{"Short"}},
		{"one two three", 7, []string{"one two", "three"}},
		{"a verylongwordhere b", 5, []string{"a", "verylongwordhere", "b"}},
		{"", 5, nil},
		{"Ukraine's withdrawal from four regions", 36, []string{"Ukraine's withdrawal from four", "regions"}},
	}
	for _, tt := range tests {
		if got := wrap(tt.in, tt.width); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestMapLayout(t *testing.T) {
	s := testSite()
	m := NewMap(s)
	if len(m.Nodes) != 4 || len(m.Groups) != 2 || len(m.Edges) != 3 {
		t.Fatalf("%d nodes, %d groups, %d edges; want 4, 2, 3", len(m.Nodes), len(m.Groups), len(m.Edges))
	}
	for i, a := range m.Nodes {
		if a.X < 0 || a.Y < 0 || a.X+a.W > m.Width || a.Y+a.H > m.Height {
			t.Errorf("node %s at %d,%d %dx%d lies outside the %dx%d map", a.Demand.Slug, a.X, a.Y, a.W, a.H, m.Width, m.Height)
		}
		if len(a.LineY) != len(a.Lines) || len(a.Lines) == 0 {
			t.Errorf("node %s: %d lines, %d baselines", a.Demand.Slug, len(a.Lines), len(a.LineY))
		}
		if strings.Join(a.Lines, " ") != a.Demand.Title {
			t.Errorf("node %s: label %q is not the whole title", a.Demand.Slug, a.Lines)
		}
		for _, b := range m.Nodes[i+1:] {
			if a.Y < b.Y+b.H && b.Y < a.Y+a.H {
				t.Errorf("nodes %s and %s overlap", a.Demand.Slug, b.Demand.Slug)
			}
		}
	}
	// Alignments are drawn on the left of the column, conflicts on the right.
	left, right := m.Nodes[0].X, m.Nodes[0].X+m.Nodes[0].W
	for _, e := range m.Edges {
		want := right
		if e.Pair.Kind == Alignment {
			want = left
		}
		if !strings.HasPrefix(e.D, "M"+strconv.Itoa(want)+" ") {
			t.Errorf("%s edge %s-%s starts %q, want at x=%d", e.Pair.Kind, e.Pair.A.Slug, e.Pair.B.Slug, e.D, want)
		}
	}
	if again := NewMap(s); !reflect.DeepEqual(again, m) {
		t.Error("two layouts of the same site differ")
	}
}
