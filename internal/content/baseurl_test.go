package content

import (
	"slices"
	"strings"
	"testing"
)

// TestBaseURL checks where the base URL comes from: -base-url when given,
// else base_url in content/_index.md, else "/" with no origin; and that a
// bad or misplaced base_url is an error at its position.
func TestBaseURLSource(t *testing.T) {
	home := func(front string) map[string]string {
		return map[string]string{"content/_index.md": "---\ntitle: Home\nsummary: The summit.\n" + front + "---\nWelcome.\n"}
	}
	tests := []struct {
		name         string
		files        map[string]string
		flag         string
		base, origin string
		diags        []string
	}{
		{name: "none", base: "/"},
		{name: "from the home page", files: home("base_url: https://example.org/summit/\n"), base: "/summit/", origin: "https://example.org"},
		{name: "the flag wins", files: home("base_url: https://example.org/summit/\n"), flag: "https://other.example/", base: "/", origin: "https://other.example"},
		{name: "a path flag drops the origin", files: home("base_url: https://example.org/summit/\n"), flag: "/preview/", base: "/preview/"},
		{name: "a path", files: home("base_url: /summit\n"), base: "/summit/"},
		{name: "TOML", files: map[string]string{"content/_index.md": "+++\ntitle = \"Home\"\nsummary = \"S.\"\nbase_url = \"https://example.org/\"\n+++\n"}, base: "/", origin: "https://example.org"},
		{name: "bad", files: home("base_url:   ftp://example.org/\n"), base: "/",
			diags: []string{`content/_index.md:4:13: bad base URL "ftp://example.org/": want a path like /summit/ or a URL like https://example.org/summit/`}},
		{name: "not text", files: home("base_url: [a]\n"), base: "/",
			diags: []string{`content/_index.md:4:11: base_url: want text, got a list`}},
		{name: "on a demand", files: map[string]string{"content/demands/snapback.md": "---\ntitle: T\nsummary: S\nactor: ukraine\ntopic: sanctions\nbase_url: https://example.org/\n---\n"}, base: "/",
			diags: []string{`content/demands/snapback.md:6:1: key "base_url" is only allowed on the home page (content/_index.md), not on a demand`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, got := load(t, site(tt.files), Options{BaseURL: tt.flag})
			if !slices.Equal(got, tt.diags) {
				t.Fatalf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.diags, "\n"))
			}
			if s.Base != tt.base || s.Origin != tt.origin {
				t.Errorf("base %q origin %q, want %q %q", s.Base, s.Origin, tt.base, tt.origin)
			}
			if want := tt.origin + tt.base + "demands/lift/"; len(got) == 0 && s.DemandByID("lift").Permalink != want {
				t.Errorf("permalink %q, want %q", s.DemandByID("lift").Permalink, want)
			}
		})
	}
}
