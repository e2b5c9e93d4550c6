package build

import (
	"bytes"
	"github.com/explainer/explainer/internal/theme"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/explainer/explainer/internal/ogimage"
)

// TestShareImagesOfRepositorySite: the repository's site gets one card for
// the home page and for each actor and topic, each a 1200×630 PNG; two
// builds give the same bytes; and every page names an image that exists,
// with an absolute URL when the base URL is absolute.
func TestShareImagesOfRepositorySite(t *testing.T) {
	opts := repoSite(t)
	opts.BaseURL = "https://example.org/summit/"
	a := New().Build(theme.Over(os.DirFS("../..")), opts)
	if len(a.Diags) > 0 {
		t.Fatal(diagText(a))
	}
	b := New().Build(theme.Over(os.DirFS("../..")), opts)
	want := []string{ogimage.HomePath}
	for _, x := range a.Site.Actors {
		want = append(want, ogimage.ActorPath(string(x.ID)))
	}
	for _, x := range a.Site.Topics {
		want = append(want, ogimage.TopicPath(string(x.ID)))
	}
	var got []string
	for _, p := range a.Output.Paths() {
		if strings.HasPrefix(p, ogimage.Dir) {
			got = append(got, p)
		}
	}
	if len(got) != len(want) {
		t.Errorf("cards %q, want %q", got, want)
	}
	for _, p := range want {
		img, ok := a.Output.Files[p]
		if !ok {
			t.Errorf("%s: not built", p)
			continue
		}
		if !bytes.Equal(img, b.Output.Files[p]) {
			t.Errorf("%s: bytes differ between two builds", p)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(img))
		if err != nil || cfg.Width != ogimage.Width || cfg.Height != ogimage.Height {
			t.Errorf("%s: %v, %dx%d, want a 1200x630 PNG", p, err, cfg.Width, cfg.Height)
		}
	}
	for _, tt := range []struct{ page, image string }{
		{"index.html", ogimage.HomePath},
		{"actors/russia/index.html", ogimage.ActorPath("russia")},
		{"demands/russia-lift-sanctions/index.html", ogimage.ActorPath("russia")},
		{"topics/sanctions/index.html", ogimage.TopicPath("sanctions")},
		{"timeline/index.html", ogimage.HomePath},
	} {
		meta := `<meta property="og:image" content="https://example.org/summit/` + tt.image + `">`
		if !bytes.Contains(a.Output.Files[tt.page], []byte(meta)) {
			t.Errorf("%s: no %s", tt.page, meta)
		}
	}
}

// TestShareImagesRedrawOnlyChanged: a rebuild draws only the cards whose
// inputs changed, and the cache forgets the cards no page has any more.
func TestShareImagesRedrawOnlyChanged(t *testing.T) {
	fsys := repoFS(t)
	b := New()
	first := b.Build(fsys, Options{})
	if len(first.Diags) > 0 {
		t.Fatal(diagLines(first))
	}
	replace(fsys, "content/actors/russia.md", `(?m)^title: .*$`, "title: The Russian Federation")
	replace(fsys, "content/topics/sanctions.md", `(?m)^title: .*$`, "title: Sanctions and frozen assets")
	res := b.Rebuild(fsys, Options{}, []string{"content/actors/russia.md", "content/topics/sanctions.md"})
	if len(res.Diags) > 0 {
		t.Fatal(diagLines(res))
	}
	var got []string
	for _, p := range res.Changed {
		if strings.HasPrefix(p, ogimage.Dir) {
			got = append(got, p)
		}
	}
	want := []string{ogimage.ActorPath("russia"), ogimage.TopicPath("sanctions")}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("changed cards %q, want %q", got, want)
	}
	// The site's cards: its own and each language edition's, drawn once
	// each.
	cards := map[ogimage.Card]bool{}
	for _, c := range shareCardList(res.Site) {
		cards[c.card] = true
	}
	for _, ed := range res.Site.Translations {
		_, words := b.last.ts.ForLang(ed.Lang.Code).Lang()
		for _, c := range editionCards(ed, bundleLabels{words}) {
			cards[c.card] = true
		}
	}
	if n := len(cards); len(b.share.png) != n {
		t.Errorf("cache holds %d cards, want the %d the site has", len(b.share.png), n)
	}
}
