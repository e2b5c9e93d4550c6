package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/explainer/explainer/internal/markdown"
)

// TestPlaceholders checks both sides of a placeholder: an error in a
// published brief, a warning in a draft.
func TestPlaceholders(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"content/_index.md": "---\ntitle: Home\nsummary: S.\n---\n",
		// A draft: warnings.
		"content/actors/a.md": "---\ntitle: A\nsummary: \"TODO: summary\"\ndraft: true\nsources:\n  - title: \"TODO: headline\"\n    url: https://example.org/TODO\nparams:\n  TODO: key names are not values\n---\n",
		// Published: every placeholder is an error.
		"content/actors/b.md": "---\ntitle: B\nsummary: \"TODO: summary\"\nrole: Party\n---\n",
		// TOML, draft.
		"content/topics/t.md": "+++\ntitle = \"T\"\nsummary = \"TODO: what is at stake\"\ndraft = true\n+++\n",
		// Lower-case todo is ordinary text.
		"content/topics/u.md": "---\ntitle: U\nsummary: A todo list.\n---\n",
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	_, l := NewLoader(markdown.New()).Load(fsys, Options{})
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.String())
	}
	want := []string{
		`content/actors/a.md:3:10: warning: placeholder "TODO: summary" in a draft: write the value before publishing`,
		`content/actors/a.md:6:12: warning: placeholder "TODO: headline" in a draft: write the value before publishing`,
		`content/actors/a.md:7:10: warning: placeholder "https://example.org/TODO" in a draft: write the value before publishing`,
		`content/actors/b.md:3:10: placeholder "TODO: summary" in a published brief: write the value, or keep the brief a draft with draft: true`,
		`content/topics/t.md:3:11: warning: placeholder "TODO: what is at stake" in a draft: write the value before publishing`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("load reported\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
