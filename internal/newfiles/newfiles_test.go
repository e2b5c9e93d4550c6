package newfiles

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

// TestCopyNeverOverwrites copies a tree over a folder holding a file, a
// dangling link and a folder at three of its paths: those are skipped and
// left as they were, the rest written.
func TestCopyNeverOverwrites(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "a", "folder.txt"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "a", "file.txt"), []byte("mine"), 0o644))
	must(os.Symlink("nowhere", filepath.Join(dir, "link.txt")))
	src := fstest.MapFS{
		"a/file.txt":   {Data: []byte("new")},
		"a/folder.txt": {Data: []byte("new")},
		"link.txt":     {Data: []byte("new")},
		"a/b/deep.txt": {Data: []byte("deep")},
		"top.txt":      {Data: []byte("top")},
	}
	res, err := Copy(src, dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a/b/deep.txt", "top.txt"}; !slices.Equal(res.Written, want) {
		t.Errorf("written %q, want %q", res.Written, want)
	}
	if want := []string{"a/file.txt", "a/folder.txt", "link.txt"}; !slices.Equal(res.Skipped, want) {
		t.Errorf("skipped %q, want %q", res.Skipped, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a", "file.txt")); string(b) != "mine" {
		t.Errorf("a/file.txt is now %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "nowhere")); err == nil {
		t.Error("the dangling link was followed")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a", "b", "deep.txt")); string(b) != "deep" {
		t.Errorf("a/b/deep.txt is %q", b)
	}
}
