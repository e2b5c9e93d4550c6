package build

import (
	"fmt"
	"html"
	"image/color"
	"runtime"
	"strings"
	"sync"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/i18n"
	"github.com/explainer/explainer/internal/ogimage"
	"github.com/explainer/explainer/internal/render"
)

// shareCards caches the PNG of each share card between builds. A card's
// bytes depend only on its ogimage.Card, so the cache is keyed by it and a
// rebuild draws only the cards whose title, label or colour changed.
type shareCards struct {
	png map[ogimage.Card][]byte
}

// card is one share image to write.
type card struct {
	path string
	card ogimage.Card
}

// actorColours are the actors' colours, by the actor's place in the
// site's order, until actors carry a colour of their own.
var actorColours = []color.RGBA{
	{0xb3, 0x26, 0x1e, 0xff}, {0x1f, 0x5f, 0xa8, 0xff}, {0x00, 0x69, 0x5c, 0xff}, {0x7b, 0x4f, 0xa0, 0xff},
	{0x9a, 0x58, 0x00, 0xff}, {0x3d, 0x6b, 0x1f, 0xff}, {0xa1, 0x2d, 0x6b, 0xff}, {0x4a, 0x55, 0x68, 0xff},
}

// siteColour is the colour of the cards of the home page and the topics.
var siteColour = color.RGBA{0x1f, 0x3a, 0x5f, 0xff}

// actorColour is the colour of the i-th actor's card. When actors get a
// colour field, parse it here and fall back to the list.
func actorColour(i int, _ *content.Actor) color.RGBA {
	return actorColours[i%len(actorColours)]
}

// shareCardList lists the cards of the site: the home page's, then each
// actor's and topic's, labelled in English.
func shareCardList(site *content.Site) []card { return editionCards(site, englishLabels{}) }

// labels words a card's label: the counts of the home page's card, and
// an actor's or topic's kind with its count of demands.
type labels interface {
	home(actors, demands, topics int) string
	kind(k content.Kind, demands int) string
}

type englishLabels struct{}

func (englishLabels) home(actors, demands, topics int) string {
	return fmt.Sprintf("%d actors · %d demands · %d topics", actors, demands, topics)
}

func (englishLabels) kind(k content.Kind, demands int) string {
	name := "Actor"
	if k == content.KindTopic {
		name = "Topic"
	}
	return fmt.Sprintf("%s · %d %s", name, demands, countNoun(demands, "demand", "demands"))
}

// bundleLabels words the labels in a language edition's language, with
// its plural forms: the strings card_actors, card_demands, card_topics
// (the home card's counts, joined by " · ") and card_actor, card_topic;
// English where the language lacks one.
type bundleLabels struct{ b *i18n.Bundle }

func (l bundleLabels) count(key string, n int) (string, bool) {
	if l.b == nil || !l.b.Has(key) {
		return "", false
	}
	s, err := l.b.Text(key, i18n.Args{Count: n, HasCount: true})
	return html.UnescapeString(s), err == nil
}

func (l bundleLabels) home(actors, demands, topics int) string {
	a, ok1 := l.count("card_actors", actors)
	d, ok2 := l.count("card_demands", demands)
	t, ok3 := l.count("card_topics", topics)
	if !ok1 || !ok2 || !ok3 {
		return englishLabels{}.home(actors, demands, topics)
	}
	return a + " · " + d + " · " + t
}

func (l bundleLabels) kind(k content.Kind, demands int) string {
	key := "card_actor"
	if k == content.KindTopic {
		key = "card_topic"
	}
	if s, ok := l.count(key, demands); ok {
		return s
	}
	return englishLabels{}.kind(k, demands)
}

// editionCards lists the cards of one edition with its labels.
func editionCards(site *content.Site, words labels) []card {
	name := site.Home.Title
	out := []card{{path: ogimage.HomePath, card: ogimage.Card{
		Title: name, Colour: siteColour,
		Label: words.home(len(site.Actors), len(site.Demands), len(site.Topics)),
	}}}
	for i, a := range site.Actors {
		out = append(out, card{path: ogimage.ActorPath(string(a.ID)), card: ogimage.Card{
			Site: name, Title: a.Title, Colour: actorColour(i, a),
			Label: words.kind(content.KindActor, len(a.Demands)),
		}})
	}
	for _, t := range site.Topics {
		out = append(out, card{path: ogimage.TopicPath(string(t.ID)), card: ogimage.Card{
			Site: name, Title: t.Title, Colour: siteColour,
			Label: words.kind(content.KindTopic, len(t.Demands)),
		}})
	}
	return out
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// add puts every card of the site into out, drawing the ones not cached on
// every core, and forgets the cached cards the site no longer has. It
// returns the cards' output paths. A card is a pure function of the site
// (its ogimage.Card), and every build makes every card from the cache, so
// a rebuild's cards are a fresh build's.
func (s *shareCards) add(site *content.Site, ts *render.Templates, out *Output) ([]string, diag.List) {
	cards := shareCardList(site)
	// Each language edition has its own cards, with its titles and
	// labels, under its prefix (/uk/og/...), where its pages' ShareImage
	// points.
	for _, ed := range site.Translations {
		prefix := strings.TrimPrefix(ed.Base, site.Base)
		var words bundleLabels
		if ts != nil {
			if lt := ts.ForLang(ed.Lang.Code); lt != nil {
				_, words.b = lt.Lang()
			}
		}
		for _, c := range editionCards(ed, words) {
			c.path = prefix + c.path
			cards = append(cards, c)
		}
	}
	var todo []ogimage.Card
	seen := make(map[ogimage.Card]bool, len(cards))
	for _, c := range cards {
		if _, ok := s.png[c.card]; !ok && !seen[c.card] {
			todo = append(todo, c.card)
		}
		seen[c.card] = true
	}
	drawn, err := draw(todo)
	if err != nil {
		var l diag.List
		l.Addf(diag.Pos{File: "content"}, "drawing share images: %v", err)
		return nil, l
	}
	next := make(map[ogimage.Card][]byte, len(cards))
	for c := range seen {
		if b, ok := s.png[c]; ok {
			next[c] = b
		}
	}
	for i, c := range todo {
		next[c] = drawn[i]
	}
	s.png = next
	paths := make([]string, 0, len(cards))
	for _, c := range cards {
		out.Files[c.path] = next[c.card]
		paths = append(paths, c.path)
	}
	return paths, nil
}

// draw renders the cards on every core, one Renderer per worker.
func draw(cards []ogimage.Card) ([][]byte, error) {
	out := make([][]byte, len(cards))
	errs := make([]error, len(cards))
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(cards)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := ogimage.NewRenderer()
			for i := range work {
				if err != nil {
					errs[i] = err
					continue
				}
				out[i], errs[i] = r.PNG(cards[i])
			}
		}()
	}
	for i := range cards {
		work <- i
	}
	close(work)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
