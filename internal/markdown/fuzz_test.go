package markdown

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var (
	tagRE  = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)`)
	attrRE = regexp.MustCompile(`\s(href|src)="([^"]*)"`)
)

// goldmarkTags are the only elements our renderer emits: anything else in
// the output would be raw HTML passed through.
var goldmarkTags = map[string]bool{
	"p": true, "a": true, "img": true, "em": true, "strong": true, "code": true, "pre": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "blockquote": true, "hr": true, "br": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
	"del": true, "input": true, "sup": true, "div": true, "section": true,
}

// FuzzRender parses and renders arbitrary Markdown with our extensions and
// link rewriting. It must never panic; raw HTML never reaches the output,
// only the elements goldmark itself writes; no href or src carries a
// scheme that runs code; every heading id appears in the output exactly as
// collected (the link checker relies on it); link offsets lie inside the
// source; and rendering is deterministic.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nSee [a](../demands/x.md#a) and ![m](img/m.png).\n\n[ref]: ../actors/y.md\n\n[y][ref]\n",
		"[x](javascript:alert(1)) <javascript:x> ![i](data:image/png;base64,xx) <script>x</script>",
		"| a | b |\n|---|---|\n| [l](x.md) | ~~s~~ |\n\n- [ ] task\n- [x] done\n",
		"Text[^1] and \"quotes\" -- dashes...\n\n[^1]: Note with [link](y.md).\n",
		"## Same\n## Same\n## Same-1\n\n<div onclick=x>raw</div>\n\nwww.example.org https://a.b/c",
		"> - 1. ```\n>   code\n> ```\n",
		"[a](<b c> \"t\") [d]( e ) [f](g 'h') <http://x> <a@b.c>",
		"Setext\n===\n\n    indented\n\n***\n",
	} {
		f.Add([]byte(s))
	}
	e := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		start := time.Now()
		defer func() {
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
		}()
		if _, deep := TooDeep(src); deep {
			return // refused before parsing, as content does
		}
		if _, over := Work(src); over {
			return // likewise
		}
		d := e.Parse(src)
		for i, l := range d.Links {
			if l.Offset < 0 || l.Offset > len(src) {
				t.Errorf("link %q at offset %d outside the %d-byte source", l.Dest, l.Offset, len(src))
			}
			if i%2 == 0 {
				l.SetDest(fmt.Sprintf("/base/page-%d/#frag", i))
			}
		}
		var a, b bytes.Buffer
		if err := e.Render(&a, d); err != nil {
			t.Fatal(err)
		}
		if err := e.Render(&b, d); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("second render differs (err %v)", err)
		}
		out := a.String()
		if utf8.Valid(src) && !utf8.ValidString(out) {
			t.Errorf("valid UTF-8 in, invalid out")
		}
		for _, m := range tagRE.FindAllStringSubmatch(out, -1) {
			if !goldmarkTags[strings.ToLower(m[2])] {
				t.Errorf("raw element <%s%s> reached the output", m[1], m[2])
			}
		}
		for _, m := range attrRE.FindAllStringSubmatch(out, -1) {
			if isUnsafeURL(html.UnescapeString(m[2])) {
				t.Errorf("%s=%q reached the output", m[1], m[2])
			}
		}
		for _, h := range d.Headings {
			if !strings.Contains(out, ` id="`+html.EscapeString(h.ID)+`"`) {
				t.Errorf("heading id %q is not in the output", h.ID)
			}
		}
	})
}
