package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/explainer/explainer/internal/linkcheck"
)

// MarkerFile is the file Emit writes at the root of every output folder,
// besides the site's files, so that a later Emit knows the folder is
// explainer's own and may be replaced. It is not part of an Output: the
// link check, the sitemap and serve never see it.
const MarkerFile = ".explainer-output"

// marker is MarkerFile's content: the same for every build, so that the
// output stays deterministic.
const marker = "This folder is the output of explainer build, which replaces it whole on every build.\n" +
	"explainer replaces a folder that is not empty only when this file is in it.\n"

// EmitOptions are the settings of Emit.
type EmitOptions struct {
	// Force replaces the folder even when it is not empty and has no
	// MarkerFile, deleting what is in it.
	Force bool
}

// NotOutputError is the refusal to replace a folder that explainer did
// not write: it is not empty and has no MarkerFile.
type NotOutputError struct {
	Dir string
}

func (e *NotOutputError) Error() string {
	return fmt.Sprintf("refusing to replace %s: it is not empty and has no %s file, so explainer did not write it; "+
		"choose another -out, or pass -force to replace it and delete everything in it", e.Dir, MarkerFile)
}

// CheckReplace reports whether Emit may replace dir without Force: it may
// when dir does not exist, is empty, or holds a MarkerFile. Otherwise it
// returns a *NotOutputError naming dir as given.
func CheckReplace(dir string) error {
	ents, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		if fi, serr := os.Lstat(dir); serr == nil && !fi.IsDir() {
			return fmt.Errorf("%s exists and is not a folder", dir)
		}
		return fmt.Errorf("read %s: %w", dir, err)
	case len(ents) == 0:
		return nil
	}
	if fi, err := os.Lstat(filepath.Join(dir, MarkerFile)); err == nil && fi.Mode().IsRegular() {
		return nil
	}
	return &NotOutputError{Dir: dir}
}

// Emit writes out into dir atomically: it writes a complete new tree into
// a temporary directory beside dir, then swaps it into place, so a reader
// (or a build killed at any moment) sees either the old tree or the new
// one, never a mix. Files that are not in out are gone afterwards. On error
// the old tree is left as it was and the temporary directory is removed.
//
// It never replaces a folder explainer did not write (see CheckReplace),
// unless opts.Force is set, and it writes MarkerFile into the new tree.
// When ctx is done before the swap, it stops, removes the temporary
// directory and returns ctx's error; the swap itself is not interrupted.
func Emit(ctx context.Context, out *Output, dir string, opts EmitOptions) error {
	e, err := NewEmitter(dir, opts)
	if err != nil {
		return err
	}
	return e.Commit(ctx, out)
}

// An Emitter is Emit in two steps, for a build that writes each file as
// soon as it is made (NewOnce) rather than hold the whole site until the
// end: its files go into the temporary directory beside the output
// folder as they come, and Commit writes what the Output still holds and
// swaps the directory into place, or Abort removes it. Either way the
// output folder is untouched until the swap. The temporary directory is
// made on the first write, so a build that fails before it renders
// anything leaves no trace. Its methods are safe for concurrent use; call
// Commit or Abort once, after the last write.
type Emitter struct {
	dir   string // absolute
	force bool
	// scanOnly is set for a check: it writes nothing (see ScanOnly).
	scanOnly bool
	// scan scans the HTML files for the link check.
	scan linkcheck.Scanner

	once sync.Once
	tmp  string
	dirs sync.Map // the folders under tmp made so far
	mu   sync.Mutex
	err  error // the first failure
}

// NewEmitter returns an Emitter that replaces dir. It writes nothing yet:
// the first write (or Commit) makes the temporary directory, after the
// checks Emit makes (a folder explainer did not write is refused unless
// opts.Force is set; see CheckReplace).
func NewEmitter(dir string, opts EmitOptions) (*Emitter, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("emit: %w", err)
	}
	if _, name := filepath.Split(dir); name == "" {
		return nil, fmt.Errorf("emit: %s is a file system root, which cannot be replaced", dir)
	}
	return &Emitter{dir: dir, force: opts.Force}, nil
}

// ScanOnly returns an Emitter that writes nothing: a check that keeps
// only what the link check needs of each page, not the pages.
func ScanOnly() *Emitter { return &Emitter{scanOnly: true} }

