package build

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/explainer/explainer/internal/browsertest"
	"github.com/explainer/explainer/internal/theme"
)

// chrome is the browser every browser test of this package shares. The
// audit of every page in two modes runs in one tab, so tabs get longer than
// the default under -race on a loaded machine.
var chrome = browsertest.Browser{TabTimeout: 5 * time.Minute}

func TestMain(m *testing.M) {
	code := m.Run()
	chrome.Close()
	os.Exit(code)
}

// servedSite builds the repository's site with the base URL it declares
// and serves it on 127.0.0.1 at that base's path, as it is deployed. It
// returns the URL of the site's root (without a trailing slash) and the
// HTML pages built, as paths from that root.
func servedSite(t *testing.T) (string, []string) {
	t.Helper()
	res := New().Build(theme.Over(translatedSite(t)), repoSite(t))
	if len(res.Diags) > 0 {
		t.Fatalf("the repository's site has errors:\n%s", diagText(res))
	}
	dir := filepath.Join(t.TempDir(), "public")
	if err := Emit(context.Background(), res.Output, dir, EmitOptions{}); err != nil {
		t.Fatal(err)
	}
	prefix := strings.TrimSuffix(res.Site.Base, "/")
	srv := httptest.NewServer(http.StripPrefix(prefix, http.FileServer(http.Dir(dir))))
	t.Cleanup(srv.Close)
	var pages []string
	for _, p := range res.Output.Paths() {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, "/"+strings.TrimSuffix(p, "index.html"))
		}
	}
	return srv.URL + prefix, pages
}

// violation is one failed axe-core rule on a page.
type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeRun runs every rule axe-core enables by default plus target-size
// (WCAG 2.2 AA 2.5.8), which it leaves off.
const axeRun = `axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || '', help: v.help,
	nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\s+/g, ' '))
})))`

// audit runs axe-core on the page loaded in ctx.
func audit(ctx context.Context, axe string) ([]violation, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
		return nil, fmt.Errorf("inject axe: %w", err)
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]violation](axeRun, chromedp.EvalAwaitPromise))
}

func setScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// TestAccessibility loads every built page in chromium, light and dark, at
// a desktop and a phone width, and fails on any axe-core violation and on
// any page wider than the phone's window.
func TestAccessibility(t *testing.T) {
	axe, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	ctx := chrome.Tab(t)
	assertAxeCatches(t, ctx, string(axe))
	url, pages := servedSite(t)
	modes := []struct {
		name          string
		width, height int64
		scheme        string
	}{
		{"desktop light", 1280, 900, "light"},
		{"narrow phone dark", 320, 700, "dark"},
	}
	for _, m := range modes {
		// One tab per mode: each gets the whole tab timeout.
		t.Run(m.name, func(t *testing.T) {
			ctx := chrome.Tab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(m.width, m.height), setScheme(m.scheme)); err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				if err := chromedp.Do(ctx, chromedp.Navigate(url+p)); err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if m.width <= 375 {
					over, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
					if err != nil {
						t.Fatal(err)
					}
					if over > 0 {
						t.Errorf("%s at %d px: the page is %d px wider than the window", p, m.width, over)
					}
				}
				vs, err := audit(ctx, string(axe))
				if err != nil {
					t.Fatalf("%s (%s): %v", p, m.name, err)
				}
				for _, v := range vs {
					t.Errorf("%s (%s): %s [%s] %s\n\t%s", p, m.name, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
				}
			}
		})
	}
	t.Logf("axe-core: %d pages × %d modes audited", len(pages), len(modes))
}

