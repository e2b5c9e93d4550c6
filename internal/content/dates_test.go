package content_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/markdown"
)

// TestOptionsDates checks that Options.Dates fills Updated only where the
// frontmatter sets no date.
func TestOptionsDates(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"content/_index.md":        {Data: []byte("---\ntitle: Home\nsummary: S.\n---\n")},
		"content/topics/frozen.md": {Data: []byte("---\ntitle: Frozen\nsummary: S.\nupdated: 2024-05-06\n---\n")},
		"content/topics/git.md":    {Data: []byte("---\ntitle: Git\nsummary: S.\n---\n")},
		"content/topics/none.md":   {Data: []byte("---\ntitle: None\nsummary: S.\n---\n")},
	}
	git := time.Date(2025, 8, 16, 10, 30, 0, 0, time.UTC)
	dates := map[string]time.Time{
		"content/_index.md":        git.Add(-time.Hour),
		"content/topics/frozen.md": git,
		"content/topics/git.md":    git,
	}
	tests := []struct {
		file string
		want time.Time
	}{
		{"content/_index.md", git.Add(-time.Hour)},
		{"content/topics/frozen.md", time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)},
		{"content/topics/git.md", git},
		{"content/topics/none.md", time.Time{}},
	}
	site, l := content.NewLoader(markdown.New()).Load(fsys, content.Options{Dates: dates})
	if len(l) > 0 {
		t.Fatalf("unexpected diagnostics:\n%v", l)
	}
	byFile := map[string]*content.Page{}
	for _, p := range site.All {
		byFile[p.File] = p
	}
	for _, tt := range tests {
		p := byFile[tt.file]
		if p == nil {
			t.Errorf("%s: no page", tt.file)
			continue
		}
		if !p.Updated.Equal(tt.want) {
			t.Errorf("%s: got Updated %v, want %v", tt.file, p.Updated, tt.want)
		}
	}
	if !site.Updated.Equal(git) {
		t.Errorf("site: got Updated %v, want %v", site.Updated, git)
	}
}
