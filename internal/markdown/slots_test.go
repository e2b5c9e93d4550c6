package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
)

// treeRender is how documents were rendered before slots: set each
// destination in the tree, then render the tree with goldmark's plain
// HTML renderer. Render must give the same bytes.
func treeRender(t *testing.T, e *Engine, src []byte, dest func(i int, old string) string) string {
	t.Helper()
	d, root := e.parse(src)
	for i, l := range d.Links {
		nd := []byte(dest(i, l.Dest))
		switch n := l.node.(type) {
		case *ast.Link:
			n.Destination = nd
		case *ast.Image:
			n.Destination = nd
		}
	}
	plain := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer))
	var b bytes.Buffer
	if err := plain.Renderer().Render(&b, src, root); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var slotSources = []string{
	"plain text, no links",
	"[a](x.md) and [b](../y.md#frag) and [c](https://example.org/?a=1&b=2)",
	`[title](x.md "A \"quoted\" title") and ![alt *em*](img.png "t")`,
	"[spaces](<a b.md>) [unicode](ünï.md) [quote](q\".md)",
	"[ref][r] and [again][r]\n\n[r]: ref.md#x",
	"| a | b |\n|---|---|\n| [in table](t.md) | ![img](i.png) |",
	"Footnote[^1] with [link](f.md).\n\n[^1]: Note [inside](n.md).",
	"[bad](javascript:alert(1)) then [good](g.md) <https://auto.example/> www.example.org",
	"![data](data:image/png;base64,AAAA) [x](x.md)",
	"[empty]() [hash](#local) [nested ![img](n.png)](outer.md)",
}

func TestRenderMatchesTreeRender(t *testing.T) {
	e := New()
	dests := map[string]func(int, string) string{
		"unchanged": func(_ int, old string) string { return old },
		"rewritten": func(i int, _ string) string { return fmt.Sprintf("/site/page-%d/#a&b \"q\" ü", i) },
		"dangerous": func(int, string) string { return "javascript:alert(1)" },
		"empty":     func(int, string) string { return "" },
	}
	for _, src := range slotSources {
		for name, dest := range dests {
			t.Run(name+"/"+src, func(t *testing.T) {
				want := treeRender(t, e, []byte(src), dest)
				d := e.Parse([]byte(src))
				for i, l := range d.Links {
					l.SetDest(dest(i, l.Dest))
				}
				if got := render(t, e, d); got != want {
					t.Errorf("got:\n%s\nwant:\n%s", got, want)
				}
				if got := string(d.AppendHTML(nil)); got != want {
					t.Errorf("AppendHTML:\n%s\nwant:\n%s", got, want)
				}
				if n := d.HTMLLen(); n < len(want) {
					t.Errorf("HTMLLen() = %d, below the length %d", n, len(want))
				}
			})
		}
	}
}

// TestRenderTwice checks that a Doc renders again after SetDest, as serve
// mode does when a target moves.
func TestRenderTwice(t *testing.T) {
	e := New()
	d := e.Parse([]byte("[a](x.md)"))
	d.Links[0].SetDest("/one/")
	first := render(t, e, d)
	d.Links[0].SetDest("/two/")
	if second := render(t, e, d); first == second || !bytes.Contains([]byte(second), []byte(`href="/two/"`)) {
		t.Errorf("first %q, second %q", first, second)
	}
}

var spaceCases = []string{
	"", " ", "a", " a ", "a  b\tc\n\nd", "\u00a0x\u0085y\u2003z ", "é  ü", "\xff \xfe\x80 a", "a\vb\fc\rd",
}

func TestCollapseSpace(t *testing.T) {
	for _, s := range spaceCases {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzCollapseSpace(f *testing.F) {
	for _, s := range spaceCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}
