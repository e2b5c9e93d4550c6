package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/explainer/explainer/internal/build"
	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/i18n"
	"github.com/explainer/explainer/internal/render"
	"github.com/explainer/explainer/internal/server"
	"github.com/explainer/explainer/internal/watch"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	fl := newFlags("serve", stderr, &sf, false)
	addr := fl.String("addr", "127.0.0.1:1313", "address to listen on; keep the default loopback address unless you mean to share the site")
	quiet := fl.Duration("quiet", 10*time.Millisecond, "how long the sources must be quiet after a change before rebuilding")
	poll := fl.Duration("poll", time.Second, "how often folders that cannot be watched (the watch limit was reached) are polled")
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if err := checkSrc(sf.src); err != nil {
		fmt.Fprintf(stderr, "explainer serve: %v\n", err)
		return ExitUsage
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "explainer serve: %v\n", err)
		return ExitUsage
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg := serveConfig{
		src: sf.src, opts: sf.options(), listener: ln,
		quiet: *quiet, poll: *poll, stdout: stdout, stderr: stderr,
	}
	if err := serveSite(ctx, cfg); err != nil {
		fmt.Fprintf(stderr, "explainer serve: %v\n", err)
		return ExitContent
	}
	return ExitOK
}

// serveConfig is everything serveSite needs; tests fill it directly.
type serveConfig struct {
	src      string
	opts     build.Options
	listener net.Listener
	// quiet and poll are the watcher's quiet window and polling interval.
	quiet, poll time.Duration
	// keepAlive is the event streams' keep-alive interval (0: default).
	keepAlive      time.Duration
	stdout, stderr io.Writer
	// ready, when set, is called with the server once the first build
	// is published and the site is being served.
	ready func(*server.Server)
}

// serveSite builds the site, serves it from memory on cfg.listener,
// rebuilds on every change under the watched folders and pushes reloads,
// until ctx is done. It never writes to the disk. The listener is closed
// when it returns.
func serveSite(ctx context.Context, cfg serveConfig) error {
	defer cfg.listener.Close()
	// Watch before the first build, so no change made during it is lost.
	w, err := watch.New(watch.Options{
		Root: cfg.src, Dirs: []string{content.Dir, render.Dir, build.StaticDir, i18n.Dir}, Quiet: cfg.quiet, PollInterval: cfg.poll,
		Warn: func(msg string) { fmt.Fprintf(cfg.stderr, "explainer serve: %s\n", msg) },
	})
	if err != nil {
		return err
	}
	defer w.Close()

	fsys := siteFS(cfg.src)
	b := build.New()
	start := time.Now()
	first := b.BuildContext(ctx, fsys, cfg.opts)
	if first.Err != nil {
		return nil // stopped during the first build: nothing served yet
	}
	base := "/"
	if first.Site != nil && first.Site.Base != "" {
		base = first.Site.Base
	}
	host, _, _ := net.SplitHostPort(cfg.listener.Addr().String())
	srv := server.New(server.Options{Base: base, Host: host, KeepAlive: cfg.keepAlive})
	publish(srv, fsys, cfg, first, start, firstBuild)
	heapProfile(cfg.stderr)
	// What the first build allocated and dropped (most of its peak: see
	// build/memory.go) goes back to the system now, rather than in
	// minutes, so serve holds about what it keeps: the site, its output
	// and what rebuilds need.
	debug.FreeOSMemory()

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 2 * time.Minute}
	hs.RegisterOnShutdown(srv.Close)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(cfg.listener) }()
	fmt.Fprintf(cfg.stdout, "serving %s at %s (Ctrl-C to stop)\n", cfg.src, servedAt(cfg.listener.Addr(), base))
	if cfg.ready != nil {
		cfg.ready(srv)
	}
	var next *received // a batch that arrived during a second phase
	for {
		var batch watch.Batch
		ok := true
		if next != nil {
			batch, ok = next.batch, next.ok
			next = nil
		} else {
			select {
			case <-ctx.Done():
				return shutdown(hs, served)
			case err := <-served:
				return fmt.Errorf("serve: %w", err)
			case batch, ok = <-w.Batches():
			}
		}
		if !ok || ctx.Err() != nil {
			return shutdown(hs, served)
		}
		var changed []string
		if !batch.Rescan {
			changed = batch.Paths
		}
		start := time.Now()
		res, pending := b.RebuildPages(fsys, cfg.opts, changed)
		ph := rebuilt
		if pending != nil {
			ph = pagesFirst
		}
		publish(srv, fsys, cfg, res, start, ph)
		if pending != nil {
			next = finish(ctx, b, pending, w, srv, fsys, cfg)
		}
	}
}

