package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/explainer/explainer/internal/build"
)

// TestServeTranslationEdits drives serve over a site with two languages:
// adding, editing and deleting a translation reloads the page of its
// edition, which shows the translation, then the original with the note.
func TestServeTranslationEdits(t *testing.T) {
	t.Parallel()
	files := goodBriefs()
	files["content/_index.md"] = "---\ntitle: Home\nsummary: A test site.\nbase_url: https://example.org/\n" +
		"languages:\n  - {code: en, name: English}\n  - {code: uk, name: Українська}\n---\nHello.\n"
	root := realSite(t, files)
	d := startServe(t, root, build.Options{})
	ev := d.events(t)
	const tr = "content/demands/russia-lift-sanctions.uk.md"
	const page = "/uk/demands/russia-lift-sanctions/"
	if code, body := get(t, d.url+page); code != 200 || !strings.Contains(body, `class="untranslated"`) || !strings.Contains(body, `<html lang="uk">`) {
		t.Fatalf("before the translation: status %d, want the original with the note in a uk page:\n%s", code, body)
	}
	steps := []struct {
		name      string
		do        func()
		want, not string
	}{
		{"add", func() {
			writeFile(t, root, tr, "---\ntitle: \"Зняття санкцій\"\nsummary: \"Вимога.\"\n---\nПерший переклад.\n")
		}, "Перший переклад.", `class="untranslated"`},
		{"edit", func() {
			writeFile(t, root, tr, "---\ntitle: \"Зняття санкцій\"\nsummary: \"Вимога.\"\n---\nДругий переклад.\n")
		}, "Другий переклад.", "Перший переклад."},
		{"delete", func() {
			if err := os.Remove(filepath.Join(root, tr)); err != nil {
				t.Fatal(err)
			}
		}, `class="untranslated"`, "Другий переклад."},
	}
	for _, s := range steps {
		s.do()
		r := decodeReload(t, next(t, ev, "reload"))
		if !has(r.Changed, page) {
			t.Errorf("%s: changed %v lacks %s", s.name, r.Changed, page)
		}
		if has(r.Changed, "/demands/russia-lift-sanctions/") {
			t.Errorf("%s: changed %v lists the English page, which a translation cannot change", s.name, r.Changed)
		}
		for r.More {
			r = decodeReload(t, next(t, ev, "reload"))
		}
		_, body := get(t, d.url+page)
		if !strings.Contains(body, s.want) || strings.Contains(body, s.not) {
			t.Errorf("%s: the page does not show the change (want %q, not %q)", s.name, s.want, s.not)
		}
		if t.Failed() {
			t.Fatalf("after step %q; stdout:\n%s\nstderr:\n%s", s.name, d.stdout, d.stderr)
		}
	}
}
