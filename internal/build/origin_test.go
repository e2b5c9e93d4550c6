package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/explainer/explainer/internal/content"
)

// TestOutputsNeedingOrigin builds a small site with the repository's
// layouts without and with an absolute base URL. Without one, nothing
// that needs an absolute URL is written with a relative one: no
// sitemap.xml, no feed.xml, no canonical or og:url, no link to either
// file, and the build still passes the link check. With one, all of them
// are there and absolute.
func TestOutputsNeedingOrigin(t *testing.T) {
	needy := []string{`rel="canonical"`, `property="og:url"`, `feed.xml`, `sitemap.xml`}
	tests := []struct {
		name, baseURL string
		absolute      bool
	}{
		{"no base URL", "", false},
		{"a path", "/summit/", false},
		{"declared in content/_index.md", "", true},
		{"a full URL", "https://example.org/summit/", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := "---\ntitle: Home\nsummary: S.\n---\nHi.\n"
			if tt.name == "declared in content/_index.md" {
				home = "---\ntitle: Home\nsummary: S.\nbase_url: https://example.org/summit/\n---\nHi.\n"
			}
			fsys := fstest.MapFS{
				"content/_index.md":        {Data: []byte(home)},
				"content/actors/russia.md": {Data: []byte("---\ntitle: Russia\nsummary: Moscow.\n---\nText.\n")},
			}
			addRepoLayouts(t, fsys)
			res := New().Build(fsys, Options{Options: content.Options{BaseURL: tt.baseURL}})
			if len(res.Diags) > 0 {
				t.Fatal(diagText(res))
			}
			for _, f := range []string{"sitemap.xml", "feed.xml"} {
				if _, ok := res.Output.Files[f]; ok != tt.absolute {
					t.Errorf("%s written: %v, want %v", f, ok, tt.absolute)
				}
			}
			robots := string(res.Output.Files["robots.txt"])
			if strings.Contains(robots, "Sitemap:") != tt.absolute {
				t.Errorf("robots.txt:\n%s", robots)
			}
			for _, p := range []string{"index.html", "actors/russia/index.html", "matrix/index.html"} {
				page := string(res.Output.Files[p])
				for _, s := range needy {
					if strings.Contains(page, s) != tt.absolute {
						t.Errorf("%s: has %s: %v, want %v", p, s, !tt.absolute, tt.absolute)
					}
				}
				if tt.absolute && !strings.Contains(page, `<link rel="canonical" href="https://example.org/summit/`) {
					t.Errorf("%s: no absolute canonical link", p)
				}
			}
		})
	}
}
