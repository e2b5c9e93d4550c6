package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/explainer/explainer/internal/editorfile"
)

// site makes a site root with content/, layouts/ and static/ holding one
// file each, and a public/ output folder.
func site(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range []string{"content/a.md", "content/demands/d.md", "layouts/base.html", "static/style.css", "public/index.html"} {
		write(t, root, f, "x")
	}
	return root
}

func write(t *testing.T, root, rel, s string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func start(t *testing.T, root string, opts Options, add func(string) error) *Watcher {
	t.Helper()
	opts.Root, opts.Dirs = root, []string{"content", "layouts", "static"}
	if opts.Quiet == 0 {
		opts.Quiet = 10 * time.Millisecond
	}
	w, err := newWatcher(opts, add)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// next returns the next batch, failing after a generous bound.
func next(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b := <-w.Batches():
		return b
	case <-time.After(10 * time.Second):
		t.Fatal("no batch within 10s")
	}
	return Batch{}
}

// until collects batches until every wanted path has been seen, and
// returns them.
func until(t *testing.T, w *Watcher, want ...string) []Batch {
	t.Helper()
	seen := map[string]bool{}
	var bs []Batch
	for {
		missing := false
		for _, p := range want {
			missing = missing || !seen[p]
		}
		if !missing {
			return bs
		}
		b := next(t, w)
		bs = append(bs, b)
		for _, p := range b.Paths {
			seen[p] = true
		}
	}
}

func all(bs []Batch) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Paths...)
	}
	return out
}

