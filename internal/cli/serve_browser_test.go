package cli

import (
	"context"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/explainer/explainer/internal/browsertest"
	"github.com/explainer/explainer/internal/build"
)

// chrome is the browser the live-reload tests share.
var chrome = browsertest.Browser{TabTimeout: 3 * time.Minute}

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(childMain()) // faults_test.go: the real command in a child process
	}
	code := m.Run()
	chrome.Close()
	os.Exit(code)
}

const demandURL = "/demands/russia-lift-sanctions/"

// longDemand is the demand brief with a body long enough to scroll.
func longDemand(last string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: Lift sanctions\nsummary: A demand.\nactor: russia\ntopic: sanctions\n---\n")
	for i := range 60 {
		b.WriteString("A paragraph that makes the page long enough to scroll, number " + string(rune('A'+i%26)) + ".\n\n")
	}
	b.WriteString(last + "\n")
	return b.String()
}

// openLive opens the page in a new tab and waits until its live-reload
// stream is open.
func openLive(t *testing.T, url string) context.Context {
	t.Helper()
	ctx := chrome.Tab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigate %s: %v", url, err)
	}
	waitJS(t, ctx, `window.__explainerLive && window.__explainerLive.open`)
	return ctx
}

// waitJS polls a JavaScript expression until it is truthy.
func waitJS(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v", expr, err)
	}
}

func evalJS[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitLoad waits for the next load of the page, from a subscription made
// before the action that causes it.
func waitLoad(t *testing.T, loads iter.Seq2[page.EventLoadEventFired, error]) {
	t.Helper()
	for _, err := range loads {
		if err != nil {
			t.Fatalf("waiting for the page to reload: %v", err)
		}
		return
	}
}

// TestBrowserLiveReload opens a page, edits its brief and sees the new
// text without a manual reload, at the same scroll position; a CSS edit is
// swapped in place, and an edit to another page does not reload this one.
func TestBrowserLiveReload(t *testing.T) {
	files := goodBriefs()
	files["content/demands/russia-lift-sanctions.md"] = longDemand("The first version.")
	root := realSite(t, files)
	d := startServe(t, root, build.Options{})
	ctx := openLive(t, d.url+demandURL)

	evalJS[chromedp.Void](t, ctx, `window.scrollTo(0, 600); window.__before = 1`)
	loads := chromedp.Events(ctx, page.LoadEventFired)
	writeFile(t, root, "content/demands/russia-lift-sanctions.md", longDemand("Edited while the browser watched."))
	waitLoad(t, loads)
	waitJS(t, ctx, `document.body.innerText.includes("Edited while the browser watched.")`)
	if evalJS[bool](t, ctx, `window.__before === 1`) {
		t.Error("the page shows the edit but did not reload")
	}
	waitJS(t, ctx, `window.scrollY === 600`)

	// CSS: swapped in place, no reload.
	evalJS[chromedp.Void](t, ctx, `window.__kept = 1`)
	css, err := os.ReadFile(filepath.Join(root, "static/style.css"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "static/style.css", string(css)+"\nbody { outline: 3px solid rgb(1, 2, 3); }\n")
	waitJS(t, ctx, `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)
	if !evalJS[bool](t, ctx, `window.__kept === 1`) {
		t.Error("a CSS edit reloaded the page")
	}

	// Another page's body: this page gets the event but stays.
	seen := evalJS[int](t, ctx, `window.__explainerLive.events`)
	writeFile(t, root, "content/actors/ukraine.md", "---\ntitle: Ukraine\nsummary: An actor.\nrole: Party\n---\nChanged elsewhere.\n")
	waitJS(t, ctx, `window.__explainerLive.events > `+strconv.Itoa(seen))
	if !evalJS[bool](t, ctx, `window.__kept === 1`) {
		t.Error("an edit to another page reloaded this one")
	}
}

// TestBrowserOverlay breaks a frontmatter field and sees the overlay name
// the file, line and column over the last good page; fixing it removes
// the overlay and shows the fix.
func TestBrowserOverlay(t *testing.T) {
	root := realSite(t, goodBriefs())
	d := startServe(t, root, build.Options{})
	ctx := openLive(t, d.url+demandURL)

	writeFile(t, root, "content/demands/russia-lift-sanctions.md",
		"---\ntitle: Lift sanctions\nsummary: A demand.\nactor: rusia\ntopic: sanctions\n---\nText.\n")
	waitJS(t, ctx, `document.getElementById("explainer-overlay") !== null`)
	overlay := evalJS[string](t, ctx, `document.getElementById("explainer-overlay").innerText`)
	for _, want := range []string{"content/demands/russia-lift-sanctions.md:4:8", `unknown actor "rusia"`, "actor: rusia", "1 error"} {
		if !strings.Contains(overlay, want) {
			t.Errorf("overlay lacks %q:\n%s", want, overlay)
		}
	}
	// The title is the h1's last text; before it a demand's h1 says whose it is.
	if h1 := evalJS[string](t, ctx, `document.querySelector("main h1").lastChild.textContent.trim()`); h1 != "Lift sanctions" {
		t.Errorf("under the overlay h1 = %q, want the last good page", h1)
	}

	loads := chromedp.Events(ctx, page.LoadEventFired)
	writeFile(t, root, "content/demands/russia-lift-sanctions.md",
		"---\ntitle: Lift sanctions\nsummary: A demand.\nactor: russia\ntopic: sanctions\n---\nFixed text.\n")
	waitLoad(t, loads)
	waitJS(t, ctx, `document.body.innerText.includes("Fixed text.")`)
	if evalJS[bool](t, ctx, `document.getElementById("explainer-overlay") !== null`) {
		t.Error("the overlay is still shown after the fix")
	}
}

// TestBrowserReconnect restarts the server on the same address with a
// changed site: the page reconnects and reloads by itself.
func TestBrowserReconnect(t *testing.T) {
	root := realSite(t, goodBriefs())
	d := startServe(t, root, build.Options{})
	ctx := openLive(t, d.url+demandURL)
	addr := strings.TrimPrefix(d.url, "http://")
	if err := d.stop(); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!window.__explainerLive.open`)
	writeFile(t, root, "content/demands/russia-lift-sanctions.md",
		"---\ntitle: Lift sanctions\nsummary: A demand.\nactor: russia\ntopic: sanctions\n---\nChanged while the server was down.\n")
	loads := chromedp.Events(ctx, page.LoadEventFired)
	startServeAt(t, root, build.Options{}, addr)
	waitLoad(t, loads)
	waitJS(t, ctx, `document.body.innerText.includes("Changed while the server was down.")`)
}
