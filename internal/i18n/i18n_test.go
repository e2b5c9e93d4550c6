package i18n

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/feature/plural"

	"github.com/explainer/explainer/internal/theme"
)

// site is a site with the given files, read over the built-in theme.
func site(files ...string) *theme.Overlay {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(files); i += 2 {
		m[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	return theme.New(m, theme.FS())
}

// load loads a language of the built-in theme, failing on any diagnostic.
func load(t *testing.T, code string) *Bundle {
	t.Helper()
	b, l := Load(site(), code)
	if len(l) > 0 || b == nil {
		t.Fatalf("Load(%s): %v", code, l)
	}
	return b
}

// TestPluralForms checks CLDR's categories and the theme's forms for the
// counts whose endings differ in Ukrainian and Russian.
func TestPluralForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code string
		n    int
		form plural.Form
		text string // demand_count
	}{
		{"en", 0, plural.Other, "0 demands"},
		{"en", 1, plural.One, "1 demand"},
		{"en", 2, plural.Other, "2 demands"},
		{"en", 21, plural.Other, "21 demands"},
		{"en", 1000, plural.Other, "1000 demands"},
		{"uk", 0, plural.Many, "0 вимог"},
		{"uk", 1, plural.One, "1 вимога"},
		{"uk", 2, plural.Few, "2 вимоги"},
		{"uk", 4, plural.Few, "4 вимоги"},
		{"uk", 5, plural.Many, "5 вимог"},
		{"uk", 11, plural.Many, "11 вимог"},
		{"uk", 12, plural.Many, "12 вимог"},
		{"uk", 14, plural.Many, "14 вимог"},
		{"uk", 21, plural.One, "21 вимога"},
		{"uk", 22, plural.Few, "22 вимоги"},
		{"uk", 25, plural.Many, "25 вимог"},
		{"uk", 101, plural.One, "101 вимога"},
		{"uk", 111, plural.Many, "111 вимог"},
		{"uk", 1001, plural.One, "1\u00a0001 вимога"},
		{"ru", 1, plural.One, "1 требование"},
		{"ru", 2, plural.Few, "2 требования"},
		{"ru", 5, plural.Many, "5 требований"},
		{"ru", 11, plural.Many, "11 требований"},
		{"ru", 21, plural.One, "21 требование"},
		{"ru", 22, plural.Few, "22 требования"},
		{"ru", 25, plural.Many, "25 требований"},
		{"ru", 111, plural.Many, "111 требований"},
		{"ru", 12345, plural.Many, "12\u00a0345 требований"},
		{"ru", 10_000_001, plural.One, "10\u00a0000\u00a0001 требование"},
		{"en", 10_000_001, plural.Other, "10000001 demands"},
	}
	bundles := map[string]*Bundle{}
	for _, code := range []string{"en", "uk", "ru"} {
		bundles[code] = load(t, code)
	}
	for _, tt := range tests {
		b := bundles[tt.code]
		if got := b.Form(tt.n); got != tt.form {
			t.Errorf("%s: Form(%d) = %v, want %v", tt.code, tt.n, categoryNames[got], categoryNames[tt.form])
		}
		got, err := b.Text("demand_count", Args{Count: tt.n, HasCount: true})
		if err != nil || got != tt.text {
			t.Errorf("%s: demand_count %d = %q, %v; want %q", tt.code, tt.n, got, err, tt.text)
		}
	}
}

// TestDates checks each language's long date: genitive months and the
// year's abbreviation in Ukrainian and Russian.
func TestDates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code string
		date time.Time
		want string
	}{
		{"en", time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC), "15 August 2025"},
		{"uk", time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC), "15 серпня 2025 р."},
		{"ru", time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC), "15 августа 2025 г."},
		{"en", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), "2 January 2026"},
		{"uk", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), "2 січня 2026 р."},
		{"ru", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), "31 декабря 2025 г."},
		{"uk", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), "1 березня 2025 р."},
	}
	for _, tt := range tests {
		if got := load(t, tt.code).Date(tt.date); got != tt.want {
			t.Errorf("%s: Date(%s) = %q, want %q", tt.code, tt.date.Format(time.DateOnly), got, tt.want)
		}
	}
}

// TestNumbers checks the thousands separator: a no-break space in
// Ukrainian and Russian, none in the theme's English.
func TestNumbers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code string
		n    int
		want string
	}{
		{"uk", 0, "0"},
		{"uk", 999, "999"},
		{"uk", 1000, "1\u00a0000"},
		{"uk", 12345, "12\u00a0345"},
		{"ru", 1234567, "1\u00a0234\u00a0567"},
		{"ru", -1234, "-1\u00a0234"},
		{"en", 12345, "12345"},
	}
	for _, tt := range tests {
		if got := load(t, tt.code).Number(tt.n); got != tt.want {
			t.Errorf("%s: Number(%d) = %q, want %q", tt.code, tt.n, got, tt.want)
		}
	}
}

