package server

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzPath sends arbitrary request paths (and raw query strings) to the
// handler. It must never panic; a 200 must carry exactly one file of the
// output, the one the path names canonically; a redirect must stay under
// the base path; anything else is a 404, and never a file.
func FuzzPath(f *testing.F) {
	for _, p := range []string{
		"/summit/", "/summit/actors/x/", "/summit/actors/x", "/summit/../etc/passwd", "/summit/%2e%2e/x",
		"/summit//x", "/summit/actors\\x", "/summit/a\x00b", "/summit/__explainer/live.js", "/", "/summit",
		"/summit/style.css", "/summit/404.html", "/summit/actors/x/index.html",
	} {
		f.Add(p, "")
	}
	f.Add("/summit/actors/x", "a=1&b=%00")
	s := New(Options{Base: "/summit/"})
	out := site()
	s.Publish(out, nil)
	f.Fuzz(func(t *testing.T, p, query string) {
		r := &http.Request{
			Method: "GET", Host: "127.0.0.1", Header: http.Header{},
			URL: &url.URL{Path: p, RawQuery: query}, RequestURI: p,
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		body := w.Body.Bytes()
		switch w.Code {
		case http.StatusOK:
			if p == "/summit/"+ScriptPath {
				return
			}
			rel := strings.TrimPrefix(p, "/summit/")
			if rel == "" || strings.HasSuffix(rel, "/") {
				rel += "index.html"
			}
			want, ok := out.Files[rel]
			if !ok {
				t.Fatalf("200 for %q, which names no file", p)
			}
			if !bytes.Equal(body, want) && !bytes.Equal(body, Inject(want, "/summit/"+ScriptPath)) {
				t.Fatalf("200 for %q with other bytes than %s", p, rel)
			}
		case http.StatusMovedPermanently, http.StatusFound:
			if w.Code == http.StatusFound && p != "/" {
				t.Fatalf("302 for %q: only the root leads to the base path", p)
			}
			loc := w.Header().Get("Location")
			if !strings.HasPrefix(loc, "/summit/") || strings.Contains(loc, "/../") || strings.HasPrefix(loc, "//") {
				t.Fatalf("%q redirects to %q", p, loc)
			}
		case http.StatusNotFound:
			if !bytes.Contains(body, []byte("not found page")) {
				t.Fatalf("404 for %q without the 404 page", p)
			}
		default:
			t.Fatalf("status %d for %q", w.Code, p)
		}
	})
}
