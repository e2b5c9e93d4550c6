package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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
	dir, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("emit: %w", err)
	}
	parent, name := filepath.Split(dir)
	if name == "" {
		return fmt.Errorf("emit: %s is a file system root, which cannot be replaced", dir)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("emit: create %s: %w", parent, err)
	}
	recoverSwap(dir)
	if !opts.Force {
		if err := CheckReplace(dir); err != nil {
			return fmt.Errorf("emit: %w", err)
		}
	}
	tmp, err := os.MkdirTemp(parent, "."+name+".tmp-")
	if err != nil {
		return fmt.Errorf("emit: create temporary directory beside %s: %w", dir, err)
	}
	if err := writeTree(ctx, out, tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := ctx.Err(); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := swap(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("emit: replace %s: %w", dir, err)
	}
	// tmp now holds the previous tree, if there was one.
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("emit: remove old output %s: %w", tmp, err)
	}
	return nil
}

// writeTree writes out and the marker under root, stopping with ctx's
// error when ctx is done.
func writeTree(ctx context.Context, out *Output, root string) error {
	if err := os.Chmod(root, 0o755); err != nil {
		return fmt.Errorf("emit: %w", err)
	}
	if err := os.WriteFile(filepath.Join(root, MarkerFile), []byte(marker), 0o644); err != nil {
		return fmt.Errorf("emit: write %s: %w", filepath.Join(root, MarkerFile), err)
	}
	made := map[string]bool{}
	for _, p := range out.Paths() {
		if err := ctx.Err(); err != nil {
			return err
		}
		full := filepath.Join(root, filepath.FromSlash(p))
		d := filepath.Dir(full)
		if !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("emit: create %s: %w", d, err)
			}
			made[d] = true
		}
		if err := os.WriteFile(full, out.Files[p], 0o644); err != nil {
			return fmt.Errorf("emit: write %s: %w", full, err)
		}
	}
	return nil
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
