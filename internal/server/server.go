package server

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/explainer/explainer/internal/build"
)

// Reserved paths under the site's base path. No generated page uses them.
const (
	EventsPath = "__explainer/events"
	ScriptPath = "__explainer/live.js"
)

// Options configure a Server.
type Options struct {
	// Base is the site's base path, ending in "/" ("/" or "/summit/").
	Base string
	// Host is the host name or address being served ("127.0.0.1"); it is
	// allowed in Host headers besides loopback names and IP addresses.
	Host string
	// KeepAlive is the interval of keep-alive comments on event streams
	// (default 15s).
	KeepAlive time.Duration
	// WriteTimeout bounds each write to an event stream (default 10s): a
	// browser that stops reading cannot hold its handler in a write
	// forever.
	WriteTimeout time.Duration
}

// Server serves one site. Create it with New.
type Server struct {
	opts Options
	// id names this server instance in event ids, so a browser that
	// reconnects to a restarted server knows to reload.
	id string

	mu       sync.RWMutex
	out      *build.Output
	problems []Problem
	clients  map[*client]bool
	seq      int
	closed   bool
}

// New returns a Server with nothing published yet: until the first
// Publish, pages answer 503 with a placeholder that shows the overlay.
func New(opts Options) *Server {
	if opts.Base == "" {
		opts.Base = "/"
	}
	if opts.KeepAlive <= 0 {
		opts.KeepAlive = 15 * time.Second
	}
	if opts.WriteTimeout <= 0 {
		opts.WriteTimeout = 10 * time.Second
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	return &Server{opts: opts, id: hex.EncodeToString(b[:]), clients: map[*client]bool{}}
}

// Publish makes out the served site, clears any problems and tells every
// browser which URLs changed. changed lists output paths; nil means all.
func (s *Server) Publish(out *build.Output, changed []string) {
	s.publish(out, changed, false)
}

// PublishFirst is Publish for the first phase of a two-phase rebuild: its
// event tells browsers that a second one follows.
func (s *Server) PublishFirst(out *build.Output, changed []string) {
	s.publish(out, changed, true)
}

func (s *Server) publish(out *build.Output, changed []string, more bool) {
	s.mu.Lock()
	first := s.out == nil
	hadProblems := len(s.problems) > 0
	s.out, s.problems = out, nil
	s.mu.Unlock()
	if hadProblems {
		s.broadcast("problems", problemsEvent{Problems: []Problem{}})
	}
	ev := reloadEvent{All: first || changed == nil, More: more}
	if !ev.All {
		ev.Changed = make([]string, 0, len(changed))
		for _, p := range changed {
			ev.Changed = append(ev.Changed, s.url(p))
		}
	}
	if ev.All || len(ev.Changed) > 0 {
		s.broadcast("reload", ev)
	}
}

// Fail records the problems of a failed build: the last good site stays
// served and every browser overlays the problems on it.
func (s *Server) Fail(problems []Problem) {
	if problems == nil {
		problems = []Problem{}
	}
	s.mu.Lock()
	s.problems = problems
	s.mu.Unlock()
	s.broadcast("problems", problemsEvent{Problems: problems})
}

// url maps an output path to its URL: "x/index.html" to "/base/x/".
func (s *Server) url(p string) string {
	if p == "index.html" {
		return s.opts.Base
	}
	if strings.HasSuffix(p, "/index.html") {
		return s.opts.Base + strings.TrimSuffix(p, "index.html")
	}
	return s.opts.Base + p
}

// ServeHTTP serves the event stream, the live-reload script and the site.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.allowedHost(r.Host) {
		http.Error(w, "explainer serve: Host "+r.Host+" is not allowed (DNS rebinding defence); use 127.0.0.1 or localhost", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, s.opts.Base) {
		if p+"/" == s.opts.Base {
			http.Redirect(w, r, s.opts.Base, http.StatusMovedPermanently)
			return
		}
		if p == "/" {
			// The site lives under a path (its base_url's): the root
			// leads there. Not permanent: another site may be served here.
			http.Redirect(w, r, s.opts.Base, http.StatusFound)
			return
		}
		s.notFound(w, r)
		return
	}
	rel := strings.TrimPrefix(p, s.opts.Base)
	switch rel {
	case EventsPath:
		s.events(w, r)
		return
	case ScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(liveJS)
		return
	}
	s.file(w, r, rel)
}

