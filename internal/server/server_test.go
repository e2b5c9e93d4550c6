package server

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/explainer/explainer/internal/build"
	"github.com/explainer/explainer/internal/diag"
)

const page = "<!doctype html>\n<html lang=\"en\">\n<head>\n<title>T</title>\n</head>\n<body>%s</body>\n</html>\n"

func site() *build.Output {
	return &build.Output{Files: map[string][]byte{
		"index.html":          []byte(strings.Replace(page, "%s", "home", 1)),
		"actors/index.html":   []byte(strings.Replace(page, "%s", "actors", 1)),
		"actors/x/index.html": []byte(strings.Replace(page, "%s", "actor x", 1)),
		"404.html":            []byte(strings.Replace(page, "%s", "not found page", 1)),
		"uk/index.html":       []byte(strings.Replace(page, "%s", "головна", 1)),
		"uk/404.html":         []byte(strings.Replace(page, "%s", "сторінку не знайдено", 1)),
		"style.css":           []byte("body{color:red}"),
		"frag.html":           []byte("<p>a fragment</p>"),
	}}
}

func TestServe(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, base, method, path, host string
		code                           int
		body, ctype, location          string
		script                         bool
	}{
		{name: "home", path: "/", code: 200, body: "home", ctype: "text/html; charset=utf-8", script: true},
		{name: "page", path: "/actors/x/", code: 200, body: "actor x", script: true},
		{name: "index.html", path: "/actors/x/index.html", code: 200, body: "actor x", script: true},
		{name: "css untouched", path: "/style.css", code: 200, body: "body{color:red}", ctype: "text/css; charset=utf-8"},
		{name: "fragment untouched", path: "/frag.html", code: 200, body: "<p>a fragment</p>"},
		{name: "directory redirect", path: "/actors/x", code: 301, location: "/actors/x/"},
		{name: "missing gets 404 page", path: "/nope/", code: 404, body: "not found page", script: true},
		{name: "missing in a language edition gets its 404 page", path: "/uk/nope/x/", code: 404, body: "сторінку не знайдено", script: true},
		{name: "missing beside an edition gets the site's", path: "/ukx/", code: 404, body: "not found page", script: true},
		{name: "dot segments", path: "/actors/../index.html", code: 404, body: "not found page", script: true},
		{name: "traversal", path: "/../content/_index.md", code: 404, script: true},
		{name: "double slash", path: "/actors//x/", code: 404, script: true},
		{name: "source not served", path: "/content/_index.md", code: 404, script: true},
		{name: "script", path: "/__explainer/live.js", code: 200, body: "EventSource", ctype: "text/javascript; charset=utf-8"},
		{name: "head", method: "HEAD", path: "/", code: 200},
		{name: "post refused", method: "POST", path: "/", code: 405},
		{name: "foreign host", path: "/", host: "evil.example:1313", code: 403},
		{name: "localhost", path: "/", host: "localhost:1313", code: 200, body: "home", script: true},
		{name: "ipv6 loopback", path: "/", host: "[::1]:1313", code: 200, body: "home", script: true},
		{name: "served host", path: "/", host: "devbox:1313", code: 200, body: "home", script: true},
		{name: "other address", path: "/", host: "192.0.2.7:1313", code: 403},
		{name: "rebinding name", path: "/", host: "attacker.example", code: 403},
		{name: "loopback range", path: "/", host: "127.0.0.2:1313", code: 200, body: "home", script: true},
		{name: "base path", base: "/summit/", path: "/summit/actors/x/", code: 200, body: "actor x", script: true},
		{name: "base path redirect", base: "/summit/", path: "/summit", code: 301, location: "/summit/"},
		{name: "root leads to the base path", base: "/summit/", path: "/", code: 302, location: "/summit/"},
		{name: "outside base path", base: "/summit/", path: "/actors/x/", code: 404, body: "not found page", script: true},
		{name: "edition 404 under a base path", base: "/summit/", path: "/summit/uk/nope/", code: 404, body: "сторінку не знайдено", script: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := New(Options{Base: tt.base, Host: "devbox"})
			out := site()
			s.Publish(out, nil)
			method := tt.method
			if method == "" {
				method = "GET"
			}
			r := httptest.NewRequest(method, "http://127.0.0.1:1313"+tt.path, nil)
			if tt.host != "" {
				r.Host = tt.host
			}
			// httptest.NewRequest cleans nothing, but keep raw paths raw.
			r.URL.Path = tt.path
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			res := w.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.code {
				t.Fatalf("status %d, want %d (body %q)", res.StatusCode, tt.code, body)
			}
			if !strings.Contains(string(body), tt.body) {
				t.Errorf("body %q does not contain %q", body, tt.body)
			}
			if tt.ctype != "" && res.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type %q, want %q", res.Header.Get("Content-Type"), tt.ctype)
			}
			if tt.location != "" && res.Header.Get("Location") != tt.location {
				t.Errorf("Location %q, want %q", res.Header.Get("Location"), tt.location)
			}
			script := s.opts.Base + ScriptPath
			if got := strings.Contains(string(body), script); got != tt.script {
				t.Errorf("script injected: %v, want %v", got, tt.script)
			}
			for p, b := range out.Files {
				if strings.Contains(string(b), ScriptPath) {
					t.Errorf("output file %s was modified: it holds the script", p)
				}
			}
		})
	}
}

