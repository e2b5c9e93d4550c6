package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/markdown"
)

// page builds content/about.md with the given updated line (or none) and
// source items, each given as the lines under "  - ".
func page(updated string, sources ...string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: About\nsummary: About us.\n")
	if updated != "" {
		b.WriteString("updated: " + updated + "\n")
	}
	if len(sources) > 0 {
		b.WriteString("sources:\n")
		for _, s := range sources {
			b.WriteString("  - " + s + "\n")
		}
	}
	b.WriteString("---\nBody.\n")
	return b.String()
}

// src is one source item; the title is quoted as YAML needs.
func src(title, date string) string {
	s := "title: " + title + "\n    url: https://example.org/a"
	if date != "" {
		s += "\n    date: " + date
	}
	return s
}

func TestLintWarnings(t *testing.T) {
	long := `"` + strings.Repeat("é", 201) + `"`
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"updated before a dated source",
			page("2025-09-30", src(`"A"`, "2025-08-01"), src(`"B"`, "2025-10-10")),
			[]string{"content/about.md:4:10: warning: updated 2025-09-30 is earlier than the newest source, dated 2025-10-10\n" +
				"\tcontent/about.md:11:11: the newest source's date"}},
		{"a month counts from its first day",
			page("2025-09-30", src(`"A"`, "2025-12")),
			[]string{"content/about.md:4:10: warning: updated 2025-09-30 is earlier than the newest source, dated 2025-12\n" +
				"\tcontent/about.md:8:11: the newest source's date"}},
		{"a year counts from its first day",
			page("2025-09-30", src(`"A"`, "2026")),
			[]string{"content/about.md:4:10: warning: updated 2025-09-30 is earlier than the newest source, dated 2026\n" +
				"\tcontent/about.md:8:11: the newest source's date"}},
		{"a source in the month of updated is not newer", page("2025-12-15", src(`"A"`, "2025-12")), nil},
		{"same day is fine", page("2025-10-10", src(`"A"`, "2025-10-10")), nil},
		{"no updated, no warning", page("", src(`"A"`, "2026-02-11")), nil},
		{"undated sources are not compared", page("2025-09-30", src(`"A"`, "")), nil},
		{"title of 200 characters is fine", page("", src(`"`+strings.Repeat("é", 200)+`"`, "")), nil},
		{"title longer than 200 characters", page("", src(long, "")),
			[]string{"content/about.md:5:12: warning: source title is 201 characters long, more than 200: give the article's own headline"}},
		{"unclosed parenthesis", page("", src(`"Summary of the summit (3-on-3 format"`, "")),
			[]string{`content/about.md:5:12: warning: source title has an unclosed '('`}},
		{"unmatched bracket", page("", src(`"Draft] treaty"`, "")),
			[]string{`content/about.md:5:12: warning: source title has an unmatched ']'`}},
		{"crossed brackets", page("", src(`"A (b [c) d]"`, "")),
			[]string{`content/about.md:5:12: warning: source title has an unmatched ')'`}},
		{"odd straight double quotes", page("", src(`'Zelensky calls it a "personal victory'`, "")),
			[]string{`content/about.md:5:12: warning: source title has an unmatched '"'`}},
		{"unclosed curly quote", page("", src(`"Peskov on the “spirit of Anchorage"`, "")),
			[]string{`content/about.md:5:12: warning: source title has an unclosed '“'`}},
		{"balanced quotes, brackets and apostrophes are fine",
			page("", src(`'Trump says Zelenskyy''s war (in Ukraine) can end "almost immediately" – [“Reuters”]'`, "")), nil},
		{"trailing ellipsis character", page("", src(`"Alaska without agreement: why Lavrov's…"`, "")),
			[]string{"content/about.md:5:12: warning: source title ends in an ellipsis: give the article's full headline"}},
		{"trailing three dots", page("", src(`"Trump-Putin meeting a listening exercise ... "`, "")),
			[]string{"content/about.md:5:12: warning: source title ends in an ellipsis: give the article's full headline"}},
		{"an ellipsis inside the title is fine", page("", src(`"Steve Witkoff arrives in Moscow… Europe live"`, "")), nil},
		{"every problem of a title at once", page("", src(`"Summary (3-on-3…"`, "")),
			[]string{
				`content/about.md:5:12: warning: source title ends in an ellipsis: give the article's full headline`,
				`content/about.md:5:12: warning: source title has an unclosed '('`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := load(t, site(map[string]string{"content/about.md": tt.file}), Options{})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLintWarningsDoNotStopTheLoad checks that a warning leaves the site
// complete: the page with the warning is loaded like any other.
func TestLintWarningsDoNotStopTheLoad(t *testing.T) {
	fsys := site(map[string]string{"content/about.md": page("2025-09-30", src(`"A…"`, "2026"))})
	s, l := loadList(t, fsys)
	if l.HasErrors() || len(l) != 2 {
		t.Fatalf("want two warnings and no error, got:\n%v", l.Error())
	}
	if s == nil || len(s.Pages) != 1 || s.Pages[0].Sources[0].Title != "A…" {
		t.Errorf("the page with warnings was not loaded in full: %+v", s)
	}
}

func loadList(t *testing.T, fsys fstest.MapFS) (*Site, diag.List) {
	t.Helper()
	return NewLoader(markdown.New()).Load(fsys, Options{})
}
