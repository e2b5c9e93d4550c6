package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/theme"
)

const viewsArchive = "testdata/views/site.txtar"

// buildViewsSite builds testdata/views/site.txtar with the repository's own
// layouts/ and static/, and returns the archive and the output files.
func buildViewsSite(t *testing.T) (*txtar.Archive, map[string][]byte) {
	t.Helper()
	ar, fsys, opts := txtarSite(t, viewsArchive)
	addRepoLayouts(t, fsys)
	res := New().Build(fsys, opts)
	if len(res.Diags) > 0 {
		t.Fatalf("build failed:\n%s", diagText(res))
	}
	return ar, res.Output.Files
}

// addRepoLayouts copies the repository's layouts/ and static/ into fsys.
func addRepoLayouts(t *testing.T, fsys fstest.MapFS) {
	t.Helper()
	repo := theme.Over(os.DirFS("../.."))
	for _, dir := range []string{"layouts", "static", "i18n"} {
		err := fs.WalkDir(repo, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(repo, p)
			fsys[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestGeneratedFilesGolden compares the sitemap, feed, robots.txt, search
// index and data export byte for byte with the archive's want/ files.
func TestGeneratedFilesGolden(t *testing.T) {
	ar, out := buildViewsSite(t)
	changed := false
	for i, f := range ar.Files {
		name, ok := strings.CutPrefix(f.Name, "want/")
		if !ok {
			continue
		}
		got, ok := out[name]
		if !ok {
			t.Errorf("%s: not in the output", name)
			continue
		}
		if !bytes.Equal(got, f.Data) {
			if *update {
				ar.Files[i].Data, changed = got, true
				continue
			}
			t.Errorf("%s differs from %s (run go test -update):\ngot:\n%s\nwant:\n%s", name, viewsArchive, got, f.Data)
		}
	}
	if changed {
		if err := os.WriteFile(viewsArchive, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGeneratedFilesParse checks that the generated files are well-formed
// whatever the golden files say.
func TestGeneratedFilesParse(t *testing.T) {
	_, out := buildViewsSite(t)
	for _, p := range []string{"sitemap.xml", "feed.xml"} {
		if err := xml.Unmarshal(out[p], new(struct{})); err != nil {
			t.Errorf("%s is not well-formed XML: %v", p, err)
		}
	}
	var index []struct {
		URL   string `json:"url"`
		Title string `json:"title"`
		Kind  string `json:"kind"`
	}
	if err := json.Unmarshal(out["search-index.json"], &index); err != nil {
		t.Fatalf("search-index.json: %v", err)
	}
	urls := map[string]bool{}
	for _, e := range index {
		urls[e.URL] = true
		if e.Title == "" || e.Kind == "" {
			t.Errorf("search entry %+v lacks a title or kind", e)
		}
		if _, ok := out[strings.TrimPrefix(e.URL, "/summit/")+"index.html"]; !ok {
			t.Errorf("search entry %s names no built page", e.URL)
		}
	}
	for _, u := range []string{"/summit/", "/summit/demands/withdraw/", "/summit/matrix/", "/summit/map/"} {
		if !urls[u] {
			t.Errorf("search index lacks %s", u)
		}
	}
	if urls["/summit/search/"] || urls["/summit/404.html"] {
		t.Error("search index lists the search page or the 404 page")
	}
	var data struct {
		Actors, Topics, Demands []json.RawMessage
		Relations               []struct{ Kind string }
	}
	if err := json.Unmarshal(out["data/site.json"], &data); err != nil {
		t.Fatalf("data/site.json: %v", err)
	}
	if len(data.Actors) != 3 || len(data.Topics) != 2 || len(data.Demands) != 4 {
		t.Errorf("data export has %d actors, %d topics, %d demands; want 3, 2, 4", len(data.Actors), len(data.Topics), len(data.Demands))
	}
	// withdraw–no-recognition is stated from both sides but is one relation.
	kinds := map[string]int{}
	for _, r := range data.Relations {
		kinds[r.Kind]++
	}
	if kinds["conflict"] != 2 || kinds["alignment"] != 1 {
		t.Errorf("relations by kind = %v, want 2 conflicts and 1 alignment", kinds)
	}
}

// TestViewsHTML checks the HTML of each page kind with selectors.
func TestViewsHTML(t *testing.T) {
	_, out := buildViewsSite(t)
	type check struct {
		sel  string
		want []string // text of every match, in order; nil means "at least one"
	}
	tests := []struct {
		page   string
		checks []check
	}{
		{"index.html", []check{
			{"h1", []string{"Summit & aims"}},
			{"section.takeaways li", []string{"Moscow wants land & Kyiv refuses. (Wire)"}},
			{"section.takeaways li a[href=https://example.com/wire]", []string{"Wire"}},
			{"ul.sides > li h3 a", []string{"Russia", "Ukraine", "Europe"}},
			{"ul.sides > li.a-russia ul a", []string{"Withdrawal from four regions"}}, // the core demand only
			{"ul.sides > li.a-ukraine ul a", []string{"No recognition", "Snapback"}},  // none marked: the first two
			{"section.headlines ol.clashes div.pair.headline p.side", []string{"Russia Withdrawal from four regions", "Ukraine No recognition"}},
			{"section.headlines p.side span.who.a-russia", []string{"Russia"}},
			{"section.headlines p.why", []string{"Kyiv refuses to cede land."}},
			{"section.outcome a[href=/summit/method/]", []string{"Method"}},
			{"ul.topics > li > a", []string{"Territory", "Sanctions"}},
			{"link[rel=stylesheet][href=/summit/actors.css]", nil},
			{"header details.menu > summary", []string{"Menu"}},
			{"header details.menu nav[aria-label=More] a", []string{"Timeline", "Search", "Method"}},
			{"header nav.main[aria-label=Main] a", []string{"Actors", "Demands", "Topics", "Matrix", "Clashes"}},
			{"form", []string{}},        // one search box, on /search/ only
			{"footer time", []string{}}, // one updated date per page: the page's own
			{"link[rel=canonical][href=https://example.org/summit/]", nil},
			{"meta[property=og:url][content=https://example.org/summit/]", nil},
			{"meta[name=twitter:card][content=summary_large_image]", nil},
			{"meta[property=og:image][content=https://example.org/summit/og/home.png]", nil},
			{"section.scorecard h3", []string{"Russia", "Ukraine", "Europe"}},
			{"section.scorecard p.tally", []string{"0 met · 0 partly · 1 not met · 0 open · 1 not assessed", "0 met · 0 partly · 0 not met · 1 open · 1 not assessed", "0 met · 0 partly · 0 not met · 0 open"}},
			{"section.scorecard ul.verdicts li", []string{"Not met Withdrawal from four regions", "Not assessed Lift sanctions", "Open No recognition", "Not assessed Snapback"}},
			{"section.teaser ol.keydates li", []string{"8 August 2025 Talks announced", "15 August 2025 The summit"}},
			{"section.teaser ol.keydates li a[href=/summit/timeline/#summit]", []string{"The summit"}},
			{"link[rel=icon][href=/summit/favicon.svg]", nil},
			{"link[rel=alternate][type=application/atom+xml]", nil},
			{"a.skip[href=#main_content]", nil},
			{"main#main_content", nil},
		}},
		{"matrix/index.html", []check{
			{"table.matrix caption", []string{"Demands by topic and side"}},
			{"table.matrix thead th[scope=col]", []string{"Topic", "Russia", "Ukraine", "Europe"}},
			{"table.matrix thead th.a-russia a.who", []string{"Russia"}},
			{"table.matrix tbody th[scope=row]", []string{"Territory", "Sanctions"}},
			{"td span.cellactor", []string{"Russia", "Ukraine", "Europe", "Russia", "Ukraine", "Europe"}},
			// Red for headline clashes only.
			{"td.headline > ul > li > a", []string{"Withdrawal from four regions", "No recognition"}},
			{"td.contested > ul > li > a", []string{"Lift sanctions", "Snapback"}},
			{"td details summary", []string{"Clashes with Ukraine", "Clashes with Russia", "Clashes with Ukraine", "Clashes with Russia"}},
			{"td details summary.headline", []string{"Clashes with Ukraine", "Clashes with Russia"}},
			{"td details li", []string{"No recognition Ukraine Kyiv refuses to cede land.", "Withdrawal from four regions Russia Moscow claims the land as its own.", "Snapback Ukraine Kyiv wants relief that can be reversed.", "Lift sanctions Russia Kyiv wants relief that can be reversed."}},
			{"td details li.headline > a", []string{"No recognition", "Withdrawal from four regions"}},
			{"td span.none", []string{"No stated demand", "No stated demand"}},
			{"div.tablewrap", []string{}}, // no inner scroll box
		}},
		{"map/index.html", []check{
			{"h1", []string{"Who clashes with whom"}},
			{"nav.pairnav li a", []string{"Russia × Ukraine", "Within Russia"}},
			{"nav.pairnav li span.count", []string{"2 clashes (1 headline)", "1 alignment"}},
			{"nav.pairnav a[href=#p-russia-ukraine] span.who.a-ukraine", []string{"Ukraine"}},
			{"section.pairgroup#p-russia-ukraine h2", []string{"Russia × Ukraine"}},
			{"section#p-russia-ukraine div.pair.conflict p.why", []string{"Kyiv refuses to cede land.", "Kyiv wants relief that can be reversed."}},
			{"section#p-russia-ukraine div.pair.headline p.side a", []string{"Withdrawal from four regions", "No recognition"}},
			{"section#p-russia h2", []string{"Within Russia's own demands"}},
			{"section#p-russia div.pair.alignment p.vs", []string{"aligned with"}},
			{"section#p-russia div.pair.alignment p.why", []string{"Both are part of one package."}},
			{"svg", []string{}},
		}},
		{"demands/withdraw/index.html", []check{
			{"h1", []string{"Russia wants Withdrawal from four regions"}},
			{"h1 span.wants.a-russia", []string{"Russia wants"}},
			{"p.kicker a", []string{"Territory"}},
			{"section.relbox.conflicts h2", []string{"Clashes with"}},
			{"section.relbox.conflicts li.headline.a-ukraine > a", []string{"No recognition"}},
			{"section.relbox.conflicts li span.tag.who", []string{"Ukraine"}},
			{"section.relbox.conflicts li p", []string{"Kyiv refuses to cede land."}},
			{"section.relbox.alignments h2", []string{"In line with"}},
			{"section.relbox.alignments li > a", []string{"Lift sanctions"}},
			{"section.relbox.alignments li p", []string{"Both are part of one package."}},
			{"section.rel h3", []string{"On the timeline", "Referenced by"}},
			{"section.rel ol.eventlist li a[href=/summit/timeline/#talks]", []string{"Talks announced"}},
			{"section.got span.state.s-unmet", []string{"Not met"}},
			{"section.got time[datetime=2025-08-18]", []string{"18 August 2025"}},
			{"section.got p sup.cite a[href=#source-2]", []string{"source 2"}},
			{"div.body sup.cite a", []string{"source 1", "source 1", "source 2"}},
			{"div.body sup.cite a#cite-1-2[href=#source-1]", []string{"source 1"}},
			{"section.sources li#source-1 span.backrefs a", []string{"↑citation 1", "↑citation 2"}},
			{"section.sources li#source-1 span.backrefs a[href=#cite-1-2]", nil},
			{"section.sources li#source-2 span.backrefs a[href=#cite-2-1]", nil},
			{"meta[property=og:image][content=https://example.org/summit/og/actors/russia.png]", nil},
			{"meta[property=og:image:alt][content=Russia]", nil},
			{"dl.facts dd a", []string{"Russia", "Territory"}},
			// No recognition links here too, but the clashes box shows it already.
			{"section.rel ul.links li a", []string{"Method"}},
			{"section.sources ol li a[href=https://example.com/terms]", []string{"Putin's terms"}},
			{"p.updated time[datetime=2025-09-01]", []string{"1 September 2025"}},
		}},
		{"demands/snapback/index.html", []check{
			{"section.rel ol.eventlist li", []string{"20 August 2025 after the summit Sanctions talkRelief is discussed."}},
			{"section.got", []string{}},
			{"section.relbox.conflicts li > a", []string{"Lift sanctions"}},
			{"section.relbox.alignments", []string{}},
			{"section.rel p.none", []string{"No other page links here."}},
		}},
		{"timeline/index.html", []check{
			{"main h2", []string{"Before the summit", "The summit", "After the summit"}},
			{"ol.timeline > li", nil},
			{"ol.timeline > li h3", []string{"Talks announced", "The summit", "Sanctions talk"}},
			{"li#talks p.when time[datetime=2025-08-08]", []string{"8 August 2025"}},
			{"li#talks p.who a.tag", []string{"Russia", "Ukraine"}},
			{"li#talks p.moved a[href=/summit/demands/withdraw/]", []string{"Withdrawal from four regions"}},
			{"li#talks p.src a[href=https://example.com/announce]", []string{"Wire"}},
			{"li#summit.pivot h3", []string{"The summit"}},
			{"section.after li#after.after p.when span.tag", []string{"after the summit"}},
			{"li#after p.moved a", []string{"Lift sanctions", "Snapback"}},
			{"nav a[aria-current=page][href=/summit/timeline/]", []string{"Timeline"}},
		}},
		{"method/index.html", []check{
			{"section.scorecard h3", []string{"Russia", "Ukraine", "Europe"}},
		}},
		{"topics/territory/index.html", []check{
			{"div.positions section.position h3", []string{"Russia", "Ukraine", "Europe"}},
			{"div.positions section.position.a-ukraine p.stance-title a", []string{"No recognition"}},
			{"div.positions p.stance-title a", []string{"Withdrawal from four regions", "No recognition"}},
			{"div.positions p.none", []string{"No stated demand on this topic."}},
			{"div.positions p.count a", []string{"No recognition", "Withdrawal from four regions"}},
		}},
		{"actors/russia/index.html", []check{
			{"article.a-russia h1.actor", []string{"Russia"}},
			{"ul.cards.demands li > a", []string{"Withdrawal from four regions", "Lift sanctions"}},
			{"ul.cards.demands p.against", []string{"Clashes with Ukraine", "Clashes with Ukraine"}},
			{"section.rel ul.links a", []string{"Summit & aims"}},
			{"section.rel ol.eventlist li > a", []string{"Talks announced", "The summit"}},
			{"meta[property=og:image][content=https://example.org/summit/og/actors/russia.png]", nil},
		}},
		{"search/index.html", []check{
			{"form#search-form[data-index=/summit/search-index.json] input#q[name=q]", nil},
			{"input[type=search]", []string{""}}, // one search box
			{"p#search-status[role=status]", nil},
			{"section#every-page ul.links li a", nil},
			{"script[src=/summit/vendor/minisearch.min.js]", nil},
			{"meta[name=robots][content=noindex]", nil},
		}},
		{"404.html", []check{
			{"h1", []string{"Page not found"}},
			{"main a[href=/summit/]", []string{"home page"}},
			{"meta[name=robots][content=noindex]", nil},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			b, ok := out[tt.page]
			if !ok {
				t.Fatalf("%s not built", tt.page)
			}
			doc := parseHTML(t, b)
			if dups := duplicateIDs(doc); len(dups) > 0 {
				t.Errorf("duplicate ids %q", dups)
			}
			for _, c := range tt.checks {
				var got []string
				for _, n := range queryAll(t, doc, c.sel) {
					got = append(got, text(n))
				}
				switch {
				case c.want == nil && len(got) == 0:
					t.Errorf("%s: nothing matches", c.sel)
				case c.want != nil && strings.Join(got, "\n") != strings.Join(c.want, "\n"):
					t.Errorf("%s:\ngot  %q\nwant %q", c.sel, got, c.want)
				}
			}
		})
	}
}

// TestRepositoryLayoutsOnEmptySite: the repository's layouts render a site
// with no actors, demands or topics, and every page still has no duplicate
// id.
func TestRepositoryLayoutsOnEmptySite(t *testing.T) {
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Empty\nsummary: Nothing yet.\n---\n")}}
	addRepoLayouts(t, fsys)
	res := New().Build(fsys, Options{Options: content.Options{BaseURL: "https://example.org/"}})
	if len(res.Diags) > 0 {
		t.Fatalf("empty site: %s", diagText(res))
	}
	for _, p := range []string{"index.html", "matrix/index.html", "map/index.html", "search/index.html", "feed.xml", "sitemap.xml", "data/site.json"} {
		b, ok := res.Output.Files[p]
		if !ok {
			t.Errorf("%s not built", p)
			continue
		}
		if strings.HasSuffix(p, ".html") {
			if dups := duplicateIDs(parseHTML(t, b)); len(dups) > 0 {
				t.Errorf("%s: duplicate ids %q", p, dups)
			}
		}
	}
}