func TestInject(t *testing.T) {
	t.Parallel()
	tag := `<script src="/s.js" defer></script>`
	tests := []struct{ name, in, want string }{
		{"plain", "<html><head><title>x</title>", "<html><head>" + tag + "<title>x</title>"},
		{"attributes and case", "<HTML><HEAD lang=en>\n<title>x", "<HTML><HEAD lang=en>" + tag + "\n<title>x"},
		{"header is not head", "<header>x</header>", "<header>x</header>"},
		{"header then head", "<header></header><head>", "<header></header><head>" + tag},
		{"fragment", "<p>x</p>", "<p>x</p>"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		in := []byte(tt.in)
		if got := string(Inject(in, "/s.js")); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
		if string(in) != tt.in {
			t.Errorf("%s: input modified", tt.name)
		}
	}
}

func TestPlaceholderBeforeFirstBuild(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "http://127.0.0.1/", nil))
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), ScriptPath) {
		t.Errorf("got %d %q, want 503 with the live script", w.Code, w.Body.String())
	}
}

// event is one Server-Sent Event as a browser sees it.
type event struct{ id, name, data string }

// stream opens the event stream and returns its events as they arrive.
func stream(t *testing.T, srv *httptest.Server, lastID string) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/"+EventsPath, nil)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	ch := readEvents(res.Body, 64)
	if ev := recv(t, ch); ev.name != "hello" || ev.id == "" {
		t.Fatalf("first event %s %s, want hello", ev.name, ev.data)
	}
	return ch
}

// readEvents parses a Server-Sent Events body as a browser does and sends
// each event (comments as name "comment") on the returned channel, which
// is closed when the body ends.
func readEvents(body io.ReadCloser, size int) <-chan event {
	ch := make(chan event, size)
	go func() {
		defer close(ch)
		defer body.Close()
		sc := bufio.NewScanner(body)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" || ev.data != "" {
					ch <- ev
				}
				ev = event{}
			case strings.HasPrefix(line, ": "):
				ch <- event{name: "comment", data: line[2:]}
			case strings.HasPrefix(line, "id: "):
				ev.id = line[4:]
			case strings.HasPrefix(line, "event: "):
				ev.name = line[7:]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[6:]
			}
		}
	}()
	return ch
}

func recv(t *testing.T, ch <-chan event) event {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("stream closed")
		}
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5s")
	}
	return event{}
}

