// Package browsertest starts Debian's chromium for tests through chromedp.
//
// It sits beside the pipeline, not in it: tests of build (axe-core audits,
// screenshots) and of the dev server (live reload) use it to load pages in a
// real browser.
//
// A test package declares one Browser, closes it in TestMain, and asks it for a
// tab in each test:
//
//	var chrome browsertest.Browser
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		chrome.Close()
//		os.Exit(code)
//	}
//
//	func TestPage(t *testing.T) {
//		ctx := chrome.Tab(t)
//		err := chromedp.Do(ctx, chromedp.Navigate(url))
//		...
//	}
//
// Invariants:
//   - The browser starts at most once per Browser value, on the first Tab call,
//     so every test of the binary shares it; each Tab is a new tab, closed in
//     the test's cleanup.
//   - The browser is headless, runs without the sandbox when the process is
//     root, has background networking off, and resolves no host name except
//     127.0.0.1 and localhost, so a test never reaches the network.
//   - The browser is the first found of /usr/lib/chromium/chromium (the
//     binary behind Debian's wrapper script), chromium, chromium-browser and
//     google-chrome on PATH; EXPLAINER_CHROMIUM names another.
//   - When no chromium is found, Tab calls t.Skip with a message saying how to
//     install it; when EXPLAINER_REQUIRE_BROWSER=1 is set it calls t.Fatal
//     instead, so CI cannot pass by skipping. A browser that is found but fails
//     to start is always a failure.
package browsertest
