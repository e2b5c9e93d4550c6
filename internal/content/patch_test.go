package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/explainer/explainer/internal/markdown"
)

// TestPatchBody checks when the body shortcut applies, and that when it
// does the page shows the new body with its links rewritten.
func TestPatchBody(t *testing.T) {
	t.Parallel()
	const lift = "content/demands/lift.md"
	front := "---\ntitle: Lift sanctions\nsummary: Lift them.\nactor: russia\ntopic: sanctions\n" +
		"conflicts_with:\n  - demand: snapback\n    why: Kyiv wants relief reversible.\n---\n"
	tests := []struct {
		name, src string
		ok        bool
	}{
		{"body edit", front + "## Timeline\n\nSee [Russia](../actors/russia.md#position). New words.\n", true},
		{"unchanged", front + "## Timeline\n\nSee [Russia](../actors/russia.md#position).\n", true},
		{"title edit", strings.Replace(front, "Lift sanctions", "Lift all sanctions", 1) + "## Timeline\n\nSee [Russia](../actors/russia.md#position).\n", true},
		{"summary edit", strings.Replace(front, "Lift them.", "Lift them all.", 1) + "## Timeline\n\nSee [Russia](../actors/russia.md#position).\n", true},
		{"actor edit", strings.Replace(front, "actor: russia", "actor: ukraine", 1) + "## Timeline\n\nSee [Russia](../actors/russia.md#position).\n", false},
		{"heading renamed", front + "## Dates\n\nSee [Russia](../actors/russia.md#position).\n", false},
		{"new link", front + "## Timeline\n\nSee [Russia](../actors/russia.md#position) and [Ukraine](../actors/ukraine.md).\n", false},
		{"link dropped", front + "## Timeline\n\nSee Russia.\n", false},
		{"broken link", front + "## Timeline\n\nSee [Russia](../actors/russia.md#nowhere).\n", false},
		{"bad frontmatter", "---\ntitle: [\n---\n## Timeline\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fsys := site(nil)
			ld := NewLoader(markdown.New())
			s, l := ld.Load(fsys, Options{})
			if len(l) > 0 {
				t.Fatal(l)
			}
			before := s.Demands[0].Page.Doc
			fsys[lift] = &fstest.MapFile{Data: []byte(tt.src)}
			title := s.Demands[0].Title
			ns, pg, _ := ld.PatchBody(s, fsys, Options{}, lift)
			if got := pg != nil; got != tt.ok {
				t.Fatalf("patched: got %v, want %v", got, tt.ok)
			}
			if s.Demands[0].Page.Doc != before || s.Demands[0].Title != title {
				t.Error("the patch changed the site it was given")
			}
			if !tt.ok {
				return
			}
			fresh, l := NewLoader(markdown.New()).Load(fsys, Options{})
			if len(l) > 0 {
				t.Fatal(l)
			}
			want := fresh.Demands[0].Page.Doc
			if pg != &ns.Demands[0].Page || string(pg.Doc.Source) != string(want.Source) || pg.Doc.Links[0].Dest != want.Links[0].Dest {
				t.Errorf("page body %q, link %q; a fresh load has %q, %q", pg.Doc.Source, pg.Doc.Links[0].Dest, want.Source, want.Links[0].Dest)
			}
			if wp := fresh.Demands[0].Page; pg.Title != wp.Title || pg.Summary != wp.Summary {
				t.Errorf("title %q, summary %q; a fresh load has %q, %q", pg.Title, pg.Summary, wp.Title, wp.Summary)
			}
		})
	}
}
