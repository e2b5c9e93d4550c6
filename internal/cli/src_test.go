package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSrcMissing checks that a -src that is not a folder is a usage error
// of exactly one line, before git or the loader run: nothing on stdout,
// no git warning, exit 2.
func TestSrcMissing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nonexistent")
	file := filepath.Join(t.TempDir(), "README.md")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"check", []string{"check", "-src", missing}, "explainer check: -src " + missing + ": no such folder\n"},
		{"check json", []string{"check", "-format", "json", "-src", missing}, "explainer check: -src " + missing + ": no such folder\n"},
		{"build", []string{"build", "-src", missing, "-out", out}, "explainer build: -src " + missing + ": no such folder\n"},
		{"serve", []string{"serve", "-src", missing, "-addr", "127.0.0.1:0"}, "explainer serve: -src " + missing + ": no such folder\n"},
		{"a file", []string{"check", "-src", file}, "explainer check: -src " + file + " is a file: it names the site root, the folder holding content/\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(tt.args...)
			if code != ExitUsage || stdout != "" || stderr != tt.stderr {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, nothing, %q", code, stdout, stderr, ExitUsage, tt.stderr)
			}
		})
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("build with a missing -src wrote %s: %v", out, err)
	}
}
