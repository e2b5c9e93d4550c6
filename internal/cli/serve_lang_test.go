package cli

import (
	"encoding/json"
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

// TestCheckBacklog: check lists each brief not translated yet, one info
// per brief and language in -format json (for a translation desk), one
// line per language in text; infos never fail -strict, and build prints
// none of them.
func TestCheckBacklog(t *testing.T) {
	files := goodBriefs()
	files["content/_index.md"] = "---\ntitle: Home\nsummary: A test site.\nbase_url: https://example.org/\n" +
		"languages:\n  - {code: en, name: English}\n  - {code: uk, name: Українська}\n  - {code: ru, name: Русский}\n---\nHello.\n"
	files["content/actors/russia.uk.md"] = "---\ntitle: \"Росія\"\nsummary: \"Сторона.\"\n---\nТекст.\n"
	dir := realSite(t, files)

	code, stdout, stderr := run("check", "-src", dir, "-strict", "-format", "json")
	if code != ExitOK {
		t.Fatalf("check -strict -format json: exit %d\n%s", code, stderr)
	}
	var diags []struct {
		Severity string `json:"severity"`
		Msg      string `json:"message"`
		File     string `json:"file"`
	}
	if err := json.Unmarshal([]byte(stdout), &diags); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout)
	}
	backlog := map[string]int{}
	for _, d := range diags {
		if d.Severity != "info" || !strings.HasPrefix(d.Msg, "not translated into ") {
			t.Errorf("unexpected diagnostic %+v", d)
			continue
		}
		backlog[d.Msg[len("not translated into "):strings.Index(d.Msg, " yet")]]++
	}
	// Five briefs, the russia actor translated into uk only.
	if backlog["Українська (uk)"] != 4 || backlog["Русский (ru)"] != 5 || len(diags) != 9 {
		t.Errorf("backlog by language %v in %d diagnostics, want 4 uk and 5 ru", backlog, len(diags))
	}

	code, _, stderr = run("check", "-src", dir, "-strict")
	if code != ExitOK {
		t.Fatalf("check -strict: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"content: info: uk: 4 briefs not translated into Українська yet: content/_index.md, content/actors/ukraine.md, ",
		"content: info: ru: 5 briefs not translated into Русский yet: content/_index.md, content/actors/russia.md, ",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("check's text output lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Count(stderr, "not translated") != 2 {
		t.Errorf("check's text output is not one line per language:\n%s", stderr)
	}
	code, _, stderr = run("build", "-src", dir, "-out", filepath.Join(t.TempDir(), "public"))
	if code != ExitOK || strings.Contains(stderr, "not translated") {
		t.Errorf("build: exit %d, stderr:\n%s", code, stderr)
	}
}
