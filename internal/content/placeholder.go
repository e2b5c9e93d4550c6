package content

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// Placeholder marks a frontmatter value that a writer has still to
// replace: explainer new writes "TODO: summary". Any frontmatter string
// that contains it, in capitals, is a placeholder. In a published brief a
// placeholder is an error (readers would see it); in a draft it is a
// warning, which check -strict fails on.
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

// placeholders reports each placeholder of a brief: a warning in a draft
// (check passes; check -strict fails), an error in a published brief.
func (d *decoder) placeholders(root *yaml.Node, f fields) {
	for _, n := range placeholderNodes(root) {
		if f.Draft {
			d.l.Warnf(d.pos(n), "placeholder %q in a draft: write the value before publishing", n.Value)
			continue
		}
		d.errf(n, "placeholder %q in a published brief: write the value, or keep the brief a draft with draft: true", n.Value)
	}
}
