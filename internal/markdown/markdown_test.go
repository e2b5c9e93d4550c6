package markdown

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func render(t *testing.T, e *Engine, d *Doc) string {
	t.Helper()
	var b bytes.Buffer
	if err := e.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestHeadingIDs(t *testing.T) {
	e := New()
	d := e.Parse([]byte("## After Alaska\n\n## After Alaska\n\n### Kyiv's *view* — 2025\n\n## ¿Qué?\n\n## !!!\n"))
	var ids []string
	for _, h := range d.Headings {
		ids = append(ids, h.ID)
	}
	want := []string{"after-alaska", "after-alaska-1", "kyivs-view-2025", "qué", "section"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("ids = %q, want %q", ids, want)
	}
	if html := render(t, e, d); !strings.Contains(html, `<h2 id="after-alaska-1">`) {
		t.Errorf("rendered ids differ from collected ones:\n%s", html)
	}
}

func TestSafety(t *testing.T) {
	e := New()
	tests := []struct {
		name, src   string
		unsafe      int
		mustNot     []string
		mustContain []string
	}{
		{"javascript link", "[click](javascript:alert(1))", 1, []string{"javascript:", "<a"}, []string{"click"}},
		{"mixed case and spaces", "[x]( JaVaScRiPt:alert(1))", 1, []string{"alert", "<a"}, nil},
		{"data image", "![pic](data:image/png;base64,AAAA)", 1, []string{"data:", "<img"}, []string{"pic"}},
		{"autolink", "<javascript:alert(1)>", 1, []string{"<a"}, nil},
		{"raw html", "<script>alert(1)</script>\n\nok <b onclick=x>b</b>", 0, []string{"<script", "<b "}, []string{"raw HTML omitted"}},
		{"safe links stay", "[a](https://example.org) [b](../x.md)", 0, nil, []string{`href="https://example.org"`, `href="../x.md"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := e.Parse([]byte(tt.src))
			html := render(t, e, d)
			if len(d.Unsafe) != tt.unsafe {
				t.Errorf("%d unsafe links, want %d", len(d.Unsafe), tt.unsafe)
			}
			for _, s := range tt.mustNot {
				if strings.Contains(html, s) {
					t.Errorf("output contains %q:\n%s", s, html)
				}
			}
			for _, s := range tt.mustContain {
				if !strings.Contains(html, s) {
					t.Errorf("output lacks %q:\n%s", s, html)
				}
			}
		})
	}
}

func TestLinksAndSetDest(t *testing.T) {
	e := New()
	src := "Intro.\n\nSee [the demand](../demands/x.md#a) and ![map](img/m.png).\n\n[ref]: ../actors/y.md\n\n[y][ref]\n"
	d := e.Parse([]byte(src))
	if len(d.Links) != 3 {
		t.Fatalf("got %d links, want 3", len(d.Links))
	}
	wantOff := []int{strings.Index(src, "../demands"), strings.Index(src, "img/m.png"), strings.Index(src, "[y]")}
	for i, l := range d.Links {
		if l.Offset != wantOff[i] {
			t.Errorf("link %d (%s) offset %d, want %d", i, l.Dest, l.Offset, wantOff[i])
		}
	}
	d.Links[0].SetDest("/demands/x/#a")
	if html := render(t, e, d); !strings.Contains(html, `href="/demands/x/#a"`) {
		t.Errorf("SetDest not rendered:\n%s", html)
	}
}

func TestFootnoteAnchorsAndText(t *testing.T) {
	e := New()
	d := e.Parse([]byte("## Title\n\nA claim.[^1] Another.[^1]\n\n[^1]: The source.\n"))
	for _, id := range []string{"title", "fn:1", "fnref:1"} {
		if !d.Anchors[id] {
			t.Errorf("anchor %q missing from %v", id, d.Anchors)
		}
	}
	if got := d.Text(); !strings.Contains(got, "Title A claim.") || !strings.Contains(got, "The source.") {
		t.Errorf("Text() = %q", got)
	}
}

func TestTextSeparatesBlocksAndDecodesEntities(t *testing.T) {
	tests := []struct{ src, want string }{
		{"## Why\n\nClaims.\n\n## Main\n\n## Sources\n", "Why Claims. Main Sources"},
		{"Moscow's aims -- and Kyiv's.", "Moscow\u2019s aims \u2013 and Kyiv\u2019s."},
		{"- one\n- two\n\nAfter.", "one two After."},
	}
	for _, tt := range tests {
		if got := New().Parse([]byte(tt.src)).Text(); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