// waitClients waits until the server has n open streams.
func waitClients(t *testing.T, s *Server, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for s.Clients() != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d clients, want %d", s.Clients(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestEvents(t *testing.T) {
	t.Parallel()
	s := New(Options{Base: "/"})
	s.Publish(site(), nil)
	srv := httptest.NewServer(s)
	defer srv.Close()
	defer s.Close() // ends the streams, which srv.Close waits for
	ch := stream(t, srv, "")
	waitClients(t, s, 1)

	s.Publish(site(), []string{"actors/x/index.html", "style.css", "index.html"})
	ev := recv(t, ch)
	if want := `{"changed":["/actors/x/","/style.css","/"]}`; ev.name != "reload" || ev.data != want {
		t.Errorf("got %s %s, want reload %s", ev.name, ev.data, want)
	}

	bad := []Problem{{File: "content/a.md", Line: 2, Col: 8, Pos: "content/a.md:2:8", Msg: "unknown actor", Source: "actor: rusia"}}
	s.Fail(bad)
	ev = recv(t, ch)
	var pe problemsEvent
	if err := json.Unmarshal([]byte(ev.data), &pe); err != nil || ev.name != "problems" || len(pe.Problems) != 1 || pe.Problems[0].Pos != "content/a.md:2:8" {
		t.Errorf("got %s %s, want the problem", ev.name, ev.data)
	}

	// A browser opening a page while the build is broken sees the problems
	// at once, and the last good site is still served.
	late := stream(t, srv, "")
	if ev := recv(t, late); ev.name != "problems" || !strings.Contains(ev.data, "unknown actor") {
		t.Errorf("late client got %s %s, want the problems", ev.name, ev.data)
	}
	res, err := srv.Client().Get(srv.URL + "/actors/x/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "actor x") {
		t.Errorf("while broken: %d %q, want the last good page", res.StatusCode, body)
	}

	// Fixed: the problems clear, then the changed pages reload.
	s.Publish(site(), []string{"actors/x/index.html"})
	for _, c := range []<-chan event{ch, late} {
		if ev := recv(t, c); ev.name != "problems" || ev.data != `{"problems":[]}` {
			t.Errorf("got %s %s, want empty problems", ev.name, ev.data)
		}
		if ev := recv(t, c); ev.name != "reload" || ev.data != `{"changed":["/actors/x/"]}` {
			t.Errorf("got %s %s, want the reload", ev.name, ev.data)
		}
	}
}

// TestRestart checks that a browser reconnecting with an event id from
// another server instance is told to reload, and one from this instance
// is not.
func TestRestart(t *testing.T) {
	t.Parallel()
	s := New(Options{KeepAlive: 5 * time.Millisecond})
	s.Publish(site(), nil)
	srv := httptest.NewServer(s)
	defer srv.Close()
	defer s.Close() // ends the streams, which srv.Close waits for
	if ev := recv(t, stream(t, srv, "0123456789ab-7")); ev.name != "reload" || ev.data != `{"all":true}` {
		t.Errorf("got %s %s, want reload all", ev.name, ev.data)
	}
	res, err := srv.Client().Get(srv.URL + "/" + EventsPath + "?last=0123456789ab-9")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	buf := make([]byte, 4096)
	n, _ := io.ReadAtLeast(res.Body, buf, 1)
	for !strings.Contains(string(buf[:n]), "event: reload") && n < len(buf) {
		m, err := res.Body.Read(buf[n:])
		if err != nil {
			break
		}
		n += m
	}
	if !strings.Contains(string(buf[:n]), "event: reload\ndata: {\"all\":true}") {
		t.Errorf("a new stream with ?last= from another instance got %q, want reload all", buf[:n])
	}
	if ev := recv(t, stream(t, srv, s.id+"-3")); ev.name != "comment" || ev.data != "keep-alive" {
		t.Errorf("got %s %s, want only a keep-alive", ev.name, ev.data)
	}
}

// TestSlowClientDropped checks that a client that stops reading is dropped
// instead of blocking the broadcast.
func TestSlowClientDropped(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	c := &client{ch: make(chan []byte, clientBuffer), gone: make(chan struct{})}
	s.clients[c] = true
	for range clientBuffer + 1 {
		s.Publish(site(), []string{"index.html"})
	}
	select {
	case <-c.gone:
	default:
		t.Fatal("slow client not dropped")
	}
	if n := s.Clients(); n != 0 {
		t.Errorf("%d clients, want 0", n)
	}
}

