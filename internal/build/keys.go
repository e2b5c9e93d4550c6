package build

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/markdown"
	"github.com/explainer/explainer/internal/render"
)

// A job's key is a hash of every input that can change its page. A
// rebuild renders a page again only when its key changed, so the key must
// cover what its layout can show. The contract with layouts:
//
//   - every page shows the layouts of its kind (base.html, partials/ and
//     <kind>.html), the site options, the site's last update, and the
//     cards of the home, section and plain pages (the navigation) and of
//     every actor and topic (they appear on most pages);
//   - a brief's own page (actor, demand, topic, plain page) shows its own
//     page in full and the cards of the pages one relation hop away (its
//     actor and topic, conflicts, alignments, body links both ways, an
//     actor's or topic's demands, a demand's or actor's events); an actor's
//     or topic's page also shows the cards of its demands' neighbours (a
//     topic lists what each of its demands clashes with); a plain page may
//     also show every card (the outcome page's scorecard);
//   - list pages (home, sections, matrix, map, timeline, search, 404) show
//     every card, and their own page in full; pages of any other kind show
//     everything, bodies included.
//
// A card is what a list shows of a page: its ids, URL, title, summary,
// weight, dates, params, role, and a demand's actor, topic, status and
// relations with their whys; an actor's and topic's number of demands; an
// event's date, marks, actors, demands and sources. In full a page adds its
// body and sources and the pages it links to and from.

// listKinds are the kinds of page that show every card but no body other
// than their own.
var listKinds = map[string]bool{"home": true, "section": true, "matrix": true, "map": true, "timeline": true, "search": true, "404": true}

// layoutHashes returns a hash of the layouts each kind renders with: base
// and partials, plus layouts/<kind>.html.
func layoutHashes(fsys fs.FS, ts *render.Templates, seed maphash.Seed) map[string]uint64 {
	var common maphash.Hash
	common.SetSeed(seed)
	kinds := map[string][]byte{}
	for _, f := range ts.Files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			b = []byte("unreadable " + err.Error())
		}
		dir, name := path.Split(f)
		if dir == render.Dir+"/" && name != "base.html" {
			kinds[strings.TrimSuffix(name, ".html")] = b
			continue
		}
		writeStr(&common, f)
		writeStr(&common, string(b))
	}
	base := common.Sum64()
	out := map[string]uint64{}
	for k, b := range kinds {
		var h maphash.Hash
		h.SetSeed(seed)
		writeU64(&h, base)
		h.Write(b)
		out[k] = h.Sum64()
	}
	out[""] = base // kinds without a layout file of their own
	return out
}

// keyer computes job keys for one build.
type keyer struct {
	seed    maphash.Seed
	site    *content.Site
	layouts map[string]uint64
	cards   map[*content.Page]uint64
	fulls   map[*content.Page]uint64
	// global covers what every page shows; allCards every card, allFull
	// every page in full, allSources every page's sources.
	global, allCards, allFull, allSources uint64
	// bodies caches body hashes across builds, by parsed document.
	bodies map[*markdown.Doc]uint64
	// typed gives each page its kind-specific struct; nbrs caches
	// neighbourCards.
	typed map[*content.Page]typed
	nbrs  map[*content.Page]uint64
}

func newKeyer(seed maphash.Seed, site *content.Site, layouts map[string]uint64, bodies map[*markdown.Doc]uint64) *keyer {
	k := &keyer{seed: seed, site: site, layouts: layouts, bodies: bodies,
		cards: make(map[*content.Page]uint64, len(site.All)), fulls: make(map[*content.Page]uint64, len(site.All))}
	pages := k.pages()
	k.typed = make(map[*content.Page]typed, len(pages))
	k.nbrs = make(map[*content.Page]uint64, len(pages))
	for _, p := range pages {
		k.cards[p.page] = k.card(p)
		k.typed[p.page] = p
	}
	g, c, f, src := k.hash(), k.hash(), k.hash(), k.hash()
	writeStr(g, site.Base)
	writeStr(g, site.Origin)
	writeStr(g, site.Updated.Format(time.RFC3339Nano))
	writeU64(g, k.card(typed{page: site.Home}))
	writeReader(g, site)
	for _, s := range site.Sections {
		writeU64(g, k.cards[&s.Page])
	}
	for _, p := range site.Pages {
		writeU64(g, k.cards[p])
	}
	for _, a := range site.Actors {
		writeU64(g, k.cards[&a.Page])
	}
	for _, t := range site.Topics {
		writeU64(g, k.cards[&t.Page])
	}
	for _, p := range pages {
		full := k.full(p)
		k.fulls[p.page] = full
		writeU64(c, k.cards[p.page])
		writeU64(f, full)
		writeSources(src, p.page.Sources)
	}
	k.global, k.allCards, k.allFull, k.allSources = g.Sum64(), c.Sum64(), f.Sum64(), src.Sum64()
	k.prune()
	return k
}

