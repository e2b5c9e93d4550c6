package build

import (
	"io/fs"
	"os"
	"testing"

	"github.com/explainer/explainer/internal/scaffold"
	"github.com/explainer/explainer/internal/theme"
)

// testSite is a site the page checks run on: the
// repository's, and the one explainer init writes, each over the
// built-in theme.
type testSite struct {
	name string
	fsys fs.FS
}

func testSites(t *testing.T) []testSite {
	t.Helper()
	repoSite(t)
	newSite, err := scaffold.Site(scaffold.DefaultTitle)
	if err != nil {
		t.Fatal(err)
	}
	return []testSite{
		{"repository", theme.Over(os.DirFS("../.."))},
		{"explainer init", theme.Over(newSite)},
	}
}
