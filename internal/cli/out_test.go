package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutRefused checks every way -out can point at or above the sources,
// including through a symbolic link and a relative path, is refused with
// exit code 2 before anything is written, and the sources survive.
func TestOutRefused(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{"static/style.css": "body{}"})
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	elsewhere := t.TempDir()
	for name, target := range map[string]string{"to-content": filepath.Join(dir, "content"), "to-site": dir} {
		if err := os.Symlink(target, filepath.Join(elsewhere, name)); err != nil {
			t.Fatal(err)
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	relSite, err := filepath.Rel(wd, dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, out, stderr string
	}{
		{"site root", dir, "is the site root"},
		{"site root with a trailing dot", filepath.Join(dir, "content", ".."), "is the site root"},
		{"relative site root", relSite, "is the site root"},
		{"parent of the site", filepath.Dir(dir), "contains the site root"},
		{"file system root", "/", "contains the site root"},
		{"content", filepath.Join(dir, "content"), "inside content/"},
		{"below content", filepath.Join(dir, "content", "actors", "new"), "inside content/"},
		{"layouts", filepath.Join(dir, "layouts"), "inside layouts/"},
		{"static", filepath.Join(dir, "static", "out"), "inside static/"},
		{"git", filepath.Join(dir, ".git", "public"), "inside .git/"},
		{"link to content", filepath.Join(elsewhere, "to-content"), "inside content/"},
		{"below a link to the site", filepath.Join(elsewhere, "to-site", "layouts", "x"), "inside layouts/"},
		{"link to the site", filepath.Join(elsewhere, "to-site"), "is the site root"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run("build", "-src", dir, "-out", tt.out)
			if code != ExitUsage || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, ExitUsage, tt.stderr)
			}
			for _, f := range []string{"content/_index.md", "layouts/base.html", "static/style.css"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Fatalf("source lost: %v", err)
				}
			}
		})
	}
	// A sibling whose name starts like the site's is not inside it.
	if code, _, stderr := run("build", "-src", dir, "-out", dir+"-public"); code != ExitOK {
		t.Errorf("sibling output refused: %s", stderr)
	}
}
