package scaffold

import (
	"io/fs"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestSiteTitle checks that any one-line title survives the trip into
// the home page's YAML frontmatter unchanged, and that bad ones are
// refused.
func TestSiteTitle(t *testing.T) {
	t.Parallel()
	for _, title := range []string{
		DefaultTitle, `Talks: "phase two"`, `a \ backslash`, "#hash first", "Émissions — COP 30 ✓", "- dash", "yes",
	} {
		site, err := Site(title)
		if err != nil {
			t.Errorf("Site(%q): %v", title, err)
			continue
		}
		b, err := fs.ReadFile(site, "content/_index.md")
		if err != nil {
			t.Fatal(err)
		}
		front, _, _ := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---\n")
		var got struct{ Title string }
		if err := yaml.Unmarshal([]byte(front), &got); err != nil || got.Title != title {
			t.Errorf("title %q came back as %q (%v)", title, got.Title, err)
		}
		if readme, _ := fs.ReadFile(site, "README.md"); !strings.HasPrefix(string(readme), "# "+title+"\n") {
			t.Errorf("README does not open with the title %q", title)
		}
		for _, name := range []string{"content/_index.md.tmpl", "README.md.tmpl"} {
			if _, err := fs.Stat(site, name); err == nil {
				t.Errorf("%s kept its .tmpl name", name)
			}
		}
	}
	for _, bad := range []string{"", "  ", "two\nlines", "tab\there", "bad \xff utf-8"} {
		if _, err := Site(bad); err == nil {
			t.Errorf("Site(%q) was accepted", bad)
		}
	}
}
