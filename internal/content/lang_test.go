package content

import (
	"strings"
	"testing"

	"github.com/explainer/explainer/internal/markdown"
)

// langHome declares three languages on the test site's home page.
const langHome = "---\ntitle: Home\nsummary: The summit.\nlanguages:\n  - {code: en, name: English}\n  - {code: uk, name: Українська}\n  - {code: ru, name: Русский}\n---\nWelcome.\n"

// liftUK is a valid Ukrainian translation of the test site's lift demand.
const liftUK = "---\ntitle: \"Зняття санкцій\"\nsummary: \"Зняти їх.\"\nupdated: 2026-12-04\n" +
	"conflicts_with:\n  - demand: snapback\n    why: \"Київ хоче зворотного послаблення.\"\n---\n## Хронологія\n\nДив. [Росія](../actors/russia.md#position).\n"

func langSite(files map[string]string) map[string]string {
	out := map[string]string{"content/_index.md": langHome}
	for k, v := range files {
		out[k] = v
	}
	return out
}

// errorsOnly drops the info diagnostics (the translation backlog).
func errorsOnly(diags []string) []string {
	var out []string
	for _, d := range diags {
		if !strings.Contains(d, ": info: ") {
			out = append(out, d)
		}
	}
	return out
}

func TestTranslationDiagnostics(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"valid translation", langSite(map[string]string{"content/demands/lift.uk.md": liftUK}), nil},
		{"restated actor differs", langSite(map[string]string{"content/demands/lift.uk.md": strings.Replace(liftUK, "updated:", "actor: ukraine\nupdated:", 1)}),
			[]string{`content/demands/lift.uk.md:4:8: actor: "ukraine" differs from the original's "russia" (the original has it at content/demands/lift.md:4:8): a translation inherits actor; delete the line or copy it exactly` + "\n\t" + `content/demands/lift.md:4:8: the original's value`}},
		{"restated actor identical", langSite(map[string]string{"content/demands/lift.uk.md": strings.Replace(liftUK, "updated:", "actor: russia\nupdated:", 1)}), nil},
		{"relation with another id", langSite(map[string]string{"content/demands/lift.uk.md": strings.Replace(liftUK, "demand: snapback", "demand: snapbak", 1)}),
			[]string{`content/demands/lift.uk.md:6:13: conflicts_with: item 1 is "snapbak", the original's is "snapback" (did you mean "snapback"?): a translation lists the same demands in the same order` + "\n\t" + `content/demands/lift.md:7:13: the original's item`}},
		{"relation list shorter", langSite(map[string]string{"content/demands/lift.uk.md": strings.Replace(liftUK, "\n  - demand: snapback\n    why: \"Київ хоче зворотного послаблення.\"\n", " []\n", 1)}),
			[]string{`content/demands/lift.uk.md:5:17: conflicts_with: 0 items, the original lists 1: add snapback, in the original's order, or leave conflicts_with out to inherit the whole list`}},
		{"relation list with an extra item", langSite(map[string]string{"content/demands/lift.uk.md": strings.Replace(liftUK, "---\n## ", "  - demand: lift\n    why: \"x\"\n---\n## ", 1)}),
			[]string{`content/demands/lift.uk.md:8:13: conflicts_with: "lift" is not in the original's list, which has 1 item (content/demands/lift.md:7:3): a translation lists the same demands in the same order`}},
		{"undeclared language suffix", langSite(map[string]string{"content/demands/lift.ua.md": liftUK}),
			[]string{`content/demands/lift.ua.md: unknown language "ua" in the file name: content/_index.md declares en, uk, ru (did you mean "uk", lift.uk.md?)`}},
		{"default language suffix", langSite(map[string]string{"content/demands/lift.en.md": liftUK}),
			[]string{`content/demands/lift.en.md: "en" is the site's default language, whose text is the original lift.md: merge the two, or list another language first`}},
		{"missing original", langSite(map[string]string{"content/demands/lifted.uk.md": liftUK}),
			[]string{`content/demands/lifted.uk.md: a translation of a missing original: there is no content/demands/lifted.md`}},
		{"translation without languages", map[string]string{"content/demands/lift.uk.md": liftUK},
			[]string{`content/demands/lift.uk.md: a translation into "uk", but the site declares no languages: list them under languages: in content/_index.md, the default first, like [{code: en, name: English}, {code: uk, name: ...}]`}},
		{"citation against the original's sources", langSite(map[string]string{"content/demands/lift.uk.md": liftUK + "Кажуть [@1].\n"}),
			[]string{`content/demands/lift.uk.md:12:9: citation [@1]: the brief has no sources`}},
		{"broken body link in a translation", langSite(map[string]string{"content/demands/lift.uk.md": liftUK + "[x](../actors/rusia.md)\n"}),
			[]string{`content/demands/lift.uk.md:12:5: link to missing file content/actors/rusia.md (did you mean "../actors/russia.md"?)`}},
		{"translation older than the original", langSite(map[string]string{
			"content/demands/snapback.md":    "---\ntitle: Snapback\nsummary: Phased relief.\nactor: ukraine\ntopic: sanctions\nupdated: 2026-12-05\n---\nBody.\n",
			"content/demands/snapback.uk.md": "---\ntitle: \"Повернення\"\nsummary: \"Поступово.\"\nupdated: 2026-12-01\n---\nТекст.\n"}),
			[]string{`content/demands/snapback.uk.md:4:10: warning: translation older than the original: updated 2026-12-01, the original 2026-12-05` + "\n\t" + `content/demands/snapback.md:6:10: the original's date`}},
		{"restated sources with another url", langSite(map[string]string{
			"content/topics/sanctions.md":    "---\ntitle: Sanctions\nsummary: Sanctions.\nsources:\n  - {title: A, url: \"https://a.example/1\"}\n---\nText [@1].\n",
			"content/topics/sanctions.uk.md": "---\ntitle: \"Санкції\"\nsummary: \"Санкції.\"\nsources:\n  - {title: \"А\", url: \"https://a.example/2\"}\n---\nТекст [@1].\n"}),
			[]string{`content/topics/sanctions.uk.md:5:3: sources: item 1 is https://a.example/2 (), the original's is https://a.example/1 (): only titles and publishers are translated`}},
		{"restated sources translated", langSite(map[string]string{
			"content/topics/sanctions.md":    "---\ntitle: Sanctions\nsummary: Sanctions.\nsources:\n  - {title: A, url: \"https://a.example/1\"}\n---\nText [@1].\n",
			"content/topics/sanctions.uk.md": "---\ntitle: \"Санкції\"\nsummary: \"Санкції.\"\nsources:\n  - {title: \"А\", url: \"https://a.example/1\"}\n---\nТекст [@1].\n"}), nil},
		{"takeaways of another count", langSite(map[string]string{
			"content/_index.md":    strings.Replace(langHome, "---\nWelcome", "sources:\n  - {title: A, url: \"https://a.example/1\"}\ntakeaways:\n  - {text: One., source: \"https://a.example/1\"}\n---\nWelcome", 1),
			"content/_index.uk.md": "---\ntitle: \"Дім\"\nsummary: \"Саміт.\"\ntakeaways:\n  - {text: \"Один.\", source: \"https://a.example/1\"}\n  - {text: \"Два.\", source: \"https://a.example/1\"}\n---\n"}),
			[]string{`content/_index.uk.md:5:3: takeaways: 2 items, the original has 1: translate each, in the original's order`}},
		{"bad language code", map[string]string{"content/_index.md": strings.Replace(langHome, "code: uk", "code: ua", 1)},
			[]string{`content/_index.md:6:12: languages.code: "ua" is not a language code (language: subtag "ua" is well-formed but unknown) (did you mean "uk"? "ua" is a country code)`}},
		{"non-canonical language code", map[string]string{"content/_index.md": strings.Replace(langHome, "code: uk", "code: ukr", 1)},
			[]string{`content/_index.md:6:12: languages.code: write "ukr" as "uk" (did you mean "uk"?)`}},
		{"languages in a translation", langSite(map[string]string{"content/_index.uk.md": "---\ntitle: \"Дім\"\nsummary: \"Саміт.\"\nlanguages: []\n---\n"}),
			[]string{`content/_index.uk.md:4:1: languages: a translation inherits the original's list; declare languages in content/_index.md only`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, got := load(t, site(c.files), Options{})
			got = errorsOnly(got)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestEditions(t *testing.T) {
	s, diags := load(t, site(langSite(map[string]string{"content/demands/lift.uk.md": liftUK})), Options{BaseURL: "https://example.org/summit/", Backlog: true})
	if errs := errorsOnly(diags); len(errs) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", strings.Join(errs, "\n"))
	}
	if len(s.Translations) != 2 || s.Lang.Code != "en" || len(s.Languages) != 3 {
		t.Fatalf("editions: %d translations, lang %q, %d languages; want 2, en, 3", len(s.Translations), s.Lang.Code, len(s.Languages))
	}
	uk, ru := s.Translations[0], s.Translations[1]
	if uk.Base != "/summit/uk/" || uk.Root != "/summit/" || uk.Origin != "https://example.org" || uk.Lang.Name != "Українська" {
		t.Errorf("uk edition: base %q root %q origin %q name %q", uk.Base, uk.Root, uk.Origin, uk.Lang.Name)
	}
	lift, snap := uk.DemandByID("lift"), uk.DemandByID("snapback")
	if lift.Title != "Зняття санкцій" || lift.Lang != "uk" || lift.URL != "/summit/uk/demands/lift/" || lift.File != "content/demands/lift.uk.md" {
		t.Errorf("uk lift: %q lang %q url %q file %q", lift.Title, lift.Lang, lift.URL, lift.File)
	}
	if lift.Actor != uk.ActorByID("russia") || lift.Actor.URL != "/summit/uk/actors/russia/" {
		t.Errorf("uk lift's actor is not the uk edition's russia: %+v", lift.Actor)
	}
	// The relation is mutual in the edition, with the translated why.
	if len(snap.Conflicts) != 1 || snap.Conflicts[0].Demand != lift || snap.Conflicts[0].Why != "Київ хоче зворотного послаблення." {
		t.Errorf("uk snapback conflicts = %+v", snap.Conflicts)
	}
	// An untranslated page is built from the original, in its language.
	if snap.Title != "Snapback" || snap.Lang != "en" || snap.URL != "/summit/uk/demands/snapback/" {
		t.Errorf("uk snapback (untranslated): %q lang %q url %q", snap.Title, snap.Lang, snap.URL)
	}
	// Body links point into the edition.
	var b strings.Builder
	if err := markdown.New().Render(&b, lift.Doc); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `href="/summit/uk/actors/russia/#position"`) {
		t.Errorf("uk body link does not stay in the edition: %s", b.String())
	}
	if ru.DemandByID("lift").Title != "Lift sanctions" || ru.Base != "/summit/ru/" {
		t.Errorf("ru lift: %q base %q", ru.DemandByID("lift").Title, ru.Base)
	}
	// An untranslated body is the edition's own copy: its links point
	// into the edition, the original's into the original site.
	b.Reset()
	_ = markdown.New().Render(&b, ru.Pages[0].Doc)
	if !strings.Contains(b.String(), `href="/summit/ru/demands/lift/#timeline"`) {
		t.Errorf("ru about's link does not stay in the ru edition: %s", b.String())
	}
	b.Reset()
	_ = markdown.New().Render(&b, s.Pages[0].Doc)
	if !strings.Contains(b.String(), `href="/summit/demands/lift/#timeline"`) {
		t.Errorf("en about's link was moved by an edition: %s", b.String())
	}
	// The original site is untouched by its translations.
	if en := s.DemandByID("lift"); en.Title != "Lift sanctions" || en.Lang != "en" || en.Conflicts[0].Why != "Kyiv wants relief reversible." {
		t.Errorf("en lift changed: %q %q %+v", en.Title, en.Lang, en.Conflicts)
	}
	// Each untranslated brief is an info, per language.
	var infos []string
	for _, d := range diags {
		if strings.Contains(d, ": info: ") && strings.Contains(d, "demands/snapback") {
			infos = append(infos, d)
		}
	}
	want := []string{
		"content/demands/snapback.md: info: not translated into Русский (ru) yet: no content/demands/snapback.ru.md",
		"content/demands/snapback.md: info: not translated into Українська (uk) yet: no content/demands/snapback.uk.md",
	}
	if strings.Join(infos, "\n") != strings.Join(want, "\n") {
		t.Errorf("infos:\n%s\nwant\n%s", strings.Join(infos, "\n"), strings.Join(want, "\n"))
	}
}

func TestNoLanguagesIsEnglishOnly(t *testing.T) {
	s, diags := load(t, site(nil), Options{})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if s.Lang.Code != "en" || s.Languages != nil || s.Translations != nil || s.Root != "/" || s.Home.Lang != "en" {
		t.Errorf("single-language site: lang %+v languages %v translations %v root %q", s.Lang, s.Languages, s.Translations, s.Root)
	}
}

// TestLocale: og:locale wants language_TERRITORY, not a BCP 47 tag.
func TestLocale(t *testing.T) {
	for code, want := range map[string]string{"en": "en_US", "uk": "uk_UA", "ru": "ru_RU", "pt-br": "pt_BR", "de": "de_DE"} {
		if got := (Language{Code: code}).Locale(); got != want {
			t.Errorf("%s: Locale() = %q, want %q", code, got, want)
		}
	}
}
