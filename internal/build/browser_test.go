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

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/explainer/explainer/internal/browsertest"
)

// chrome is the browser every browser test of this package shares.
var chrome browsertest.Browser

func TestMain(m *testing.M) {
	code := m.Run()
	chrome.Close()
	os.Exit(code)
}

// servedSite builds the repository's site with base URL "/" and serves it
// on 127.0.0.1. It returns the server's URL and the HTML pages built.
func servedSite(t *testing.T) (string, []string) {
	t.Helper()
	res := New().Build(os.DirFS("../.."), repoSite(t))
	if len(res.Diags) > 0 {
		t.Fatalf("the repository's site has errors:\n%s", diagText(res))
	}
	dir := filepath.Join(t.TempDir(), "public")
	if err := Emit(res.Output, dir); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	var pages []string
	for _, p := range res.Output.Paths() {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, "/"+strings.TrimSuffix(p, "index.html"))
		}
	}
	return srv.URL, pages
}

// violation is one failed axe-core rule on a page.
type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

const axeRun = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
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
// a desktop and a phone width, and fails on any axe-core violation.
func TestAccessibility(t *testing.T) {
	axe, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	ctx := chrome.Tab(t)
	url, pages := servedSite(t)
	modes := []struct {
		name          string
		width, height int64
		scheme        string
	}{
		{"desktop light", 1280, 900, "light"},
		{"phone dark", 375, 800, "dark"},
	}
	for _, m := range modes {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(m.width, m.height), setScheme(m.scheme)); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if err := chromedp.Do(ctx, chromedp.Navigate(url+p)); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			vs, err := audit(ctx, string(axe))
			if err != nil {
				t.Fatalf("%s (%s): %v", p, m.name, err)
			}
			for _, v := range vs {
				t.Errorf("%s (%s): %s [%s] %s\n\t%s", p, m.name, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
			}
		}
	}
	t.Logf("axe-core: %d pages × %d modes audited", len(pages), len(modes))
}

// TestScreenshots saves home, matrix, map and one demand at 375 and 1280 px
// wide and checks nothing overflows sideways at 375 px. Set
// EXPLAINER_SCREENSHOTS to a folder to keep the images.
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
		{"matrix", "/matrix/"},
		{"map", "/map/"},
		{"demand", "/demands/russia-withdrawal-four-regions/"},
		{"topic", "/topics/territory/"},
		{"search", "/search/?q=sanctions"},
	}
	for _, width := range []int64{375, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), setScheme("light")); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if err := chromedp.Do(ctx, chromedp.Navigate(url+p.path)); err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			over, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if width == 375 && over > 0 {
				t.Errorf("%s at %d px: the page is %d px wider than the window", p.path, width, over)
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if len(png) == 0 {
				t.Fatalf("%s: empty screenshot", p.path)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", p.name, width)), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("screenshots in %s", dir)
}
