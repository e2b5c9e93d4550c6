package corpus

import (
	"fmt"
	"strings"
)

// text writes Markdown and counts the visible words it writes.
type text struct {
	b     strings.Builder
	r     *rng
	words int
}

func capitalise(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

// plain returns a sentence of lo to hi words without markup, for titles,
// summaries and reasons.
func (r *rng) plain(lo, hi int) string {
	return capitalise(r.words(lo, hi)) + "."
}

// sentence writes n words, some emphasised, strong, struck or in code.
func (t *text) sentence(n int) {
	for i := range n {
		w := t.r.pick(vocabulary)
		if i == 0 {
			w = capitalise(w)
		}
		switch t.r.intn(30) {
		case 0:
			w = "*" + w + "*"
		case 1:
			w = "**" + w + "**"
		case 2:
			w = "`" + w + "`"
		case 3:
			w = "~~" + w + "~~"
		case 4:
			w = `"` + w + `"`
		}
		if i > 0 {
			t.b.WriteByte(' ')
		}
		t.b.WriteString(w)
	}
	t.b.WriteString([]string{".", ".", ".", "?", ";"}[t.r.intn(5)])
	t.words += n
}

// para writes a paragraph of n words in sentences of 6 to 16 words, with
// the given links spread through it.
func (t *text) para(n int, links ...link) {
	first := true
	sep := func() {
		if !first {
			t.b.WriteByte(' ')
		}
		first = false
	}
	for n > 0 || len(links) > 0 {
		if n > 0 {
			k := min(n, t.r.between(6, 16))
			sep()
			t.sentence(k)
			n -= k
		}
		if len(links) > 0 {
			sep()
			t.b.WriteString("See " + links[0].md + ".")
			t.words += 1 + links[0].words
			links = links[1:]
		}
	}
	t.b.WriteString("\n\n")
}

func (t *text) heading(level int, s string) {
	fmt.Fprintf(&t.b, "%s %s\n\n", strings.Repeat("#", level), s)
	t.words += len(strings.Fields(s))
}

// list writes n items; numbered lists use "1." markers.
func (t *text) list(n int, numbered bool) {
	for i := range n {
		if numbered {
			fmt.Fprintf(&t.b, "%d. ", i+1)
		} else {
			t.b.WriteString("- ")
		}
		t.sentence(t.r.between(4, 10))
		t.b.WriteByte('\n')
	}
	t.b.WriteByte('\n')
}

// table writes a three-column table with rows body rows.
func (t *text) table(rows int) {
	t.b.WriteString("| Aspect | Position | Status |\n|---|---|:-:|\n")
	t.words += 3
	for range rows {
		for range 3 {
			n := t.r.between(1, 3)
			fmt.Fprintf(&t.b, "| %s ", t.r.words(n, n))
			t.words += n
		}
		t.b.WriteString("|\n")
	}
	t.b.WriteByte('\n')
}

// link is a Markdown link and how many visible words it holds.
type link struct {
	md    string
	words int
}

func mdLink(label, dest string) link {
	return link{md: "[" + label + "](" + dest + ")", words: len(strings.Fields(label))}
}

// pickHeadings returns n distinct headings.
func (r *rng) pickHeadings(n int) []string {
	idx := make([]int, len(headings))
	for i := range idx {
		idx[i] = i
	}
	out := make([]string, n)
	for i := range out {
		j := i + r.intn(len(idx)-i)
		idx[i], idx[j] = idx[j], idx[i]
		out[i] = headings[idx[i]]
	}
	return out
}

func (r *rng) date() string {
	return fmt.Sprintf("2025-%02d-%02d", r.between(1, 9), r.between(1, 28))
}
