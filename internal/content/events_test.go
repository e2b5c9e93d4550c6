package content

import (
	"strings"
	"testing"
	"time"
)

// event is a valid event brief with extra frontmatter lines.
func event(extra string) string {
	return "---\ntitle: Talks\nsummary: They talked.\ndate: 2025-08-15\n" + extra + "---\n"
}

// demandWith is the lift demand with extra frontmatter lines and a body.
func demandWith(extra, body string) string {
	return "---\ntitle: Lift sanctions\nsummary: Lift them.\nactor: russia\ntopic: sanctions\n" +
		"sources:\n  - title: One\n    url: https://one.example/a\n    publisher: Reuters\n" +
		"  - title: Two\n    url: https://two.example/b\n    publisher: Kyiv Independent\n" +
		extra + "---\n## Timeline\n\n" + body
}

func TestEventStatusCiteDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "unknown demand in an event",
			files: map[string]string{"content/events/talks.md": event("demands:\n  - lif\n")},
			want:  []string{`content/events/talks.md:6:5: unknown demand "lif" (did you mean "lift"?)`},
		},
		{
			name:  "unknown actor in an event",
			files: map[string]string{"content/events/talks.md": event("actors: [russia, ukrane]\n")},
			want:  []string{`content/events/talks.md:5:18: unknown actor "ukrane" (did you mean "ukraine"?)`},
		},
		{
			name:  "bad date",
			files: map[string]string{"content/events/talks.md": "---\ntitle: T\nsummary: S\ndate: 15 August 2025\n---\n"},
			want:  []string{`content/events/talks.md:4:7: date: want a date as YYYY-MM-DD, got the string "15 August 2025"`},
		},
		{
			name:  "missing date",
			files: map[string]string{"content/events/talks.md": "---\ntitle: T\nsummary: S\n---\n"},
			want:  []string{`content/events/talks.md:1:1: missing required frontmatter key "date"`},
		},
		{
			name:  "date on a demand",
			files: map[string]string{"content/demands/lift.md": demandWith("date: 2025-08-15\n", "")},
			want:  []string{`content/demands/lift.md:13:1: key "date" is only allowed on events, not on a demand`},
		},
		{
			name:  "an event with a body",
			files: map[string]string{"content/events/talks.md": event("") + "\nMore text.\n"},
			want:  []string{`content/events/talks.md:7:1: an event has no body: the timeline shows its title, summary and sources; put the text in summary`},
		},
		{
			name: "two pivots",
			files: map[string]string{
				"content/events/a.md": event("pivot: true\n"),
				"content/events/b.md": event("pivot: true\n"),
			},
			want: []string{"content/events/b.md:5:1: a second pivot: the timeline turns on one event\n\tcontent/events/a.md:5:1: the first pivot is here"},
		},
		{
			name:  "events index",
			files: map[string]string{"content/events/_index.md": "---\ntitle: T\nsummary: S\n---\n"},
			want:  []string{`content/events/_index.md: the events have no list page of their own: they make up /timeline/`},
		},
		{
			name: "misspelled status",
			files: map[string]string{"content/demands/lift.md": demandWith(
				"status: partial\nstatus_as_of: 2025-09-30\nstatus_note: Some relief.\nstatus_source: https://one.example/a\n", "")},
			want: []string{`content/demands/lift.md:13:9: unknown status "partial" (did you mean "partly"?); want met, partly, unmet or open`},
		},
		{
			name:  "status without its note and source",
			files: map[string]string{"content/demands/lift.md": demandWith("status: unmet\nstatus_as_of: 2025-09-30\n", "")},
			want: []string{
				`content/demands/lift.md:13:1: status needs status_note too`,
				`content/demands/lift.md:13:1: status needs status_source too`,
			},
		},
		{
			name:  "open status needs no source",
			files: map[string]string{"content/demands/lift.md": demandWith("status: open\nstatus_as_of: 2025-09-30\nstatus_note: Nothing yet.\n", "")},
		},
		{
			name:  "status note without status",
			files: map[string]string{"content/demands/lift.md": demandWith("status_note: Some relief.\n", "")},
			want:  []string{`content/demands/lift.md:13:1: status_note without status: add status: met, partly, unmet or open`},
		},
		{
			name: "status source not among the sources",
			files: map[string]string{"content/demands/lift.md": demandWith(
				"status: unmet\nstatus_as_of: 2025-09-30\nstatus_note: No relief.\nstatus_source: https://one.example/b\n", "")},
			want: []string{`content/demands/lift.md:16:16: status_source "https://one.example/b" is not the url of one of this brief's sources (did you mean "https://one.example/a"?)`},
		},
		{
			name: "bad status date",
			files: map[string]string{"content/demands/lift.md": demandWith(
				"status: open\nstatus_as_of: 2025-09\nstatus_note: Nothing yet.\n", "")},
			want: []string{`content/demands/lift.md:14:15: status_as_of: want a date as YYYY-MM-DD, got the string "2025-09"`},
		},
		{
			name:  "citation of a missing source",
			files: map[string]string{"content/demands/lift.md": demandWith("", "Moscow said so.[@3]\n")},
			want:  []string{`content/demands/lift.md:16:17: citation [@3]: no source 3; the brief lists 2 sources`},
		},
		{
			name:  "citation in a list of several",
			files: map[string]string{"content/demands/lift.md": demandWith("", "Both said so.[@1; @7]\n")},
			want:  []string{`content/demands/lift.md:16:19: citation [@7]: no source 7; the brief lists 2 sources`},
		},
		{
			name:  "citation by a word",
			files: map[string]string{"content/demands/lift.md": demandWith("", "Moscow said so.[@reuter]\n")},
			want:  []string{`content/demands/lift.md:16:17: citation [@reuter]: name a source by its number in sources, like [@1] (did you mean [@1], Reuters?)`},
		},
		{
			name:  "citation on a brief without sources",
			files: map[string]string{"content/about.md": "---\ntitle: A\nsummary: S\n---\nIt is so.[@1]\n"},
			want:  []string{`content/about.md:5:11: citation [@1]: the brief has no sources`},
		},
		{
			name:  "valid citations",
			files: map[string]string{"content/demands/lift.md": demandWith("", "Moscow said so.[@2] Kyiv did not.[@1; @2]\n")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, got := load(t, site(tt.files), Options{})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestEventsResolve(t *testing.T) {
	files := map[string]string{
		"content/events/call.md":   "---\ntitle: Call\nsummary: A call.\ndate: 2025-08-13\nactors: [ukraine]\nkey: true\n---\n",
		"content/events/summit.md": "---\ntitle: Summit\nsummary: The summit.\ndate: 2025-08-15\nactors: [russia, ukraine]\ndemands: [lift]\npivot: true\n---\n",
		"content/events/after.md":  "---\ntitle: After\nsummary: Later.\ndate: 2025-08-18\ndemands: [lift, snapback]\nkey: true\n---\n",
		"content/demands/lift.md": demandWith("status: partly\nstatus_as_of: 2025-09-30\nstatus_note: Some relief.\nstatus_source: https://two.example/b\n",
			"Said.[@2] Again.[@2]\n"),
	}
	s, diags := load(t, site(files), Options{BaseURL: "/s/"})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", strings.Join(diags, "\n"))
	}
	ids := func(es []*Event) string {
		var out []string
		for _, e := range es {
			out = append(out, string(e.ID))
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct{ name, got, want string }{
		{"timeline", ids(s.Events), "call summit after"},
		{"before", ids(s.EventsBefore()), "call"},
		{"after", ids(s.EventsAfter()), "after"},
		{"key", ids(s.KeyEvents()), "call after"},
		{"russia", ids(s.ActorByID("russia").Events), "summit"},
		{"ukraine", ids(s.ActorByID("ukraine").Events), "call summit"},
		{"lift", ids(s.DemandByID("lift").Events), "summit after"},
		{"snapback", ids(s.DemandByID("snapback").Events), "after"},
		{"url", s.Events[0].URL, "/s/timeline/#call"},
		{"pivot", string(s.Pivot().ID), "summit"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	lift := s.DemandByID("lift")
	st := lift.Status
	if st.State != Partly || st.Note != "Some relief." || st.SourceNum != 2 || st.Source != &lift.Sources[1] ||
		!st.AsOf.Equal(time.Date(2025, 9, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("lift status = %+v, want partly as of 2025-09-30 backed by source 2", st)
	}
	if got := strings.Join(lift.Doc.CiteIDs(2), " "); got != "cite-2-1 cite-2-2" {
		t.Errorf("citations of source 2: got %q", got)
	}
	if tally := s.ActorByID("russia").Tally(); tally != (Tally{Partly: 1}) {
		t.Errorf("russia tally = %+v, want one partly", tally)
	}
}
