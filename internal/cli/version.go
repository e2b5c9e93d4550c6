package cli

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

const versionUsage = `usage: explainer version

Prints the version of explainer, the VCS revision it was built from (with
"modified" when the tree had uncommitted changes), that revision's commit
time and the Go version, as the Go toolchain recorded them in the binary.
`

func runVersion(args []string, stdout, stderr io.Writer) int {
	fl := flagSet("version", stderr, versionUsage)
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprint(stdout, versionText(Version, info))
	return ExitOK
}

// versionText describes the build: the version set at link time, else
// the module version (v1.2.3 when installed with go install ...@v1.2.3,
// "(devel)" when built from a checkout), then the revision, its commit
// time and the Go version, each on its own line when known. Go does not
// record a build time (builds are reproducible); the commit time dates
// the source instead. info may be nil.
func versionText(linked string, info *debug.BuildInfo) string {
	version := linked
	if version == "dev" && info != nil && info.Main.Version != "" {
		version = info.Main.Version
	}
	var b strings.Builder
	fmt.Fprintf(&b, "explainer %s\n", version)
	if info == nil {
		return b.String()
	}
	vcs := map[string]string{}
	for _, s := range info.Settings {
		vcs[s.Key] = s.Value
	}
	if rev := vcs["vcs.revision"]; rev != "" {
		fmt.Fprintf(&b, "revision %s", rev)
		if vcs["vcs.modified"] == "true" {
			b.WriteString(" (modified: built with uncommitted changes)")
		}
		b.WriteString("\n")
	}
	if t := vcs["vcs.time"]; t != "" {
		fmt.Fprintf(&b, "committed %s\n", t)
	}
	if info.GoVersion != "" {
		fmt.Fprintf(&b, "built with %s\n", info.GoVersion)
	}
	return b.String()
}
