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
	if got := d.Pos.String(); got != "layouts/page.html:2:9" {
		t.Errorf("pos %s, want layouts/page.html:2:9 (%s)", got, d.Msg)
	}
	if !strings.Contains(d.Msg, "Nope") {
		t.Errorf("message %q does not name the field", d.Msg)
	}
	if _, d := ts.Execute("actor", &View{}); d == nil || d.Pos.File != "layouts/actor.html" {
		t.Errorf("missing layout: got %v", d)
	}
}
