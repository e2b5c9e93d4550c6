package cli

import (
	"github.com/explainer/explainer/internal/build"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildWarnings checks that warnings alone let build write the site,
// printed on stderr, and that -strict refuses it, leaving -out as it was.
func TestBuildWarnings(t *testing.T) {
	t.Parallel()
	const warning = "content/topics/sanctions.md:4:10: warning: updated 2025-09-30 is earlier than the newest source, dated 2025-12"
	tests := []struct {
		name     string
		strict   bool
		wantCode int
		wantOut  bool // whether the site is written
	}{
		{"warnings build", false, ExitOK, true},
		{"strict refuses", true, ExitContent, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := realSite(t, warnBriefs())
			out := filepath.Join(t.TempDir(), "public")
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
			old := filepath.Join(out, "old.txt")
			if err := os.WriteFile(old, []byte("previous build"), 0o644); err != nil {
				t.Fatal(err)
			}
			// A previous build of explainer's own, which it may replace.
			if err := os.WriteFile(filepath.Join(out, build.MarkerFile), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"build", "-src", src, "-out", out}
			if tt.strict {
				args = append(args, "-strict")
			}
			code, stdout, stderr := run(args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stderr, warning+"\n") || !strings.HasSuffix(stderr, "2 warnings\n") {
				t.Errorf("stderr does not list the warnings:\n%s", stderr)
			}
			_, err := os.Stat(filepath.Join(out, "index.html"))
			if built := err == nil; built != tt.wantOut {
				t.Errorf("index.html written: %v, want %v (stdout %q)", built, tt.wantOut, stdout)
			}
			if _, err := os.Stat(old); (err == nil) == tt.wantOut {
				t.Errorf("previous output kept: %v, want %v", err == nil, !tt.wantOut)
			}
		})
	}
}
