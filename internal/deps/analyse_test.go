package deps

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// A small model of its own: a site, pages, and a brief embedding a page.
type (
	tSite struct {
		Home  *tPage
		Items []*tItem
		Base  string
	}
	tPage struct {
		URL, Summary string
		Title        tTitle
		Params       map[string]any
		Links        []*tPage
	}
	tItem struct {
		tPage
		Owner *tItem
		Rels  []tRel
		Extra any
	}
	tRel struct {
		To  *tItem
		Why string
	}
	tView struct {
		Site *tSite
		Page *tPage
		Item *tItem
		Data []tRel
		Any  any
	}
)

func (i *tItem) Declared() *tItem   { return nil }
func (i *tItem) Wrong() *tItem      { return nil }
func (i *tItem) Undeclared() string { return "" }
func (r tRel) Label() string        { return r.Why }

type tTitle string

func (t tTitle) Len() int { return len(t) }

func testModel(t *testing.T) *Model {
	t.Helper()
	m, err := NewModel(Options{
		Site: reflect.TypeFor[tSite](), Page: reflect.TypeFor[tPage](),
		Funcs:    map[string]any{"upper": func(t tTitle) string { return strings.ToUpper(string(t)) }, "item": func(*tItem) string { return "" }, "pick": func(string) *tItem { return nil }},
		Fragment: "fragment",
		Methods: []Method{
			{Type: reflect.TypeFor[tItem](), Name: "Declared", Reads: []string{"Rels"}, Result: "Owner.Rels[].To"},
			{Type: reflect.TypeFor[tItem](), Name: "Wrong", Result: "Rels"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// reads lists "id.Field" of what the template reads on the sample view.
func reads(m *Model, an *Analysis, v any) string {
	r := m.Eval(an, v)
	if r.All {
		return "ALL"
	}
	var out []string
	for id, mask := range r.IDs {
		for _, f := range strings.Split(m.Fields(mask), ",") {
			out = append(out, id+"."+f)
		}
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func TestAnalyse(t *testing.T) {
	m := testModel(t)
	a := &tItem{tPage: tPage{URL: "/a/", Title: "A"}}
	b := &tItem{tPage: tPage{URL: "/b/", Title: "B"}, Owner: a}
	_ = b.Undeclared()
	a.Rels = []tRel{{To: b, Why: "because"}}
	home := &tPage{URL: "/", Links: []*tPage{&a.tPage}}
	site := &tSite{Home: home, Items: []*tItem{a, b}}
	view := &tView{Site: site, Page: &b.tPage, Item: b, Data: a.Rels}
	tests := []struct {
		name, src, want string
	}{
		{"own field", `{{.Page.Title}}`, "/b/.Title"},
		{"promoted field", `{{.Item.Summary}}`, "/b/.Summary"},
		{"pointer then field", `{{.Item.Owner.Title}}`, "/a/.Title /b/.Owner"},
		{"range over relations", `{{range .Site.Items}}{{range .Rels}}{{.Why}} {{.To.Title}}{{end}}{{end}}`,
			"/a/.Rels /b/.Rels /b/.Title site.Items"},
		{"with and variables", `{{$s := .Site}}{{with .Item}}{{$s.Home.Title}}{{$.Page.Summary}}{{end}}`,
			"/.Title /b/.Summary site.Home"},
		{"range variables", `{{range $i, $x := .Site.Items}}{{$i}}{{$x.URL}}{{end}}`, "/a/.URL /b/.URL site.Items"},
		{"len reads the list only", `{{len .Site.Items}}`, "site.Items"},
		{"index", `{{(index .Site.Items 0).Title}}`, "/a/.Title /b/.Title site.Items"},
		{"template call", `{{define "t"}}{{.Title}}{{end}}{{template "t" .Item.Owner}}`, "/a/.Title /b/.Owner"},
		{"fragment", `{{define "t"}}{{.Summary}}{{end}}{{fragment "t" .Item}}`, "/b/.Summary"},
		{"recursive template", `{{define "t"}}{{.Title}}{{with .Owner}}{{template "t" .}}{{end}}{{end}}{{template "t" .Item}}`,
			"/a/.Owner /a/.Title /b/.Owner /b/.Title"},
		{"computed data", `{{range .Data}}{{.To.Title}}{{end}}`, "/b/.Title"},
		{"params are plain data", `{{.Page.Params.x.y}}{{range .Page.Params}}{{.}}{{end}}`, "/b/.Params"},
		{"leaf function", `{{upper .Page.Title}}`, "/b/.Title"},
		{"method on plain data", `{{.Page.Title.Len}}`, "/b/.Title"},
		{"declared method", `{{.Item.Declared.Title}}`, "/a/.Rels /b/.Owner /b/.Rels /b/.Title"},
		{"pointer comparison", `{{if eq .Item.Owner .Item}}x{{end}}`, "/b/.Owner"},
		{"nothing read", `plain text`, ""},
		// Fallbacks.
		{"function given a page", `{{item .Item}}`, "ALL"},
		{"function returning a page", `{{(pick "a").Title}}`, "ALL"},
		{"unknown function", `{{nosuch .Page.Title}}`, "ALL"},
		{"call", `{{call .Any}}`, "ALL"},
		{"printing a page", `{{.Item.Owner}}`, "ALL"},
		{"interface outside a page", `{{.Any.Title}}`, "ALL"},
		{"undeclared method", `{{.Item.Undeclared}}`, "ALL"},
		{"undeclared method of data holding pages", `{{range .Data}}{{.Label}}{{end}}`, "ALL"},
		{"declared result of the wrong type", `{{.Item.Wrong.Title}}`, "ALL"},
		{"fragment name not constant", `{{fragment .Page.Title .Item}}`, "ALL"},
		{"interface field of a brief", `{{.Item.Extra.X}}`, "/b/.Extra"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ts Trees
			if err := ts.Add("entry", tt.src); err != nil {
				t.Fatal(err)
			}
			ts.Frag = &ts
			an := m.Analyse(&ts, "entry", reflect.TypeFor[*tView]())
			if got := reads(m, an, view); got != tt.want {
				t.Errorf("reads %q, want %q (fallback: %s)", got, tt.want, an.Why)
			}
		})
	}
}

// TestChanged checks that field hashes see every change of a field and
// count pointers to other entities by identity.
func TestChanged(t *testing.T) {
	m := testModel(t)
	hs := m.NewHasher()
	build := func(edit func(a, b *tItem, s *tSite)) Hashes {
		a := &tItem{tPage: tPage{URL: "/a/", Title: "A", Params: map[string]any{"k": []any{1, "x"}}}}
		b := &tItem{tPage: tPage{URL: "/b/", Title: "B"}, Owner: a}
		a.Rels = []tRel{{To: b, Why: "w"}}
		s := &tSite{Items: []*tItem{a, b}}
		edit(a, b, s)
		out := Hashes{}
		for _, v := range []any{s, s.Items[0], s.Items[len(s.Items)-1]} {
			id, f := hs.Entity(reflect.ValueOf(v))
			out[id] = f
		}
		return out
	}
	base := build(func(*tItem, *tItem, *tSite) {})
	tests := []struct {
		name string
		edit func(a, b *tItem, s *tSite)
		want string
	}{
		{"nothing", func(*tItem, *tItem, *tSite) {}, ""},
		{"title", func(a, _ *tItem, _ *tSite) { a.Title = "A2" }, "/a/:Title"},
		{"a target's title is not the pointer's change", func(a, _ *tItem, _ *tSite) { a.Summary = "s" }, "/a/:Summary"},
		{"why of a relation", func(a, _ *tItem, _ *tSite) { a.Rels[0].Why = "v" }, "/a/:Rels"},
		{"params deep", func(a, _ *tItem, _ *tSite) { a.Params["k"].([]any)[1] = "y" }, "/a/:Params"},
		{"pointer to another", func(_, b *tItem, _ *tSite) { b.Owner = b }, "/b/:Owner"},
		{"order of a list", func(a, b *tItem, s *tSite) { s.Items = []*tItem{b, a} }, "site:Items"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for id, mask := range m.Changed(base, build(tt.edit)) {
				got = append(got, id+":"+m.Fields(mask))
			}
			sort.Strings(got)
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("changed %q, want %q", g, tt.want)
			}
		})
	}
}
