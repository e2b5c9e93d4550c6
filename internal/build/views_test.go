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
	ar, err := txtar.ParseFile(viewsArchive)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	var opts Options
	for _, f := range ar.Files {
		switch {
		case f.Name == "options":
			for _, kv := range strings.Fields(string(f.Data)) {
				if k, v, _ := strings.Cut(kv, "="); k == "base-url" {
					opts.BaseURL = v
				}
			}
		case !strings.HasPrefix(f.Name, "want/"):
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
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
	for _, dir := range []string{"layouts", "static"} {
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
	var index []searchEntry
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
	var data siteExport
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
			{"ul.actors > li > a", []string{"Russia", "Ukraine", "Europe"}},
			{"ul.actors li p.count", []string{"2 demands", "2 demands", "0 demands"}},
			{"section.collide ol.relations li p.pair", []string{"Russia Withdrawal from four regions against Ukraine No recognition", "Russia Lift sanctions against Ukraine Snapback"}},
			{"section.collide p.why", []string{"Kyiv refuses to cede land.", "Kyiv wants relief that can be reversed."}},
			{"ul.topics > li > a", []string{"Territory", "Sanctions"}},
			{"form[role=search][action=/summit/search/] input[name=q]", nil},
			{"link[rel=canonical][href=https://example.org/summit/]", nil},
			{"meta[property=og:url][content=https://example.org/summit/]", nil},
			{"meta[name=twitter:card]", nil},
			{"link[rel=icon][href=/summit/favicon.svg]", nil},
			{"link[rel=alternate][type=application/atom+xml]", nil},
			{"a.skip[href=#main_content]", nil},
			{"main#main_content", nil},
		}},
		{"matrix/index.html", []check{
			{"table.matrix caption", []string{"Demands by topic and actor"}},
			{"table.matrix thead th[scope=col]", []string{"Topic", "Russia", "Ukraine", "Europe"}},
			{"table.matrix tbody th[scope=row]", []string{"Territory", "Sanctions"}},
			{"td.contested > ul > li > a", []string{"Withdrawal from four regions", "No recognition", "Lift sanctions", "Snapback"}},
			{"td .tip#sum-withdraw", []string{"Moscow wants Kyiv's troops out."}},
			{"a[aria-describedby=sum-withdraw]", []string{"Withdrawal from four regions"}},
			{"td details summary", []string{"clash 1 conflict", "clash 1 conflict", "clash 1 conflict", "clash 1 conflict"}},
			{"td details li", []string{"No recognition Ukraine Kyiv refuses to cede land.", "Withdrawal from four regions Russia Moscow claims the land as its own.", "Snapback Ukraine Kyiv wants relief that can be reversed.", "Lift sanctions Russia Kyiv wants relief that can be reversed."}},
			{"td span.none", []string{"No stated demand", "No stated demand"}},
			{"div.tablewrap[role=region][tabindex=0]", nil},
		}},
		{"map/index.html", []check{
			{"svg[aria-labelledby] title#map-title", []string{"Conflict map"}},
			{"svg a.node", []string{"Withdrawal from four regions", "Lift sanctions", "No recognition", "Snapback"}},
			{"svg a.node[href=/summit/demands/withdraw/]", nil},
			{"svg a.group text", []string{"Russia", "Ukraine", "Europe"}},
			{"svg g.edges[aria-hidden=true] path.conflict", []string{
				"Withdrawal from four regions (Russia) against No recognition (Ukraine): Kyiv refuses to cede land.",
				"Lift sanctions (Russia) against Snapback (Ukraine): Kyiv wants relief that can be reversed."}},
			{"svg g.edges path.alignment", []string{"Withdrawal from four regions (Russia) with Lift sanctions (Russia): Both are part of one package."}},
			{"ul.legend li", nil},
			// Pointing at a demand picks out its lines: each edge is classed by both ends.
			{"svg g.edges path.e-withdraw", []string{
				"Withdrawal from four regions (Russia) with Lift sanctions (Russia): Both are part of one package.",
				"Withdrawal from four regions (Russia) against No recognition (Ukraine): Kyiv refuses to cede land."}},
			{"svg a.node#n-withdraw", nil},
			{"head > style", nil},
			{"section h2#clashes", []string{"Every clash, explained"}},
			{"section h2#alignments", []string{"Every alignment, explained"}},
			{"section ol.relations p.why", []string{"Kyiv refuses to cede land.", "Kyiv wants relief that can be reversed.", "Both are part of one package."}},
		}},
		{"demands/withdraw/index.html", []check{
			{"p.kicker a", []string{"Russia", "Territory"}},
			{"section.rel h3", []string{"Conflicts with", "Aligned with", "Referenced by"}},
			{"dl.facts dd a", []string{"Russia", "Territory"}},
			{"section.rel ul.relations li > a", []string{"No recognition", "Lift sanctions"}},
			{"section.rel ul.relations li p", []string{"Kyiv refuses to cede land.", "Both are part of one package."}},
			{"section.rel ul.links li a", []string{"Method"}},
			{"section.sources ol li a[href=https://example.com/terms]", []string{"Putin's terms"}},
			{"p.updated time[datetime=2025-09-01]", []string{"1 September 2025"}},
		}},
		{"demands/snapback/index.html", []check{
			{"section.rel p.none", []string{"No stated alignment.", "No other page links here."}},
		}},
		{"topics/territory/index.html", []check{
			{"div.positions section.position h3", []string{"Russia", "Ukraine", "Europe"}},
			{"div.positions p.stance-title a", []string{"Withdrawal from four regions", "No recognition"}},
			{"div.positions p.none", []string{"No stated demand on this topic."}},
			{"div.positions p.count a", []string{"No recognition", "Withdrawal from four regions"}},
		}},
		{"actors/russia/index.html", []check{
			{"section.rel ul.cards li > a", []string{"Withdrawal from four regions", "Lift sanctions"}},
			{"section.rel ul.cards span.tag", []string{"Territory", "Sanctions"}},
			{"section.rel ul.links a", []string{"Summit & aims"}},
		}},
		{"search/index.html", []check{
			{"form#search-form[data-index=/summit/search-index.json] input#q[name=q]", nil},
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
