package render

import (
	"html/template"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/explainer/explainer/internal/theme"
)

// langSite is a small site in en and uk: its layouts print every kind of
// language-bound output, and it has its own strings (no theme).
func langSite() fstest.MapFS {
	const format = "\n[format]\ndate = \"{{.Day}} {{.Month}} {{.Year}}%s\"\nmonths = [%s]\ngroup = \"%s\"\n"
	months := func(s string) string {
		var q []string
		for _, m := range strings.Fields(s) {
			q = append(q, `"`+m+`"`)
		}
		return strings.Join(q, ", ")
	}
	en := `hello = "Hello, {{.Name}}"
n.one = "{{.Count}} demand"
n.other = "{{.Count}} demands"
` + fmtf(format, "", months("January February March April May June July August September October November December"), "")
	uk := `hello = "Привіт, {{.Name}}"
n.one = "{{.Count}} вимога"
n.few = "{{.Count}} вимоги"
n.many = "{{.Count}} вимог"
n.other = "{{.Count}} вимоги"
` + fmtf(format, " р.", months("січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня"), `\u00a0`)
	return fstest.MapFS{
		"layouts/base.html": {Data: []byte(`{{template "main" .}}`)},
		"layouts/home.html": {Data: []byte(`{{define "main"}}{{T "hello" "Name" .Name}}|{{T "n" .N}}|{{date .When}}|{{number .N}}|{{plural .N "one" "other"}}|{{T "hello" "Name" .HTML}}{{end}}`)},
		"i18n/en.toml":      {Data: []byte(en)},
		"i18n/uk.toml":      {Data: []byte(uk)},
	}
}

// fmtf fills each %s of format in order.
func fmtf(format string, args ...string) string {
	for _, a := range args {
		format = strings.Replace(format, "%s", a, 1)
	}
	return format
}

type langView struct {
	Name string
	HTML template.HTML
	N    int
	When time.Time
}

// TestForLang checks that each language's set speaks its language, that
// the sets are made once and cached, and that an undeclared language has
// none.
func TestForLang(t *testing.T) {
	t.Parallel()
	ts, l := Load(langSite())
	if len(l) > 0 {
		t.Fatal(l)
	}
	v := langView{Name: "<Kyiv & Co+>", HTML: "<b>bold</b>", N: 21001, When: time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)}
	tests := []struct{ code, want string }{
		{"en", "Hello, &lt;Kyiv &amp; Co&#43;&gt;|21001 demands|15 August 2025|21001|other|Hello, <b>bold</b>"},
		{"uk", "Привіт, &lt;Kyiv &amp; Co&#43;&gt;|21\u00a0001 вимога|15 серпня 2025 р.|21\u00a0001|one|Привіт, <b>bold</b>"},
	}
	if code, _ := ts.Lang(); code != "en" {
		t.Errorf("default language %q, want en (English first)", code)
	}
	for _, tt := range tests {
		set := ts.ForLang(tt.code)
		if set == nil {
			t.Fatalf("ForLang(%s) = nil", tt.code)
		}
		if set != ts.ForLang(tt.code) {
			t.Errorf("ForLang(%s) made a second set", tt.code)
		}
		b, d := set.Execute("home", v)
		if d != nil {
			t.Fatal(d)
		}
		if string(b) != tt.want {
			t.Errorf("%s: got  %q\nwant %q", tt.code, b, tt.want)
		}
	}
	if ts.ForLang("en") != ts {
		t.Errorf("ForLang of the default language is not the set itself")
	}
	if ts.ForLang("de") != nil {
		t.Errorf("ForLang(de) made a set for a language without strings")
	}
	// The escaping of T's values is html/template's: the same bytes as
	// printing the value.
	plain, _ := template.New("x").Parse(`{{.}}`)
	var sb strings.Builder
	_ = plain.Execute(&sb, v.Name)
	if want := "&lt;Kyiv &amp; Co&#43;&gt;"; sb.String() != want {
		t.Errorf("html/template writes %q, T's escaping assumes %q", sb.String(), want)
	}
}

