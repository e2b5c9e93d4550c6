package content

import (
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/explainer/explainer/internal/diag"
)

// The reader's-site fields: what the home page leads with and how actors
// are told apart. They are checked here, with positions, so a layout can
// trust them: a headline clash is a stated conflict, a takeaway's source is
// one of the page's sources, an actor has at most MaxCore core demands.

// MaxTakeaways is how many lines the key-takeaways box may hold: it must
// fit in a phone's first screen with the actors' core demands.
const MaxTakeaways = 5

// MaxCore is how many core demands an actor may have.
const MaxCore = 3

// takeawayField is one item of takeaways as written.
type takeawayField struct {
	Text    string
	Sources []ref // URLs, each one of the page's sources
}

// headlineField is one item of headline_clashes: two demand ids.
type headlineField struct {
	A, B ref
	Pos  diag.Pos
}

var hexColour = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// colour decodes a hex colour into six lower-case digits.
func (d *decoder) colour(name string, v *yaml.Node) ref {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		d.errf(v, `%s: want a hex colour in quotes, like "#1f5fa8" (unquoted, # starts a YAML comment)`, name)
		return ref{}
	}
	s, ok := d.str(name, v)
	if !ok {
		return ref{}
	}
	if !hexColour.MatchString(s) {
		d.errf(v, `%s: want a hex colour like "#1f5fa8", got %q`, name, s)
		return ref{}
	}
	s = strings.ToLower(s)
	if len(s) == 4 {
		s = string([]byte{'#', s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	return ref{ID: s, Pos: d.pos(v)}
}

func (d *decoder) takeaways(name string, v *yaml.Node) []takeawayField {
	var out []takeawayField
	d.list(name, "a list of {text, source} mappings", v, func(i int, item *yaml.Node) {
		if i == MaxTakeaways {
			d.errf(item, "%s: at most %d lines, so that the box fits a phone's first screen", name, MaxTakeaways)
		}
		if item.Kind != yaml.MappingNode {
			d.errf(item, "%s: want a {text, source} mapping, got %s", name, describe(item))
			return
		}
		if t, ok := d.takeaway(name, item); ok {
			out = append(out, t)
		}
	})
	return out
}

// list calls f on each item of the list v, aliases followed, and reports
// a v that is not a list, saying what was wanted.
func (d *decoder) list(name, want string, v *yaml.Node, f func(i int, item *yaml.Node)) {
	if v.Kind != yaml.SequenceNode {
		d.errf(v, "%s: want %s, got %s", name, want, describe(v))
		return
	}
	for i, item := range v.Content {
		if item = d.deref(item); item == nil {
			return
		}
		f(i, item)
	}
}

// unknownItemKey reports a key of a list item that is none of keys,
// suggesting the closest.
func (d *decoder) unknownItemKey(k *yaml.Node, prefix string, keys []string, tail string) {
	hint := ""
	if s := diag.Closest(k.Value, keys); s != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", s)
	}
	d.errf(k, "%s: unknown key %q%s%s", prefix, k.Value, hint, tail)
}

func (d *decoder) takeaway(name string, m *yaml.Node) (takeawayField, bool) {
	var t takeawayField
	hasText := false
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], d.deref(m.Content[i+1])
		if v == nil {
			return t, false
		}
		switch k.Value {
		case "text":
			t.Text, hasText = d.text(name+".text", v), true
		case "source":
			t.Sources = d.sourceURLs(name+".source", v)
		default:
			d.unknownItemKey(k, name, []string{"text", "source"}, "; an item has text and source")
		}
	}
	ok := strings.TrimSpace(t.Text) != ""
	if !hasText {
		d.errf(m, "%s: item has no text", name)
	}
	if len(t.Sources) == 0 {
		d.errf(m, "%s: item has no source: give the url of one of the page's sources", name)
		ok = false
	}
	return t, ok
}

// sourceURLs decodes one URL or a list of them.
func (d *decoder) sourceURLs(name string, v *yaml.Node) []ref {
	if v.Kind == yaml.ScalarNode {
		if r := d.ref(name, v); r.ID != "" {
			return []ref{r}
		}
		return nil
	}
	var out []ref
	d.list(name, "a url or a list of urls", v, func(_ int, item *yaml.Node) {
		if r := d.ref(name, item); r.ID != "" {
			out = append(out, r)
		}
	})
	return out
}

func (d *decoder) headlines(name string, v *yaml.Node) []headlineField {
	var out []headlineField
	d.list(name, "a list of [demand, demand] pairs", v, func(_ int, item *yaml.Node) {
		if item.Kind != yaml.SequenceNode || len(item.Content) != 2 {
			d.errf(item, "%s: want a pair of demand ids like [russia-x, ukraine-y], got %s", name, describeLen(item))
			return
		}
		a, b := d.deref(item.Content[0]), d.deref(item.Content[1])
		if a == nil || b == nil {
			return
		}
		h := headlineField{A: d.ref(name, a), B: d.ref(name, b), Pos: d.pos(item)}
		if h.A.ID != "" && h.B.ID != "" {
			out = append(out, h)
		}
	})
	return out
}

