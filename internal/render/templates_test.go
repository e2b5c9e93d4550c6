package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/explainer/explainer/internal/content"
)

func TestLoadReportsLayoutPositions(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"missing base", map[string]string{"layouts/home.html": "x"}, "layouts/base.html: missing base layout"},
		{"parse error in kind", map[string]string{
			"layouts/base.html":   `{{template "main" .}}`,
			"layouts/demand.html": "{{define \"main\"}}\nline two\n{{if}}\n{{end}}",
		}, "layouts/demand.html:3: layout error: missing value for if"},
		{"parse error in partial", map[string]string{
			"layouts/base.html":       `{{template "main" .}}`,
			"layouts/partials/x.html": "{{define \"x\"}}{{.A | nofunc}}{{end}}",
		}, `layouts/partials/x.html:1: layout error: function "nofunc" not defined`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range tt.files {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			_, l := Load(fsys)
			if got := l.Error(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExecuteErrorNamesLayoutLineCol(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/base.html": {Data: []byte(`<html>{{template "main" .}}`)},
		"layouts/page.html": {Data: []byte("{{define \"main\"}}\n  {{.Page.Nope}}{{end}}")},
	}
	ts, l := Load(fsys)
	if len(l) > 0 {
		t.Fatal(l)
	}
	_, d := ts.Execute("page", &View{Page: &content.Page{Title: "x"}})
	if d == nil {
		t.Fatal("no error")
	}
	// text/template says 2:9, a 0-based byte column: .Nope starts in
	// column 10.
	if got := d.Pos.String(); got != "layouts/page.html:2:10" {
		t.Errorf("pos %s, want layouts/page.html:2:10 (%s)", got, d.Msg)
	}
	// Columns count characters: Cyrillic before the error moves it one
	// column a letter.
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\nПутин {{.Page.Nope}}{{end}}")}
	if ts, l = Load(fsys); len(l) > 0 {
		t.Fatal(l)
	}
	if _, d = ts.Execute("page", &View{Page: &content.Page{Title: "x"}}); d == nil || d.Pos.String() != "layouts/page.html:2:14" {
		t.Errorf("after Cyrillic: got %v, want layouts/page.html:2:14", d)
	}
	if !strings.Contains(d.Msg, "Nope") {
		t.Errorf("message %q does not name the field", d.Msg)
	}
	if _, d := ts.Execute("actor", &View{}); d == nil || d.Pos.File != "layouts/actor.html" {
		t.Errorf("missing layout: got %v", d)
	}
}

func TestFragment(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/base.html":          {Data: []byte(`{{template "main" .}}`)},
		"layouts/partials/meta.html": {Data: []byte(`{{define "link"}}<a href="{{.URL}}">{{.Title}}</a>{{end}}`)},
		"layouts/page.html": {Data: []byte(`{{define "main"}}<p>{{fragment "link" .Page}}</p>` +
			`<p>{{template "link" .Page}}</p>{{end}}`)},
		"layouts/actor.html": {Data: []byte(`{{define "main"}}{{fragment "link" .Site.Actors}}{{end}}`)},
	}
	ts, l := Load(fsys)
	if len(l) > 0 {
		t.Fatal(l)
	}
	p := &content.Page{Title: `Fish & "chips"`, URL: "/a b/?q=<x>"}
	exec := func() string {
		b, d := ts.Execute("page", &View{Page: p})
		if d != nil {
			t.Fatal(d)
		}
		return string(b)
	}
	first := exec()
	const want = `<a href="/a%20b/?q=%3cx%3e">Fish &amp; &#34;chips&#34;</a>`
	tests := []struct {
		name, got, want string
	}{
		{"same bytes as template", first, "<p>" + want + "</p><p>" + want + "</p>"},
		{"cached within one Templates", func() string { p.Title = "changed"; return exec() }(),
			"<p>" + want + `</p><p><a href="/a%20b/?q=%3cx%3e">changed</a></p>`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got, tt.want)
		}
	}
	fresh, _ := Load(fsys)
	if b, d := fresh.Execute("page", &View{Page: p}); d != nil || !strings.Contains(string(b), "<p><a href=\"/a%20b/?q=%3cx%3e\">changed</a></p><p>") {
		t.Errorf("a fresh Templates reused a fragment: %s %v", b, d)
	}
	reloaded, _ := Reload(fsys, ts)
	if reloaded.byKind["page"] != ts.byKind["page"] {
		t.Error("Reload parsed unchanged layouts again")
	}
	if b, d := reloaded.Execute("page", &View{Page: p}); d != nil || !strings.Contains(string(b), "<p><a href=\"/a%20b/?q=%3cx%3e\">changed</a></p><p>") {
		t.Errorf("a reloaded Templates reused a fragment: %s %v", b, d)
	}
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}new{{end}}`)}
	if again, _ := Reload(fsys, reloaded); again.byKind["page"] == reloaded.byKind["page"] {
		t.Error("Reload kept a changed layout")
	}
	// A slice cannot be a cache key: an error at the call, not a panic.
	if _, d := ts.Execute("actor", &View{Page: p, Site: &content.Site{Actors: []*content.Actor{{}}}}); d == nil || d.Pos.File != "layouts/actor.html" {
		t.Errorf("uncomparable data: got %v", d)
	}
}

// TestEmptyKindFileTurnsKindOff checks that an empty kind layout, even over
// a theme's, leaves the kind without a layout, and that errors in a theme's
// file, read through an Origin, are named by it.
func TestEmptyKindFileTurnsKindOff(t *testing.T) {
	fsys := originFS{fstest.MapFS{
		"layouts/base.html":   {Data: []byte(`{{template "main" .}}`)},
		"layouts/map.html":    {Data: []byte(" \n")},
		"layouts/matrix.html": {Data: []byte(`{{define "main"}}m{{end}}`)},
		"layouts/topic.html":  {Data: []byte("{{define \"main\"}}\n{{.Page.Nope}}{{end}}")},
	}}
	ts, l := Load(fsys)
	if len(l) > 0 {
		t.Fatal(l.Error())
	}
	if ts.Has("map") || !ts.Has("matrix") {
		t.Errorf("Has(map) = %v, Has(matrix) = %v; want false, true", ts.Has("map"), ts.Has("matrix"))
	}
	_, d := ts.Execute("topic", &View{Page: &content.Page{}})
	if d == nil || d.Pos.String() != "theme:layouts/topic.html:2:8" {
		t.Errorf("got %v, want an error at theme:layouts/topic.html:2:8", d)
	}
}

// originFS names every layout as a theme's file.
type originFS struct{ fstest.MapFS }

func (originFS) Origin(name string) string { return "theme:" + name }
