package build

import (
	"strings"
	"testing"
)

// TestReadingOrder checks that the pages put the answer first: on the home
// page the takeaways, then each side's core demands, the headline clashes,
// the outcome and only then the body; on a demand page whose demand it is,
// then its clashes, before the body.
func TestReadingOrder(t *testing.T) {
	_, out := buildViewsSite(t)
	tests := []struct {
		page  string
		order []string // markers that must appear in this order
	}{
		{"index.html", []string{`class="takeaways"`, `class="sides"`, `class="headlines"`, `class="outcome"`, `class="body"`}},
		{"demands/withdraw/index.html", []string{`<h1><span class="wants a-russia">Russia wants</span>`, `class="relbox conflicts"`, `class="relbox alignments"`, `class="body"`, `id="rel_referenced"`}},
		{"actors/russia/index.html", []string{`id="demands_h"`, `class="body"`}},
	}
	for _, tt := range tests {
		html := string(out[tt.page])
		last, lastAt := "", -1
		for _, m := range tt.order {
			at := strings.Index(html, m)
			switch {
			case at < 0:
				t.Errorf("%s: no %s", tt.page, m)
			case at < lastAt:
				t.Errorf("%s: %s comes before %s", tt.page, m, last)
			}
			last, lastAt = m, at
		}
	}
}
