package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestCitations(t *testing.T) {
	tests := []struct {
		name, src string
		html      string // the rendered paragraph
		cites     string // Key/Num/Offset/Ordinal of each citation
	}{
		{
			name:  "one",
			src:   "Moscow said so.[@2]",
			html:  `<p>Moscow said so.<sup class="cite"><a href="#source-2" id="cite-2-1"><span class="vh">source </span>2</a></sup></p>`,
			cites: "2/2/16/1",
		},
		{
			name: "several, counted per source",
			src:  "A.[@1] B.[@1; @3] C.[@3,@1]",
			html: `<p>A.<sup class="cite"><a href="#source-1" id="cite-1-1"><span class="vh">source </span>1</a></sup>` +
				` B.<sup class="cite"><a href="#source-1" id="cite-1-2"><span class="vh">source </span>1</a>, <a href="#source-3" id="cite-3-1"><span class="vh">source </span>3</a></sup>` +
				` C.<sup class="cite"><a href="#source-3" id="cite-3-2"><span class="vh">source </span>3</a>, <a href="#source-1" id="cite-1-3"><span class="vh">source </span>1</a></sup></p>`,
			cites: "1/1/3/1 1/1/10/2 3/3/14/1 3/3/21/2 1/1/24/3",
		},
		{
			name:  "a word is kept as text for the caller to report",
			src:   "So.[@reuters]",
			html:  `<p>So.<sup class="cite">[@reuters]</sup></p>`,
			cites: "reuters/0/4/0",
		},
		{
			name: "a link whose text starts with @ stays a link",
			src:  "[@x](https://example.com)",
			html: `<p><a href="https://example.com">@x</a></p>`,
		},
		{
			name: "not citations",
			src:  "[@] [@ 1] [@1 [x] [@1;] `[@1]`",
			html: `<p>[@] [@ 1] [@1 [x] [@1;] <code>[@1]</code></p>`,
		},
		{
			name:  "footnotes still work beside citations",
			src:   "A.[^n][@1]\n\n[^n]: Note.",
			html:  `<p>A.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup><sup class="cite"><a href="#source-1" id="cite-1-1"><span class="vh">source </span>1</a></sup></p>`,
			cites: "1/1/7/1",
		},
	}
	e := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := e.Parse([]byte(tt.src))
			var b strings.Builder
			if err := e.Render(&b, d); err != nil {
				t.Fatal(err)
			}
			got, _, _ := strings.Cut(b.String(), "\n")
			if got != tt.html {
				t.Errorf("html:\ngot  %s\nwant %s", got, tt.html)
			}
			var cs []string
			for _, c := range d.Cites {
				cs = append(cs, fmt.Sprintf("%s/%d/%d/%d", c.Key, c.Num, c.Offset, c.Ordinal))
				if c.Num > 0 && !d.Anchors[c.ID()] {
					t.Errorf("anchor %s missing", c.ID())
				}
			}
			if strings.Join(cs, " ") != tt.cites {
				t.Errorf("cites: got %q, want %q", strings.Join(cs, " "), tt.cites)
			}
			if strings.Contains(d.Text(), "source") {
				t.Errorf("visible text %q holds a citation", d.Text())
			}
		})
	}
}
