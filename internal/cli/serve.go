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
	"syscall"
	"time"

	"github.com/explainer/explainer/internal/build"
	"github.com/explainer/explainer/internal/content"
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
		Root: cfg.src, Dirs: []string{content.Dir, render.Dir, build.StaticDir}, Quiet: cfg.quiet, PollInterval: cfg.poll,
		Warn: func(msg string) { fmt.Fprintf(cfg.stderr, "explainer serve: %s\n", msg) },
	})
	if err != nil {
		return err
	}
	defer w.Close()

	fsys := os.DirFS(cfg.src)
	b := build.New()
	start := time.Now()
	first := b.Build(fsys, cfg.opts)
	base := "/"
	if first.Site != nil && first.Site.Base != "" {
		base = first.Site.Base
	}
	host, _, _ := net.SplitHostPort(cfg.listener.Addr().String())
	srv := server.New(server.Options{Base: base, Host: host, KeepAlive: cfg.keepAlive})
	publish(srv, fsys, cfg, first, start, true)

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 2 * time.Minute}
	hs.RegisterOnShutdown(srv.Close)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(cfg.listener) }()
	fmt.Fprintf(cfg.stdout, "serving %s at http://%s%s (Ctrl-C to stop)\n", cfg.src, cfg.listener.Addr(), base)
	if cfg.ready != nil {
		cfg.ready(srv)
	}
	for {
		select {
		case <-ctx.Done():
			return shutdown(hs, served)
		case err := <-served:
			return fmt.Errorf("serve: %w", err)
		case batch, ok := <-w.Batches():
			if !ok {
				return shutdown(hs, served)
			}
			var changed []string
			if !batch.Rescan {
				changed = batch.Paths
			}
			start := time.Now()
			publish(srv, fsys, cfg, b.Rebuild(fsys, cfg.opts, changed), start, false)
		}
	}
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

// publish hands a build's result to the server: a good build is published
// with the URLs that changed, a broken one leaves the last good site served
// and shows its problems in the terminal and the browser.
func publish(srv *server.Server, fsys fs.FS, cfg serveConfig, res *build.Result, start time.Time, first bool) {
	if len(res.Diags) > 0 {
		PrintDiags(cfg.stderr, res.Diags)
		srv.Fail(server.Problems(fsys, res.Diags))
		return
	}
	if first {
		srv.Publish(res.Output, nil)
		fmt.Fprintf(cfg.stdout, "built %d pages, %d files in %s\n", res.Output.Pages, len(res.Output.Files), since(start))
		return
	}
	srv.Publish(res.Output, res.Changed)
	fmt.Fprintf(cfg.stdout, "rebuilt in %s: %d %s rendered, %d %s changed\n", since(start),
		res.Rendered, plural(res.Rendered, "page", "pages"), len(res.Changed), plural(len(res.Changed), "file", "files"))
}
