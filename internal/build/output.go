package build

import (
	"bytes"
	"sort"
)

// Output is a built site: file paths relative to the output root, with
// slashes ("actors/russia/index.html"), mapped to their bytes.
type Output struct {
	Files map[string][]byte
	// Pages counts the HTML pages rendered.
	Pages int
}

// Paths returns every file path, sorted.
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
