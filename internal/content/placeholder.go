package content

import (
	"bytes"
	"io/fs"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/explainer/explainer/internal/diag"
)

// Placeholder marks a frontmatter value that a writer has still to
// replace: explainer new writes "TODO: summary". Any frontmatter string
// that contains it, in capitals, is a placeholder. In a published brief a
// placeholder is an error (readers would see it); in a draft it is
// allowed, and Placeholders lists it for check -strict.
const Placeholder = "TODO"

// placeholderNodes returns the value nodes under n whose text holds
// Placeholder, in document order. Mapping keys are not values.
func placeholderNodes(n *yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.ScalarNode:
			if strings.Contains(n.Value, Placeholder) {
				out = append(out, n)
			}
		case yaml.MappingNode:
			for i := 1; i < len(n.Content); i += 2 {
				walk(n.Content[i])
			}
		case yaml.SequenceNode, yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c)
			}
		}
	}
	walk(n)
	return out
}

// publishedPlaceholders reports each placeholder of a brief that is not
// a draft as an error.
func (d *decoder) publishedPlaceholders(root *yaml.Node, f fields) {
	if f.Draft {
		return
	}
	for _, n := range placeholderNodes(root) {
		d.errf(n, "placeholder %q in a published brief: write the value, or keep the brief a draft with draft: true", n.Value)
	}
}

// Placeholders lists every placeholder left in the frontmatter of the
// drafts under content/ in fsys, for check -strict (the published briefs'
// placeholders are errors of the load already). Files that cannot be
// read or parsed are skipped: the load reports them.
//
// It reads the files again rather than keeping the drafts' frontmatter
// from the load, which sets drafts aside; once diagnostics have a
// warning severity, the decoder can report these as warnings instead.
func Placeholders(fsys fs.FS) diag.List {
	var ignored, out diag.List
	var ld Loader
	for _, e := range ld.walk(fsys, &ignored) {
		src, err := fs.ReadFile(fsys, e.file)
		if err != nil {
			continue
		}
		src = bytes.ReplaceAll(bytes.TrimPrefix(src, bom), crlf, []byte("\n"))
		fr := splitFront(e.file, src, &ignored)
		if fr.root == nil || !isDraft(fr.root) {
			continue
		}
		for _, n := range placeholderNodes(fr.root) {
			out.Addf(fr.pos(e.file, n), "placeholder %q in a draft: write the value before publishing", n.Value)
		}
	}
	out.Sort()
	return out
}

// isDraft reports whether a frontmatter mapping sets draft: true.
func isDraft(root *yaml.Node) bool {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "draft" {
			var b bool
			return root.Content[i+1].Decode(&b) == nil && b
		}
	}
	return false
}
