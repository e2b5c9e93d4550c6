package theme

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func mapFS(files ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for _, f := range files {
		name, data, _ := strings.Cut(f, "=")
		m[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

func testOverlay() *Overlay {
	site := mapFS("content/_index.md=home", "layouts/base.html=site base", "layouts/partials/mine.html=mine", "static/style.css=site css")
	th := mapFS("layouts/base.html=theme base", "layouts/demand.html=theme demand", "layouts/partials/meta.html=meta", "static/style.css=theme css", "static/vendor/x.js=x")
	return New(site, th)
}

// TestOverlayFS runs the standard library's file system checks: every
// file is found by Open, ReadFile, Stat, ReadDir and walking, consistently.
func TestOverlayFS(t *testing.T) {
	t.Parallel()
	o := testOverlay()
	want := []string{"content/_index.md", "layouts/base.html", "layouts/demand.html",
		"layouts/partials/meta.html", "layouts/partials/mine.html", "static/style.css", "static/vendor/x.js"}
	if err := fstest.TestFS(o, want...); err != nil {
		t.Fatal(err)
	}
	var got []string
	_ = fs.WalkDir(o, ".", func(p string, de fs.DirEntry, err error) error {
		if err == nil && !de.IsDir() {
			got = append(got, p)
		}
		return err
	})
	if !slices.Equal(got, want) {
		t.Errorf("walk found %q, want %q", got, want)
	}
}

// TestOverlayPrecedence checks that the site's file wins, the theme fills
// in, and Origin names each.
func TestOverlayPrecedence(t *testing.T) {
	t.Parallel()
	o := testOverlay()
	tests := []struct {
		name, data, origin string
	}{
		{"layouts/base.html", "site base", "layouts/base.html"},
		{"layouts/demand.html", "theme demand", "theme:layouts/demand.html"},
		{"static/style.css", "site css", "static/style.css"},
		{"static/vendor/x.js", "x", "theme:static/vendor/x.js"},
		{"theme:layouts/base.html", "theme base", "theme:layouts/base.html"},
		{"content/_index.md", "home", "content/_index.md"},
	}
	for _, tt := range tests {
		b, err := fs.ReadFile(o, tt.name)
		if err != nil || string(b) != tt.data {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", tt.name, b, err, tt.data)
		}
		f, err := o.Open(tt.name)
		if err != nil {
			t.Errorf("Open(%s): %v", tt.name, err)
			continue
		}
		st, _ := f.Stat()
		f.Close()
		if st.Size() != int64(len(tt.data)) {
			t.Errorf("Open(%s) has size %d, want %d", tt.name, st.Size(), len(tt.data))
		}
		if got := o.Origin(tt.name); got != tt.origin {
			t.Errorf("Origin(%s) = %q, want %q", tt.name, got, tt.origin)
		}
	}
	for _, name := range []string{"layouts/none.html", "theme:content/_index.md", "nothing"} {
		if _, err := fs.ReadFile(o, name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("ReadFile(%s): %v, want not exist", name, err)
		}
		if got := o.Origin(name); got != name {
			t.Errorf("Origin(%s) = %q", name, got)
		}
	}
}

// TestOverlayKeepsSiteErrors checks that a site file the site cannot read
// is reported, not replaced by the theme's file.
func TestOverlayKeepsSiteErrors(t *testing.T) {
	t.Parallel()
	denied := errors.New("permission denied")
	o := New(failFS{err: denied}, mapFS("layouts/base.html=theme"))
	if _, err := fs.ReadFile(o, "layouts/base.html"); !errors.Is(err, denied) {
		t.Errorf("ReadFile: %v, want the site's error", err)
	}
	if _, err := o.Open("layouts/base.html"); !errors.Is(err, denied) {
		t.Errorf("Open: %v, want the site's error", err)
	}
	if _, err := o.ReadDir("layouts"); !errors.Is(err, denied) {
		t.Errorf("ReadDir: %v, want the site's error", err)
	}
}

// failFS fails every operation with err.
type failFS struct{ err error }

func (f failFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: f.err}
}

// TestBuiltinTheme checks that the embedded theme has what every site
// needs: a base layout, a layout for every page kind, and a stylesheet.
func TestBuiltinTheme(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"layouts/base.html", "layouts/home.html", "layouts/actor.html", "layouts/demand.html",
		"layouts/topic.html", "layouts/page.html", "layouts/section.html", "layouts/404.html", "static/style.css"} {
		if _, err := fs.Stat(FS(), f); err != nil {
			t.Errorf("the built-in theme has no %s: %v", f, err)
		}
	}
}