// TestLoadErrors checks that every problem of a file is reported at its
// position (columns in characters), all at once.
func TestLoadErrors(t *testing.T) {
	t.Parallel()
	const format = "\n[format]\ndate = \"{{.Day}} {{.Month}} {{.Year}}\"\nmonths = [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\"l\"]\n"
	tests := []struct {
		name, code, file string
		want             []string
	}{
		{"malformed TOML", "uk", "a = \"x\"\nb = \"unclosed\n" + format,
			[]string{`i18n/uk.toml:2:14: malformed TOML: strings cannot contain newlines`}},
		{"a plural string lacks a category", "uk", "n.one = \"{{.Count}} вимога\"\nn.few = \"{{.Count}} вимоги\"\nn.other = \"x\"\n" + format,
			[]string{`i18n/uk.toml:1:1: n lacks the plural form many that uk counts need`}},
		{"an unknown category", "en", "n.one = \"a\"\nn.fwe = \"b\"\nn.other = \"c\"\n" + format,
			[]string{`i18n/en.toml:2:1: n: unknown plural category "fwe" (did you mean "few"?)`}},
		{"a placeholder that does not parse", "ru", "title = \"Сторона {{Actor}}\"\n" + format,
			[]string{`i18n/ru.toml:1:18: title: placeholder "{{Actor}}" does not parse: write a name as {{.Count}}`}},
		{"an unclosed placeholder", "ru", "x = \"Сторона {{.Actor\"\n" + format,
			[]string{`i18n/ru.toml:1:14: x: placeholder "{{.Actor" is not closed with }}`}},
		{"a date with an unknown placeholder", "en", "[format]\ndate = \"{{.Dya}} {{.Month}}\"\nmonths = []\n",
			[]string{`i18n/en.toml:2:9: format.date: unknown placeholder {{.Dya}}`, `i18n/en.toml:3:10: format.months must list twelve strings`}},
		{"a string that is a number", "en", "x = 3\n" + format,
			[]string{`i18n/en.toml:1:5: x is a number`}},
		{"every problem at once", "uk", "a = \"{{\"\nb.one = \"x\"\nb.other = \"y\"\n" + format,
			[]string{`i18n/uk.toml:1:6: a: placeholder`, `i18n/uk.toml:2:1: b lacks the plural forms few, many`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// A plain file system: the site's file alone, no theme.
			b, l := Load(fstest.MapFS{File(tt.code): {Data: []byte(tt.file)}}, tt.code)
			if b != nil {
				t.Errorf("Load returned a bundle despite errors")
			}
			var got []string
			for _, d := range l {
				got = append(got, d.String())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("diagnostic %d = %q, want it to start %q", i, got[i], w)
				}
			}
		})
	}
}

// TestSiteOverlaysOneKey checks that a site's file replaces the theme's
// strings key by key: the one key it writes, and nothing else.
func TestSiteOverlaysOneKey(t *testing.T) {
	t.Parallel()
	b, l := Load(site("i18n/uk.toml", "menu = \"Навігація\"\n"), "uk")
	if len(l) > 0 {
		t.Fatal(l)
	}
	if got, _ := b.Text("menu", Args{}); got != "Навігація" {
		t.Errorf("menu = %q, want the site's", got)
	}
	if got, _ := b.Text("search", Args{}); got != "Пошук" {
		t.Errorf("search = %q, want the theme's", got)
	}
	if got := b.Date(time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)); got != "15 серпня 2025 р." {
		t.Errorf("date = %q, want the theme's format", got)
	}
	if want := []string{"theme:i18n/uk.toml", "i18n/uk.toml"}; !slices.Equal(b.Files, want) {
		t.Errorf("Files = %q, want %q", b.Files, want)
	}
	if p, own := b.Pos("menu"); !own || p.String() != "i18n/uk.toml:1:1" {
		t.Errorf("Pos(menu) = %v, %v; want the site's file", p, own)
	}
	if _, own := b.Pos("search"); own {
		t.Errorf("Pos(search) says the site wrote it")
	}
	theirs := load(t, "uk")
	if b.Sum == theirs.Sum {
		t.Errorf("the overlay's Sum equals the theme's")
	}
}

// TestThemeLanguagesAgree checks that the theme's languages have the same
// strings, and each plural string the forms its language needs.
func TestThemeLanguagesAgree(t *testing.T) {
	t.Parallel()
	if got := Languages(site()); !slices.Equal(got, []string{"en", "ru", "uk"}) {
		t.Fatalf("Languages = %q", got)
	}
	en := load(t, "en")
	for _, code := range []string{"uk", "ru"} {
		b := load(t, code)
		if !slices.Equal(b.Keys(), en.Keys()) {
			t.Errorf("%s has keys %q, en %q", code, b.Keys(), en.Keys())
		}
		for _, k := range en.Keys() {
			if (en.msgs[k].forms == nil) != (b.msgs[k].forms == nil) {
				t.Errorf("%s: %s is plural in one language only", code, k)
			}
		}
	}
}

// TestText checks placeholders: named values, the count, a value the
// string needs and args lack.
func TestText(t *testing.T) {
	t.Parallel()
	uk := load(t, "uk")
	got, err := uk.Text("demands_in_all", Args{Count: 22, HasCount: true, Names: []string{"Topics"}, Values: []string{"у 9 темах"}})
	if want := "Усього 22 вимоги у 9 темах, кожна з власною довідкою."; err != nil || got != want {
		t.Errorf("demands_in_all = %q, %v; want %q", got, err, want)
	}
	if _, err := uk.Text("actor_wants", Args{}); err == nil || !strings.Contains(err.Error(), "{{.Actor}}") {
		t.Errorf("a missing value: %v, want an error naming it", err)
	}
	if _, err := uk.Text("no_such_key", Args{}); err == nil || !strings.Contains(err.Error(), "theme:i18n/uk.toml") {
		t.Errorf("a missing key: %v, want an error naming the file", err)
	}
	forms, err := uk.Forms("search_matches", Args{Names: []string{"Count", "Query"}, Values: []string{"{n}", "{q}"}})
	if err != nil || len(forms) != 4 || forms[0].Category != "one" || forms[3].Category != "other" || forms[2].Text != "Знайдено {n} сторінок за запитом «{q}»" {
		t.Errorf("Forms = %q, %v", forms, err)
	}
}