func TestChanges(t *testing.T) {
	t.Parallel()
	rename := func(t *testing.T, root, from, to string) {
		if err := os.Rename(filepath.Join(root, from), filepath.Join(root, to)); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(t *testing.T, root, p string) {
		if err := os.RemoveAll(filepath.Join(root, p)); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		do   func(t *testing.T, root string)
		want []string // paths that must be reported
		// rescan says whether some batch must ask for a full re-read.
		rescan bool
	}{
		{"edit", func(t *testing.T, root string) { write(t, root, "content/a.md", "edited") }, []string{"content/a.md"}, false},
		{"create", func(t *testing.T, root string) { write(t, root, "content/new.md", "new") }, []string{"content/new.md"}, false},
		{"delete", func(t *testing.T, root string) { remove(t, root, "content/a.md") }, []string{"content/a.md"}, false},
		{"rename", func(t *testing.T, root string) { rename(t, root, "content/a.md", "content/b.md") },
			[]string{"content/a.md", "content/b.md"}, false},
		{"layout edit", func(t *testing.T, root string) { write(t, root, "layouts/base.html", "y") }, []string{"layouts/base.html"}, false},
		{"static edit", func(t *testing.T, root string) { write(t, root, "static/style.css", "y") }, []string{"static/style.css"}, false},
		{"vim save", func(t *testing.T, root string) {
			write(t, root, "content/.a.md.swp", "swap")
			write(t, root, "content/4913", "")
			remove(t, root, "content/4913")
			rename(t, root, "content/a.md", "content/a.md~")
			write(t, root, "content/a.md", "saved")
			remove(t, root, "content/a.md~")
		}, []string{"content/a.md"}, false},
		{"jetbrains safe write", func(t *testing.T, root string) {
			write(t, root, "content/a.md___jb_tmp___", "saved")
			rename(t, root, "content/a.md", "content/a.md___jb_old___")
			rename(t, root, "content/a.md___jb_tmp___", "content/a.md")
			remove(t, root, "content/a.md___jb_old___")
		}, []string{"content/a.md"}, false},
		{"atomic rename over", func(t *testing.T, root string) {
			write(t, root, "content/.a.md.tmp", "saved")
			rename(t, root, "content/.a.md.tmp", "content/a.md")
		}, []string{"content/a.md"}, false},
		{"new directory with files", func(t *testing.T, root string) {
			write(t, root, "content/x/y/z.md", "deep")
		}, []string{"content/x/y/z.md"}, true},
		{"directory removed", func(t *testing.T, root string) { remove(t, root, "content/demands") }, []string{"content/demands"}, true},
		{"watched folder created", func(t *testing.T, root string) {
			remove(t, root, "static")
		}, []string{"static"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := site(t)
			w := start(t, root, Options{}, nil)
			tt.do(t, root)
			bs := until(t, w, tt.want...)
			got := all(bs)
			for _, p := range got {
				if editorfile.Is(p) {
					t.Errorf("batch lists the editor file %s: %v", p, got)
				}
			}
			if tt.rescan && !slices.ContainsFunc(bs, func(b Batch) bool { return b.Rescan }) {
				t.Errorf("no batch asks for a rescan: %+v", bs)
			}
		})
	}
}

// TestNewDirectoryWatched checks that a directory created after New is
// watched: a later edit inside it is seen.
func TestNewDirectoryWatched(t *testing.T) {
	t.Parallel()
	root := site(t)
	w := start(t, root, Options{}, nil)
	write(t, root, "content/x/y/z.md", "1")
	until(t, w, "content/x/y/z.md")
	write(t, root, "content/x/y/z.md", "2")
	write(t, root, "content/x/y/later.md", "3")
	until(t, w, "content/x/y/z.md", "content/x/y/later.md")
}

// TestDirectoryRenamed checks that after a folder is renamed, files under
// its new name are watched and reported under the new name.
func TestDirectoryRenamed(t *testing.T) {
	t.Parallel()
	root := site(t)
	w := start(t, root, Options{}, nil)
	if err := os.Rename(filepath.Join(root, "content/demands"), filepath.Join(root, "content/asks")); err != nil {
		t.Fatal(err)
	}
	until(t, w, "content/demands", "content/asks")
	write(t, root, "content/asks/new.md", "n")
	bs := until(t, w, "content/asks/new.md")
	for _, p := range all(bs) {
		if strings.HasPrefix(p, "content/demands/") {
			t.Errorf("stale path %s reported after the rename", p)
		}
	}
}

// TestIgnored checks that Chmod-only events, editor files and the output
// folder never make a batch: the first batch after them holds only the
// sentinel written last.
func TestIgnored(t *testing.T) {
	t.Parallel()
	root := site(t)
	w := start(t, root, Options{}, nil)
	write(t, root, "content/.#a.md", "lock")
	write(t, root, "content/#a.md#", "autosave")
	write(t, root, "content/a.md.swx", "swap")
	write(t, root, "layouts/.goutputstream-XYZ", "gnome")
	write(t, root, "public/index.html", "output")
	write(t, root, "README.md", "not watched")
	if err := os.Chmod(filepath.Join(root, "content/a.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	write(t, root, "content/sentinel.md", "s")
	b := next(t, w)
	if want := []string{"content/sentinel.md"}; !slices.Equal(b.Paths, want) {
		t.Errorf("got %v, want %v", b.Paths, want)
	}
}

// TestBurst writes 500 files while the consumer is busy (not receiving),
// as during a build, and checks they arrive folded into very few batches.
func TestBurst(t *testing.T) {
	t.Parallel()
	root := site(t)
	w := start(t, root, Options{Quiet: 10 * time.Millisecond, MaxWait: 50 * time.Millisecond}, nil)
	var want []string
	for i := range 500 {
		p := filepath.ToSlash(filepath.Join("content", "demands", fmt.Sprintf("f%03d.md", i)))
		write(t, root, p, "burst")
		want = append(want, p)
	}
	bs := until(t, w, want...)
	if len(bs) > 3 {
		t.Errorf("500 writes gave %d batches, want at most 3", len(bs))
	}
}

// TestWatchLimit simulates the inotify watch limit on one folder: the
// Watcher warns with the sysctl to raise and polls that folder instead.
func TestWatchLimit(t *testing.T) {
	t.Parallel()
	root := site(t)
	var mu sync.Mutex
	var warnings []string
	limited := filepath.Join(root, "content", "demands")
	w := start(t, root, Options{PollInterval: 20 * time.Millisecond, Warn: func(s string) {
		mu.Lock()
		warnings = append(warnings, s)
		mu.Unlock()
	}}, func(dir string) error {
		if dir == limited {
			return syscall.ENOSPC
		}
		return nil
	})
	mu.Lock()
	if len(warnings) != 1 || !strings.Contains(warnings[0], "fs.inotify.max_user_watches") || !strings.Contains(warnings[0], "polling") {
		t.Errorf("warnings = %q, want one naming fs.inotify.max_user_watches and polling", warnings)
	}
	mu.Unlock()
	write(t, root, "content/demands/polled.md", "p")
	until(t, w, "content/demands/polled.md")
}

func TestClose(t *testing.T) {
	t.Parallel()
	w := start(t, site(t), Options{}, nil)
	w.Close()
	if _, ok := <-w.Batches(); ok {
		t.Error("Batches not closed after Close")
	}
}