// allowedHost reports whether a Host header names this server: a loopback
// name or address, or the host served. When the server listens on every
// interface (Host "0.0.0.0" or "::"), any IP address is allowed too, as
// other machines reach it by address. A DNS name other than localhost is
// refused: that is what a DNS-rebinding page would send.
func (s *Server) allowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	ip := net.ParseIP(host)
	switch {
	case host == "localhost", strings.HasSuffix(host, ".localhost"):
		return true
	case ip != nil && ip.IsLoopback():
		return true
	case ip != nil && s.opts.Host != "" && net.ParseIP(s.opts.Host) != nil && net.ParseIP(s.opts.Host).IsUnspecified():
		return true
	}
	return s.opts.Host != "" && host == strings.ToLower(strings.Trim(s.opts.Host, "[]"))
}

// file serves one file of the current output.
func (s *Server) file(w http.ResponseWriter, r *http.Request, rel string) {
	s.mu.RLock()
	out := s.out
	s.mu.RUnlock()
	if out == nil {
		s.placeholder(w, r)
		return
	}
	clean := strings.TrimPrefix(path.Clean("/"+rel), "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		clean = strings.TrimPrefix(clean+"/index.html", "/")
	}
	if clean != rel && strings.TrimSuffix(clean, "index.html") != rel {
		// Only canonical paths are served: no dot segments, no doubled
		// slashes.
		s.notFound(w, r)
		return
	}
	b, ok := out.Files[clean]
	if !ok {
		if _, dir := out.Files[clean+"/index.html"]; dir {
			target := s.opts.Base + clean + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r)
		return
	}
	s.write(w, r, clean, b, http.StatusOK)
}

// notFound serves the site's 404 page, or a plain one: the 404.html
// nearest the requested path, so that a missing page of a language
// edition (/uk/x/) gets that edition's (uk/404.html).
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	out := s.out
	s.mu.RUnlock()
	if out != nil {
		rel := strings.TrimPrefix(path.Clean("/"+r.URL.Path), strings.TrimSuffix(s.opts.Base, "/"))
		for dir := path.Dir(strings.TrimPrefix(rel, "/")); ; dir = path.Dir(dir) {
			name := "404.html"
			if dir != "." && dir != "/" {
				name = dir + "/404.html"
			}
			if b, ok := out.Files[name]; ok {
				s.write(w, r, name, b, http.StatusNotFound)
				return
			}
			if dir == "." || dir == "/" {
				break
			}
		}
	}
	http.NotFound(w, r)
}

// write sends a file, injecting the script into HTML.
func (s *Server) write(w http.ResponseWriter, r *http.Request, name string, b []byte, code int) {
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = http.DetectContentType(b)
	}
	if isHTML(ct) {
		b = Inject(b, s.opts.Base+ScriptPath)
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Length", fmt.Sprint(len(b)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b)
	}
}

func isHTML(ct string) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	return mt == "text/html"
}

// placeholder answers page requests before any build has succeeded.
func (s *Server) placeholder(w http.ResponseWriter, r *http.Request) {
	const page = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Site has errors</title></head><body>
<main><h1>The site has errors</h1><p>Fix them and this page reloads by itself.</p></main>
</body></html>`
	s.write(w, r, "index.html", []byte(page), http.StatusServiceUnavailable)
}

// Inject returns page with a script tag loading src inserted right after
// the <head> start tag. A page without one (a fragment) is returned as is.
// page is never modified.
func Inject(page []byte, src string) []byte {
	i := headEnd(page)
	if i < 0 {
		return page
	}
	tag := `<script src="` + src + `" defer></script>`
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// headEnd returns the offset just past the <head> start tag, or -1.
func headEnd(page []byte) int {
	lower := bytes.ToLower(page[:min(len(page), 4096)])
	for off := 0; ; {
		i := bytes.Index(lower[off:], []byte("<head"))
		if i < 0 {
			return -1
		}
		i += off + len("<head")
		if i < len(lower) && (lower[i] == '>' || lower[i] == ' ' || lower[i] == '\t' || lower[i] == '\n' || lower[i] == '\r') {
			j := bytes.IndexByte(lower[i:], '>')
			if j < 0 {
				return -1
			}
			return i + j + 1
		}
		off = i
	}
}
