package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/explainer/explainer/internal/editorfile"
)

// Options configure a Watcher. Zero durations take the defaults.
type Options struct {
	// Root is the site root. Dirs are the folders under it that are
	// watched recursively ("content", "layouts", "static"); a missing one
	// is picked up when it is created.
	Root string
	Dirs []string
	// Quiet is how long no event must arrive before a Batch is sent
	// (default 10ms); MaxWait caps the wait after the first event of a
	// Batch during a steady stream (default 100ms).
	Quiet, MaxWait time.Duration
	// PollInterval is how often directories that could not be watched are
	// polled (default 1s).
	PollInterval time.Duration
	// Warn receives problems that do not stop watching, such as the watch
	// limit being reached. It is called from the Watcher's goroutine or
	// from New. Nil discards them.
	Warn func(msg string)
}

// Batch is one coalesced set of changes.
type Batch struct {
	// Paths lists the changed files and directories, relative to the
	// root, slash-separated, sorted and unique.
	Paths []string
	// Rescan is set when the tree's shape changed (a directory was
	// created, removed or renamed) or events were lost: Paths is then
	// only a hint, and every file must be re-read.
	Rescan bool
}

// Watcher watches a site's source folders. Receive from Batches until it
// is closed; call Close once to stop.
type Watcher struct {
	opts    Options
	fw      *fsnotify.Watcher
	out     chan Batch
	done    chan struct{}
	wg      sync.WaitGroup
	closing sync.Once
	// add adds one directory watch; tests replace it to simulate limits.
	add func(dir string) error

	// Owned by the loop goroutine after New returns.
	dirs    map[string]bool             // directories watched by fsnotify
	polled  map[string]map[string]stamp // directories polled instead, with their last listing
	warned  bool
	pending pending
}

// stamp is what polling compares to notice a change.
type stamp struct {
	mod  time.Time
	size int64
	dir  bool
}

// pending accumulates one Batch.
type pending struct {
	paths  map[string]bool
	rescan bool
}

func (p *pending) empty() bool { return len(p.paths) == 0 && !p.rescan }

func (p *pending) addPath(rel string) {
	if p.paths == nil {
		p.paths = map[string]bool{}
	}
	p.paths[rel] = true
}

// New starts watching. When it returns, every existing directory under
// the watched folders is watched (or polled), so any later change is seen.
func New(opts Options) (*Watcher, error) {
	return newWatcher(opts, nil)
}

func newWatcher(opts Options, add func(string) error) (*Watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = 10 * time.Millisecond
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = 100 * time.Millisecond
	}
	if opts.MaxWait < opts.Quiet {
		opts.MaxWait = opts.Quiet
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = time.Second
	}
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	opts.Root = root
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", watchErr(err))
	}
	w := &Watcher{
		opts: opts, fw: fw, out: make(chan Batch), done: make(chan struct{}),
		dirs: map[string]bool{}, polled: map[string]map[string]stamp{},
	}
	w.add = fw.Add
	if add != nil {
		w.add = add
	}
	// The root itself, not recursively: to see a watched folder appear.
	if err := w.add(root); err != nil {
		fw.Close()
		return nil, fmt.Errorf("watch %s: %w", root, watchErr(err))
	}
	w.dirs[root] = true
	for _, d := range opts.Dirs {
		w.addTree(filepath.Join(root, filepath.FromSlash(d)), nil)
	}
	w.wg.Add(1)
	go w.loop()
	return w, nil
}

// Batches delivers coalesced changes. It is closed after Close.
func (w *Watcher) Batches() <-chan Batch { return w.out }

// Close stops watching and waits for the Watcher's goroutine to end.
// Calls after the first do nothing.
func (w *Watcher) Close() error {
	var err error
	w.closing.Do(func() {
		close(w.done)
		err = w.fw.Close()
		w.wg.Wait()
	})
	return err
}

func (w *Watcher) warn(format string, args ...any) {
	if w.opts.Warn != nil {
		w.opts.Warn(fmt.Sprintf(format, args...))
	}
}

func (w *Watcher) loop() {
	defer w.wg.Done()
	defer close(w.out)
	quiet := time.NewTimer(time.Hour)
	limit := time.NewTimer(time.Hour)
	quiet.Stop()
	limit.Stop()
	defer quiet.Stop()
	defer limit.Stop()
	poll := time.NewTicker(w.opts.PollInterval)
	defer poll.Stop()
	ready := false
	var out chan Batch
	var next Batch
	for {
		if ready && !w.pending.empty() {
			out, next = w.out, Batch{Paths: w.sortedPending(), Rescan: w.pending.rescan}
		} else {
			out = nil
		}
		wasEmpty := w.pending.empty()
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			w.handle(ev)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			w.handleErr(err)
		case <-poll.C:
			w.poll()
		case <-quiet.C:
			ready = true
		case <-limit.C:
			ready = true
		case out <- next:
			w.pending = pending{}
			ready = false
			quiet.Stop()
			limit.Stop()
			continue
		}
		if w.pending.empty() || ready {
			continue
		}
		if wasEmpty {
			limit.Reset(w.opts.MaxWait)
		}
		quiet.Reset(w.opts.Quiet)
	}
}

