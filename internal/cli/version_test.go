package cli

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionText(t *testing.T) {
	t.Parallel()
	vcs := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	tests := []struct {
		name   string
		linked string
		info   *debug.BuildInfo
		want   string
	}{
		{"no build info", "dev", nil, "explainer dev\n"},
		{"go install of a release", "dev", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}},
			"explainer v1.2.3\nbuilt with go1.26.0\n"},
		{"checkout with changes", "dev", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs", "git", "vcs.revision", "0964e24abc", "vcs.time", "2026-12-04T17:00:00Z", "vcs.modified", "true")},
			"explainer (devel)\nrevision 0964e24abc (modified: built with uncommitted changes)\ncommitted 2026-12-04T17:00:00Z\nbuilt with go1.26.0\n"},
		{"clean checkout", "dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs.revision", "0964e24abc", "vcs.modified", "false")},
			"explainer (devel)\nrevision 0964e24abc\n"},
		{"version set at link time wins", "v9.9.9", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			"explainer v9.9.9\n"},
	}
	for _, tt := range tests {
		if got := versionText(tt.linked, tt.info); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestVersionCommand runs the command: it reads this test binary's real
// build info, which always records the Go version.
func TestVersionCommand(t *testing.T) {
	t.Parallel()
	code, stdout, _ := run("version")
	if code != ExitOK || !strings.HasPrefix(stdout, "explainer ") || !strings.Contains(stdout, "built with "+runtime.Version()) {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	if code, _, stderr := run("version", "x"); code != ExitUsage || !strings.Contains(stderr, `unexpected argument "x"`) {
		t.Errorf("version x: exit %d, stderr %q", code, stderr)
	}
}
