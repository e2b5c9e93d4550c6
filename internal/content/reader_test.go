package content

import (
	"strings"
	"testing"
)

const homeSources = "sources:\n  - title: One\n    url: https://example.com/one\n    publisher: Pub\n"

// TestReaderFields loads valid core, colour, takeaways and headline
// clashes and checks what the resolved site holds.
func TestReaderFields(t *testing.T) {
	s, diags := load(t, site(map[string]string{
		"content/_index.md": "---\ntitle: Home\nsummary: S.\n" + homeSources +
			"takeaways:\n  - text: First line.\n    source: https://example.com/one\n" +
			"  - text: Second line.\n    source: [https://example.com/one]\n" +
			"headline_clashes:\n  - [snapback, lift]\noutcome: about\n---\n",
		"content/actors/russia.md": "---\ntitle: Russia\nsummary: Moscow.\ncolour: \"#ABC\"\n---\n## Position\n",
		"content/demands/lift.md": "---\ntitle: Lift\nsummary: L.\nactor: russia\ntopic: sanctions\ncore: true\n" +
			"conflicts_with:\n  - demand: snapback\n    why: Kyiv wants relief reversible.\n---\n## Timeline\n",
	}), Options{})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", strings.Join(diags, "\n"))
	}
	lift, snap := s.DemandByID("lift"), s.DemandByID("snapback")
	if got := s.ActorByID("russia").Colour; got != "#aabbcc" {
		t.Errorf("colour = %q, want #aabbcc", got)
	}
	if got := s.ActorByID("ukraine").Colour; got != "" {
		t.Errorf("unset colour = %q, want empty", got)
	}
	if !lift.Core || snap.Core {
		t.Errorf("core: lift %v, snapback %v; want true, false", lift.Core, snap.Core)
	}
	if len(s.Takeaways) != 2 || s.Takeaways[0].Text != "First line." || len(s.Takeaways[1].Sources) != 1 || s.Takeaways[1].Sources[0].Publisher != "Pub" {
		t.Errorf("takeaways = %+v", s.Takeaways)
	}
	if len(s.Headlines) != 1 || s.Headlines[0].A != snap || s.Headlines[0].B != lift || s.Headlines[0].Why != "Kyiv wants relief reversible." {
		t.Errorf("headlines = %+v, want snapback against lift with the why", s.Headlines)
	}
	if s.Outcome == nil || s.Outcome.Slug != "about" {
		t.Errorf("outcome = %v, want the about page", s.Outcome)
	}
	if !lift.Conflicts[0].Headline || !snap.Conflicts[0].Headline {
		t.Error("the headline clash is not marked on both sides")
	}
}

