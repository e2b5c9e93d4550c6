package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/explainer/explainer/internal/build"
	"github.com/explainer/explainer/internal/server"
)

// syncBuffer is a bytes.Buffer safe for the serve goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// devServer is a running serveSite.
type devServer struct {
	url            string
	ln             net.Listener
	srv            *server.Server
	stdout, stderr *syncBuffer
	stop           func() error
}

// startServe runs serveSite on src at 127.0.0.1 with a random port and
// short intervals, and stops it when the test ends.
func startServe(t testing.TB, src string, opts build.Options) *devServer {
	t.Helper()
	return startServeAt(t, src, opts, "127.0.0.1:0")
}

// startServeAt is startServe on a given address.
func startServeAt(t testing.TB, src string, opts build.Options, addr string) *devServer {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan *server.Server, 1)
	done := make(chan error, 1)
	d := &devServer{url: "http://" + ln.Addr().String(), ln: ln, stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	cfg := serveConfig{
		src: src, opts: opts, listener: ln, quiet: 10 * time.Millisecond, poll: 50 * time.Millisecond,
		stdout: d.stdout, stderr: d.stderr, ready: func(s *server.Server) { ready <- s },
	}
	go func() { done <- serveSite(ctx, cfg) }()
	select {
	case d.srv = <-ready:
	case err := <-done:
		t.Fatalf("serveSite returned early: %v", err)
	case <-time.After(5 * time.Minute):
		t.Fatal("serveSite not ready within 5 minutes")
	}
	var once sync.Once
	var stopErr error
	d.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(10 * time.Second):
				stopErr = context.DeadlineExceeded
			}
		})
		return stopErr
	}
	t.Cleanup(func() { d.stop() })
	return d
}

// sse is one Server-Sent Event.
type sse struct{ name, data string }

// events opens the event stream as a browser would and returns its events.
func (d *devServer) events(t testing.TB) <-chan sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", d.url+"/"+server.EventsPath, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan sse, 64)
	go func() {
		defer close(ch)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(nil, 1<<24)
		var ev sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "" && ev.name != "":
				ch <- ev
				ev = sse{}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[7:]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[6:]
			}
		}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for d.srv.Clients() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("event stream not open within 10s")
		}
		time.Sleep(time.Millisecond)
	}
	return ch
}

// next returns the next event of the given name, skipping others.
func next(t testing.TB, ch <-chan sse, name string) sse {
	t.Helper()
	return nextWithin(t, ch, name, 30*time.Second)
}

