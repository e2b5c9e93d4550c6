package views

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/explainer/explainer/internal/content"
)

func TestActorColours(t *testing.T) {
	tests := []struct {
		name, written string
	}{
		{"default", ""},
		{"dark writer colour", "#112233"},
		{"pale writer colour", "#ffd500"}, // too light for a light page
		{"mid grey", "#777777"},
		{"pure red", "#ff0000"},
	}
	bgs := func(list []string) [][3]float64 {
		var out [][3]float64
		for _, s := range list {
			out = append(out, parseHex(s))
		}
		return out
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &content.Actor{Page: content.Page{Slug: "x"}, Colour: tt.written}
			cs := ActorColours(&content.Site{Actors: []*content.Actor{a}})
			if len(cs) != 1 {
				t.Fatalf("%d colours", len(cs))
			}
			for _, v := range []struct {
				scheme, c string
				on        [][3]float64
			}{{"light", cs[0].Light, bgs(lightBackgrounds)}, {"dark", cs[0].Dark, bgs(darkBackgrounds)}} {
				for _, bg := range v.on {
					if r := Contrast(parseHex(v.c), bg); r < MinContrast {
						t.Errorf("%s %s on %v: contrast %.2f, under %.1f", v.scheme, v.c, bg, r, MinContrast)
					}
				}
			}
			if tt.written != "" {
				h0, s0, _ := toHSL(parseHex(tt.written))
				for _, c := range []string{cs[0].Light, cs[0].Dark} {
					h, s, _ := toHSL(parseHex(c))
					if s0 > 0.1 && (abs(h-h0) > 6 || abs(s-s0) > 0.08) && c != "#000000" && c != "#ffffff" {
						t.Errorf("%s became %s: hue %.0f→%.0f, saturation %.2f→%.2f", tt.written, c, h0, h, s0, s)
					}
				}
			}
		})
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestDefaultColoursDistinctAndNotRed(t *testing.T) {
	site := &content.Site{}
	for i := range 30 {
		site.Actors = append(site.Actors, &content.Actor{Page: content.Page{Slug: fmt.Sprint("a", i)}})
	}
	seen := map[string]int{}
	for i, c := range ActorColours(site) {
		if j, dup := seen[c.Light]; dup {
			t.Errorf("actors %d and %d share %s", j, i, c.Light)
		}
		seen[c.Light] = i
		h, s, _ := toHSL(parseHex(c.Light))
		if s > 0.3 && (h < 15 || h > 345) {
			t.Errorf("actor %d is red (%s), the colour of headline clashes", i, c.Light)
		}
	}
	css := string(ActorsCSS(site))
	if !strings.Contains(css, ".a-a0{--ac:"+DefaultColours[0]+"}") || !strings.Contains(css, "@media (prefers-color-scheme:dark){") {
		t.Errorf("actors.css lacks the first actor's rule or the dark scheme:\n%s", css)
	}
}

// readerSite is testSite with a third actor, a headline clash and core
// demands.
func readerSite() *content.Site {
	s := testSite()
	r1, r2, u1, u2 := s.Demands[0], s.Demands[1], s.Demands[2], s.Demands[3]
	us := &content.Actor{Page: content.Page{Slug: "us", Title: "US"}, ID: "us"}
	u3 := &content.Demand{Page: content.Page{Slug: "us1", Title: "Quick end"}, ID: "us1", Actor: us, Topic: s.Topics[0]}
	us.Demands = []*content.Demand{u3}
	s.Topics[0].Demands = append(s.Topics[0].Demands, u3)
	s.Actors = append(s.Actors, us)
	s.Demands = append(s.Demands, u3)
	u3.Conflicts = []content.Relation{{Demand: r1, Why: "Fast."}}
	r1.Conflicts = append(r1.Conflicts, content.Relation{Demand: u3, Why: "Fast."})
	// r1 × u1 is the headline clash; r2 is Russia's only core demand.
	r1.Conflicts[0].Headline, u1.Conflicts[0].Headline = true, true
	s.Headlines = []content.Headline{{A: u1, B: r1, Why: "Kyiv refuses."}}
	r2.Core = true
	_ = u2
	return s
}

func TestCoreDemands(t *testing.T) {
	var got []string
	for _, b := range CoreDemands(readerSite()) {
		var ids []string
		for _, d := range b.Core {
			ids = append(ids, d.Slug)
		}
		got = append(got, fmt.Sprintf("%s:%s+%d", b.Actor.Slug, strings.Join(ids, ","), b.More))
	}
	want := []string{"russia:r2+1", "ukraine:u1,u2+0", "us:us1+0"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CoreDemands = %v, want %v (marked ones, else the first two)", got, want)
	}
}