// TestReaderFieldErrors gives each new field's errors with their position.
func TestReaderFieldErrors(t *testing.T) {
	home := func(extra string) map[string]string {
		return map[string]string{"content/_index.md": "---\ntitle: Home\nsummary: S.\n" + homeSources + extra + "---\n"}
	}
	demand := func(extra string) string {
		return "---\ntitle: T\nsummary: S\nactor: russia\ntopic: sanctions\n" + extra + "---\n## Timeline\n"
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"colour not hex", map[string]string{"content/actors/russia.md": "---\ntitle: R\nsummary: S\ncolour: red\n---\n## Position\n"},
			[]string{`content/actors/russia.md:4:9: colour: want a hex colour like "#1f5fa8", got "red"`}},
		{"colour unquoted", map[string]string{"content/actors/russia.md": "---\ntitle: R\nsummary: S\ncolour: #aa0000\n---\n## Position\n"},
			[]string{`content/actors/russia.md:4:8: colour: want a hex colour in quotes, like "#1f5fa8" (unquoted, # starts a YAML comment)`}},
		{"colour five digits", map[string]string{"content/actors/russia.md": "---\ntitle: R\nsummary: S\ncolour: \"#aa000\"\n---\n## Position\n"},
			[]string{`content/actors/russia.md:4:9: colour: want a hex colour like "#1f5fa8", got "#aa000"`}},
		{"colour shared", map[string]string{
			"content/actors/russia.md":  "---\ntitle: R\nsummary: S\ncolour: \"#112233\"\n---\n## Position\n",
			"content/actors/ukraine.md": "---\ntitle: U\nsummary: S\ncolour: \"#123\"\n---\n",
		}, []string{"content/actors/ukraine.md:4:9: colour #112233 is already russia's: each actor needs its own\n\tcontent/actors/russia.md:4:9: set here"}},
		{"colour on a demand", map[string]string{"content/demands/lift.md": demand("colour: \"#123456\"\n")},
			[]string{`content/demands/lift.md:6:1: key "colour" is only allowed on actors, not on a demand`}},
		{"color spelt the US way", map[string]string{"content/actors/russia.md": "---\ntitle: R\nsummary: S\ncolor: \"#123456\"\n---\n## Position\n"},
			[]string{`content/actors/russia.md:4:1: unknown frontmatter key "color" (did you mean "colour"?)`}},
		{"core not a boolean", map[string]string{"content/demands/lift.md": demand("core: yes please\n")},
			[]string{`content/demands/lift.md:6:7: core: want true or false, got the string "yes please"`}},
		{"core on an actor", map[string]string{"content/actors/russia.md": "---\ntitle: R\nsummary: S\ncore: true\n---\n## Position\n"},
			[]string{`content/actors/russia.md:4:1: key "core" is only allowed on demands, not on an actor`}},
		{"too many core demands", map[string]string{
			"content/demands/lift.md": demand("core: true\nweight: 1\n"),
			"content/demands/a.md":    demand("core: true\nweight: 2\n"),
			"content/demands/b.md":    demand("core: true\nweight: 3\n"),
			"content/demands/c.md":    demand("weight: 4\ncore: true\n"),
		}, []string{"content/demands/c.md:7:1: core: russia already has 3 core demands; the home page shows at most 3 per actor"}},
		{"takeaway without source", home("takeaways:\n  - text: A line.\n"),
			[]string{"content/_index.md:9:5: takeaways: item has no source: give the url of one of the page's sources"}},
		{"takeaway source not among sources", home("takeaways:\n  - text: A line.\n    source: https://example.com/on\n"),
			[]string{`content/_index.md:10:13: takeaways.source: "https://example.com/on" is not one of this page's sources (add it under sources:) (did you mean "https://example.com/one"?)`}},
		{"takeaway blank text", home("takeaways:\n  - text: \" \"\n    source: https://example.com/one\n"),
			[]string{"content/_index.md:9:11: takeaways.text must not be empty"}},
		{"takeaway unknown key", home("takeaways:\n  - txt: A.\n    source: https://example.com/one\n"),
			[]string{"content/_index.md:9:5: takeaways: item has no text", `content/_index.md:9:5: takeaways: unknown key "txt" (did you mean "text"?); an item has text and source`}},
		{"too many takeaways", home("takeaways:\n" + strings.Repeat("  - {text: A., source: https://example.com/one}\n", 6)),
			[]string{"content/_index.md:14:5: takeaways: at most 5 lines, so that the box fits a phone's first screen"}},
		{"takeaways on a topic", map[string]string{"content/topics/sanctions.md": "---\ntitle: T\nsummary: S\ntakeaways: []\n---\n"},
			[]string{`content/topics/sanctions.md:4:1: key "takeaways" is only allowed on the home page (content/_index.md), not on a topic`}},
		{"headline not a pair", home("headline_clashes:\n  - [lift]\n"),
			[]string{"content/_index.md:9:5: headline_clashes: want a pair of demand ids like [russia-x, ukraine-y], got a list of 1"}},
		{"headline unknown demand", home("headline_clashes:\n  - [lift, snapbak]\n"),
			[]string{`content/_index.md:9:12: unknown demand "snapbak" (did you mean "snapback"?)`}},
		{"headline not a conflict", map[string]string{
			"content/_index.md":        home("headline_clashes:\n  - [lift, other]\n")["content/_index.md"],
			"content/demands/other.md": demand(""),
		}, []string{"content/_index.md:9:5: headline_clashes: lift and other do not conflict; list one under the other's conflicts_with first"}},
		{"headline twice", home("headline_clashes:\n  - [lift, snapback]\n  - [snapback, lift]\n"),
			[]string{"content/_index.md:10:5: headline_clashes: snapback and lift are listed twice\n\tcontent/_index.md:9:5: first listed here"}},
		{"outcome unknown page", home("outcome: abut\n"),
			[]string{`content/_index.md:8:10: unknown page "abut" (did you mean "about"?)`}},
		{"outcome on a demand", map[string]string{"content/demands/lift.md": demand("outcome: about\n")},
			[]string{`content/demands/lift.md:6:1: key "outcome" is only allowed on the home page (content/_index.md), not on a demand`}},
		{"headline with itself", home("headline_clashes:\n  - [lift, lift]\n"),
			[]string{"content/_index.md:9:12: headline_clashes: lift is paired with itself"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := load(t, site(tt.files), Options{})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
