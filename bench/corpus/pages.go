package corpus

import (
	"fmt"
	"strings"
)

// front writes the frontmatter keys every kind shares, opening the block,
// and returns the page's updated date.
func front(b *strings.Builder, r *rng, title string) string {
	fmt.Fprintf(b, "---\ntitle: %q\nsummary: %q\n", title, r.plain(12, 24))
	if r.intn(4) == 0 {
		fmt.Fprintf(b, "weight: %d\n", 10*r.between(1, 9))
	}
	updated := r.date()
	fmt.Fprintf(b, "updated: %s\n", updated)
	return updated
}

// sources writes 1–3 sources and closes the frontmatter. No source is
// dated after updated, the page's date, so the corpus passes check -strict.
func sources(b *strings.Builder, r *rng, id, updated string) {
	b.WriteString("sources:\n")
	for k := range r.between(1, 3) {
		title, pub, date := r.plain(4, 9), r.pick(publishers), r.date()
		fmt.Fprintf(b, "  - title: %q\n    url: https://news.example.org/2025/%s-%d\n    publisher: %q\n    date: %s\n",
			title, id, k+1, pub, min(date, updated))
	}
	b.WriteString("---\n\n")
}

func (p *plan) home() []byte {
	r := newRNG(0, 0)
	var b strings.Builder
	updated := front(&b, r, fmt.Sprintf("A synthetic explainer of %d demands", p.n))
	sources(&b, r, "home", updated)
	t := &text{r: r}
	t.heading(2, "About this site")
	var links []link
	for i := range min(3, len(p.actors)) {
		links = append(links, mdLink(p.actors[i].title, "actors/"+p.actors[i].id+".md"))
	}
	links = append(links, mdLink(p.topics[0].title, "topics/"+p.topics[0].id+".md#background"))
	t.para(r.between(40, 80), links...)
	b.WriteString(t.b.String())
	return []byte(b.String())
}

func (p *plan) actor(i int) []byte {
	a := p.actors[i]
	r := newRNG(4, i)
	var b strings.Builder
	updated := front(&b, r, a.title)
	fmt.Fprintf(&b, "role: %q\n", r.pick(actorRoles))
	sources(&b, r, a.id, updated)
	p.brief(&b, r, r.between(150, 250))
	return []byte(b.String())
}

func (p *plan) topic(i int) []byte {
	tp := p.topics[i]
	r := newRNG(5, i)
	var b strings.Builder
	updated := front(&b, r, tp.title)
	sources(&b, r, tp.id, updated)
	p.brief(&b, r, r.between(150, 250))
	return []byte(b.String())
}

// brief writes a short body of about words words for actors and topics.
func (p *plan) brief(b *strings.Builder, r *rng, words int) {
	t := &text{r: r}
	hs := r.pickHeadings(1)
	t.heading(2, "Background")
	t.para(r.between(40, 70))
	t.heading(2, hs[0])
	t.list(r.between(3, 5), false)
	for t.words < words {
		t.para(min(words-t.words, r.between(30, 60)))
	}
	b.WriteString(t.b.String())
}

func (p *plan) demand(i int) []byte {
	d := p.demands[i]
	r := newRNG(3, i)
	var b strings.Builder
	updated := front(&b, r, d.title)
	fmt.Fprintf(&b, "actor: %s\ntopic: %s\n", p.actors[d.actor].id, p.topics[d.topic].id)
	p.relations(&b, r, "conflicts_with", d.conflicts)
	p.relations(&b, r, "aligned_with", d.alignments)
	sources(&b, r, d.id, updated)
	p.demandBody(&b, r, d)
	return []byte(b.String())
}

// relations writes one relation list, each item with its why (a bare id
// is an error). One item in five is written as a flow mapping, the other
// shape a writer may use.
func (p *plan) relations(b *strings.Builder, r *rng, key string, to []int) {
	if len(to) == 0 {
		return
	}
	b.WriteString(key + ":\n")
	for _, j := range to {
		if r.intn(5) == 0 {
			fmt.Fprintf(b, "  - {demand: %s, why: %q}\n", p.demands[j].id, r.plain(8, 16))
			continue
		}
		fmt.Fprintf(b, "  - demand: %s\n    why: %q\n", p.demands[j].id, r.plain(8, 16))
	}
}

// demandBody writes 500–700 words: fixed blocks (about 250–350 words) that
// use every construct, then paragraphs up to the target.
func (p *plan) demandBody(b *strings.Builder, r *rng, d demand) {
	target := r.between(500, 700)
	t := &text{r: r}
	hs := r.pickHeadings(4)
	other := p.demands[d.conflicts[0]]
	t.heading(2, "Background")
	t.para(r.between(40, 70), mdLink("a conflicting demand", other.id+".md#background"))
	t.heading(2, hs[0])
	t.para(r.between(30, 50))
	t.list(r.between(3, 5), false)
	t.heading(3, hs[1])
	t.list(r.between(3, 4), true)
	t.heading(2, hs[2])
	t.para(r.between(15, 25))
	t.table(r.between(3, 5))
	t.heading(2, hs[3])
	links := []link{mdLink(p.actors[d.actor].title, "../actors/"+p.actors[d.actor].id+".md")}
	if r.intn(2) == 0 {
		links = append(links, mdLink(p.topics[d.topic].title, "../topics/"+p.topics[d.topic].id+".md"))
	}
	t.para(r.between(30, 60), links...)
	for t.words < target {
		t.para(min(target-t.words, r.between(40, 80)))
	}
	b.WriteString(t.b.String())
}
