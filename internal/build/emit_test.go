package build

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withMarker returns files and the marker Emit writes beside them.
func withMarker(files map[string][]byte) map[string][]byte {
	out := maps.Clone(files)
	out[MarkerFile] = []byte(marker)
	return out
}

// writeTestFiles writes files (slash paths relative to dir) under dir.
func writeTestFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestEmitRefusesForeignFolder checks that Emit replaces a missing or empty
// folder and its own earlier output, refuses a non-empty folder without
// the marker (leaving every file in it), and replaces it with Force.
func TestEmitRefusesForeignFolder(t *testing.T) {
	out := &Output{Files: map[string][]byte{"index.html": []byte("new")}}
	tests := []struct {
		name    string
		setup   map[string]string // files under the output folder; nil: no folder
		force   bool
		refused bool
	}{
		{name: "missing folder"},
		{name: "empty folder", setup: map[string]string{}},
		{name: "own earlier output", setup: map[string]string{"index.html": "old", "gone.html": "old", MarkerFile: marker}},
		{name: "foreign files", setup: map[string]string{"important.txt": "keep me"}, refused: true},
		{name: "a hidden foreign file", setup: map[string]string{".env": "SECRET=1"}, refused: true},
		{name: "marker is a folder", setup: map[string]string{MarkerFile + "/x": "x"}, refused: true},
		{name: "foreign files, forced", setup: map[string]string{"important.txt": "x"}, force: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			if tt.setup != nil {
				if err := os.Mkdir(dir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			writeTestFiles(t, dir, tt.setup)
			var before map[string][]byte
			if tt.setup != nil {
				before = readTree(t, dir)
			}
			err := Emit(context.Background(), out, dir, EmitOptions{Force: tt.force})
			got := readTree(t, dir)
			if tt.refused {
				var ne *NotOutputError
				if !errors.As(err, &ne) || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "-force") {
					t.Fatalf("got %v, want a refusal naming %s and -force", err, dir)
				}
				if !maps.EqualFunc(got, before, func(a, b []byte) bool { return string(a) == string(b) }) {
					t.Errorf("refused folder changed: %v -> %v", keysOf(before), keysOf(got))
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if want := withMarker(out.Files); len(got) != len(want) || string(got["index.html"]) != "new" || string(got[MarkerFile]) != marker {
					t.Errorf("got files %v, want %v", keysOf(got), keysOf(want))
				}
			}
			assertNoTemp(t, filepath.Dir(dir))
		})
	}
}

// TestEmitCancelled checks that an Emit whose context is done leaves the
// previous output as it was and no temporary folder.
func TestEmitCancelled(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	old := &Output{Files: map[string][]byte{"index.html": []byte("old")}}
	if err := Emit(context.Background(), old, dir, EmitOptions{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	next := &Output{Files: map[string][]byte{"index.html": []byte("new"), "a/index.html": []byte("a")}}
	if err := Emit(ctx, next, dir, EmitOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if got := readTree(t, dir); len(got) != 2 || string(got["index.html"]) != "old" {
		t.Errorf("old output changed: %v", keysOf(got))
	}
	assertNoTemp(t, filepath.Dir(dir))
}
