package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/explainer/explainer/internal/generate"
	"github.com/explainer/explainer/internal/theme"
)

// translatedSite is the repository's content, its own translations
// included, with the fixtures of testdata/translations/ laid over it (a
// Ukrainian home page and demand, a Russian actor) and the translations
// the tests need missing taken out, so that the browser tests see every
// real translation and an untranslated page in every language, and the
// edition tests read fixed text whatever the translators change.
func translatedSite(t *testing.T) fs.FS {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	for _, p := range untranslatedInTests {
		if err := os.Remove(filepath.Join(dir, p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
	fixtures := os.DirFS("testdata/translations")
	err := fs.WalkDir(fixtures, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fixtures, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return os.DirFS(dir)
}

// untranslatedInTests are the repository's translations translatedSite
// leaves out: the pages TestLanguageEditions expects untranslated.
var untranslatedInTests = []string{
	"content/actors/russia.uk.md",
	"content/demands/russia-lift-sanctions.ru.md",
	"content/demands/ukraine-phased-sanctions-snapback.uk.md",
}

// TestLanguageEditions builds the repository's site with the fixture
// translations and checks what each language edition shows: the lang of
// the page and of its untranslated text, the note, the alternates, the
// switcher, links that stay in the edition, and the per-language files.
func TestLanguageEditions(t *testing.T) {
	b := New()
	res := b.Build(theme.Over(translatedSite(t)), repoSite(t))
	if len(res.Diags) > 0 {
		t.Fatalf("errors:\n%s", diagText(res))
	}
	files := res.Output.Files
	page := func(p string) string {
		t.Helper()
		b, ok := files[p]
		if !ok {
			t.Fatalf("no %s", p)
		}
		return string(b)
	}
	const origin = "https://explainer.github.io/explainer/"
	cases := []struct {
		path string
		want []string // substrings
		not  []string
	}{
		{"uk/demands/russia-lift-sanctions/index.html", []string{
			`<html lang="uk">`,
			`<h1><span class="wants a-russia">Russia:</span> Зняття західних санкцій</h1>`,
			`<link rel="alternate" hreflang="en" href="` + origin + `demands/russia-lift-sanctions/">`,
			`<link rel="alternate" hreflang="ru" href="` + origin + `ru/demands/russia-lift-sanctions/">`,
			`<link rel="alternate" hreflang="x-default" href="` + origin + `demands/russia-lift-sanctions/">`,
			`<a href="/explainer/uk/demands/russia-lift-sanctions/" lang="uk" hreflang="uk" aria-current="true">`,
			`<a href="/explainer/ru/demands/russia-lift-sanctions/" lang="ru" hreflang="ru">`,
			`href="/explainer/uk/actors/russia/"`,
			`Київ погодиться лише на поступове послаблення`,
			`<link rel="stylesheet" href="/explainer/style.css">`,
			`href="/explainer/uk/feed.xml"`,
			// An untranslated demand it lists is marked as English.
			`<a href="/explainer/uk/demands/ukraine-phased-sanctions-snapback/" lang="en">Sanctions relief only in stages`,
		}, []string{`class="untranslated"`, `<h1 lang=`, `<p class="lede" lang=`, `<div class="body" lang=`, `href="/explainer/actors/russia/"`}},
		{"uk/actors/russia/index.html", []string{
			`<html lang="uk">`, `<p class="untranslated" role="note">Цю сторінку ще не перекладено українською;`,
			`<h1 class="actor" lang="en">Russia</h1>`, `<p class="lede" lang="en">Russia invaded Ukraine`,
			`<a href="/explainer/uk/demands/russia-lift-sanctions/">Зняття західних санкцій</a>`,
		}, nil},
		{"ru/actors/russia/index.html", []string{`<html lang="ru">`, `<h1 class="actor">Россия</h1>`, `href="/explainer/ru/demands/russia-lift-sanctions/"`}, []string{`class="untranslated"`}},
		{"ru/demands/russia-lift-sanctions/index.html", []string{`<p class="untranslated" role="note">Эта страница ещё не переведена`, `<div class="body" lang="en">`}, nil},
		{"uk/index.html", []string{`<h1 class="hometitle">Саміт на Алясці`, `href="/explainer/uk/matrix/"`}, nil},
		{"demands/russia-lift-sanctions/index.html", []string{`<html lang="en">`, `<a href="/explainer/demands/ukraine-phased-sanctions-snapback/">Sanctions relief only in stages`, `<h1><span class="wants a-russia">Russia wants</span> Lifting Western sanctions</h1>`,
			`<a href="/explainer/demands/russia-lift-sanctions/" lang="en" hreflang="en" aria-current="true">`}, []string{`class="untranslated"`}},
		{"uk/search/index.html", []string{`data-index="/explainer/uk/search-index.json"`, `src="/explainer/search.js"`}, nil},
		{"uk/404.html", []string{`<html lang="uk">`}, nil},
		{"uk/feed.xml", []string{`<title>Саміт на Алясці`, `<id>` + origin + `uk/demands/russia-lift-sanctions/</id>`}, []string{`<id>` + origin + `demands/`}},
		{"uk/search-index.json", []string{`"url":"/explainer/uk/demands/russia-lift-sanctions/","title":"Зняття західних санкцій"`}, []string{`"url":"/explainer/demands/`}},
		{"sitemap.xml", []string{`xmlns:xhtml="http://www.w3.org/1999/xhtml"`, `<loc>` + origin + `ru/actors/russia/</loc>`,
			`<xhtml:link rel="alternate" hreflang="uk" href="` + origin + `uk/actors/russia/"></xhtml:link>`}, nil},
		{"data/site.json", []string{`"lang": "en"`, `"lang": "uk"`, `"title": "Зняття західних санкцій"`, `"title": "Россия"`}, nil},
	}
	for _, c := range cases {
		got := page(c.path)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", c.path, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(got, w) {
				t.Errorf("%s has %s", c.path, w)
			}
		}
	}
	// Every page of every edition links only inside its edition (static
	// files, the sitemap and the data export aside).
	href := regexp.MustCompile(`(?:href|src)="(/explainer/[^"]*)"`)
	for p, b := range files {
		if !strings.HasPrefix(p, "uk/") || !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, m := range href.FindAllStringSubmatch(string(b), -1) {
			u := m[1]
			if strings.HasPrefix(u, "/explainer/uk/") || strings.Contains(string(b), `hreflang="en" href="`+origin) && isSwitcher(string(b), u) {
				continue
			}
			if strings.HasSuffix(u, ".css") || strings.HasSuffix(u, ".js") || strings.HasSuffix(u, ".svg") || u == "/explainer/data/site.json" || u == "/explainer/sitemap.xml" {
				continue
			}
			t.Errorf("%s links out of the uk edition: %s", p, u)
		}
	}
	// The share cards of an edition carry its titles, and labels in its
	// language with its plural forms.
	if _, ok := files["ru/og/actors/russia.png"]; !ok {
		t.Error("no ru share card for russia")
	}
	_, ru := b.last.ts.ForLang("ru").Lang()
	cards := editionCards(res.Site.Translations[1], bundleLabels{ru})
	want := map[string]string{"og/home.png": "4 стороны · 25 требований · 9 тем", "og/actors/russia.png": "Сторона · 8 требований"}
	for _, c := range cards {
		if w, ok := want[c.path]; ok && (c.card.Label != w || (c.path == "og/actors/russia.png" && c.card.Title != "Россия")) {
			t.Errorf("ru card %s: %q %q, want label %q", c.path, c.card.Title, c.card.Label, w)
		}
	}
}

// isSwitcher reports whether u is the target of a language switcher
// link in page.
func isSwitcher(page, u string) bool {
	return strings.Contains(page, `<a href="`+u+`" lang="`)
}

// TestSearchCyrillic loads the Ukrainian search page: its script splits
// and folds text as generate.Terms does (the cases of
// generate/testdata/terms.json), it loads the edition's own index, and a
// query typed with ё-less spelling, another apostrophe or in capitals
// finds the translated page.
func TestSearchCyrillic(t *testing.T) {
	ctx := chrome.Tab(t)
	url, _ := servedSite(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(url+"/uk/search/")); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../generate/testdata/terms.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		In   string   `json:"in"`
		Want []string `json:"want"`
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		in, _ := json.Marshal(c.In)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.explainerSearchTerms(`+string(in)+`)`))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, c.Want) || !slices.Equal(generate.Terms(c.In), c.Want) {
			t.Errorf("%q: search.js %q, Go %q, want %q", c.In, got, generate.Terms(c.In), c.Want)
		}
	}
	for _, q := range []string{"ЗАХІДНИХ санкцій", "пов’язаний"} {
		err := chromedp.Do(ctx,
			chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = ''`),
			chromedp.SendKeys(chromedp.ID("q"), q))
		if err != nil {
			t.Fatal(err)
		}
		done := fmt.Sprintf(`document.getElementById('search-status').textContent.includes('«%s»')`, q)
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](done, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatalf("%q: the status never named the query: %v", q, err)
		}
		// The fixture's page must be found (the real translations may
		// use the same words, and rank above it).
		hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('#results a')].map(a => a.getAttribute('href')).join(' ')`))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(hrefs+" ", "/uk/demands/russia-lift-sanctions/ ") {
			t.Errorf("%q: results %q, want the Ukrainian lift-sanctions page among them", q, hrefs)
		}
	}
}

// TestTranslationEditRendersItsEdition: serve's rebuild after an edit of
// a translation renders pages of that language's edition only; after an
// edit of an original's body, the original's page and the editions that
// show it untranslated, not the edition that translates it.
func TestTranslationEditRendersItsEdition(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, translatedSite(t)); err != nil {
		t.Fatal(err)
	}
	fsys := theme.Over(os.DirFS(dir))
	b := New()
	if res := b.Build(fsys, repoSite(t)); len(res.Diags) > 0 {
		t.Fatal(diagText(res))
	}
	edit := func(file, old, new string) *Result {
		t.Helper()
		p := filepath.Join(dir, file)
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), old) {
			t.Fatalf("%s lacks %q", file, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(src), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		res := b.Rebuild(fsys, repoSite(t), []string{file})
		if len(res.Diags) > 0 {
			t.Fatal(diagText(res))
		}
		return res
	}
	pages := func(res *Result) []string {
		var out []string
		for _, p := range res.made {
			if strings.HasSuffix(p, ".html") {
				out = append(out, p)
			}
		}
		slices.Sort(out)
		return out
	}
	res := edit("content/demands/russia-lift-sanctions.uk.md", "Тестовий переклад", "Виправлений тестовий переклад")
	got := pages(res)
	if !slices.Contains(got, "uk/demands/russia-lift-sanctions/index.html") {
		t.Errorf("the edited translation's page was not rendered: %v", got)
	}
	for _, p := range got {
		if !strings.HasPrefix(p, "uk/") {
			t.Errorf("an edit of a uk translation rendered %s", p)
		}
	}
	if !strings.Contains(string(res.Output.Files["uk/demands/russia-lift-sanctions/index.html"]), "Виправлений тестовий переклад") {
		t.Error("the uk page does not show the edit")
	}
	res = edit("content/demands/russia-lift-sanctions.md", "## ", "## Edited: ")
	got = pages(res)
	for _, want := range []string{"demands/russia-lift-sanctions/index.html", "ru/demands/russia-lift-sanctions/index.html"} {
		if !slices.Contains(got, want) {
			t.Errorf("an edit of the original's body did not render %s: %v", want, got)
		}
	}
	if slices.Contains(got, "uk/demands/russia-lift-sanctions/index.html") {
		t.Errorf("an edit of the original's body rendered the page of the edition that translates it: %v", got)
	}
}
