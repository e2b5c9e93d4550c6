package build

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// The property test of serve's incremental rebuilds: layouts assembled at
// random from what a site author writes, random sequences of every kind of
// edit, and after each step the served output equals a fresh full build
// byte for byte. CI runs a fixed seed and a bounded count; for a long run:
//
//	go test ./internal/build -run TestServeEqualsBuild -deps.trials 2000 -deps.seed 0 -timeout 0
//
// (-deps.seed 0 picks a new seed, printed on failure.)
var (
	propTrials = flag.Int("deps.trials", 8, "trials (sites with their own random layouts) of TestServeEqualsBuild")
	propSteps  = flag.Int("deps.steps", 30, "edits per trial of TestServeEqualsBuild")
	propSeed   = flag.Uint64("deps.seed", 1, "seed of TestServeEqualsBuild; 0 picks one from the clock")
)

// pbrief is one content file of the generated site, as fields.
type pbrief struct {
	dir, slug      string // "demands", "x"; dir "" for a plain page
	title, summary string
	weight         int
	draft          bool
	updated        string
	params         map[string]string
	role           string // actors
	actor, topic   string // demands
	conflicts      []rel
	aligned        []rel
	sources        []source
	paras          []string
	links          []string // files linked from the body ("demands/x.md")
}

type rel struct{ to, why string }

type source struct{ title, url string }

func (b *pbrief) file() string {
	if b.dir == "" {
		return "content/" + b.slug + ".md"
	}
	return "content/" + b.dir + "/" + b.slug + ".md"
}

func (b *pbrief) ref() string {
	if b.dir == "" {
		return b.slug + ".md"
	}
	return b.dir + "/" + b.slug + ".md"
}

