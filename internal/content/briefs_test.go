package content_test

import (
	"os"
	"strings"
	"testing"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/markdown"
)

// TestBriefsStrict holds the repository's own content to check -strict,
// as CI does: a warning (a brief updated before its newest source, a
// source title that reads like a note) fails it like an error. Infos do
// not.
func TestBriefsStrict(t *testing.T) {
	_, diags := content.NewLoader(markdown.New()).Load(os.DirFS("../.."), content.Options{})
	if diags.Fails(true) {
		t.Fatalf("the repository's content has errors or warnings (check -strict fails on both):\n%v", diags.Error())
	}
}

// TestBriefs guards the repository's own explainer: the briefs and
// relations the site exists to show cannot silently disappear.
func TestBriefs(t *testing.T) {
	site, diags := content.NewLoader(markdown.New()).Load(os.DirFS("../.."), content.Options{})
	if diags.HasErrors() {
		t.Fatalf("the repository's content has errors:\n%v", diags.Error())
	}
	actors := map[content.ActorID]string{"russia": "russia-", "ukraine": "ukraine-", "united-states": "us-", "europe": "europe-"}
	for id := range actors {
		a := site.ActorByID(id)
		if a == nil {
			t.Errorf("missing actor %s", id)
			continue
		}
		if a.Role == "" {
			t.Errorf("actor %s has no role", id)
		}
	}
	demands := []content.DemandID{
		"russia-withdrawal-four-regions", "russia-end-nato-aspirations", "russia-halt-western-arms",
		"russia-lift-sanctions", "russia-russian-speakers-rights", "russia-no-western-troops",
		"russia-settlement-before-ceasefire", "russia-format-us-track-leaders-sign-last",
		"ukraine-no-deal-without-ukraine", "ukraine-unconditional-ceasefire", "ukraine-release-all-pows",
		"ukraine-return-children", "ukraine-robust-security-guarantees", "ukraine-phased-sanctions-snapback",
		"ukraine-no-recognition-of-occupation",
		"us-end-war-fast", "us-broker-leaders-meetings", "us-realistic-settlement-no-nato",
		"us-europe-leads-no-us-troops", "us-sanctions-leverage",
		"europe-no-deal-without-kyiv", "europe-reassurance-force", "europe-ceasefire-first",
		"europe-no-border-change-by-force", "europe-sustain-support-and-pressure",
	}
	for _, id := range demands {
		d := site.DemandByID(id)
		if d == nil {
			t.Errorf("missing demand %s", id)
			continue
		}
		if d.Actor == nil || !strings.HasPrefix(string(id), actors[d.Actor.ID]) {
			t.Errorf("demand %s has actor %v", id, d.Actor)
		}
		if d.Topic == nil {
			t.Errorf("demand %s has no topic", id)
		}
		withWhy := 0
		for _, r := range append(append([]content.Relation(nil), d.Conflicts...), d.Alignments...) {
			if r.Why != "" {
				withWhy++
			}
		}
		if withWhy == 0 {
			t.Errorf("demand %s has no conflict or alignment with a why", id)
		}
		if n := len(strings.Fields(d.Doc.Text())); n < 250 || n > 700 {
			t.Errorf("demand %s has %d words, want about 250-600", id, n)
		}
		if len(d.Doc.Headings) < 3 {
			t.Errorf("demand %s has %d ## sections", id, len(d.Doc.Headings))
		}
	}
	topics := []content.TopicID{"territory", "nato-and-alliances", "arms-supplies", "sanctions",
		"ceasefire-and-ending-the-war", "prisoners-and-children", "security-guarantees-and-peacekeeping",
		"negotiation-format", "language-and-minority-rights"}
	for _, id := range topics {
		if site.TopicByID(id) == nil {
			t.Errorf("missing topic %s", id)
		}
	}
	pages := map[string]bool{}
	for _, p := range site.Pages {
		pages[p.Slug] = true
	}
	for _, id := range []string{"outcome", "method", "about"} {
		if !pages[id] {
			t.Errorf("missing page %s", id)
		}
	}
	for _, p := range site.All {
		if p.File != "" && len(p.Sources) == 0 {
			t.Errorf("%s lists no sources", p.File)
		}
	}
	// The clashes the explainer exists to show.
	clashes := [][2]content.DemandID{
		{"russia-withdrawal-four-regions", "ukraine-no-recognition-of-occupation"},
		{"russia-no-western-troops", "europe-reassurance-force"},
		{"russia-lift-sanctions", "ukraine-phased-sanctions-snapback"},
		{"russia-settlement-before-ceasefire", "ukraine-unconditional-ceasefire"},
		{"russia-end-nato-aspirations", "ukraine-robust-security-guarantees"},
	}
	for _, c := range clashes {
		a, b := site.DemandByID(c[0]), site.DemandByID(c[1])
		if a == nil || b == nil || !related(a.Conflicts, b) || !related(b.Conflicts, a) {
			t.Errorf("%s and %s should conflict, both ways", c[0], c[1])
		}
	}
}

func related(rs []content.Relation, d *content.Demand) bool {
	for _, r := range rs {
		if r.Demand == d {
			return true
		}
	}
	return false
}