// TestShutdown checks that Close ends open streams so that
// http.Server.Shutdown returns.
func TestShutdown(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	s.Publish(site(), nil)
	srv := httptest.NewUnstartedServer(s)
	srv.Config.RegisterOnShutdown(s.Close)
	srv.Start()
	ch := stream(t, srv, "")
	waitClients(t, s, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Config.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	for range ch {
	}
	srv.Close()
}

func TestProblems(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{"content/a.md": {Data: []byte("\xef\xbb\xbf---\r\ntitle: A\r\nactor: rusia\r\n---\r\n\tПутин сказал [x](../actors/rusia.md)\n")}}
	l := diag.List{
		{Pos: diag.Pos{File: "content/a.md", Line: 3, Col: 8}, Msg: `unknown actor "rusia"`, Notes: []diag.Note{{Pos: diag.Pos{File: "content/b.md", Line: 1}, Msg: "see"}}},
		{Pos: diag.Pos{File: "content/a.md", Line: 1, Col: 1}, Msg: "first"},
		{Pos: diag.Pos{File: "content/a.md", Line: 99}, Msg: "past the end"},
		{Pos: diag.Pos{File: "content/a.md", Line: 5, Col: 19}, Msg: "link to missing file"},
		{Pos: diag.Pos{File: "content/a.md", Line: 3, Col: 15}, Msg: "after the end of the line"},
		{Pos: diag.Pos{File: "-base-url"}, Msg: "bad base URL"},
		{Pos: diag.Pos{File: "content/gone.md", Line: 1}, Msg: "gone"},
		{Pos: diag.Pos{File: "content/a.md", Line: 2, Col: 1}, Msg: "stale", Severity: diag.Warning},
		{Pos: diag.Pos{File: "content/a.md", Line: 2, Col: 1}, Msg: "no translation yet", Severity: diag.Info},
	}
	got := Problems(fsys, l) // the warning and the info are left out
	want := []Problem{
		{File: "content/a.md", Line: 3, Col: 8, Pos: "content/a.md:3:8", Msg: `unknown actor "rusia"`, Source: "actor: rusia", Caret: "       ^", Notes: []string{"content/b.md:1: see"}},
		{File: "content/a.md", Line: 1, Col: 1, Pos: "content/a.md:1:1", Msg: "first", Source: "---", Caret: "^"},
		{File: "content/a.md", Line: 99, Pos: "content/a.md:99", Msg: "past the end"},
		// The caret stands under the link's destination: one blank a
		// character (not a byte), the tab kept.
		{File: "content/a.md", Line: 5, Col: 19, Pos: "content/a.md:5:19", Msg: "link to missing file", Source: "\tПутин сказал [x](../actors/rusia.md)", Caret: "\t                 ^"},
		{File: "content/a.md", Line: 3, Col: 15, Pos: "content/a.md:3:15", Msg: "after the end of the line", Source: "actor: rusia", Caret: "              ^"},
		{File: "-base-url", Pos: "-base-url", Msg: "bad base URL"},
		{File: "content/gone.md", Line: 1, Pos: "content/gone.md:1", Msg: "gone"},
	}
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) {
		t.Errorf("got  %s\nwant %s", gj, wj)
	}
}

// TestAllowedHost checks the DNS-rebinding defence for each way of
// binding.
func TestAllowedHost(t *testing.T) {
	t.Parallel()
	tests := []struct {
		bound, host string
		want        bool
	}{
		{"127.0.0.1", "127.0.0.1:1313", true},
		{"127.0.0.1", "localhost:1313", true},
		{"127.0.0.1", "app.localhost", true},
		{"127.0.0.1", "[::1]:1313", true},
		{"127.0.0.1", "192.0.2.7:1313", false},
		{"127.0.0.1", "rebind.attacker.example:1313", false},
		{"0.0.0.0", "192.0.2.7:1313", true},
		{"0.0.0.0", "rebind.attacker.example:1313", false},
		{"::", "[2001:db8::1]:1313", true},
		{"192.0.2.7", "192.0.2.7:1313", true},
		{"192.0.2.7", "192.0.2.8:1313", false},
		{"devbox", "DevBox.:1313", true},
	}
	for _, tt := range tests {
		s := New(Options{Host: tt.bound})
		if got := s.allowedHost(tt.host); got != tt.want {
			t.Errorf("bound to %s, Host %s: allowed %v, want %v", tt.bound, tt.host, got, tt.want)
		}
	}
}
