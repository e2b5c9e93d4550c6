package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/explainer/explainer/internal/build"
)

// TestOutForeignFolder checks that build refuses to replace a non-empty
// folder it did not write, naming it, with exit 2 and every file kept;
// that -force replaces it; and that its own output is replaced without
// -force from then on.
func TestOutForeignFolder(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	writeSite(t, src, map[string]string{"content/_index.md": "---\ntitle: Home\nsummary: S.\nbase_url: https://example.org/\n---\nHi.\n"})
	out := filepath.Join(t.TempDir(), "x")
	writeFiles(t, out, map[string]string{"important.txt": "my notes"})

	code, stdout, stderr := run("build", "-src", src, "-out", out)
	want := "explainer build: refusing to replace " + out + ": it is not empty and has no .explainer-output file, " +
		"so explainer did not write it; choose another -out, or pass -force to replace it and delete everything in it\n"
	if code != ExitUsage || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want %d, nothing, %q", code, stdout, stderr, ExitUsage, want)
	}
	if b, err := os.ReadFile(filepath.Join(out, "important.txt")); err != nil || string(b) != "my notes" {
		t.Fatalf("important.txt after a refused build: %q, %v", b, err)
	}

	if code, _, stderr := run("build", "-src", src, "-out", out, "-force"); code != ExitOK {
		t.Fatalf("-force: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "important.txt")); !os.IsNotExist(err) {
		t.Errorf("-force kept important.txt: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, build.MarkerFile)); err != nil {
		t.Errorf("no marker after a build: %v", err)
	}
	// Its own output now: replaced without -force, twice.
	for range 2 {
		buildQuiet(t, src, out)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
}

// TestForceKeepsSourceGuards checks that -force lifts only the marker
// rule: -out at or above the sources is still refused.
func TestForceKeepsSourceGuards(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	writeSite(t, src, nil)
	for _, out := range []string{src, filepath.Join(src, "content"), filepath.Dir(src)} {
		code, _, stderr := run("build", "-src", src, "-out", out, "-force")
		if code != ExitUsage || !strings.Contains(stderr, "-out "+out) {
			t.Errorf("-force -out %s: exit %d, stderr %q; want a refusal", out, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "content", "_index.md")); err != nil {
		t.Fatalf("source lost: %v", err)
	}
}

// TestMarkerNotServedOrListed checks that the marker is in the written
// tree but in no page, sitemap or search index: it is not site content.
func TestMarkerNotServedOrListed(t *testing.T) {
	t.Parallel()
	root := realSite(t, goodBriefs())
	out := filepath.Join(t.TempDir(), "public")
	buildQuiet(t, root, out)
	for _, f := range []string{"sitemap.xml", "search-index.json", "data/site.json", "index.html"} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), build.MarkerFile) {
			t.Errorf("%s mentions %s", f, build.MarkerFile)
		}
	}
}