// start makes the temporary directory, once.
func (e *Emitter) start() error {
	e.once.Do(func() {
		parent, name := filepath.Split(e.dir)
		if err := os.MkdirAll(parent, 0o755); err != nil {
			e.fail(fmt.Errorf("emit: create %s: %w", parent, err))
			return
		}
		recoverSwap(e.dir)
		if !e.force {
			if err := CheckReplace(e.dir); err != nil {
				e.fail(fmt.Errorf("emit: %w", err))
				return
			}
		}
		tmp, err := os.MkdirTemp(parent, "."+name+".tmp-")
		if err != nil {
			e.fail(fmt.Errorf("emit: create temporary directory beside %s: %w", e.dir, err))
			return
		}
		e.mu.Lock()
		e.tmp = tmp
		e.mu.Unlock()
		if err := os.Chmod(tmp, 0o755); err != nil {
			e.fail(fmt.Errorf("emit: %w", err))
			return
		}
		if err := os.WriteFile(filepath.Join(tmp, MarkerFile), []byte(marker), 0o644); err != nil {
			e.fail(fmt.Errorf("emit: write %s: %w", filepath.Join(tmp, MarkerFile), err))
		}
	})
	return e.Err()
}

func (e *Emitter) fail(err error) {
	e.mu.Lock()
	if e.err == nil {
		e.err = err
	}
	e.mu.Unlock()
}

// Err returns the first write that failed, or nil.
func (e *Emitter) Err() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.err
}

// write writes one file of the output (a slash path relative to its
// root). After a failure it writes nothing more.
func (e *Emitter) write(p string, b []byte) {
	if e.scanOnly || e.start() != nil {
		return
	}
	full := filepath.Join(e.tmp, filepath.FromSlash(p))
	d := filepath.Dir(full)
	if _, ok := e.dirs.Load(d); !ok {
		if err := os.MkdirAll(d, 0o755); err != nil {
			e.fail(fmt.Errorf("emit: create %s: %w", d, err))
			return
		}
		e.dirs.Store(d, true)
	}
	if err := os.WriteFile(full, b, 0o644); err != nil {
		e.fail(fmt.Errorf("emit: write %s: %w", full, err))
	}
}

// Commit writes the files out still holds, then swaps the new tree into
// place (see Emit). On error, or when ctx is done before the swap, it
// removes the temporary directory and leaves the old tree as it was.
func (e *Emitter) Commit(ctx context.Context, out *Output) error {
	if e.scanOnly {
		return nil
	}
	err := e.start()
	for _, p := range out.Paths() {
		if err != nil {
			break
		}
		if err = ctx.Err(); err == nil {
			e.write(p, out.Files[p])
			err = e.Err()
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		e.Abort()
		return err
	}
	if err := swap(e.tmp, e.dir); err != nil {
		e.Abort()
		return fmt.Errorf("emit: replace %s: %w", e.dir, err)
	}
	// tmp now holds the previous tree, if there was one.
	if err := os.RemoveAll(e.tmp); err != nil {
		return fmt.Errorf("emit: remove old output %s: %w", e.tmp, err)
	}
	return nil
}

// Abort removes the temporary directory, if one was made: the output
// folder stays as it was.
func (e *Emitter) Abort() {
	e.once.Do(func() {}) // no directory from now on
	e.mu.Lock()
	tmp := e.tmp
	e.mu.Unlock()
	if tmp != "" {
		os.RemoveAll(tmp)
	}
}

// oldName is where the fallback swap parks the previous tree.
func oldName(dir string) string {
	parent, name := filepath.Split(dir)
	return filepath.Join(parent, "."+name+".old")
}

// recoverSwap repairs what a build killed during a fallback swap left:
// the previous tree parked under its old name, and temporary trees.
func recoverSwap(dir string) {
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		if _, err := os.Stat(oldName(dir)); err == nil {
			_ = os.Rename(oldName(dir), dir)
		}
	}
	_ = os.RemoveAll(oldName(dir))
	parent, name := filepath.Split(dir)
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+name+".tmp-") {
			_ = os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// swap puts the tree at tmp in place of dir, leaving the previous tree (if
// any) at tmp.
func swap(tmp, dir string) error {
	fi, err := os.Lstat(dir)
	if os.IsNotExist(err) {
		return os.Rename(tmp, dir)
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s exists and is not a directory", dir)
	}
	if exchange(tmp, dir) == nil {
		return nil
	}
	// No atomic exchange here: park the old tree, move the new one in.
	old := oldName(dir)
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		_ = os.Rename(old, dir)
		return err
	}
	return os.Rename(old, tmp)
}