// nextWithin is next with a given bound.
func nextWithin(t testing.TB, ch <-chan sse, name string, bound time.Duration) sse {
	t.Helper()
	timeout := time.After(bound)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("event stream closed while waiting for %q", name)
			}
			if ev.name == name {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %q event within %s", name, bound)
		}
	}
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func writeFile(t testing.TB, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// saveAtomically writes like vim or a JetBrains IDE: a temporary file
// renamed over the original.
func saveAtomically(t testing.TB, root, rel, data string) {
	t.Helper()
	tmp := filepath.Join(root, filepath.FromSlash(rel)+"___jb_tmp___")
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(root, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
}

type reload struct {
	Changed []string `json:"changed"`
	All     bool     `json:"all"`
	More    bool     `json:"more"`
}

func decodeReload(t testing.TB, ev sse) reload {
	t.Helper()
	var r reload
	if err := json.Unmarshal([]byte(ev.data), &r); err != nil {
		t.Fatalf("reload event %q: %v", ev.data, err)
	}
	return r
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestServeEdits drives the real command loop over real files with the
// real watcher: each step edits the site and checks the event the browser
// gets and what the server then serves.
func TestServeEdits(t *testing.T) {
	t.Parallel()
	demand := "content/demands/russia-lift-sanctions.md"
	front := "---\ntitle: Lift sanctions\nsummary: A demand.\nactor: russia\ntopic: sanctions\n---\n"
	root := realSite(t, goodBriefs())
	d := startServe(t, root, build.Options{})
	ev := d.events(t)

	steps := []struct {
		name string
		do   func()
		// want is checked on the reload event that follows.
		want func(r reload)
		// then is checked after the event.
		then func()
	}{
		{"body edit", func() { writeFile(t, root, demand, front+"Fresh words from the editor.\n") },
			func(r reload) {
				if !has(r.Changed, "/demands/russia-lift-sanctions/") {
					t.Errorf("changed %v lacks the edited page", r.Changed)
				}
				if has(r.Changed, "/actors/ukraine/") {
					t.Errorf("changed %v lists a page the edit cannot change", r.Changed)
				}
			},
			func() {
				if _, body := get(t, d.url+"/demands/russia-lift-sanctions/"); !strings.Contains(body, "Fresh words from the editor.") {
					t.Error("the page does not show the edit")
				}
			}},
		{"atomic save", func() { saveAtomically(t, root, demand, front+"Saved the safe way.\n") },
			func(r reload) {
				if !has(r.Changed, "/demands/russia-lift-sanctions/") {
					t.Errorf("changed %v lacks the saved page", r.Changed)
				}
			},
			func() {
				if _, body := get(t, d.url+"/demands/russia-lift-sanctions/"); !strings.Contains(body, "Saved the safe way.") {
					t.Error("the page does not show the save")
				}
			}},
		{"new brief", func() {
			writeFile(t, root, "content/demands/ukraine-keep-sanctions.md",
				"---\ntitle: Keep sanctions\nsummary: Another demand.\nactor: ukraine\ntopic: sanctions\n---\nNew.\n")
		}, func(r reload) {
			for _, u := range []string{"/demands/ukraine-keep-sanctions/", "/actors/ukraine/", "/topics/sanctions/"} {
				if !has(r.Changed, u) {
					t.Errorf("changed %v lacks %s", r.Changed, u)
				}
			}
		}, func() {
			if code, _ := get(t, d.url+"/demands/ukraine-keep-sanctions/"); code != 200 {
				t.Errorf("new page: status %d", code)
			}
		}},
		{"deleted brief", func() {
			if err := os.Remove(filepath.Join(root, "content/demands/ukraine-keep-sanctions.md")); err != nil {
				t.Fatal(err)
			}
		}, func(r reload) {
			if !has(r.Changed, "/demands/ukraine-keep-sanctions/") {
				t.Errorf("changed %v lacks the deleted page", r.Changed)
			}
		}, func() {
			if code, body := get(t, d.url+"/demands/ukraine-keep-sanctions/"); code != 404 || !strings.Contains(body, "Page not found") {
				t.Errorf("deleted page: status %d, want the site's 404 page", code)
			}
		}},
		{"static edit", func() { writeFile(t, root, "static/style.css", "body { color: #111; }\n") },
			func(r reload) {
				if len(r.Changed) != 1 || r.Changed[0] != "/style.css" {
					t.Errorf("changed %v, want only /style.css", r.Changed)
				}
			}, nil},
		{"layout edit", func() {
			b, err := os.ReadFile(filepath.Join(root, "layouts/demand.html"))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, root, "layouts/demand.html", strings.Replace(string(b), "<h1", `<h1 class="edited"`, 1))
		}, func(r reload) {
			if !has(r.Changed, "/demands/russia-lift-sanctions/") || has(r.Changed, "/actors/russia/") {
				t.Errorf("changed %v, want the demand pages only", r.Changed)
			}
		}, func() {
			if _, body := get(t, d.url+"/demands/russia-lift-sanctions/"); !strings.Contains(body, `<h1 class="edited">`) {
				t.Error("the page does not show the layout edit")
			}
		}},
	}
	for _, s := range steps {
		s.do()
		r := decodeReload(t, next(t, ev, "reload"))
		if s.want != nil {
			s.want(r)
		}
		for r.More { // the second phase, for the whole-site pages
			r = decodeReload(t, next(t, ev, "reload"))
		}
		if s.then != nil {
			s.then()
		}
		if t.Failed() {
			t.Fatalf("after step %q; stdout:\n%s\nstderr:\n%s", s.name, d.stdout, d.stderr)
		}
	}

	// Break a frontmatter field: the browser gets every problem with its
	// position and source line, the terminal prints them, and the last
	// good page stays served.
	writeFile(t, root, demand, "---\ntitle: Lift sanctions\nsummary: A demand.\nactor: rusia\ntopic: sanctions\n---\nBroken.\n")
	p := next(t, ev, "problems")
	var pe struct{ Problems []server.Problem }
	if err := json.Unmarshal([]byte(p.data), &pe); err != nil || len(pe.Problems) == 0 {
		t.Fatalf("problems event %q: %v", p.data, err)
	}
	got := pe.Problems[0]
	if got.Pos != demand+":4:8" || got.Source != "actor: rusia" || !strings.Contains(got.Msg, `unknown actor "rusia"`) {
		t.Errorf("problem %+v, want %s:4:8 with its source line", got, demand)
	}
	if !strings.Contains(d.stderr.String(), demand+":4:8: unknown actor") {
		t.Errorf("terminal did not print the problem:\n%s", d.stderr)
	}
	if _, body := get(t, d.url+"/demands/russia-lift-sanctions/"); !strings.Contains(body, "Saved the safe way.") {
		t.Error("the last good page is not served while the build is broken")
	}

	// Fix it: the problems clear and the page reloads.
	writeFile(t, root, demand, front+"Fixed.\n")
	if p := next(t, ev, "problems"); p.data != `{"problems":[]}` {
		t.Errorf("after the fix got problems %s", p.data)
	}
	if r := decodeReload(t, next(t, ev, "reload")); !has(r.Changed, "/demands/russia-lift-sanctions/") {
		t.Errorf("after the fix changed %v", r.Changed)
	}

	// Serve mode never writes an output folder.
	if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
		t.Errorf("serve wrote public/: %v", err)
	}
	// Shutting down ends the event stream and frees the port.
	if err := d.stop(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	for range ev {
	}
	if c, err := d.ln.Accept(); !errors.Is(err, net.ErrClosed) {
		if c != nil {
			c.Close()
		}
		t.Errorf("listener not closed after shutdown: Accept gave %v", err)
	}
}

// TestServeBrokenFirstBuild checks that a site broken from the start is
// served as a placeholder with its problems, and appears once fixed.
func TestServeBrokenFirstBuild(t *testing.T) {
	t.Parallel()
	files := goodBriefs()
	files["content/actors/russia.md"] = "---\ntitle: Russia\nsumary: typo\n---\n"
	root := realSite(t, files)
	d := startServe(t, root, build.Options{})
	if code, _ := get(t, d.url+"/"); code != http.StatusServiceUnavailable {
		t.Errorf("status %d before any good build, want 503", code)
	}
	ev := d.events(t)
	if p := next(t, ev, "problems"); !strings.Contains(p.data, "content/actors/russia.md:3:1") {
		t.Errorf("problems %s, want the typo's position", p.data)
	}
	writeFile(t, root, "content/actors/russia.md", goodBriefs()["content/actors/russia.md"])
	if r := decodeReload(t, next(t, ev, "reload")); !r.All {
		t.Errorf("first good build: reload %+v, want all", r)
	}
	if code, _ := get(t, d.url+"/"); code != 200 {
		t.Errorf("status %d after the fix", code)
	}
}

func TestServeFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"serve", "-addr", "256.1.1.1:0"}, ExitUsage, "explainer serve:"},
		{[]string{"serve", "stray"}, ExitUsage, "unexpected argument"},
		{[]string{"serve", "-nope"}, ExitUsage, "flag provided but not defined"},
	}
	for _, tt := range tests {
		code, _, stderr := run(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.err) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.err)
		}
	}
}

