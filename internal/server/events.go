package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// reloadEvent is the data of a "reload" event.
type reloadEvent struct {
	// Changed lists the URLs whose content changed.
	Changed []string `json:"changed,omitempty"`
	// All asks every page to reload: the first good build, or a restart.
	All bool `json:"all,omitempty"`
	// More says a second event of the same rebuild follows, for the
	// pages that show the whole site (see build.Pending).
	More bool `json:"more,omitempty"`
}

// problemsEvent is the data of a "problems" event; an empty list means
// the build is good again.
type problemsEvent struct {
	Problems []Problem `json:"problems"`
}

// client is one open event stream.
type client struct {
	ch chan []byte
	// gone is closed when the server drops the client.
	gone chan struct{}
}

// clientBuffer is how many events a client may lag behind before it is
// dropped; its browser reconnects and starts afresh.
const clientBuffer = 16

// Clients returns the number of open event streams.
func (s *Server) Clients() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.clients)
}

// Close ends every event stream and refuses new ones. Call it before (or
// from) http.Server.Shutdown, which otherwise waits for streams forever.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for c := range s.clients {
		s.drop(c)
	}
}

// drop removes a client; s.mu must be held.
func (s *Server) drop(c *client) {
	if s.clients[c] {
		delete(s.clients, c)
		close(c.gone)
	}
}

// broadcast sends one event to every client without blocking: a client
// whose buffer is full is dropped.
func (s *Server) broadcast(name string, data any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	msg := s.frame(name, data)
	for c := range s.clients {
		select {
		case c.ch <- msg:
		default:
			s.drop(c)
		}
	}
}

// frame encodes one event; s.mu must be held.
func (s *Server) frame(name string, data any) []byte {
	b, err := json.Marshal(data)
	if err != nil {
		panic(err) // our own event types always encode
	}
	return fmt.Appendf(nil, "id: %s-%d\nevent: %s\ndata: %s\n\n", s.id, s.seq, name, b)
}

// events streams Server-Sent Events to one browser.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := &client{ch: make(chan []byte, clientBuffer), gone: make(chan struct{})}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	// The first frames: how fast to reconnect; a hello, whose id tells
	// the browser which server instance it talks to; a reload if it last
	// talked to another one (the server restarted); the current problems.
	// A browser reconnecting by itself sends the last id as Last-Event-ID;
	// one that had to open a new stream passes it as ?last=.
	first := []byte("retry: 500\n\n")
	first = append(first, s.frame("hello", struct{}{})...)
	last := r.Header.Get("Last-Event-ID")
	if last == "" {
		last = r.URL.Query().Get("last")
	}
	if last != "" && !strings.HasPrefix(last, s.id+"-") {
		first = append(first, s.frame("reload", reloadEvent{All: true})...)
	}
	if len(s.problems) > 0 {
		first = append(first, s.frame("problems", problemsEvent{Problems: s.problems})...)
	}
	s.clients[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.drop(c)
		s.mu.Unlock()
	}()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// Every write gets a deadline: one that blocks (the browser stopped
	// reading and the socket is full) fails, and the handler returns.
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Now().Add(s.opts.WriteTimeout))
	if _, err := w.Write(first); err != nil {
		return
	}
	fl.Flush()
	tick := time.NewTicker(s.opts.KeepAlive)
	defer tick.Stop()
	for {
		var msg []byte
		select {
		case <-r.Context().Done():
			return
		case <-c.gone:
			return
		case msg = <-c.ch:
		case <-tick.C:
			msg = []byte(": keep-alive\n\n")
		}
		_ = rc.SetWriteDeadline(time.Now().Add(s.opts.WriteTimeout))
		if _, err := w.Write(msg); err != nil {
			return
		}
		fl.Flush()
	}
}
