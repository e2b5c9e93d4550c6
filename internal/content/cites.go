package content

import (
	"fmt"
	"strings"

	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/markdown"
)

// checkCites reports each citation in the body ([@N], see
// markdown/cite.go) that names no entry of the brief's sources. A key that
// is a word instead of a number gets the number of the source whose
// publisher it resembles as a hint.
//
// srcs are the brief's own sources, or for a translation its original's.
func (p *parsed) checkCites(srcs []Source) diag.List {
	var l diag.List
	for _, c := range p.doc.Cites {
		at := p.lines.Pos(p.bodyOff + c.Offset)
		switch {
		case c.Num == 0:
			l.Addf(at, "citation [@%s]: name a source by its number in sources, like [@1]%s", c.Key, publisherHint(c.Key, srcs))
		case len(srcs) == 0:
			l.Addf(at, "citation [@%d]: the brief has no sources", c.Num)
		case c.Num > len(srcs):
			l.Addf(at, "citation [@%d]: no source %d; the brief lists %d %s", c.Num, c.Num, len(srcs), plural(len(srcs), "source", "sources"))
		}
	}
	return l
}

// publisherHint suggests the source whose publisher's first word is
// closest to key: " (did you mean [@2], Reuters?)".
func publisherHint(key string, srcs []Source) string {
	words := make([]string, 0, len(srcs))
	num := map[string]int{}
	for i, s := range srcs {
		f := strings.Fields(s.Publisher + " " + s.Title)
		if len(f) == 0 {
			continue
		}
		w := markdown.Slug(f[0])
		if _, dup := num[w]; !dup {
			num[w] = i + 1
			words = append(words, w)
		}
	}
	w := diag.Closest(strings.ToLower(key), words)
	if w == "" {
		return ""
	}
	n := num[w]
	return fmt.Sprintf(" (did you mean [@%d], %s?)", n, srcs[n-1].Publisher)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// checkEventBody reports text in an event's body: the timeline shows an
// event's title, summary and sources, and a body would be lost.
func (p *parsed) checkEventBody() {
	if p.kind != KindEvent || p.doc == nil || p.doc.Text() == "" {
		return
	}
	body := p.doc.Source
	off := len(body) - len(strings.TrimLeft(string(body), " \t\n"))
	p.diags.Add(p.lines.Pos(p.bodyOff+off), "an event has no body: the timeline shows its title, summary and sources; put the text in summary")
}

// CitesOf returns the anchor ids of the body's citations of the n-th
// source (from 1), for the sources list to link back to.
func (p *Page) CitesOf(n int) []string {
	if p.Doc == nil {
		return nil
	}
	return p.Doc.CiteIDs(n)
}