// servedAt is the URL serve prints: one a browser on this machine opens.
// Bound to every interface (0.0.0.0 or ::), the listener's own address
// is no such URL, so it prints the loopback address and says the site is
// also reachable from other machines.
func servedAt(addr net.Addr, base string) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + base
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		return fmt.Sprintf("http://127.0.0.1:%s%s, and on port %s of this machine's network addresses", port, base, port)
	}
	return "http://" + net.JoinHostPort(host, port) + base
}

// received is one receive from the watcher's batches.
type received struct {
	batch watch.Batch
	ok    bool
}

// finish runs the second phase of a rebuild and publishes it, unless a
// batch of changes (or the end of ctx) comes first: then it stops, and
// the next rebuild renders what it left. It returns the batch received, if
// any.
func finish(ctx context.Context, b *build.Builder, p *build.Pending, w *watch.Watcher, srv *server.Server, fsys fs.FS, cfg serveConfig) *received {
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	got := make(chan *received, 1)
	stop := make(chan struct{})
	go func() {
		select {
		case batch, ok := <-w.Batches():
			got <- &received{batch, ok}
			cancel()
		case <-stop:
			got <- nil
		}
	}()
	res := b.Finish(ctx, p)
	close(stop)
	next := <-got
	if res != nil {
		publish(srv, fsys, cfg, res, start, wholeSite)
	}
	return next
}

// shutdown stops the HTTP server: event streams end at once, requests in
// flight get a few seconds.
func shutdown(hs *http.Server, served <-chan error) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := hs.Shutdown(ctx)
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// phase says which build publish publishes.
type phase int

const (
	firstBuild phase = iota
	rebuilt          // a rebuild in one phase
	pagesFirst       // the first phase of a two-phase rebuild
	wholeSite        // its second phase
)

// publish hands a build's result to the server: a good build is published
// with the URLs that changed, a broken one leaves the last good site served
// and shows its problems in the terminal and the browser.
func publish(srv *server.Server, fsys fs.FS, cfg serveConfig, res *build.Result, start time.Time, ph phase) {
	if res.Diags.HasErrors() {
		PrintDiags(cfg.stderr, res.Diags)
		srv.Fail(server.Problems(fsys, res.Diags))
		return
	}
	if len(res.Diags) > 0 { // warnings go to the terminal only; the overlay is for errors
		PrintDiags(cfg.stderr, res.Diags)
	}
	what := "rebuilt"
	switch ph {
	case firstBuild:
		srv.Publish(res.Output, nil)
		fmt.Fprintf(cfg.stdout, "built %d pages, %d files in %s\n", res.Output.Pages, len(res.Output.Files), since(start))
		return
	case pagesFirst:
		srv.PublishFirst(res.Output, res.Changed)
		what = "rebuilt briefs' pages"
	case wholeSite:
		srv.Publish(res.Output, res.Changed)
		what = "rebuilt whole-site pages"
	default:
		srv.Publish(res.Output, res.Changed)
	}
	fmt.Fprintf(cfg.stdout, "%s in %s: %d %s rendered, %d %s changed\n", what, since(start),
		res.Rendered, plural(res.Rendered, "page", "pages"), len(res.Changed), plural(len(res.Changed), "file", "files"))
}
