package build

import (
	"bytes"
	"sort"

	"github.com/explainer/explainer/internal/linkcheck"
)

// Output is a built site: file paths relative to the output root, with
// slashes ("actors/russia/index.html"), mapped to their bytes.
type Output struct {
	Files map[string][]byte
	// Pages counts the HTML pages rendered.
	Pages int
	// written holds the files a build that streams to an Emitter has
	// written already, which Files does not hold: for an HTML file what
	// the link check needs of it, for any other nil.
	written map[string]*linkcheck.Scanned
}

// Len counts the site's files, those written already included.
func (o *Output) Len() int { return len(o.Files) + len(o.written) }

// has reports whether the site has the file p, written already or not.
func (o *Output) has(p string) bool {
	if _, ok := o.Files[p]; ok {
		return true
	}
	_, ok := o.written[p]
	return ok
}

// Paths returns every file path Files holds, sorted.
func (o *Output) Paths() []string {
	out := make([]string, 0, len(o.Files))
	for p := range o.Files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Changed lists the paths whose bytes differ between old and o, including
// paths only one of them has. A nil old means everything changed.
func (o *Output) Changed(old *Output) []string {
	var out []string
	for p, b := range o.Files {
		if old == nil || !bytes.Equal(old.Files[p], b) {
			out = append(out, p)
		}
	}
	if old != nil {
		for p := range old.Files {
			if _, ok := o.Files[p]; !ok {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}
