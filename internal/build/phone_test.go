package build

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The phone the reader's promises are made for.
const phoneW, phoneH = 375, 812

// maxHeader is the tallest the site header may be on that phone.
const maxHeader = 120

// eval runs a script returning T on the page loaded in ctx.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// innerScrollers lists the elements that scroll inside the page: an
// overflow of auto or scroll with more content than room.
const innerScrollers = `[...document.querySelectorAll('body *')].filter(e => {
	const s = getComputedStyle(e);
	return (/auto|scroll/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1) ||
		(/auto|scroll/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 1);
}).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))`

// wrappedDates lists the dates that wrap onto two lines.
const wrappedDates = `[...document.querySelectorAll('time')].filter(e => e.getClientRects().length > 1).map(e => e.textContent)`

// firstScreen measures the home page: the bottom of the takeaways box, the
// bottom of each actor's first core demand, and the tops of the headline
// clashes and the outcome, in page pixels.
const firstScreen = `(() => {
	const bottom = s => { const e = document.querySelector(s); return e ? e.getBoundingClientRect().bottom + scrollY : -1; };
	const top = s => { const e = document.querySelector(s); return e ? e.getBoundingClientRect().top + scrollY : -1; };
	return {
		takeaways: bottom('section.takeaways'),
		actors: [...document.querySelectorAll('ul.sides > li')].map(li => {
			const a = li.querySelector('ul a');
			return {name: li.querySelector('h3 a').textContent, bottom: a ? a.getBoundingClientRect().bottom + scrollY : -1};
		}),
		headlines: top('section.headlines'),
		outcome: top('section.outcome'),
	};
})()`

type screenReport struct {
	Takeaways float64 `json:"takeaways"`
	Actors    []struct {
		Name   string  `json:"name"`
		Bottom float64 `json:"bottom"`
	} `json:"actors"`
	Headlines float64 `json:"headlines"`
	Outcome   float64 `json:"outcome"`
}

// TestPhoneFirstScreen loads the home page on a 375×812 phone: the key
// takeaways and every actor's first core demand end within the first
// screen, and the headline clashes and the outcome in brief start within
// the first three.
func TestPhoneFirstScreen(t *testing.T) {
	ctx := chrome.Tab(t)
	url, _ := servedSite(t)
	for _, scheme := range []string{"light", "dark"} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneW, phoneH), setScheme(scheme), chromedp.Navigate(url+"/")); err != nil {
			t.Fatal(err)
		}
		r := eval[screenReport](t, ctx, firstScreen)
		if r.Takeaways < 0 || r.Takeaways > phoneH {
			t.Errorf("%s: the takeaways end at %.0f px, not within the first %d", scheme, r.Takeaways, phoneH)
		}
		if len(r.Actors) < 2 {
			t.Fatalf("%s: %d actors on the home page", scheme, len(r.Actors))
		}
		for _, a := range r.Actors {
			if a.Bottom < 0 || a.Bottom > phoneH {
				t.Errorf("%s: %s's first core demand ends at %.0f px, not within the first %d", scheme, a.Name, a.Bottom, phoneH)
			}
		}
		if r.Headlines < 0 || r.Headlines > 2*phoneH {
			t.Errorf("%s: the headline clashes start at %.0f px, not within the first two screens", scheme, r.Headlines)
		}
		if r.Outcome < 0 || r.Outcome > 3*phoneH {
			t.Errorf("%s: the outcome starts at %.0f px, not within the first three screens", scheme, r.Outcome)
		}
		t.Logf("%s: takeaways end %.0f px; last core demand ends %.0f px; clashes start %.0f px; outcome starts %.0f px",
			scheme, r.Takeaways, r.Actors[len(r.Actors)-1].Bottom, r.Headlines, r.Outcome)
	}
}

// TestPhoneChrome checks every built page on a 375×812 phone and on a
// 320 px one: the header is at most maxHeader tall, nothing overflows
// sideways, no date wraps, and the home page, the matrix and the clash
// view have no inner scroll box.
func TestPhoneChrome(t *testing.T) {
	ctx := chrome.Tab(t)
	url, pages := servedSite(t)
	noScroller := map[string]bool{"/": true, "/matrix/": true, "/map/": true}
	for _, w := range []int64{phoneW, 320} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, phoneH), setScheme("light")); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if err := chromedp.Do(ctx, chromedp.Navigate(url+p)); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			if over := eval[int](t, ctx, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
				t.Errorf("%s at %d px: the page is %d px wider than the window", p, w, over)
			}
			if dates := eval[[]string](t, ctx, wrappedDates); len(dates) > 0 {
				t.Errorf("%s at %d px: dates wrap: %q", p, w, dates)
			}
			if w != phoneW {
				continue
			}
			if h := eval[float64](t, ctx, `document.querySelector('header.site').getBoundingClientRect().height`); h > maxHeader {
				t.Errorf("%s: the header is %.0f px tall, over %d", p, h, maxHeader)
			}
			if noScroller[p] {
				if s := eval[[]string](t, ctx, innerScrollers); len(s) > 0 {
					t.Errorf("%s: inner scroll boxes %q", p, s)
				}
			}
		}
	}
}

// noJS turns scripts off in the tab.
var noJS = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	return err
})

// TestPhoneInteractions: without JavaScript the menu opens by tap and the
// matrix's clashes open by tap and by keyboard; the search page has one
// search box.
func TestPhoneInteractions(t *testing.T) {
	ctx := chrome.Tab(t)
	url, _ := servedSite(t)
	visible := func(sel string) string {
		// checkVisibility is false inside a closed <details>, whose content
		// still has a layout box.
		return fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.checkVisibility() && e.offsetHeight > 0; })()`, sel)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneW, phoneH), noJS, chromedp.Navigate(url+"/")); err != nil {
		t.Fatal(err)
	}
	if eval[bool](t, ctx, visible("details.menu nav a")) {
		t.Fatal("the menu is open before a tap")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("details.menu > summary"))); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, ctx, visible(`details.menu nav a[href$="/search/"]`)) {
		t.Error("a tap on Menu does not show the menu's links")
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/matrix/")); err != nil {
		t.Fatal(err)
	}
	openCount := `document.querySelectorAll('table.matrix details[open]').length`
	if n := eval[int](t, ctx, openCount); n != 0 {
		t.Fatalf("%d clashes open before any tap", n)
	}
	first := chromedp.CSS("table.matrix td details > summary")
	if err := chromedp.Do(ctx, chromedp.Click(first)); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, ctx, openCount); n != 1 {
		t.Errorf("after a tap %d clashes are open, want 1", n)
	}
	if !eval[bool](t, ctx, visible("table.matrix td details[open] li p")) {
		t.Error("an opened clash does not show its why")
	}
	// Enter on the focused summary closes it again: the keyboard works too.
	if err := chromedp.Do(ctx, chromedp.Focus(first), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, ctx, openCount); n != 0 {
		t.Errorf("after Enter on the open clash %d are open, want 0", n)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/search/")); err != nil {
		t.Fatal(err)
	}
	boxes := eval[[]string](t, ctx, `[...document.querySelectorAll('input[type=search]')].filter(e => e.checkVisibility()).map(e => e.id)`)
	if strings.Join(boxes, ",") != "q" {
		t.Errorf("search boxes on /search/: %q, want one (q)", boxes)
	}
}
