package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"github.com/explainer/explainer/internal/diag"
)

// front is a file's frontmatter as a YAML node tree, with the file line on
// which its data starts, so node positions map back to the file.
type front struct {
	root      *yaml.Node // a mapping node; nil when absent or broken
	startLine int        // file line of the first line of data
	delimLine int        // file line of the opening delimiter
	body      []byte
	bodyOff   int // byte offset of body in the file
}

// pos converts a node's position to a file position.
func (f *front) pos(file string, n *yaml.Node) diag.Pos {
	return diag.Pos{File: file, Line: f.startLine + n.Line - 1, Col: n.Column}
}

type fmKind int

const (
	fmYAML fmKind = iota + 1
	fmTOML
)

// splitFront finds the frontmatter with adrg/frontmatter and decodes it
// into nodes. It reports missing, unterminated and malformed frontmatter.
func splitFront(file string, src []byte, l *diag.List) *front {
	var (
		data []byte
		kind fmKind
	)
	capture := func(k fmKind) frontmatter.UnmarshalFunc {
		return func(b []byte, _ any) error {
			data, kind = append([]byte(nil), b...), k
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture(fmYAML)),
		frontmatter.NewFormat("---yaml", "---", capture(fmYAML)),
		frontmatter.NewFormat("+++", "+++", capture(fmTOML)),
		frontmatter.NewFormat("---toml", "---", capture(fmTOML)),
	}
	rest, err := frontmatter.Parse(bytes.NewReader(src), nil, formats...)
	f := &front{body: src}
	delim, delimText := firstLine(src)
	f.delimLine, f.startLine = delim, delim+1
	if err != nil {
		l.Addf(diag.Pos{File: file, Line: 1, Col: 1}, "reading frontmatter: %v", err)
		return f
	}
	if kind == 0 {
		switch delimText {
		case "---", "+++", "---yaml", "---toml":
			l.Addf(diag.Pos{File: file, Line: delim, Col: 1},
				"unterminated frontmatter: no closing %q line", closing(delimText))
		default:
			l.Add(diag.Pos{File: file, Line: 1, Col: 1},
				"missing frontmatter: a brief starts with a --- (YAML) or +++ (TOML) block holding at least title and summary")
		}
		return f
	}
	f.body = rest
	f.bodyOff = len(src) - len(rest)
	switch kind {
	case fmYAML:
		f.root = decodeYAML(file, data, f, l)
	case fmTOML:
		f.root = decodeTOML(file, data, f, l)
	}
	return f
}

func closing(open string) string {
	if open == "+++" {
		return "+++"
	}
	return "---"
}

// firstLine returns the 1-based number and trimmed text of the first
// non-blank line, as adrg/frontmatter sees it.
func firstLine(src []byte) (int, string) {
	n := 1
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		line := src
		if i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return n, string(t)
		}
		n++
	}
	return 1, ""
}

var yamlLineRE = regexp.MustCompile(`line (\d+): (.*)`)

func decodeYAML(file string, data []byte, f *front, l *diag.List) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		pos := diag.Pos{File: file, Line: f.delimLine, Col: 1}
		if line > 0 {
			pos = diag.Pos{File: file, Line: f.startLine + line - 1, Col: indentCol(data, line)}
		}
		l.Addf(pos, "malformed YAML frontmatter: %s", msg)
		return nil
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		l.Add(f.pos(file, root), "frontmatter must be a mapping of keys to values")
		return nil
	}
	return root
}

// indentCol returns the column of the first non-space byte of a 1-based line.
func indentCol(data []byte, line int) int {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 1
	}
	s := lines[line-1]
	return len(s) - len(bytes.TrimLeft(s, " \t")) + 1
}

func decodeTOML(file string, data []byte, f *front, l *diag.List) *yaml.Node {
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		var pe toml.ParseError
		pos := diag.Pos{File: file, Line: f.delimLine, Col: 1}
		msg := err.Error()
		if errors.As(err, &pe) {
			pos = diag.Pos{File: file, Line: f.startLine + pe.Position.Line - 1, Col: max(pe.Position.Col, 1)}
			msg = pe.Message
		}
		l.Addf(pos, "malformed TOML frontmatter: %s", msg)
		return nil
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	seen := map[string]bool{}
	positions := tomlKeyPositions(data)
	for _, k := range md.Keys() {
		top := k[0]
		if seen[top] {
			continue
		}
		seen[top] = true
		line, col := 1, 1
		if p, ok := positions[top]; ok {
			line, col = p[0], p[1]
		}
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: top, Line: line, Column: col}
		root.Content = append(root.Content, key, tomlNode(m[top], line, col))
	}
	return root
}

// tomlKeyPositions finds, in one pass, the line and column where each
// top-level key is first written: `key = ...`, `"key" = ...`, `[key]`,
// `[key.sub]` or `[[key]]`. TOML decoders give no key positions.
func tomlKeyPositions(data []byte) map[string][2]int {
	pos := map[string][2]int{}
	for i, line := range bytes.Split(data, []byte("\n")) {
		rest := bytes.TrimLeft(line, " \t")
		col := len(line) - len(rest) + 1
		table := len(rest) > 0 && rest[0] == '['
		if table {
			rest = bytes.TrimLeft(bytes.TrimPrefix(rest[1:], []byte("[")), " \t")
		}
		key, after := tomlKey(rest)
		after = bytes.TrimLeft(after, " \t")
		if key == "" || len(after) == 0 {
			continue
		}
		if c := after[0]; (table && (c == ']' || c == '.')) || (!table && c == '=') {
			if _, seen := pos[key]; !seen {
				pos[key] = [2]int{i + 1, col}
			}
		}
	}
	return pos
}

// tomlKey reads a bare or double-quoted key at the start of b.
func tomlKey(b []byte) (string, []byte) {
	if len(b) > 0 && b[0] == '"' {
		if j := bytes.IndexByte(b[1:], '"'); j >= 0 {
			return string(b[1 : 1+j]), b[2+j:]
		}
		return "", nil
	}
	j := 0
	for j < len(b) && (b[j] == '_' || b[j] == '-' || b[j] >= '0' && b[j] <= '9' || b[j] >= 'a' && b[j] <= 'z' || b[j] >= 'A' && b[j] <= 'Z') {
		j++
	}
	return string(b[:j]), b[j:]
}

// tomlNode converts a decoded TOML value into a node placed at line:col.
func tomlNode(v any, line, col int) *yaml.Node {
	n := &yaml.Node{Line: line, Column: col}
	scalar := func(tag, val string) *yaml.Node {
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, tag, val
		return n
	}
	switch t := v.(type) {
	case string:
		return scalar("!!str", t)
	case int64:
		return scalar("!!int", strconv.FormatInt(t, 10))
	case float64:
		return scalar("!!float", strconv.FormatFloat(t, 'g', -1, 64))
	case bool:
		return scalar("!!bool", strconv.FormatBool(t))
	case time.Time:
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
			return scalar("!!timestamp", t.Format("2006-01-02"))
		}
		return scalar("!!timestamp", t.Format(time.RFC3339))
	case []map[string]any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range t {
			n.Content = append(n.Content, tomlNode(e, line, col))
		}
	case []any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range t {
			n.Content = append(n.Content, tomlNode(e, line, col))
		}
	case map[string]any:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n.Content = append(n.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: col},
				tomlNode(t[k], line, col))
		}
	default:
		return scalar("!!str", fmt.Sprint(t))
	}
	return n
}
