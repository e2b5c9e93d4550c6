package build

import (
	"context"
	"path/filepath"
	"testing"
)

// TestEmitRecoversAfterKill sets up what a build killed inside Emit can
// leave on disk and checks the next Emit repairs it: temporary trees are
// removed, and a tree parked by the two-rename fallback swap (used where
// there is no atomic exchange) comes back when the output is missing.
func TestEmitRecoversAfterKill(t *testing.T) {
	next := &Output{Files: map[string][]byte{"index.html": []byte("next")}}
	tests := []struct {
		name   string
		setup  map[string]string // files relative to the output's parent
		noEmit bool              // only recoverSwap, to see what it restores
		want   map[string][]byte
	}{
		{
			name:  "temporary trees of killed builds",
			setup: map[string]string{"public/index.html": "old", "public/" + MarkerFile: marker, ".public.tmp-1/index.html": "half", ".public.tmp-2/a/b.html": "half"},
			want:  withMarker(next.Files),
		},
		{
			name:   "parked tree restored when the output is missing",
			setup:  map[string]string{".public.old/index.html": "old", ".public.old/x/index.html": "x"},
			noEmit: true,
			want:   map[string][]byte{"index.html": []byte("old"), "x/index.html": []byte("x")},
		},
		{
			name:   "parked tree dropped when the new one is in place",
			setup:  map[string]string{"public/index.html": "new", ".public.old/index.html": "old"},
			noEmit: true,
			want:   map[string][]byte{"index.html": []byte("new")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			writeTestFiles(t, parent, tt.setup)
			dir := filepath.Join(parent, "public")
			if tt.noEmit {
				recoverSwap(dir)
			} else if err := Emit(context.Background(), next, dir, EmitOptions{}); err != nil {
				t.Fatal(err)
			}
			got := readTree(t, dir)
			if len(got) != len(tt.want) {
				t.Errorf("got files %v, want %v", keysOf(got), keysOf(tt.want))
			}
			for p, b := range tt.want {
				if string(got[p]) != string(b) {
					t.Errorf("%s = %q, want %q", p, got[p], b)
				}
			}
			assertNoTemp(t, parent)
		})
	}
}

// TestEmitRefusesRoot is the regression test for -out /: Emit tried to
// swap the file system root (the rename failed with EBUSY).
func TestEmitRefusesRoot(t *testing.T) {
	err := Emit(context.Background(), &Output{Files: map[string][]byte{"index.html": []byte("x")}}, "/", EmitOptions{})
	if err == nil || err.Error() != "emit: / is a file system root, which cannot be replaced" {
		t.Errorf("got %v, want a refusal", err)
	}
}
