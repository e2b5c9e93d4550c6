package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/explainer/explainer/internal/build"
)

// emacsLock makes the dangling symbolic link Emacs keeps beside a file
// with unsaved changes (.#name pointing at "user@host.pid:time").
func emacsLock(t *testing.T, root, rel string) {
	t.Helper()
	dir, name := filepath.Split(filepath.Join(root, filepath.FromSlash(rel)))
	if err := os.Symlink("writer@host.4242:1767225600", filepath.Join(dir, ".#"+name)); err != nil {
		t.Fatal(err)
	}
}

// editorLeftovers puts beside the site's sources what editors leave
// there: Emacs locks (dangling links) and autosaves, vim swap files,
// backups and JetBrains temporary files, in content/, layouts/ and static/.
func editorLeftovers(t *testing.T, root string) {
	t.Helper()
	for _, rel := range []string{"content/demands/russia-lift-sanctions.md", "content/_index.md", "layouts/demand.html", "layouts/partials/card.html", "static/style.css"} {
		emacsLock(t, root, rel)
	}
	writeFiles(t, root, map[string]string{
		"content/demands/#russia-lift-sanctions.md#": "---\nbroken: [\n",
		"content/actors/russia.md~":                  "old",
		"content/actors/.russia.md.swp":              "swap",
		"content/topics/sanctions.md___jb_tmp___":    "---\nbroken: [\n",
		"layouts/#home.html#":                        "{{broken",
		"static/style.css~":                          "old css",
		"static/.style.css.swp":                      "swap",
	})
}

// TestEditorFilesIgnored checks that check and build skip editors' files
// in every source folder: no error, and none of them in the output.
func TestEditorFilesIgnored(t *testing.T) {
	t.Parallel()
	root := realSite(t, goodBriefs())
	editorLeftovers(t, root)
	if code, stdout, stderr := run("check", "-src", root); code != ExitOK {
		t.Fatalf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	out := filepath.Join(t.TempDir(), "public")
	buildQuiet(t, root, out)
	err := filepath.WalkDir(out, func(p string, de os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if n := de.Name(); strings.HasPrefix(n, ".#") || strings.HasSuffix(n, "~") || strings.HasSuffix(n, ".swp") {
			t.Errorf("editor file in the output: %s", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestServeEmacsLock opens a brief in "Emacs" (a lock appears beside it),
// saves another brief, then saves the first and drops the lock: every
// save is published, none fails on the lock. Each save changes a field
// other than the title, so that the rebuild walks content/ again rather
// than patch the one page.
func TestServeEmacsLock(t *testing.T) {
	t.Parallel()
	root := realSite(t, goodBriefs())
	d := startServe(t, root, build.Options{})
	ev := d.events(t)
	lock := "content/demands/.#russia-lift-sanctions.md"
	emacsLock(t, root, "content/demands/russia-lift-sanctions.md")
	writeFile(t, root, "content/actors/russia.md", "---\ntitle: Russia\nsummary: An actor.\nrole: Invading party\n---\nText.\n")
	if r := decodeReload(t, next(t, ev, "reload")); !has(r.Changed, "/actors/russia/") {
		t.Fatalf("save beside a lock: reload %+v, want /actors/russia/; stderr:\n%s", r, d.stderr)
	} else {
		for r.More { // the second phase, for the whole-site pages
			r = decodeReload(t, next(t, ev, "reload"))
		}
	}
	writeFile(t, root, "content/demands/russia-lift-sanctions.md", strings.Replace(goodBriefs()["content/demands/russia-lift-sanctions.md"], "---\nText.", "weight: 1\n---\nSaved.", 1))
	if err := os.Remove(filepath.Join(root, filepath.FromSlash(lock))); err != nil {
		t.Fatal(err)
	}
	if r := decodeReload(t, next(t, ev, "reload")); !has(r.Changed, "/demands/russia-lift-sanctions/") {
		t.Fatalf("save and unlock: reload %+v; stderr:\n%s", r, d.stderr)
	}
	if _, body := get(t, d.url+"/demands/russia-lift-sanctions/"); !strings.Contains(body, "Saved.") {
		t.Error("the saved brief is not served")
	}
	if s := d.stderr.String(); s != "" {
		t.Errorf("stderr %q, want nothing", s)
	}
}
