package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// RequireEnv is the environment variable that turns a missing browser from a
// skip into a failure when it is "1".
const RequireEnv = "EXPLAINER_REQUIRE_BROWSER"

// DefaultTabTimeout bounds the life of a tab when Browser.TabTimeout is zero.
const DefaultTabTimeout = 2 * time.Minute

// candidates lists where chromium may be, best first. Debian's /usr/bin/chromium
// is a shell wrapper that adds flags and prints a harmless error; the binary
// behind it comes first.
var candidates = []string{
	"/usr/lib/chromium/chromium",
	"chromium",
	"chromium-browser",
	"google-chrome",
	"google-chrome-stable",
}

// PathEnv is the environment variable that, when set, names the only browser
// binary to try (a path or a name on PATH).
const PathEnv = "EXPLAINER_CHROMIUM"

// Find returns the path of a chromium or Chrome binary, or "" when there is
// none. EXPLAINER_CHROMIUM, when set, is the only candidate.
func Find() string {
	if p := os.Getenv(PathEnv); p != "" {
		return find([]string{p}, exec.LookPath)
	}
	return find(candidates, exec.LookPath)
}

func find(names []string, lookPath func(string) (string, error)) string {
	for _, name := range names {
		if p, err := lookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Flags returns the allocator options the browser starts with: chromedp's
// defaults plus the ones that keep it off the network.
func Flags(execPath string) []chromedp.ExecAllocatorOption {
	opts := append([]chromedp.ExecAllocatorOption{}, chromedp.DefaultExecAllocatorOptions[:]...)
	opts = append(opts,
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-pings", true),
		// Replaces chromedp's default list, so that list is repeated here.
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,NetworkTimeServiceQuerying,OptimizationHints,MediaRouter"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	return opts
}

// Browser is one chromium shared by the tests that ask it for tabs. The zero
// value is ready to use; it starts the browser on the first Tab call. It is
// safe for concurrent use. Close stops the browser.
type Browser struct {
	// TabTimeout bounds each tab's context; zero means DefaultTabTimeout.
	TabTimeout time.Duration

	mu         sync.Mutex
	started    bool
	ctx        context.Context
	stopAlloc  context.CancelFunc
	stopBrowse context.CancelFunc
	path       string
	err        error
}

// Tab opens a new tab in the shared browser and returns its chromedp context.
// The tab closes when the test ends. When no browser is found Tab skips the
// test, or fails it when EXPLAINER_REQUIRE_BROWSER=1.
func (b *Browser) Tab(t testing.TB) context.Context {
	t.Helper()
	bctx, err := b.start()
	if err != nil {
		if err == errNotFound {
			missing(t, os.Getenv(RequireEnv) == "1")
			return nil
		}
		t.Fatalf("browsertest: %v", err)
		return nil
	}
	timeout := b.TabTimeout
	if timeout == 0 {
		timeout = DefaultTabTimeout
	}
	tctx, cancelTab := chromedp.NewContext(bctx)
	ctx, cancelTimeout := context.WithTimeout(tctx, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browsertest: open tab in %s: %v", b.path, err)
	}
	return ctx
}

// Path returns the browser binary in use, or "" before the first Tab or when
// none was found.
func (b *Browser) Path() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.path
}

// Close stops the browser and removes its temporary profile. It is safe to
// call more than once, and on a Browser that never started.
func (b *Browser) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopBrowse != nil {
		if err := chromedp.Cancel(b.ctx); err != nil {
			b.stopBrowse()
		}
		b.stopAlloc()
		b.stopBrowse, b.stopAlloc = nil, nil
	}
}

var errNotFound = fmt.Errorf("no chromium found")

func (b *Browser) start() (context.Context, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.started {
		return b.ctx, b.err
	}
	b.started = true
	b.path = Find()
	if b.path == "" {
		b.err = errNotFound
		return nil, b.err
	}
	actx, stopAlloc := chromedp.NewExecAllocator(context.Background(), Flags(b.path)...)
	ctx, stopBrowse := chromedp.NewContext(actx)
	startCtx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	// Starting on ctx itself would tie the browser to startCtx's deadline;
	// chromedp starts the browser on the first Do of a context, so run it on
	// ctx and bound it by watching startCtx.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			stopBrowse()
			stopAlloc()
			b.err = fmt.Errorf("start %s: %w", b.path, err)
			return nil, b.err
		}
	case <-startCtx.Done():
		stopBrowse()
		stopAlloc()
		b.err = fmt.Errorf("start %s: timed out after a minute", b.path)
		return nil, b.err
	}
	b.ctx, b.stopAlloc, b.stopBrowse = ctx, stopAlloc, stopBrowse
	return ctx, nil
}

// missing reports an absent browser: a skip normally, a failure when required.
func missing(t testing.TB, required bool) {
	t.Helper()
	msg := "browsertest: no chromium found (looked for /usr/lib/chromium/chromium, then chromium, chromium-browser, google-chrome on PATH); install it with `apt-get install chromium`"
	if p := os.Getenv(PathEnv); p != "" {
		msg = "browsertest: no browser at " + PathEnv + "=" + p
	}
	if required {
		t.Fatal(msg + "; " + RequireEnv + "=1 requires the browser tests to run")
		return
	}
	t.Skip(msg + "; set " + RequireEnv + "=1 to make this a failure")
}