func (b *pbrief) text() string {
	var s strings.Builder
	fmt.Fprintf(&s, "---\ntitle: %q\nsummary: %q\n", b.title, b.summary)
	if b.weight != 0 {
		fmt.Fprintf(&s, "weight: %d\n", b.weight)
	}
	if b.draft {
		s.WriteString("draft: true\n")
	}
	if b.updated != "" {
		fmt.Fprintf(&s, "updated: %s\n", b.updated)
	}
	if len(b.params) > 0 {
		s.WriteString("params:\n")
		for _, k := range slices.Sorted(mapKeys(b.params)) {
			fmt.Fprintf(&s, "  %s: %q\n", k, b.params[k])
		}
	}
	if b.role != "" {
		fmt.Fprintf(&s, "role: %q\n", b.role)
	}
	if b.dir == "demands" {
		fmt.Fprintf(&s, "actor: %s\ntopic: %s\n", b.actor, b.topic)
		for _, l := range []struct {
			key  string
			rels []rel
		}{{"conflicts_with", b.conflicts}, {"aligned_with", b.aligned}} {
			if len(l.rels) == 0 {
				continue
			}
			s.WriteString(l.key + ":\n")
			for _, r := range l.rels {
				fmt.Fprintf(&s, "  - demand: %s\n", r.to)
				if r.why != "" {
					fmt.Fprintf(&s, "    why: %q\n", r.why)
				}
			}
		}
	}
	if len(b.sources) > 0 {
		s.WriteString("sources:\n")
		for _, src := range b.sources {
			fmt.Fprintf(&s, "  - title: %q\n    url: %s\n", src.title, src.url)
		}
	}
	s.WriteString("---\n\n## Background\n\n")
	for i, p := range b.paras {
		s.WriteString(p)
		if i < len(b.links) {
			rel := b.links[i]
			if b.dir != "" {
				rel = "../" + rel
			}
			fmt.Fprintf(&s, " See [this](%s).", rel)
		}
		s.WriteString("\n\n")
	}
	return s.String()
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// world is the site being edited: its briefs and layouts.
type world struct {
	r       *rand.Rand
	briefs  map[string]*pbrief // by file
	layouts map[string]string
	static  map[string]string
	n       int // names made so far
}

func (w *world) word() string {
	words := []string{"grain", "border", "treaty", "ceasefire", "sanctions", "envoy", "assets", "ports", "vote", "troops"}
	return words[w.r.IntN(len(words))]
}

func (w *world) sentence() string {
	return fmt.Sprintf("The %s and the %s %d.", w.word(), w.word(), w.r.IntN(1000))
}

func (w *world) date() string {
	return fmt.Sprintf("2025-%02d-%02d", 1+w.r.IntN(12), 1+w.r.IntN(28))
}

func (w *world) of(dir string) []*pbrief {
	var out []*pbrief
	for _, f := range slices.Sorted(mapKeys(w.briefs)) {
		if b := w.briefs[f]; b.dir == dir {
			out = append(out, b)
		}
	}
	return out
}

func (w *world) pick(dir string) *pbrief {
	bs := w.of(dir)
	if len(bs) == 0 {
		return nil
	}
	return bs[w.r.IntN(len(bs))]
}

func (w *world) any() *pbrief {
	dirs := []string{"actors", "demands", "demands", "demands", "topics", ""}
	return w.pick(dirs[w.r.IntN(len(dirs))])
}

func (w *world) newBrief(dir string) *pbrief {
	w.n++
	b := &pbrief{dir: dir, slug: fmt.Sprintf("%s-%d", w.word(), w.n), title: strings.ToUpper(w.word()[:1]) + w.word() + fmt.Sprint(w.n),
		summary: w.sentence(), paras: []string{w.sentence(), w.sentence()}}
	if w.r.IntN(2) == 0 {
		b.updated = w.date()
	}
	if w.r.IntN(2) == 0 {
		b.sources = []source{{w.sentence(), fmt.Sprintf("https://example.org/%d", w.r.IntN(100))}}
	}
	switch dir {
	case "actors":
		b.role = w.sentence()
	case "demands":
		b.actor, b.topic = w.pick("actors").slug, w.pick("topics").slug
	}
	return b
}

func newWorld(r *rand.Rand) *world {
	w := &world{r: r, briefs: map[string]*pbrief{}, static: map[string]string{"static/style.css": "body{}\n"}}
	add := func(b *pbrief) { w.briefs[b.file()] = b }
	home := &pbrief{slug: "_index", title: "Home", summary: "The home page.", paras: []string{"Welcome."}}
	add(home)
	for _, d := range []string{"actors", "actors", "actors", "topics", "topics"} {
		add(w.newBrief(d))
	}
	for range 7 {
		add(w.newBrief("demands"))
	}
	add(w.newBrief(""))
	for _, d := range w.of("demands") {
		if o := w.pick("demands"); !related(d, o) && w.r.IntN(2) == 0 {
			d.conflicts = append(d.conflicts, rel{o.slug, w.sentence()})
		}
		if o := w.pick("demands"); !related(d, o) && w.r.IntN(3) == 0 {
			d.aligned = append(d.aligned, rel{o.slug, w.sentence()})
		}
	}
	for _, b := range w.briefs {
		if o := w.any(); o != nil && o != b && w.r.IntN(2) == 0 {
			b.links = append(b.links, o.ref())
		}
	}
	w.layouts = randomLayouts(r)
	return w
}

// related reports whether two demands are the same or already related.
func related(a, b *pbrief) bool {
	if a == b {
		return true
	}
	for _, r := range slices.Concat(a.conflicts, a.aligned) {
		if r.to == b.slug {
			return true
		}
	}
	for _, r := range slices.Concat(b.conflicts, b.aligned) {
		if r.to == a.slug {
			return true
		}
	}
	return false
}

// fs writes the world as a site.
func (w *world) fs() fstest.MapFS {
	fsys := fstest.MapFS{}
	for f, b := range w.briefs {
		fsys[f] = &fstest.MapFile{Data: []byte(b.text()), Mode: 0o644}
	}
	for f, s := range w.layouts {
		fsys[f] = &fstest.MapFile{Data: []byte(s), Mode: 0o644}
	}
	for f, s := range w.static {
		fsys[f] = &fstest.MapFile{Data: []byte(s), Mode: 0o644}
	}
	return fsys
}

// The layouts: for each kind a "main" assembled from fragments an author
// might write, over one base and one partial file.
var (
	common = []string{
		`<h1>{{.Page.Title}}</h1>`,
		`<p>{{.Page.Summary}}</p>`,
		`<div>{{.Content}}</div>`,
		`{{if not .Page.Updated.IsZero}}<time>{{date .Page.Updated}}</time>{{end}}`,
		`{{with .Page.Sources}}<ol>{{range .}}<li>{{.Title}} {{.URL}}</li>{{end}}</ol>{{end}}`,
		`<p>{{.Page.Weight}} {{.Page.Draft}}</p>`,
		`{{range $k, $v := .Page.Params}}<i>{{$k}}={{$v}}</i>{{end}}`,
		`{{template "refs" .Page}}`,
		`{{range .Page.LinksTo}}<a href="{{.URL}}">{{.Title}}</a>{{end}}`,
		`<p>{{len .Site.All}} pages, updated {{.Site.Updated.Format "2006-01-02"}}</p>`,
		`{{$p := .Page}}{{range .Site.Pages}}{{if eq .URL $p.URL}}<b>{{.Title}}</b>{{end}}{{end}}`,
	}
	byKind = map[string][]string{
		"home": {
			`{{range .Site.Demands}}<time>{{date .Page.Updated}}</time>{{end}}`,
			`{{range .Data.Headlines}}<p>{{.A.Page.Title}} / {{.B.Page.Title}}: {{.Why}}</p>{{end}}`,
			`{{range .Data.Actors}}<h2>{{.Actor.Page.Title}}</h2>{{range .Core}}<p>{{.Page.Title}}</p>{{end}} {{.More}}{{end}}`,
			`{{range .Site.Actors}}<p>{{.Page.Title}} {{len .Demands}}</p>{{end}}`,
		},
		"actor": {
			`{{range .Actor.Demands}}<li><a href="{{.Page.URL}}">{{.Page.Title}}</a> <span>{{len .Page.Sources}}</span> {{.Page.Weight}} {{.Page.Params}} {{.Page.Updated}}</li>{{end}}`,
			`<p>{{.Actor.Role}}</p>`,
			`{{range .Actor.Demands}}{{template "card" .}}{{end}}`,
			`{{range .Actor.Demands}}{{fragment "card" .}}{{end}}`,
		},
		"demand": {
			`{{with .Demand.Actor}}<p>{{.Page.Title}} {{.Role}}</p>{{end}}`,
			`<p>{{.Demand.Topic.Page.Title}}</p>`,
			`{{range .Demand.Alignments}}<p>{{.Why}} {{.Demand.Actor.Page.Title}}</p>{{end}}`,
			`{{template "card" .Demand}}`,
			`{{range .Demand.Conflicts}}{{with .Demand}}{{range .Conflicts}}<i>{{.Demand.Page.Title}}</i>{{end}}{{end}}{{end}}`,
		},
		"topic": {
			`{{range .Topic.Demands}}{{range .Conflicts}}<p>{{.Demand.Page.Summary}} ({{.Why}})</p>{{end}}{{end}}`,
			`{{range .Data}}<h2>{{.Actor.Page.Title}}</h2>{{range .Demands}}<p>{{.Page.Title}}</p>{{end}}{{end}}`,
			`{{with (index .Site.Actors 0)}}{{range .DemandsOn $.Topic}}<b>{{.Page.Title}}</b>{{end}}{{end}}`,
		},
		"page":    {`{{range .Site.Topics}}<p>{{.Page.Title}}</p>{{end}}`},
		"section": {`{{range .Site.Actors}}<p>{{.Page.Title}} {{len .Demands}}</p>{{end}}`, `<p>{{.Section.Of}}</p>`},
		"matrix": {
			`{{range .Data.Rows}}<tr><th>{{.Topic.Page.Title}}</th>{{range .Cells}}<td{{if .Contested}} class="c"{{end}}>{{range .Entries}}{{.Demand.Page.Title}}{{len .Clashes}}{{end}}</td>{{end}}</tr>{{end}}`,
		},
		"map": {
			`{{with .Data}}{{range .Groups}}<h2>{{.A.Page.Title}} / {{.B.Page.Title}}</h2>{{range .Conflicts}}<p>{{.A.Page.Title}} {{.Why}}</p>{{end}}{{end}}{{end}}`,
		},
		"timeline": {
			`{{range .Site.Events}}<p>{{.Page.Title}} {{date .Date}}{{range .Actors}} {{.Page.Title}}{{end}}{{range .Demands}} {{.Page.Title}}{{end}}</p>{{end}}`,
		},
		"search": {`{{range .Site.All}}<li><a href="{{.URL}}">{{.Title}}</a> {{.Kind}}</li>{{end}}`},
		"404":    {`<p>{{range .Site.Sections}}{{.Page.Title}}{{end}}</p>`},
	}
	cards = []string{
		`{{define "card"}}<p>{{.Page.Title}}{{with .Actor}} ({{.Page.Title}}){{end}}</p>{{end}}`,
		`{{define "card"}}<p>{{.Page.Summary}} {{len .Conflicts}}{{range .Conflicts}}{{.Why}}{{end}}</p>{{end}}`,
		`{{define "card"}}<p>{{.Topic.Page.Title}} {{date .Page.Updated}}</p>{{end}}`,
	}
	refs = []string{
		`{{define "refs"}}{{range .ReferencedBy}}<a href="{{.URL}}">{{.Title}}</a>{{end}}{{end}}`,
		`{{define "refs"}}{{len .ReferencedBy}} {{.Kind}}{{end}}`,
	}
)

func randomMain(r *rand.Rand, kind string) string {
	frags := append(slices.Clone(common), byKind[kind]...)
	var s strings.Builder
	s.WriteString(`{{define "main"}}`)
	for range 1 + r.IntN(4) {
		s.WriteString(frags[r.IntN(len(frags))] + "\n")
	}
	s.WriteString("{{end}}\n")
	return s.String()
}

// i18nFile is an i18n file whose plural string "sections" has the given
// forms (few and many as other) and whose dates name month 8 august.
func i18nFile(one, other, august string) string {
	months := strings.Repeat(`"m", `, 7) + `"` + august + `"` + strings.Repeat(`, "m"`, 4)
	return fmt.Sprintf("sections.one = \"{{.Count}} %s\"\nsections.few = \"{{.Count}} %s\"\nsections.many = \"{{.Count}} %s\"\nsections.other = \"{{.Count}} %s\"\n"+
		"[format]\ndate = \"{{.Day}} {{.Month}} {{.Year}}\"\nmonths = [%s]\n", one, other, other, other, months)
}

func randomLayouts(r *rand.Rand) map[string]string {
	l := map[string]string{
		"layouts/base.html": `<!doctype html><html lang="en"><head><title>{{.Page.Title}}</title>{{block "head" .}}{{end}}</head>` +
			`<body><nav>{{range .Site.Sections}}<a href="{{.Page.URL}}">{{.Page.Title}}</a>{{end}}</nav>` +
			"<main>{{template \"main\" .}}</main><footer>{{.Site.Home.Title}} {{T \"sections\" (len .Site.Sections)}}</footer></body></html>\n",
		"layouts/partials/parts.html": cards[r.IntN(len(cards))] + refs[r.IntN(len(refs))],
		// The interface strings: the default language's, which every
		// page shows, and another's, which no page shows yet.
		"i18n/en.toml": i18nFile("section", "sections", "August"),
		"i18n/uk.toml": i18nFile("розділ", "розділи", "серпня"),
	}
	for kind := range byKind {
		l["layouts/"+kind+".html"] = randomMain(r, kind)
	}
	return l
}

// edit is one change a writer makes; it returns false when it found
// nothing to change.
type worldEdit struct {
	name string
	do   func(w *world) bool
}

var worldEdits = []worldEdit{
	{"title", func(w *world) bool {
		b := w.any()
		b.title = "Retitled " + w.word() + fmt.Sprint(w.r.IntN(99))
		return true
	}},
	{"summary", func(w *world) bool { b := w.any(); b.summary = w.sentence(); return true }},
	{"body", func(w *world) bool { b := w.any(); b.paras = append(b.paras, w.sentence()); return true }},
	{"body link", func(w *world) bool {
		b, o := w.any(), w.any()
		if b == o || o.draft || b.draft {
			return false
		}
		b.links = append(b.links, o.ref())
		for len(b.paras) < len(b.links) {
			b.paras = append(b.paras, w.sentence())
		}
		return true
	}},
	{"sources", func(w *world) bool {
		b := w.any()
		if len(b.sources) > 0 && w.r.IntN(2) == 0 {
			b.sources = b.sources[1:]
		} else {
			b.sources = append(b.sources, source{w.sentence(), fmt.Sprintf("https://example.org/s%d", w.r.IntN(100))})
		}
		return true
	}},
	{"weight", func(w *world) bool { b := w.any(); b.weight = w.r.IntN(5) - 2; return true }},
	{"draft", func(w *world) bool {
		// Only a demand nothing points to: a published page pointing to a
		// draft is an error.
		b := w.pick("demands")
		for _, o := range w.briefs {
			for _, r := range slices.Concat(o.conflicts, o.aligned) {
				if r.to == b.slug {
					return false
				}
			}
			if slices.Contains(o.links, b.ref()) {
				return false
			}
		}
		if len(b.conflicts)+len(b.aligned) > 0 {
			return false
		}
		b.draft = !b.draft
		return true
	}},
	{"updated", func(w *world) bool { b := w.any(); b.updated = w.date(); return true }},
	{"params", func(w *world) bool {
		b := w.any()
		if b.params == nil {
			b.params = map[string]string{}
		}
		b.params[w.word()] = w.sentence()
		return true
	}},
	{"role", func(w *world) bool { b := w.pick("actors"); b.role = w.sentence(); return true }},
	{"actor", func(w *world) bool { b := w.pick("demands"); b.actor = w.pick("actors").slug; return true }},
	{"topic", func(w *world) bool { b := w.pick("demands"); b.topic = w.pick("topics").slug; return true }},
	{"relation", func(w *world) bool {
		b, o := w.pick("demands"), w.pick("demands")
		if related(b, o) || b.draft || o.draft {
			return false
		}
		if w.r.IntN(2) == 0 {
			b.conflicts = append(b.conflicts, rel{o.slug, w.sentence()})
		} else {
			b.aligned = append(b.aligned, rel{o.slug, w.sentence()})
		}
		return true
	}},
	{"drop relation", func(w *world) bool {
		b := w.pick("demands")
		if len(b.conflicts) == 0 {
			return false
		}
		b.conflicts = b.conflicts[1:]
		return true
	}},
	{"why", func(w *world) bool {
		b := w.pick("demands")
		if len(b.conflicts) == 0 {
			return false
		}
		b.conflicts[0].why = w.sentence()
		return true
	}},
	{"new brief", func(w *world) bool {
		dirs := []string{"demands", "demands", "actors", "topics", ""}
		b := w.newBrief(dirs[w.r.IntN(len(dirs))])
		w.briefs[b.file()] = b
		return true
	}},
	{"delete demand", func(w *world) bool {
		b := w.pick("demands")
		if len(w.of("demands")) < 3 {
			return false
		}
		w.remove(b, "")
		return true
	}},
	{"rename", func(w *world) bool {
		b := w.any()
		if b.slug == "_index" {
			return false
		}
		w.n++
		w.remove(b, fmt.Sprintf("%s-%d", w.word(), w.n))
		return true
	}},
	{"layout", func(w *world) bool {
		kinds := slices.Sorted(mapKeys(byKind))
		k := kinds[w.r.IntN(len(kinds))]
		w.layouts["layouts/"+k+".html"] = randomMain(w.r, k)
		return true
	}},
	{"partial", func(w *world) bool {
		w.layouts["layouts/partials/parts.html"] = cards[w.r.IntN(len(cards))] + refs[w.r.IntN(len(refs))]
		return true
	}},
	{"base", func(w *world) bool {
		w.layouts["layouts/base.html"] = strings.Replace(w.layouts["layouts/base.html"], "<footer>", fmt.Sprintf("<footer>%d ", w.r.IntN(9)), 1)
		return true
	}},
	{"strings", func(w *world) bool {
		w.layouts["i18n/en.toml"] = i18nFile(w.word(), w.word(), w.word())
		return true
	}},
	{"another language's strings", func(w *world) bool {
		w.layouts["i18n/uk.toml"] = i18nFile(w.word(), w.word(), w.word())
		return true
	}},
	{"static", func(w *world) bool {
		w.static["static/style.css"] += fmt.Sprintf("p{margin:%dpx}\n", w.r.IntN(9))
		return true
	}},
}

// remove deletes b, or renames it to slug, fixing every reference to it.
func (w *world) remove(b *pbrief, slug string) {
	oldFile, oldRef := b.file(), b.ref()
	delete(w.briefs, oldFile)
	if slug != "" {
		b.slug = slug
		w.briefs[b.file()] = b
	}
	for _, o := range w.briefs {
		fixLinks := o.links[:0]
		for _, l := range o.links {
			if l == oldRef {
				if slug == "" {
					continue
				}
				l = b.ref()
			}
			fixLinks = append(fixLinks, l)
		}
		o.links = fixLinks
		fix := func(rs []rel) []rel {
			out := rs[:0]
			for _, r := range rs {
				if b.dir == "demands" && r.to == strings.TrimSuffix(oldRef[len("demands/"):], ".md") {
					if slug == "" {
						continue
					}
					r.to = slug
				}
				out = append(out, r)
			}
			return out
		}
		o.conflicts, o.aligned = fix(o.conflicts), fix(o.aligned)
		old := strings.TrimSuffix(oldRef[strings.LastIndex(oldRef, "/")+1:], ".md")
		if b.dir == "actors" && o.actor == old {
			o.actor = slug
		}
		if b.dir == "topics" && o.topic == old {
			o.topic = slug
		}
	}
}

// diffFiles lists the files that differ between two sites.
func diffFiles(a, b fstest.MapFS) []string {
	var out []string
	for p, f := range b {
		if g, ok := a[p]; !ok || string(g.Data) != string(f.Data) {
			out = append(out, p)
		}
	}
	for p := range a {
		if _, ok := b[p]; !ok {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// TestServeEqualsBuild is the property test (see above).
func TestServeEqualsBuild(t *testing.T) {
	seed := *propSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	steps, kinds := 0, map[string]int{}
	for trial := range *propTrials {
		r := rand.New(rand.NewPCG(seed, uint64(trial)))
		w := newWorld(r)
		fsys := w.fs()
		b := New()
		res := b.Build(fsys, Options{})
		if len(res.Diags) > 0 {
			t.Fatalf("seed %d trial %d: the first site does not build:\n%s", seed, trial, diagLines(res))
		}
		served := res.Output
		for step := range *propSteps {
			e := worldEdits[r.IntN(len(worldEdits))]
			if !e.do(w) {
				continue
			}
			next := w.fs()
			changed := diffFiles(fsys, next)
			fsys = next
			label := fmt.Sprintf("seed %d trial %d step %d (%s %v)", seed, trial, step, e.name, changed)
			hint := changed
			if r.IntN(8) == 0 {
				hint = nil // a rescan
			}
			res, p := b.RebuildPages(fsys, Options{}, hint)
			steps++
			kinds[e.name]++
			if p != nil {
				firstPhaseMixes(t, label, res, fsys, served)
				served = res.Output
				if r.IntN(3) == 0 {
					ctx, cancel := context.WithCancel(context.Background())
					cancel()
					if b.Finish(ctx, p) != nil {
						t.Fatalf("%s: a cancelled Finish published", label)
					}
					continue // the next rebuild must make what Finish did not
				}
				res = b.Finish(context.Background(), p)
				if res == nil {
					t.Fatalf("%s: Finish did nothing", label)
				}
			}
			if len(res.Diags) > 0 {
				// A broken step must be broken in a full build too; its
				// output stays the last good one.
				full := New().Build(fsys, Options{})
				if diagLines(full) != diagLines(res) {
					t.Fatalf("%s: diagnostics differ\nincremental:\n%s\nfull:\n%s", label, diagLines(res), diagLines(full))
				}
				continue
			}
			served = sameAsFull(t, label, res, fsys, Options{}, served)
		}
	}
	t.Logf("seed %d: %d steps: %v", seed, steps, kinds)
}