func (w *Watcher) sortedPending() []string {
	out := make([]string, 0, len(w.pending.paths))
	for q := range w.pending.paths {
		out = append(out, q)
	}
	sort.Strings(out)
	return out
}

// rel returns name relative to the root, slash-separated, and whether it
// lies in one of the watched folders (or is one).
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.opts.Root, name)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false
	}
	r = filepath.ToSlash(r)
	top, _, _ := strings.Cut(r, "/")
	for _, d := range w.opts.Dirs {
		if top == d {
			return r, true
		}
	}
	return "", false
}

func (w *Watcher) handle(ev fsnotify.Event) {
	if ev.Op == fsnotify.Chmod {
		return
	}
	r, ok := w.rel(ev.Name)
	if !ok || editorfile.Is(ev.Name) {
		return
	}
	switch {
	case ev.Has(fsnotify.Create):
		fi, err := os.Lstat(ev.Name)
		if err == nil && fi.IsDir() {
			w.addTree(ev.Name, &w.pending)
			w.pending.rescan = true
		}
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		if w.watchedUnder(ev.Name) {
			w.pending.rescan = true
			w.resync()
		}
	}
	w.pending.addPath(r)
}

func (w *Watcher) handleErr(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		w.warn("watch: events were lost (%v); re-reading every file", err)
		w.pending.rescan = true
		w.resync()
		return
	}
	w.warn("watch: %v", err)
}

// watchedUnder reports whether dir, or a directory below it, is watched
// or polled: that is, whether a removed name was a directory.
func (w *Watcher) watchedUnder(dir string) bool {
	for _, m := range []map[string]bool{w.dirs, polledSet(w.polled)} {
		for d := range m {
			if d == dir || strings.HasPrefix(d, dir+string(filepath.Separator)) {
				return true
			}
		}
	}
	return false
}

func polledSet(p map[string]map[string]stamp) map[string]bool {
	m := make(map[string]bool, len(p))
	for d := range p {
		m[d] = true
	}
	return m
}

// addTree watches dir and every directory below it. With p set, it adds
// every file found to p: they may have been created before the watch was.
func (w *Watcher) addTree(dir string, p *pending) {
	_ = filepath.WalkDir(dir, func(name string, de fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already, or unreadable: nothing to watch
		}
		if !de.IsDir() {
			if p != nil && !editorfile.Is(name) {
				if r, ok := w.rel(name); ok {
					p.addPath(r)
				}
			}
			return nil
		}
		if w.dirs[name] || w.polled[name] != nil {
			return nil
		}
		if err := w.add(name); err != nil {
			w.fallBack(name, err)
			return nil
		}
		w.dirs[name] = true
		return nil
	})
}

// fallBack polls a directory that could not be watched.
func (w *Watcher) fallBack(dir string, err error) {
	if !w.warned {
		w.warned = true
		w.warn("watch: cannot watch %s: %v; polling it every %s instead", dir, watchErr(err), w.opts.PollInterval)
	}
	w.polled[dir] = listing(dir)
}

// watchErr explains the errors inotify gives when a limit is reached.
func watchErr(err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("%w (the limit on inotify watches is reached: raise it with sysctl fs.inotify.max_user_watches=524288)", err)
	case errors.Is(err, syscall.EMFILE):
		return fmt.Errorf("%w (the limit on inotify instances is reached: raise it with sysctl fs.inotify.max_user_instances=512)", err)
	}
	return err
}

// resync re-walks the tree after a directory vanished or events were lost:
// it drops watches whose directories are gone and adds missing ones.
// Event names after a parent's rename can be stale (fsnotify issue 694),
// so the disk is the truth.
func (w *Watcher) resync() {
	for d := range w.dirs {
		if d == w.opts.Root {
			continue
		}
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			_ = w.fw.Remove(d)
			delete(w.dirs, d)
		}
	}
	for d := range w.polled {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			delete(w.polled, d)
		}
	}
	for _, d := range w.opts.Dirs {
		w.addTree(filepath.Join(w.opts.Root, filepath.FromSlash(d)), nil)
	}
}

// listing snapshots one directory's entries for polling.
func listing(dir string) map[string]stamp {
	m := map[string]stamp{}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return m
	}
	for _, e := range ents {
		if fi, err := e.Info(); err == nil {
			m[e.Name()] = stamp{mod: fi.ModTime(), size: fi.Size(), dir: fi.IsDir()}
		}
	}
	return m
}

// poll compares each polled directory with its last listing.
func (w *Watcher) poll() {
	for dir, old := range w.polled {
		now := listing(dir)
		for name, s := range now {
			full := filepath.Join(dir, name)
			if o, ok := old[name]; ok && o == s {
				continue
			}
			if s.dir {
				w.pending.rescan = true
				w.addTree(full, &w.pending)
			}
			if r, ok := w.rel(full); ok && !editorfile.Is(name) {
				w.pending.addPath(r)
			}
		}
		for name := range old {
			if _, ok := now[name]; !ok {
				if r, ok := w.rel(filepath.Join(dir, name)); ok && !editorfile.Is(name) {
					w.pending.addPath(r)
				}
				if old[name].dir {
					w.pending.rescan = true
				}
			}
		}
		w.polled[dir] = now
	}
	if w.pending.rescan {
		w.resync()
	}
}
