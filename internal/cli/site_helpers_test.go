package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/explainer/explainer/internal/newfiles"
	"github.com/explainer/explainer/internal/theme"
)

// goodBriefs returns a small valid site's content, which declares an
// absolute base URL (at the root, so URLs are paths from /).
func goodBriefs() map[string]string {
	return map[string]string{
		"content/_index.md":           "---\ntitle: Home\nsummary: A test site.\nbase_url: https://example.org/\n---\nHello.\n",
		"content/actors/russia.md":    "---\ntitle: Russia\nsummary: An actor.\nrole: Party\n---\nText.\n",
		"content/actors/ukraine.md":   "---\ntitle: Ukraine\nsummary: An actor.\nrole: Party\n---\nText.\n",
		"content/topics/sanctions.md": "---\ntitle: Sanctions\nsummary: A topic.\nupdated: 2024-05-06\n---\nText.\n",
		"content/demands/russia-lift-sanctions.md": "---\ntitle: Lift sanctions\nsummary: A demand.\n" +
			"actor: russia\ntopic: sanctions\n---\nText.\n",
	}
}

// realSite writes files over a copy of the built-in theme (layouts/ and
// static/, as theme eject writes them) in a new temporary folder and
// returns it.
func realSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := newfiles.Copy(theme.FS(), dir); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, files)
	return dir
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if de.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func withFiles(base map[string]string, extra map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}
