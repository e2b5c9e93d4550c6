package content_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/markdown"
)

// TestEmptyRefs checks that an empty reference is an error at its value,
// reported once, rather than a demand silently left without an actor.
func TestEmptyRefs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		front string
		want  []string
	}{
		{"empty actor", "actor: \"\"\ntopic: t\n", []string{`content/demands/d.md:4:8: actor must not be empty`}},
		{"blank topic", "actor: a\ntopic: \"  \"\n", []string{`content/demands/d.md:5:8: topic must not be empty`}},
		{"empty related demand", "actor: a\ntopic: t\nconflicts_with:\n  - demand: \"\"\n    why: W.\n",
			[]string{`content/demands/d.md:7:13: conflicts_with.demand must not be empty`}},
		{"item without demand", "actor: a\ntopic: t\naligned_with:\n  - why: W.\n",
			[]string{`content/demands/d.md:7:5: aligned_with: item has no demand`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fsys := fstest.MapFS{
				"content/_index.md":    {Data: []byte("---\ntitle: Home\nsummary: S.\n---\n")},
				"content/actors/a.md":  {Data: []byte("---\ntitle: A\nsummary: S.\n---\n")},
				"content/topics/t.md":  {Data: []byte("---\ntitle: T\nsummary: S.\n---\n")},
				"content/demands/d.md": {Data: []byte("---\ntitle: D\nsummary: S.\n" + tt.front + "---\n")},
			}
			_, l := content.NewLoader(markdown.New()).Load(fsys, content.Options{})
			var got []string
			for _, d := range l {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
