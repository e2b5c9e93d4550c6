package newfiles

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Result says what Copy did with each file, by slash path relative to the
// destination folder.
type Result struct {
	Written []string
	// Skipped already existed and were left as they are.
	Skipped []string
}

// Copy copies every file of fsys into the folder root, creating folders as
// needed. It never overwrites: a path that already exists (a file, a
// folder or a link, even a dangling one) is skipped and listed. It stops
// at the first failure to read or write, returning what it did until then.
func Copy(fsys fs.FS, root string) (Result, error) {
	var done Result
	err := fs.WalkDir(fsys, ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		wrote, err := create(dst, b)
		switch {
		case err != nil:
			return err
		case wrote:
			done.Written = append(done.Written, p)
		default:
			done.Skipped = append(done.Skipped, p)
		}
		return nil
	})
	return done, err
}

// create writes a new file, reporting false without touching it when
// something already exists at path.
func create(path string, b []byte) (bool, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return false, fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return false, fmt.Errorf("write %s: %w", path, err)
	}
	return true, nil
}
