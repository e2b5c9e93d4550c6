package content

import (
	"slices"
	"strings"
	"testing"
)

// TestRenamedRefs renames an actor, a topic and a demand the way writers
// do (adding or dropping words, spelling out initials) and leaves the
// references to the old ids: each error suggests the new id.
func TestRenamedRefs(t *testing.T) {
	const snapback = "---\ntitle: Snapback\nsummary: Phased relief.\nactor: ukraine\ntopic: sanctions\n---\nBody.\n"
	fsys := site(map[string]string{
		"content/topics/sanctions.md":          "",
		"content/topics/sanctions-relief.md":   "---\ntitle: Sanctions\nsummary: Sanctions.\n---\nText.\n",
		"content/actors/ukraine.md":            "",
		"content/actors/ukraine-government.md": "---\ntitle: Ukraine\nsummary: Kyiv.\n---\nText.\n",
		"content/actors/us.md":                 "",
		"content/actors/united-states.md":      "---\ntitle: US\nsummary: Washington.\n---\nText.\n",
		"content/demands/snapback.md":          "",
		"content/demands/snapback-clause.md":   snapback,
		"content/demands/talks.md":             "---\ntitle: Talks\nsummary: S.\nactor: us\ntopic: sanctions-relief\n---\nBody.\n",
	})
	_, got := load(t, fsys, Options{})
	want := []string{
		`content/demands/lift.md:5:8: unknown topic "sanctions" (did you mean "sanctions-relief"?)`,
		`content/demands/lift.md:7:13: unknown demand "snapback" (did you mean "snapback-clause"?)`,
		`content/demands/snapback-clause.md:4:8: unknown actor "ukraine" (did you mean "ukraine-government"?)`,
		`content/demands/snapback-clause.md:5:8: unknown topic "sanctions" (did you mean "sanctions-relief"?)`,
		`content/demands/talks.md:4:8: unknown actor "us" (did you mean "united-states"?)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
