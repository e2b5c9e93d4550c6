package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The tests in this file are the dev server's load and abuse tests (issue
// 7, docs/reliability.md). They are bounded in count and time and stop by
// themselves.

// openStreams opens n event streams and returns their events; cancel
// closes them all.
func openStreams(t *testing.T, ts *httptest.Server, n int) ([]<-chan event, context.CancelFunc) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	chans := make([]<-chan event, n)
	for i := range chans {
		req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/"+EventsPath, nil)
		res, err := ts.Client().Do(req)
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		ch := readEvents(res.Body, 128)
		chans[i] = ch
	}
	return chans, cancel
}

// settle waits until the number of goroutines is back to at most want.
func settle(want int) int {
	deadline := time.Now().Add(10 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func heap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestManyClientsManyRebuilds connects 200 live-reload clients and
// publishes 50 rebuilds: every client gets every reload, in order; the
// heap does not grow with the number of rebuilds; and once the clients
// leave and the server closes, no goroutine is left behind.
func TestManyClientsManyRebuilds(t *testing.T) {
	const clients, rebuilds = 200, 50
	base := runtime.NumGoroutine()
	s := New(Options{KeepAlive: time.Hour})
	s.Publish(site(), nil)
	ts := httptest.NewServer(s)
	chans, cancel := openStreams(t, ts, clients)
	defer cancel()
	waitClients(t, s, clients)
	for i, ch := range chans {
		if ev := recv(t, ch); ev.name != "hello" {
			t.Fatalf("client %d: first event %q, want hello", i, ev.name)
		}
	}
	var heapAt10 uint64
	for r := range rebuilds {
		if r == 10 {
			heapAt10 = heap()
		}
		s.Publish(site(), []string{fmt.Sprintf("p%d/index.html", r)})
		want := fmt.Sprintf(`{"changed":["/p%d/"]}`, r)
		for i, ch := range chans {
			if ev := recv(t, ch); ev.name != "reload" || ev.data != want {
				t.Fatalf("rebuild %d, client %d: got %s %s, want reload %s", r, i, ev.name, ev.data, want)
			}
		}
	}
	if grew := int64(heap()) - int64(heapAt10); grew > 8<<20 {
		t.Errorf("heap grew by %d KB over 40 rebuilds", grew>>10)
	}
	cancel()
	waitClients(t, s, 0)
	s.Close()
	ts.Close()
	ts.Client().CloseIdleConnections()
	if n := settle(base); n > base {
		t.Errorf("%d goroutines left, %d before the test", n, base)
	}
}

// TestPathAbuse sends hostile request targets over a real connection, so
// Go's own request parsing is part of the test. None may be answered
// with a file: the server holds only the output, in memory, and serves
// only canonical paths of it.
func TestPathAbuse(t *testing.T) {
	s := New(Options{Base: "/summit/"})
	s.Publish(site(), nil)
	ts := httptest.NewServer(s)
	defer ts.Close()
	targets := []string{
		"/summit/../../../etc/passwd",
		"/summit/%2e%2e/%2e%2e/etc/passwd",
		"/summit/%2E%2E%2Fetc%2Fpasswd",
		"/summit/..%2f..%2f..%2fetc%2fpasswd",
		"/summit/..\\..\\..\\etc\\passwd",
		"/summit/%5c..%5c..%5cetc%5cpasswd",
		"/summit/actors/%00/index.html",
		"/summit/index.html%00.css",
		"/summit/style.css%00",
		"//etc/passwd",
		"/summit//etc/passwd",
		"/summit/C:/Windows/win.ini",
		"/summit/C:%5cWindows%5cwin.ini",
		"/etc/passwd",
		"http://127.0.0.1/summit/../../etc/passwd",
		"/summit/./index.html",
		"/summit/%2e/index.html",
		"/summit/actors/x%2f..%2f..%2findex.html",
		"/summit/actors/x/..;/index.html",
		"/summit/" + strings.Repeat("a/", 4000),
		"/summit/" + strings.Repeat("../", 4000) + "etc/passwd",
		"*",
		"../../etc/passwd",
	}
	for _, target := range targets {
		t.Run(fmt.Sprintf("%.40s", target), func(t *testing.T) {
			status, header, body := rawGet(t, ts.Listener.Addr().String(), target, "127.0.0.1")
			switch status {
			case 400, 404, 414, 431:
			case 301:
				loc := header.Get("Location")
				if !strings.HasPrefix(loc, "/summit/") || strings.Contains(loc, "..") || strings.Contains(loc, "//") {
					t.Errorf("redirect to %q", loc)
				}
			default:
				t.Errorf("status %d for %q; body %.200q", status, target, body)
			}
			if strings.Contains(body, "root:") || strings.Contains(body, "actor x") {
				t.Errorf("body %.200q", body)
			}
		})
	}
	// The same files under their canonical paths are served.
	if status, _, body := rawGet(t, ts.Listener.Addr().String(), "/summit/actors/x/", "127.0.0.1"); status != 200 || !strings.Contains(body, "actor x") {
		t.Errorf("canonical path: status %d, body %.100q", status, body)
	}
}

// rawGet sends one GET with the target exactly as given.
func rawGet(t *testing.T, addr, target, host string) (int, http.Header, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the response: %v", err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(b)
}

// TestForeignHostGetsNoStream checks the DNS-rebinding defence on the
// live-reload stream: a page on another site that resolves its own name
// to 127.0.0.1 sends its own Host, and gets neither events nor files.
func TestForeignHostGetsNoStream(t *testing.T) {
	s := New(Options{Host: "127.0.0.1"})
	s.Publish(site(), nil)
	ts := httptest.NewServer(s)
	defer ts.Close()
	addr := ts.Listener.Addr().String()
	for _, host := range []string{"evil.example", "evil.example:1313", "127.0.0.1.nip.io", "localhost.evil.example", "", "[::1].evil", "10.0.0.1", "192.168.1.5:1313"} {
		for _, target := range []string{"/" + EventsPath, "/", "/" + ScriptPath} {
			status, header, body := rawGet(t, addr, target, host)
			if status != http.StatusForbidden && status != http.StatusBadRequest {
				t.Errorf("Host %q, %s: status %d, want 403", host, target, status)
			}
			if header.Get("Content-Type") == "text/event-stream" || strings.Contains(body, "home") {
				t.Errorf("Host %q, %s: got content", host, target)
			}
		}
	}
	if n := s.Clients(); n != 0 {
		t.Errorf("%d streams open to foreign hosts", n)
	}
}

// TestStalledReaderReleased opens an event stream and never reads it,
// then publishes big events until the connection backs up: Publish must
// never block on it, the client must be dropped, and its handler must
// return rather than hang in a write forever.
func TestStalledReaderReleased(t *testing.T) {
	s := New(Options{KeepAlive: time.Hour, WriteTimeout: 200 * time.Millisecond})
	s.Publish(site(), nil)
	ts := httptest.NewServer(s)
	defer ts.Close()
	base := runtime.NumGoroutine()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /%s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", EventsPath)
	waitClients(t, s, 1)
	changed := make([]string, 5000)
	for i := range changed {
		changed[i] = fmt.Sprintf("a-rather-long-path-to-fill-the-socket/%d/index.html", i)
	}
	for range 4 * clientBuffer {
		s.Publish(site(), changed) // must not block
	}
	waitClients(t, s, 0)
	if n := settle(base); n > base {
		t.Errorf("%d goroutines, %d before the stalled client: its handler is stuck in a write", n, base)
	}
}