// TestLangSums checks that a language's strings are part of its set's
// Sum alone, and that Reload loads again when an i18n file changes.
func TestLangSums(t *testing.T) {
	t.Parallel()
	fsys := langSite()
	ts, _ := Load(fsys)
	en, uk := ts.Sum, ts.ForLang("uk").Sum
	if en == uk {
		t.Fatal("en and uk sets have the same Sum")
	}
	if again, _ := Reload(fsys, ts); again.Sum != en || again.ForLang("uk").Sum != uk {
		t.Errorf("Reload of unchanged files changed a Sum")
	}
	fsys["i18n/uk.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys["i18n/uk.toml"].Data), "Привіт", "Вітаємо", 1))}
	next, l := Reload(fsys, ts)
	if len(l) > 0 {
		t.Fatal(l)
	}
	if next.Sum != en {
		t.Errorf("an edit of uk.toml changed the en set's Sum")
	}
	if next.ForLang("uk").Sum == uk {
		t.Errorf("an edit of uk.toml left the uk set's Sum")
	}
	b, _ := next.ForLang("uk").Execute("home", langView{Name: "x"})
	if !strings.HasPrefix(string(b), "Вітаємо, x") {
		t.Errorf("after the edit, uk renders %q", b)
	}
}

// TestMissingStringPositioned checks that check names the layout's
// position of a T whose key a language lacks, and the file to add it to;
// and warns about a site's string no layout uses.
func TestMissingStringPositioned(t *testing.T) {
	t.Parallel()
	fsys := langSite()
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n<p>{{T \"hello\" \"Name\" .Name}}</p>\n  <h2>Ще {{T \"only_en\"}}</h2>{{end}}")}
	fsys["i18n/en.toml"] = &fstest.MapFile{Data: append([]byte("only_en = \"English\"\nunused = \"x\"\n"), fsys["i18n/en.toml"].Data...)}
	_, l := Load(fsys)
	var got []string
	for _, d := range l {
		got = append(got, d.String())
	}
	want := []string{
		`i18n/en.toml:2:1: warning: no layout uses the string "unused" (T "unused")`,
		`layouts/page.html:3:14: string "only_en" is missing from i18n/uk.toml`,
	}
	l.Sort()
	got = got[:0]
	for _, d := range l {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Declared languages: a language without a file is one error.
	_, l = LoadLangs(langSite(), []string{"en", "de"})
	if got := l.Error(); !strings.Contains(got, "i18n/de.toml: no i18n/de.toml") {
		t.Errorf("a declared language without strings: %q", got)
	}
}

// TestThemeStringsComplete checks the built-in theme: every string its
// layouts name is in each of its languages, with no diagnostic at all.
func TestThemeStringsComplete(t *testing.T) {
	t.Parallel()
	ts, l := Load(theme.Over(fstest.MapFS{}))
	if len(l) > 0 {
		t.Fatal(l)
	}
	if got := ts.Languages(); strings.Join(got, " ") != "en ru uk" {
		t.Errorf("Languages = %q, want en first", got)
	}
	if n := len(ts.uses()); n < 100 {
		t.Errorf("found %d T calls in the theme's layouts, want the 100 and more it has", n)
	}
}

// TestTArguments checks T's argument errors.
func TestTArguments(t *testing.T) {
	t.Parallel()
	fsys := langSite()
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{T "hello" "Name"}}{{end}}`)}
	fsys["layouts/section.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{T "hello" 3 4 "x"}}{{end}}`)}
	ts, _ := Load(fsys)
	if _, d := ts.Execute("page", langView{}); d == nil || !strings.Contains(d.Msg, "pairs of a placeholder name and its value") {
		t.Errorf("odd arguments: %v", d)
	}
	if _, d := ts.Execute("section", langView{}); d == nil || !strings.Contains(d.Msg, "want a placeholder name") {
		t.Errorf("a number as a name: %v", d)
	}
}

// TestForLangConcurrent makes and runs the language sets from many
// goroutines at once, for the race detector.
func TestForLangConcurrent(t *testing.T) {
	t.Parallel()
	ts, _ := Load(langSite())
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code := []string{"en", "uk"}[i%2]
			if _, d := ts.ForLang(code).Execute("home", langView{Name: "x", N: i}); d != nil {
				t.Error(d)
			}
		}()
	}
	wg.Wait()
}

// BenchmarkT measures the layout function T: a plain string, a plural
// string with its count, and one with a named value.
func BenchmarkT(b *testing.B) {
	ts, _ := Load(theme.Over(fstest.MapFS{}))
	_, uk := ts.ForLang("uk").Lang()
	for _, bc := range []struct {
		name string
		args []any
		key  string
	}{
		{"plain", nil, "related"},
		{"plural", []any{22}, "demand_count"},
		{"named", []any{"Actor", "Україна"}, "actor_wants"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := translate(uk, bc.key, bc.args); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