// TestServeShutdownLeavesNoGoroutine stops serve with a browser's event
// stream open and checks that no goroutine of the watcher, fsnotify, the
// server or the serve loop is left. It does not run in parallel, so the
// goroutines of other serve tests are not yet running.
func TestServeShutdownLeavesNoGoroutine(t *testing.T) {
	d := startServe(t, realSite(t, goodBriefs()), build.Options{})
	ev := d.events(t)
	if code, _ := get(t, d.url+"/"); code != 200 {
		t.Fatalf("status %d", code)
	}
	if err := d.stop(); err != nil {
		t.Fatal(err)
	}
	for range ev {
	}
	http.DefaultClient.CloseIdleConnections()
	ours := []string{"explainer/internal/watch.", "explainer/internal/server.", "fsnotify.", "cli.serveSite"}
	deadline := time.Now().Add(10 * time.Second)
	for {
		buf := make([]byte, 1<<20)
		stacks := string(buf[:runtime.Stack(buf, true)])
		var left []string
		for _, g := range strings.Split(stacks, "\n\n") {
			if strings.Contains(g, "TestServeShutdownLeavesNoGoroutine") {
				continue // this test's own goroutine
			}
			for _, o := range ours {
				if strings.Contains(g, o) {
					left = append(left, g)
					break
				}
			}
		}
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left after shutdown:\n%s", len(left), strings.Join(left, "\n\n"))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestServedAt checks the URL serve prints is one a browser opens: an
// address on every interface becomes the loopback address, with a word
// that other machines reach it too.
func TestServedAt(t *testing.T) {
	tests := []struct {
		addr, base, want string
	}{
		{"127.0.0.1:1313", "/", "http://127.0.0.1:1313/"},
		{"0.0.0.0:4000", "/", "http://127.0.0.1:4000/, and on port 4000 of this machine's network addresses"},
		{"[::]:4000", "/summit/", "http://127.0.0.1:4000/summit/, and on port 4000 of this machine's network addresses"},
		{"[::1]:4000", "/", "http://[::1]:4000/"},
		{"192.0.2.7:80", "/", "http://192.0.2.7:80/"},
	}
	for _, tt := range tests {
		addr, err := net.ResolveTCPAddr("tcp", tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := servedAt(addr, tt.base); got != tt.want {
			t.Errorf("servedAt(%s, %s) = %q, want %q", tt.addr, tt.base, got, tt.want)
		}
	}
}

// TestServeAllInterfaces runs serve on 0.0.0.0 with a random port and
// fetches the URL it prints.
func TestServeAllInterfaces(t *testing.T) {
	t.Parallel()
	d := startServeAt(t, realSite(t, goodBriefs()), build.Options{}, "0.0.0.0:0")
	_, port, _ := net.SplitHostPort(d.ln.Addr().String())
	url := "http://127.0.0.1:" + port + "/"
	want := "at " + url + ", and on port " + port + " of this machine's network addresses (Ctrl-C to stop)\n"
	if out := d.stdout.String(); !strings.Contains(out, want) {
		t.Fatalf("stdout %q does not contain %q", out, want)
	}
	if code, _ := get(t, url); code != 200 {
		t.Errorf("GET %s: status %d", url, code)
	}
}

// TestServeWarnings checks that warnings do not stop serve: the first
// build is published (a failed one would leave the 503 placeholder, with
// the overlay) and the warnings are printed in the terminal. That the
// overlay leaves warnings out is server.TestProblems.
func TestServeWarnings(t *testing.T) {
	t.Parallel()
	d := startServe(t, realSite(t, warnBriefs()), build.Options{})
	if code, _ := get(t, d.url+"/"); code != 200 {
		t.Errorf("status %d with warnings only, want 200", code)
	}
	const warning = "content/topics/sanctions.md:9:12: warning: source title ends in an ellipsis"
	if !strings.Contains(d.stderr.String(), warning) {
		t.Errorf("terminal did not print the warning:\n%s", d.stderr)
	}
}