// prune drops cached body hashes of documents no page uses any more.
func (k *keyer) prune() {
	used := make(map[*markdown.Doc]bool, len(k.site.All))
	for _, p := range k.pages() {
		if p.page.Doc != nil {
			used[p.page.Doc] = true
		}
	}
	for d := range k.bodies {
		if !used[d] {
			delete(k.bodies, d)
		}
	}
}

// generatedKey is the key of a generated file.
func (k *keyer) generatedKey(f generatedFile) uint64 {
	h := k.hash()
	writeStr(h, f.path)
	writeU64(h, k.global)
	writeU64(h, k.allCards)
	writeU64(h, k.allSources)
	if f.bodies {
		writeU64(h, k.allFull)
	}
	return h.Sum64()
}

// writeReader adds the home page's takeaways and headline clashes, which
// the views of every page may show (the headline rule colours clashes).
func writeReader(h *maphash.Hash, site *content.Site) {
	writeU64(h, uint64(len(site.Takeaways)))
	for _, t := range site.Takeaways {
		writeStr(h, t.Text)
		writeSources(h, t.Sources)
	}
	writeU64(h, uint64(len(site.Headlines)))
	for _, x := range site.Headlines {
		writeStr(h, x.A.Slug)
		writeStr(h, x.B.Slug)
	}
	if site.Outcome != nil {
		writeStr(h, site.Outcome.URL)
	}
}

func writeSources(h *maphash.Hash, ss []content.Source) {
	writeU64(h, uint64(len(ss)))
	for _, s := range ss {
		writeStr(h, s.Title)
		writeStr(h, s.URL)
		writeStr(h, s.Publisher)
		writeStr(h, s.Date)
	}
}

func (k *keyer) hash() *maphash.Hash {
	h := new(maphash.Hash)
	h.SetSeed(k.seed)
	return h
}

// typed is a page with the kind-specific struct it belongs to.
type typed struct {
	page    *content.Page
	actor   *content.Actor
	demand  *content.Demand
	topic   *content.Topic
	section *content.Section
	event   *content.Event
}

func (k *keyer) pages() []typed {
	s := k.site
	out := []typed{{page: s.Home}}
	for _, a := range s.Actors {
		out = append(out, typed{page: &a.Page, actor: a})
	}
	for _, d := range s.Demands {
		out = append(out, typed{page: &d.Page, demand: d})
	}
	for _, t := range s.Topics {
		out = append(out, typed{page: &t.Page, topic: t})
	}
	for _, p := range s.Pages {
		out = append(out, typed{page: p})
	}
	for _, sec := range s.Sections {
		out = append(out, typed{page: &sec.Page, section: sec})
	}
	for _, e := range s.Events {
		out = append(out, typed{page: &e.Page, event: e})
	}
	return out
}

func (k *keyer) card(t typed) uint64 {
	h := k.hash()
	p := t.page
	writeStr(h, p.Kind.String())
	writeStr(h, p.Slug)
	writeStr(h, p.File)
	writeStr(h, p.URL)
	writeStr(h, p.Permalink)
	writeStr(h, p.Title)
	writeStr(h, p.Summary)
	writeU64(h, uint64(p.Weight))
	if p.Draft {
		writeU64(h, 1)
	}
	writeU64(h, uint64(p.Updated.UnixNano()))
	writeStr(h, p.Updated.Location().String())
	if len(p.Params) > 0 {
		writeStr(h, fmt.Sprintf("%#v", p.Params)) // fmt sorts map keys
	}
	switch {
	case t.actor != nil:
		writeStr(h, t.actor.Role)
		writeStr(h, t.actor.Colour)
		writeU64(h, uint64(len(t.actor.Demands)))
	case t.topic != nil:
		writeU64(h, uint64(len(t.topic.Demands)))
	case t.section != nil:
		writeU64(h, uint64(t.section.Of))
	case t.demand != nil:
		d := t.demand
		if d.Actor != nil {
			writeStr(h, d.Actor.Slug)
		}
		if d.Topic != nil {
			writeStr(h, d.Topic.Slug)
		}
		if d.Core {
			writeU64(h, 1)
		}
		for _, rs := range [][]content.Relation{d.Conflicts, d.Alignments} {
			writeU64(h, uint64(len(rs)))
			for _, r := range rs {
				writeStr(h, r.Demand.Slug)
				writeStr(h, r.Why)
				if r.Headline {
					writeU64(h, 1)
				}
			}
		}
		writeStatus(h, d.Status)
	case t.event != nil:
		writeEvent(h, t.event)
	}
	return h.Sum64()
}

func (k *keyer) full(t typed) uint64 {
	h := k.hash()
	p := t.page
	writeU64(h, k.cards[p])
	if p.Doc != nil {
		body, ok := k.bodies[p.Doc]
		if !ok {
			bh := k.hash()
			bh.Write(p.Doc.Source)
			body = bh.Sum64()
			k.bodies[p.Doc] = body
		}
		writeU64(h, body)
	}
	writeSources(h, p.Sources)
	for _, ps := range [][]*content.Page{p.LinksTo, p.ReferencedBy} {
		writeU64(h, uint64(len(ps)))
		for _, q := range ps {
			writeStr(h, q.URL)
		}
	}
	return h.Sum64()
}

