package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBaseURLWarning checks that build warns once, on stderr, naming
// -base-url, base_url and the outputs left out, exactly when the site has
// no absolute base URL; and that check never warns.
func TestBaseURLWarning(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"-base-url", "base_url in content/_index.md", "sitemap.xml", "feed.xml", "canonical", "og:url"} {
		if !strings.Contains(noOriginWarning, s) || strings.Contains(noOriginWarning, "\n") {
			t.Errorf("the warning %q does not name %s on one line", noOriginWarning, s)
		}
	}
	declared := realSite(t, goodBriefs())
	bare := realSite(t, withFiles(goodBriefs(), map[string]string{"content/_index.md": "---\ntitle: Home\nsummary: A test site.\n---\nHello.\n"}))
	tests := []struct {
		name string
		args []string
		warn bool
	}{
		{"declared", []string{"build", "-src", declared}, false},
		{"declared, overridden by a path", []string{"build", "-src", declared, "-base-url", "/preview/"}, true},
		{"none", []string{"build", "-src", bare}, true},
		{"none, full URL flag", []string{"build", "-src", bare, "-base-url", "https://example.org/summit/"}, false},
		{"check never warns", []string{"check", "-src", bare}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if args[0] == "build" {
				args = append(args, "-out", filepath.Join(t.TempDir(), "public"))
			}
			code, _, stderr := run(args...)
			want := ""
			if tt.warn {
				want = noOriginWarning + "\n"
			}
			if code != ExitOK || stderr != want {
				t.Errorf("exit %d, stderr %q; want 0 and %q", code, stderr, want)
			}
		})
	}
}