// describeLen is describe, with the length of a list.
func describeLen(n *yaml.Node) string {
	if n.Kind == yaml.SequenceNode {
		return fmt.Sprintf("a list of %d", len(n.Content))
	}
	return describe(n)
}

// reader resolves the reader's-site fields once relations are mutual.
func (r *resolver) reader() {
	r.colours()
	r.core()
	if p := r.parsedOf[r.site.Home]; p != nil {
		r.takeaways(p)
		r.headlines(p)
		r.outcome(p)
	}
}

// outcome resolves the home page's outcome: the id of a plain page.
func (r *resolver) outcome(p *parsed) {
	o := p.fields.Outcome
	if o.ID == "" {
		return
	}
	var ids []string
	for _, pg := range r.site.Pages {
		if pg.Slug == o.ID {
			r.site.Outcome = pg
			return
		}
		ids = append(ids, pg.Slug)
	}
	r.unknown(o.Pos, "page", o.ID, ids)
}

// colours sets each actor's colour; two actors may not share one.
func (r *resolver) colours() {
	first := map[string]*Actor{}
	for _, a := range r.site.Actors {
		c := r.parsedOf[&a.Page].fields.Colour
		if c.ID == "" {
			continue
		}
		if o := first[c.ID]; o != nil {
			r.addNote(c.Pos, fmt.Sprintf("colour %s is already %s's: each actor needs its own", c.ID, o.Slug),
				diag.Note{Pos: r.parsedOf[&o.Page].fields.Colour.Pos, Msg: "set here"})
			continue
		}
		first[c.ID] = a
		a.Colour = c.ID
	}
}

// core sets Demand.Core and reports an actor with more than MaxCore.
func (r *resolver) core() {
	for _, a := range r.site.Actors {
		n := 0
		for _, d := range a.Demands {
			p := r.parsedOf[&d.Page]
			if !p.fields.Core {
				continue
			}
			if n++; n > MaxCore {
				r.l.Addf(p.fields.corePos, "core: %s already has %d core demands; the home page shows at most %d per actor", a.Slug, MaxCore, MaxCore)
				continue
			}
			d.Core = true
		}
	}
}

func (r *resolver) takeaways(p *parsed) {
	byURL := map[string]Source{}
	var urls []string
	for _, s := range r.site.Home.Sources {
		byURL[s.URL] = s
		urls = append(urls, s.URL)
	}
	for _, f := range p.fields.Takeaways {
		t := Takeaway{Text: f.Text}
		for _, u := range f.Sources {
			s, ok := byURL[u.ID]
			if !ok {
				msg := fmt.Sprintf("takeaways.source: %q is not one of this page's sources (add it under sources:)", u.ID)
				if c := diag.Closest(u.ID, urls); c != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", c)
				}
				r.l.Add(u.Pos, msg)
				continue
			}
			t.Sources = append(t.Sources, s)
		}
		if len(t.Sources) == len(f.Sources) {
			r.site.Takeaways = append(r.site.Takeaways, t)
		}
	}
}

// headlines checks each pair names two demands that conflict, marks the
// relation on both sides and keeps the written order.
func (r *resolver) headlines(p *parsed) {
	seen := map[[2]*Demand]diag.Pos{}
	for _, f := range p.fields.Headlines {
		a, b := r.demandRef(f.A), r.demandRef(f.B)
		if a == nil || b == nil {
			continue
		}
		if a == b {
			r.l.Addf(f.B.Pos, "headline_clashes: %s is paired with itself", a.Slug)
			continue
		}
		if first, dup := seen[[2]*Demand{a, b}]; dup {
			r.addNote(f.Pos, fmt.Sprintf("headline_clashes: %s and %s are listed twice", a.Slug, b.Slug), diag.Note{Pos: first, Msg: "first listed here"})
			continue
		}
		ra, rb := relationTo(a.Conflicts, b), relationTo(b.Conflicts, a)
		if ra == nil || rb == nil {
			r.l.Addf(f.Pos, "headline_clashes: %s and %s do not conflict; list one under the other's conflicts_with first", a.Slug, b.Slug)
			continue
		}
		seen[[2]*Demand{a, b}], seen[[2]*Demand{b, a}] = f.Pos, f.Pos
		ra.Headline, rb.Headline = true, true
		r.site.Headlines = append(r.site.Headlines, Headline{A: a, B: b, Why: ra.Why})
	}
}

func relationTo(rs []Relation, d *Demand) *Relation {
	for i := range rs {
		if rs[i].Demand == d {
			return &rs[i]
		}
	}
	return nil
}