func TestHeadlines(t *testing.T) {
	s := readerSite()
	got := Headlines(s, 6)
	if len(got) != 1 || got[0].A.Slug != "u1" || got[0].B.Slug != "r1" || got[0].WhyA != "Kyiv refuses." || !got[0].Headline() {
		t.Errorf("Headlines = %+v, want the written pair u1–r1", got)
	}
	s.Headlines = nil
	if got := ids(Headlines(s, 6)); len(got) == 0 {
		t.Error("without headline_clashes the home page shows no clash; want the sharpest")
	}
}

func TestPairGroups(t *testing.T) {
	var got []string
	for _, g := range PairGroups(readerSite()) {
		got = append(got, fmt.Sprintf("%s %s/%s h%d", g.ID(), strings.Join(ids(g.Conflicts), ","), strings.Join(ids(g.Alignments), ","), g.Headlines))
	}
	want := []string{
		"russia-ukraine r1-u1/r2-u2 h1", // the headline first
		"russia-us r1-us1/ h0",
		"russia r1-r2/ h0", // within one actor, last
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PairGroups:\ngot  %q\nwant %q", got, want)
	}
	v := ActorClashView(PairGroups(readerSite()), readerSite().Actors[2])
	if len(v.Groups) != 0 {
		// A fresh site's actors are other pointers: nothing matches.
		t.Errorf("groups of another site's actor: %d", len(v.Groups))
	}
	s := readerSite()
	v = ActorClashView(PairGroups(s), s.Actors[2])
	if len(v.Groups) != 1 || v.Groups[0].ID() != "russia-us" {
		t.Errorf("the US's clash view holds %d groups, want russia-us", len(v.Groups))
	}
}

func TestReferences(t *testing.T) {
	s := readerSite()
	r1, u1 := s.Demands[0], s.Demands[2]
	method := &content.Page{Slug: "method"}
	r1.ReferencedBy = []*content.Page{&u1.Page, method, &s.Actors[0].Page}
	if got := DemandReferences(r1); len(got) != 1 || got[0] != method {
		t.Errorf("DemandReferences = %v, want only the method page", got)
	}
	s.Actors[0].ReferencedBy = []*content.Page{&r1.Page, method}
	if got := ActorReferences(s.Actors[0]); len(got) != 1 || got[0] != method {
		t.Errorf("ActorReferences = %v, want only the method page", got)
	}
}

func TestAgainstAndHeadlineFirst(t *testing.T) {
	s := readerSite()
	r1 := s.Demands[0]
	var names []string
	for _, a := range Against(r1) {
		names = append(names, a.Slug)
	}
	if strings.Join(names, ",") != "ukraine,us" {
		t.Errorf("Against(r1) = %v, want ukraine,us (not russia itself)", names)
	}
	rs := []content.Relation{{Demand: s.Demands[1]}, {Demand: s.Demands[2], Headline: true}}
	if got := HeadlineFirst(rs); got[0].Demand != s.Demands[2] || got[1].Demand != s.Demands[1] {
		t.Errorf("HeadlineFirst did not put the headline first: %+v", got)
	}
	if got := Attribution(content.Source{Publisher: "Kyiv Independent (citing Reuters)"}); got != "Kyiv Independent" {
		t.Errorf("Attribution = %q", got)
	}
	if got := Attribution(content.Source{Title: "A title"}); got != "A title" {
		t.Errorf("Attribution without publisher = %q", got)
	}
}

func TestSplit(t *testing.T) {
	s := readerSite()
	if Split(s) || NewMatrix(s).Index != nil || NewClashView(s).Index != nil {
		t.Fatal("a small site is split")
	}
	for i := range SplitAbove {
		d := &content.Demand{Page: content.Page{Slug: fmt.Sprint("x", i)}, Actor: s.Actors[0], Topic: s.Topics[0]}
		s.Demands = append(s.Demands, d)
		s.Actors[0].Demands = append(s.Actors[0].Demands, d)
		s.Topics[0].Demands = append(s.Topics[0].Demands, d)
	}
	if !Split(s) {
		t.Fatalf("%d demands are not split", len(s.Demands))
	}
	m := NewMatrix(s)
	if m.Rows != nil || len(m.Index) != len(s.Topics) {
		t.Errorf("split matrix: %d rows, %d index lines; want 0 and %d", len(m.Rows), len(m.Index), len(s.Topics))
	}
	if c := m.Index[0]; c.Topic != s.Topics[0] || c.Clashes != 3 {
		t.Errorf("first topic line = %+v, want land with 3 clashing demands", c)
	}
	v := NewClashView(s)
	if v.Groups != nil || len(v.Index) != len(s.Actors) || v.Index[0].Conflicts != 4 {
		t.Errorf("split clash view: %d groups, index %+v", len(v.Groups), v.Index)
	}
}