// neighbours lists the pages one relation hop from t.
func neighbours(t typed) []typed {
	var out []typed
	p := t.page
	for _, q := range p.LinksTo {
		out = append(out, typed{page: q})
	}
	for _, q := range p.ReferencedBy {
		out = append(out, typed{page: q})
	}
	switch {
	case t.demand != nil:
		d := t.demand
		if d.Actor != nil {
			out = append(out, typed{page: &d.Actor.Page, actor: d.Actor})
		}
		if d.Topic != nil {
			out = append(out, typed{page: &d.Topic.Page, topic: d.Topic})
		}
		for _, r := range d.Conflicts {
			out = append(out, typed{page: &r.Demand.Page, demand: r.Demand})
		}
		for _, r := range d.Alignments {
			out = append(out, typed{page: &r.Demand.Page, demand: r.Demand})
		}
		out = appendEvents(out, d.Events)
	case t.actor != nil:
		for _, d := range t.actor.Demands {
			out = append(out, typed{page: &d.Page, demand: d})
		}
		out = appendEvents(out, t.actor.Events)
	case t.topic != nil:
		for _, d := range t.topic.Demands {
			out = append(out, typed{page: &d.Page, demand: d})
		}
	}
	return out
}

// neighbourCards returns a hash of the cards of the pages one hop from p,
// computed once per page and build.
func (k *keyer) neighbourCards(p *content.Page) uint64 {
	if v, ok := k.nbrs[p]; ok {
		return v
	}
	t, ok := k.typed[p]
	if !ok {
		t = typed{page: p}
	}
	h := k.hash()
	for _, n := range neighbours(t) {
		writeU64(h, k.cards[n.page])
	}
	v := h.Sum64()
	k.nbrs[p] = v
	return v
}

// jobKeys returns the key of every job, by output path.
func (k *keyer) jobKeys(jobs []job) map[string]uint64 {
	keys := make(map[string]uint64, len(jobs))
	for _, j := range jobs {
		keys[j.path] = k.jobKey(j)
	}
	return keys
}

func (k *keyer) jobKey(j job) uint64 {
	h := k.hash()
	writeStr(h, j.path)
	writeStr(h, j.kind)
	lh, ok := k.layouts[j.kind]
	if !ok {
		lh = k.layouts[""]
	}
	writeU64(h, lh)
	writeU64(h, k.global)
	v := j.view
	self := typed{page: v.Page, actor: v.Actor, demand: v.Demand, topic: v.Topic, section: v.Section}
	own, known := k.fulls[v.Page]
	switch {
	case known && !listKinds[j.kind] && v.Section == nil:
		writeU64(h, own)
		writeU64(h, k.neighbourCards(v.Page))
		if j.kind == "page" {
			writeU64(h, k.allCards)
		}
		if self.actor != nil || self.topic != nil {
			for _, n := range neighbours(self) {
				writeU64(h, k.neighbourCards(n.page))
			}
		}
	case listKinds[j.kind]:
		writeU64(h, own)
		writeU64(h, k.allCards)
		// A generated page's own fields are made by pages.go, not read
		// from a brief.
		writeStr(h, v.Page.Title)
		writeStr(h, v.Page.Summary)
		writeStr(h, v.Page.Updated.Format(time.RFC3339Nano))
	default:
		writeU64(h, k.allFull)
		writeStr(h, v.Page.Title)
		writeStr(h, v.Page.Summary)
		writeStr(h, v.Page.Updated.Format(time.RFC3339Nano))
	}
	return h.Sum64()
}

func writeStr(h *maphash.Hash, s string) {
	writeU64(h, uint64(len(s)))
	h.WriteString(s)
}

func writeU64(h *maphash.Hash, v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	h.Write(b[:])
}

// writeStatus hashes a demand's status, which its card shows.
func writeStatus(h *maphash.Hash, s content.Status) {
	writeStr(h, string(s.State))
	writeU64(h, uint64(s.AsOf.UnixNano()))
	writeStr(h, s.Note)
	writeU64(h, uint64(s.SourceNum))
	if s.Source != nil {
		writeSources(h, []content.Source{*s.Source})
	}
}

// writeEvent hashes what the timeline and the pages of its actors and
// demands show of an event beyond its page's card.
func writeEvent(h *maphash.Hash, e *content.Event) {
	writeU64(h, uint64(e.Date.UnixNano()))
	for _, b := range []bool{e.Pivot, e.After, e.Key} {
		if b {
			writeU64(h, 1)
		} else {
			writeU64(h, 0)
		}
	}
	writeU64(h, uint64(len(e.Actors)))
	for _, a := range e.Actors {
		writeStr(h, a.Slug)
	}
	writeU64(h, uint64(len(e.Demands)))
	for _, d := range e.Demands {
		writeStr(h, d.Slug)
	}
	writeSources(h, e.Sources)
}

func appendEvents(out []typed, es []*content.Event) []typed {
	for _, e := range es {
		out = append(out, typed{page: &e.Page, event: e})
	}
	return out
}
