package theme

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// Overlay is a site's folder laid over a theme: each path is looked up in
// the site first and in the theme second, and a folder lists the entries
// of both (the site's where both have a name). It implements fs.FS,
// fs.ReadDirFS, fs.ReadFileFS and fs.StatFS, and is safe for concurrent
// use when both layers are.
//
// An error from the site other than "does not exist" (permission denied,
// a file where a folder should be) is returned as is: the theme never
// hides a problem with the site's own files.
type Overlay struct {
	site, theme fs.FS
}

// Over lays site over the built-in theme.
func Over(site fs.FS) *Overlay { return New(site, FS()) }

// New lays site over theme; tests pass a small theme.
func New(site, theme fs.FS) *Overlay { return &Overlay{site: site, theme: theme} }

// themeName reports whether name carries Prefix, and the theme path.
func themeName(name string) (string, bool) {
	return strings.CutPrefix(name, Prefix)
}

// Origin is the name of name for diagnostics: name itself when the site
// has the file (or neither layer has it), Prefix+name when it comes from
// the theme.
func (o *Overlay) Origin(name string) string {
	if _, ok := themeName(name); ok {
		return name
	}
	if _, err := fs.Stat(o.site, name); err == nil || !notExist(err) {
		return name
	}
	if _, err := fs.Stat(o.theme, name); err == nil {
		return Prefix + name
	}
	return name
}

// Open opens name from the site, or from the theme when the site has no
// such file. A folder is opened as the union of both layers' folders.
func (o *Overlay) Open(name string) (fs.File, error) {
	f, err := lookup(o, name, fs.FS.Open)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.IsDir() {
		return f, nil
	}
	entries, err := o.ReadDir(name)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &dir{File: f, entries: entries}, nil
}

// ReadFile reads name from the site, or from the theme when the site has
// no such file.
func (o *Overlay) ReadFile(name string) ([]byte, error) { return lookup(o, name, fs.ReadFile) }

// Stat describes name in the site, or in the theme when the site has no
// such file.
func (o *Overlay) Stat(name string) (fs.FileInfo, error) { return lookup(o, name, fs.Stat) }

// lookup runs op on the site, and on the theme when the site has no such
// file; a name with Prefix goes to the theme alone.
func lookup[T any](o *Overlay, name string, op func(fs.FS, string) (T, error)) (T, error) {
	if t, ok := themeName(name); ok {
		return op(o.theme, t)
	}
	v, err := op(o.site, name)
	if notExist(err) {
		if tv, terr := op(o.theme, name); terr == nil {
			return tv, nil
		}
	}
	return v, err
}

// ReadDir lists the folder name of both layers, sorted by name; where
// both have an entry of the same name, the site's is listed.
func (o *Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	if t, ok := themeName(name); ok {
		return fs.ReadDir(o.theme, t)
	}
	se, err := fs.ReadDir(o.site, name)
	if err != nil && !notExist(err) {
		return nil, err
	}
	te, terr := fs.ReadDir(o.theme, name)
	if terr != nil {
		return se, err
	}
	if err != nil { // the theme's folder alone
		return te, nil
	}
	have := make(map[string]bool, len(se))
	for _, e := range se {
		have[e.Name()] = true
	}
	for _, e := range te {
		if !have[e.Name()] {
			se = append(se, e)
		}
	}
	slices.SortFunc(se, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return se, nil
}

func notExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// dir is a folder both layers have: the site's open folder, listing the
// union of the entries.
type dir struct {
	fs.File
	entries []fs.DirEntry
}

// ReadDir follows fs.ReadDirFile: n > 0 reads at most n entries and
// returns io.EOF at the end, n <= 0 reads the rest.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		rest := d.entries
		d.entries = nil
		return rest, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n:n]
	d.entries = d.entries[n:]
	return out, nil
}