// assertAxeCatches proves the audit can fail: a page with an image without
// alt text, no lang and two tiny adjacent buttons must give those violations.
func assertAxeCatches(t *testing.T, ctx context.Context, axe string) {
	t.Helper()
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><title>bad</title><main><h1>Bad</h1><img src="data:,">`+
			`<p><button style="width:10px;height:10px;padding:0;margin:0"></button><button style="width:10px;height:10px;padding:0;margin:0">b</button></p></main></html>`)
	}))
	defer bad.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(bad.URL)); err != nil {
		t.Fatal(err)
	}
	vs, err := audit(ctx, axe)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, v := range vs {
		got[v.ID] = true
	}
	for _, id := range []string{"image-alt", "html-has-lang", "button-name", "target-size"} {
		if !got[id] {
			t.Errorf("axe did not report %s on a page that has it; got %v", id, got)
		}
	}
}

// TestScreenshots saves a page of every kind at 375 and 1280 px wide, light
// and dark (plus a print rendering of a demand), and checks that nothing
// overflows sideways at 375 px. Set EXPLAINER_SCREENSHOTS to a folder to
// keep the images.
func TestScreenshots(t *testing.T) {
	ctx := chrome.Tab(t)
	url, _ := servedSite(t)
	dir := os.Getenv("EXPLAINER_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"actor", "/actors/russia/"},
		{"demand", "/demands/russia-withdrawal-four-regions/"},
		{"topic", "/topics/territory/"},
		{"matrix", "/matrix/"},
		{"map", "/map/"},
		{"search", "/search/?q=sanctions"},
		{"section", "/demands/"},
		{"page", "/outcome/"},
		{"404", "/404.html"},
	}
	type shot struct {
		name, path    string
		width         int64
		media, scheme string
	}
	var shots []shot
	for _, w := range []int64{375, 1280} {
		for _, scheme := range []string{"light", "dark"} {
			for _, p := range pages {
				shots = append(shots, shot{fmt.Sprintf("%s-%d-%s", p.name, w, scheme), p.path, w, "", scheme})
			}
		}
	}
	shots = append(shots, shot{"demand-print", "/demands/russia-withdrawal-four-regions/", 800, "print", "light"})
	for _, s := range shots {
		media := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Media:    s.media,
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s.scheme}},
			})
			return err
		})
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(s.width, 900), media, chromedp.Navigate(url+s.path)); err != nil {
			t.Fatalf("%s: %v", s.path, err)
		}
		over, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if s.width <= 375 && over > 0 {
			t.Errorf("%s at %d px: the page is %d px wider than the window", s.path, s.width, over)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if len(png) == 0 {
			t.Fatalf("%s: empty screenshot", s.path)
		}
		if err := os.WriteFile(filepath.Join(dir, s.name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d screenshots in %s", len(shots), dir)
}

// TestSearch drives /search/ with the keyboard: typing lists matches, a typo
// still finds them, the down arrow moves into the results and Escape back.
func TestSearch(t *testing.T) {
	ctx := chrome.Tab(t)
	url, _ := servedSite(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(url+"/search/")); err != nil {
		t.Fatal(err)
	}
	firstResult := `(() => { const a = document.querySelector('#results a'); return a && !document.getElementById('results').hidden ? a.textContent : ''; })()`
	tests := []struct{ query, wantFirst string }{
		{"sanctions", "Sanctions"},
		{"sanctoins", "Sanctions"}, // a typo
		{"withdraw", "Ukraine's withdrawal from four regions"},
	}
	for _, tt := range tests {
		err := chromedp.Do(ctx,
			chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = ''`),
			chromedp.SendKeys(chromedp.ID("q"), tt.query),
		)
		if err != nil {
			t.Fatal(err)
		}
		// Wait until the status names this query, so the list is not the last one's.
		done := fmt.Sprintf(`document.getElementById('search-status').textContent.includes('\u201c%s\u201d')`, tt.query)
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](done, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatalf("%q: the status never named the query: %v", tt.query, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](firstResult))
		if err != nil {
			t.Fatalf("%q: no results: %v", tt.query, err)
		}
		if got != tt.wantFirst {
			t.Errorf("%q: first result %q, want %q", tt.query, got, tt.wantFirst)
		}
	}
	active := `document.activeElement.id || document.activeElement.textContent`
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](active)); got != tests[len(tests)-1].wantFirst {
		t.Errorf("after ArrowDown focus is on %q, want the first result", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](active)); got != "q" {
		t.Errorf("after Escape focus is on %q, want the search box", got)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.HasSuffix(loc, "/search/?q=withdraw") {
		t.Errorf("location %q does not hold the query", loc)
	}
}

// TestReadableWithoutJavaScript loads the search page with scripts off: it
// must list every page instead of an empty result box.
func TestReadableWithoutJavaScript(t *testing.T) {
	ctx := chrome.Tab(t)
	url, _ := servedSite(t)
	if err := chromedp.Do(ctx, noJS, chromedp.Navigate(url+"/search/?q=sanctions")); err != nil {
		t.Fatal(err)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(() => { const s = document.getElementById('every-page'); return s && s.offsetHeight > 0 ? s.querySelectorAll('a').length : 0; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if n < 40 {
		t.Errorf("with JavaScript off the search page shows %d page links, want every page", n)
	}
}
