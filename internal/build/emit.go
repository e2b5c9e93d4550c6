package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Emit writes out into dir atomically: it writes a complete new tree into
// a temporary directory beside dir, then swaps it into place, so a reader
// (or a build killed at any moment) sees either the old tree or the new
// one, never a mix. Files that are not in out are gone afterwards. On error
// the old tree is left as it was and the temporary directory is removed.
func Emit(out *Output, dir string) error {
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
	tmp, err := os.MkdirTemp(parent, "."+name+".tmp-")
	if err != nil {
		return fmt.Errorf("emit: create temporary directory beside %s: %w", dir, err)
	}
	if err := writeTree(out, tmp); err != nil {
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

func writeTree(out *Output, root string) error {
	if err := os.Chmod(root, 0o755); err != nil {
		return fmt.Errorf("emit: %w", err)
	}
	made := map[string]bool{}
	for _, p := range out.Paths() {
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
