package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/explainer/explainer/internal/build"
	"github.com/explainer/explainer/internal/server"
)

// The tests in this file put serve under watcher faults and slow clients
// (issue 7, docs/reliability.md). After each fault the server must still
// answer, and once the tree is good again it must serve exactly what a
// fresh build of the final tree gives.

// fresh builds the tree at src from scratch and fails on diagnostics.
func fresh(t *testing.T, src string) *build.Output {
	t.Helper()
	res := build.New().Build(siteFS(src), build.Options{})
	if len(res.Diags) > 0 {
		t.Fatalf("the final tree does not build: %s", res.Diags.Error())
	}
	return res.Output
}

// converges waits until the server serves every file of want, byte for
// byte (HTML with the live-reload script), and 404 for each of gone.
func converges(t *testing.T, d *devServer, want *build.Output, gone ...string) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	var why string
	for {
		if why = differs(t, d, want, gone); why == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server never matched a fresh build: %s", why)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func differs(t *testing.T, d *devServer, want *build.Output, gone []string) string {
	for _, p := range gone {
		if code, _ := get(t, d.url+"/"+p); code != http.StatusNotFound {
			return fmt.Sprintf("/%s: status %d, want 404", p, code)
		}
	}
	for _, p := range want.Paths() {
		code, body := get(t, d.url+"/"+p)
		b := want.Files[p]
		if code != http.StatusOK || (body != string(b) && body != string(server.Inject(b, "/"+server.ScriptPath))) {
			return fmt.Sprintf("/%s: status %d, other bytes", p, code)
		}
	}
	return ""
}

// serving checks the server still answers with the last good home page.
func serving(t *testing.T, d *devServer) {
	t.Helper()
	if code, body := get(t, d.url+"/"); code != http.StatusOK || !strings.Contains(body, "Hello.") {
		t.Fatalf("home: status %d", code)
	}
}

// problem drains older events and waits for a "problems" event that
// mentions what.
func problem(t *testing.T, ch <-chan sse, what string) {
	t.Helper()
	for {
		if ev := next(t, ch, "problems"); strings.Contains(ev.data, what) {
			return
		}
	}
}

func TestServeWatcherFaults(t *testing.T) {
	root := realSite(t, goodBriefs())
	d := startServe(t, root, build.Options{})
	ev := d.events(t)
	abs := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	t.Run("content deleted and recreated", func(t *testing.T) {
		saved := t.TempDir()
		copyTree(t, abs("content"), saved)
		must(os.RemoveAll(abs("content")))
		problem(t, ev, "content/_index.md")
		serving(t, d)
		copyTree(t, saved, abs("content"))
		writeFile(t, root, "content/actors/ukraine.md", "---\ntitle: Ukraine, recreated\nsummary: An actor.\nrole: Party\n---\nText.\n")
		converges(t, d, fresh(t, root))
	})

	t.Run("layouts deleted while serving", func(t *testing.T) {
		saved := t.TempDir()
		copyTree(t, abs("layouts"), saved)
		writeFile(t, root, "layouts/topic.html", "{{define \"main\"}}\n{{if}}{{end}}")
		problem(t, ev, "layouts/topic.html:2")
		serving(t, d)
		// Without layouts/ the site builds with the built-in theme.
		must(os.RemoveAll(abs("layouts")))
		converges(t, d, fresh(t, root))
		copyTree(t, saved, abs("layouts"))
		converges(t, d, fresh(t, root))
	})

	t.Run("file replaced by a directory", func(t *testing.T) {
		p := abs("content/topics/sanctions.md")
		b, err := os.ReadFile(p)
		must(err)
		must(os.Remove(p))
		must(os.MkdirAll(filepath.Join(p, "inner"), 0o755))
		problem(t, ev, "a directory named like a brief")
		serving(t, d)
		must(os.RemoveAll(p))
		writeFile(t, root, "content/topics/sanctions.md", string(b))
		converges(t, d, fresh(t, root))
	})

	t.Run("rename across directories", func(t *testing.T) {
		outside := filepath.Join(t.TempDir(), "russia.md")
		must(os.Rename(abs("content/actors/russia.md"), outside))
		problem(t, ev, `unknown actor \"russia\"`)
		must(os.Rename(outside, abs("content/actors/russia.md")))
		must(os.MkdirAll(abs("static/img"), 0o755))
		writeFile(t, root, "static/img/a.txt", "a")
		converges(t, d, fresh(t, root))
		must(os.Rename(abs("static/img"), abs("static/pictures")))
		converges(t, d, fresh(t, root), "img/a.txt")
	})

	t.Run("10,000 files at once", func(t *testing.T) {
		dir := abs("static/many")
		must(os.MkdirAll(dir, 0o755))
		for i := range 10000 {
			must(os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.txt", i)), []byte(fmt.Sprint(i)), 0o644))
		}
		converges(t, d, fresh(t, root))
	})
}

// TestServeSlowHeaders opens connections that send half a request and
// stall: other requests are still served, and the server closes the
// stalled ones once its read-header timeout passes.
func TestServeSlowHeaders(t *testing.T) {
	root := realSite(t, goodBriefs())
	d := startServe(t, root, build.Options{})
	addr := strings.TrimPrefix(d.url, "http://")
	var conns []net.Conn
	for range 50 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprint(c, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
		conns = append(conns, c)
	}
	serving(t, d)
	for i, c := range conns {
		_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
		b, err := io.ReadAll(bufio.NewReader(c))
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatalf("stalled connection %d still open after 30s", i)
		}
		if bytes.Contains(b, []byte("Hello.")) {
			t.Fatalf("stalled connection %d got the page", i)
		}
	}
}

// TestServeDefaultsToLoopback checks the promise that serve listens on
// 127.0.0.1 unless told otherwise: the flag's default, as the command
// itself reports it.
func TestServeDefaultsToLoopback(t *testing.T) {
	code, _, stderr := run("serve", "-h")
	if code != ExitOK || !strings.Contains(stderr, `(default "127.0.0.1:1313")`) {
		t.Errorf("exit %d; -addr default not 127.0.0.1:1313 in:\n%s", code, stderr)
	}
}
