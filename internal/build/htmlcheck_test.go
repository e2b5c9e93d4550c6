package build

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A small CSS selector engine for tests, after pkgsite's htmlcheck: a
// selector is compound parts (tag, .class, #id, [attr], [attr=value])
// joined by descendant (space) or child (>) combinators.

type simple struct {
	tag     string
	id      string
	classes []string
	attrs   [][2]string // name, value ("" value with hasVal false means presence)
	hasVal  []bool
}

type step struct {
	sel   simple
	child bool // joined to the previous step by ">"
}

func parseSelector(t testing.TB, s string) []step {
	t.Helper()
	var steps []step
	child := false
	for _, tok := range strings.Fields(strings.ReplaceAll(s, ">", " > ")) {
		if tok == ">" {
			child = true
			continue
		}
		steps = append(steps, step{sel: parseSimple(t, tok), child: child})
		child = false
	}
	return steps
}

func parseSimple(t testing.TB, s string) simple {
	t.Helper()
	var x simple
	for s != "" {
		switch s[0] {
		case '.', '#':
			end := strings.IndexAny(s[1:], ".#[")
			if end < 0 {
				end = len(s) - 1
			}
			if s[0] == '.' {
				x.classes = append(x.classes, s[1:1+end])
			} else {
				x.id = s[1 : 1+end]
			}
			s = s[1+end:]
		case '[':
			end := strings.IndexByte(s, ']')
			if end < 0 {
				t.Fatalf("bad selector %q", s)
			}
			name, val, ok := strings.Cut(s[1:end], "=")
			x.attrs = append(x.attrs, [2]string{name, strings.Trim(val, `"'`)})
			x.hasVal = append(x.hasVal, ok)
			s = s[end+1:]
		default:
			end := strings.IndexAny(s, ".#[")
			if end < 0 {
				end = len(s)
			}
			x.tag = s[:end]
			s = s[end:]
		}
	}
	return x
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func (x simple) match(n *html.Node) bool {
	if n.Type != html.ElementNode || (x.tag != "" && x.tag != n.Data) {
		return false
	}
	if x.id != "" {
		if v, _ := attr(n, "id"); v != x.id {
			return false
		}
	}
	cls, _ := attr(n, "class")
	have := strings.Fields(cls)
	for _, c := range x.classes {
		found := false
		for _, h := range have {
			found = found || h == c
		}
		if !found {
			return false
		}
	}
	for i, a := range x.attrs {
		v, ok := attr(n, a[0])
		if !ok || (x.hasVal[i] && v != a[1]) {
			return false
		}
	}
	return true
}

// matches reports whether n matches the steps, the last step being n.
func matches(n *html.Node, steps []step) bool {
	last := steps[len(steps)-1]
	if !last.sel.match(n) {
		return false
	}
	if len(steps) == 1 {
		return true
	}
	rest := steps[:len(steps)-1]
	for p := n.Parent; p != nil; p = p.Parent {
		if matches(p, rest) {
			return true
		}
		if last.child {
			return false
		}
	}
	return false
}

// queryAll returns every element under root matching the selector, in
// document order.
func queryAll(t testing.TB, root *html.Node, sel string) []*html.Node {
	t.Helper()
	steps := parseSelector(t, sel)
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if matches(n, steps) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

// text returns n's text content with white space collapsed.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func parseHTML(t testing.TB, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestSelectorEngine(t *testing.T) {
	doc := parseHTML(t, []byte(`<main><table class="m x"><tr><th scope="row" id="a">A</th><td><ul><li><a href="/d/">D</a></li></ul></td></tr></table><a href="/e/">E</a></main>`))
	tests := []struct {
		sel  string
		want string
	}{
		{"th[scope=row]", "A"},
		{"table.m.x th#a", "A"},
		{"td a", "D"},
		{"main > a", "E"},
		{"table > a", ""},
		{"a[href=/d/]", "D"},
		{"[scope]", "A"},
		{"table.y th", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range queryAll(t, doc, tt.sel) {
			got = append(got, text(n))
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("%q matched %q, want %q", tt.sel, got, tt.want)
		}
	}
}

// duplicateIDs returns every id that more than one element of doc has.
func duplicateIDs(doc *html.Node) []string {
	seen := map[string]int{}
	var dups []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if id, ok := attr(n, "id"); ok && n.Type == html.ElementNode {
			if seen[id]++; seen[id] == 2 {
				dups = append(dups, id)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return dups
}
