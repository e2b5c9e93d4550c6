package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/tomlscan"
)

// front is a file's frontmatter as a YAML node tree, with the file line on
// which its data starts, so node positions map back to the file.
type front struct {
	root      *yaml.Node // a mapping node; nil when absent or broken
	startLine int        // file line of the first line of data
	delimLine int        // file line of the opening delimiter
	body      []byte
	bodyOff   int // byte offset of body in the file
	// lines indexes the whole file: positions found as byte offsets
	// (TOML's) go through it to count columns in characters.
	lines *diag.Lines
}

// pos converts a node's position to a file position. Node columns count
// characters, as yaml.v3 counts them and tomlNode places them.
func (f *front) pos(file string, n *yaml.Node) diag.Pos {
	return diag.Pos{File: file, Line: f.startLine + n.Line - 1, Col: n.Column}
}

// dataPos returns the file position of byte offset off in the data.
func (f *front) dataPos(off int) diag.Pos {
	return f.lines.Pos(f.lines.Offset(f.startLine) + off)
}

type fmKind int

const (
	fmYAML fmKind = iota + 1
	fmTOML
)

// splitFront finds the frontmatter of src, the file lines indexes, with
// adrg/frontmatter and decodes it into nodes. It reports missing,
// unterminated and malformed frontmatter.
func splitFront(lines *diag.Lines, src []byte, l *diag.List) *front {
	file := lines.File()
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
	// adrg/frontmatter copies all it reads; it reads only up to the end
	// of the frontmatter (and a buffer more), since the body is src's end.
	r := &frontReader{src: src, done: func() bool { return kind != 0 }}
	rest, err := frontmatter.Parse(r, nil, formats...)
	f := &front{body: src, lines: lines}
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
	// rest is what adrg read past the frontmatter: the body is src from
	// there on (which Lines keeps anyway, so no brief is held twice).
	f.bodyOff = r.n - len(rest)
	if f.bodyOff < 0 || !bytes.Equal(src[f.bodyOff:r.n], rest) {
		panic("content: adrg/frontmatter's rest is not what it read last")
	}
	f.body = src[f.bodyOff:len(src):len(src)]
	switch kind {
	case fmYAML:
		f.root = decodeYAML(file, data, f, l)
	case fmTOML:
		f.root = decodeTOML(file, data, f, l)
	}
	return f
}

// frontReader is src for adrg/frontmatter, which reports EOF once done
// says the frontmatter has been read.
type frontReader struct {
	src  []byte
	n    int // bytes read
	done func() bool
}

func (r *frontReader) Read(p []byte) (int, error) {
	if r.n == len(r.src) || r.done() {
		return 0, io.EOF
	}
	k := copy(p, r.src[r.n:])
	r.n += k
	return k, nil
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

var yamlLineRE = regexp.MustCompile(`^line (\d+): (.*)`)

func decodeYAML(file string, data []byte, f *front, l *diag.List) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		pos, msg := f.yamlError(data, err)
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

// yamlError finds where a yaml.v3 error belongs. yaml.v3 prints only a
// line, and not always the right one: it prints a parser problem's line
// 0-based, a scanner problem's 1-based, and nothing when either is on the
// first line (line 0 stands for unknown there). An unclosed quote is
// reported at the quote's line unless that is the first line, where the
// end of the stream is reported instead; the quote is what a writer must
// find, so it is located by parsing again one line down.
func (f *front) yamlError(data []byte, err error) (diag.Pos, string) {
	line, msg := yamlErrLine(err)
	switch {
	case msg == "found unexpected end of stream": // only inside a quoted scalar
		if e := yaml.Unmarshal(append([]byte("\n"), data...), new(yaml.Node)); e != nil {
			if n, _ := yamlErrLine(e); n > 1 {
				line = n - 1
			}
		}
		return f.dataPos(quoteOffset(data, line)), "a quoted value opened here is never closed"
	case strings.HasPrefix(msg, "unknown anchor '"):
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced")
		if i := bytes.Index(data, []byte("*"+name)); i >= 0 {
			return f.dataPos(i), msg
		}
	}
	return f.dataPos(lineOffset(data, line) + indent(data, line)), msg
}

// yamlErrLine returns the 1-based data line and the message of a yaml.v3
// error, correcting yaml.v3's line numbering (see yamlError).
func yamlErrLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	m := yamlLineRE.FindStringSubmatch(msg)
	if m == nil {
		return 1, msg
	}
	line, _ := strconv.Atoi(m[1])
	msg = m[2]
	for _, p := range yamlParserProblems {
		if strings.HasPrefix(msg, p) {
			line++
			break
		}
	}
	return line, msg
}

// yamlParserProblems are the messages of yaml.v3's parser (as opposed to
// its scanner), whose lines it prints 0-based.
var yamlParserProblems = []string{
	"did not find expected", "found duplicate %", "found incompatible YAML document", "found undefined tag handle",
}

// lineOffset returns the byte offset of 1-based line in data.
func lineOffset(data []byte, line int) int {
	off := 0
	for ; line > 1; line-- {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return len(data)
		}
		off += i + 1
	}
	return off
}

// indent returns the number of spaces and tabs that start 1-based line.
func indent(data []byte, line int) int {
	s := data[lineOffset(data, line):]
	if i := bytes.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return len(s) - len(bytes.TrimLeft(s, " \t"))
}

// quoteOffset returns the offset of the first quote on 1-based line that
// can open a quoted value (at the start, or after a blank or one of
// [{,:-), or of the line's first non-blank byte when there is none.
func quoteOffset(data []byte, line int) int {
	start := lineOffset(data, line)
	s := data[start:]
	if i := bytes.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	for i, c := range s {
		if (c == '"' || c == '\'') && (i == 0 || bytes.IndexByte([]byte(" \t[{,:-"), s[i-1]) >= 0) {
			return start + i
		}
	}
	return start + indent(data, line)
}

func decodeTOML(file string, data []byte, f *front, l *diag.List) *yaml.Node {
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		var pe toml.ParseError
		pos := diag.Pos{File: file, Line: f.delimLine, Col: 1}
		msg := err.Error()
		if errors.As(err, &pe) {
			pos = f.dataPos(min(max(pe.Position.Start, 0), len(data)))
			if pe.Position.Line > 0 && pos.Line != f.startLine+pe.Position.Line-1 {
				// The offset disagrees with the line: trust the line.
				pos = f.dataPos(lineOffset(data, pe.Position.Line))
			}
			msg = pe.Message
		}
		l.Addf(pos, "malformed TOML frontmatter: %s", msg)
		return nil
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	seen := map[string]bool{}
	positions := tomlKeyPositions(data)
	// at places a node at byte offset off of the data, in characters.
	at := func(n *yaml.Node, off int) *yaml.Node {
		p := f.dataPos(off)
		n.Line, n.Column = p.Line-f.startLine+1, p.Col
		return n
	}
	for _, k := range md.Keys() {
		top := k[0]
		if seen[top] {
			continue
		}
		seen[top] = true
		p := positions[top]
		if p == nil {
			// A key the line scan did not find (a dotted key such as
			// a.b = 1 names its table "a" nowhere): the first line.
			p = &tomlPos{}
		}
		key := at(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: top}, p.key)
		val := tomlNode(m[top])
		placeTOML(val, func(n *yaml.Node) { at(n, p.value) })
		if val.Kind == yaml.SequenceNode && len(p.items) == len(val.Content) {
			for i, item := range val.Content {
				placeTOML(item, func(n *yaml.Node) { at(n, p.items[i]) })
			}
		}
		root.Content = append(root.Content, key, val)
	}
	return root
}

// tomlPos is where a top-level key is first written, where its value
// starts, and where each [[key]] table of an array of tables starts (as
// byte offsets in the data). TOML decoders give no positions.
type tomlPos struct {
	key, value int
	items      []int
}

// tomlKeyPositions finds, in one pass, the position of each top-level
// key: `key = value`, `"key" = value`, `[key]`, `[key.sub]` or
// `[[key]]`. The value of `key = value` is at the value; a table's is at
// its header.
func tomlKeyPositions(data []byte) map[string]*tomlPos {
	pos := map[string]*tomlPos{}
	off := 0
	for _, line := range bytes.Split(data, []byte("\n")) {
		start := off
		off += len(line) + 1
		rest := bytes.TrimLeft(line, " \t")
		col := len(line) - len(rest)
		table := len(rest) > 0 && rest[0] == '['
		array := table && len(rest) > 1 && rest[1] == '['
		if table {
			rest = bytes.TrimLeft(bytes.TrimPrefix(rest[1:], []byte("[")), " \t")
		}
		key, after := tomlscan.Key(rest)
		trimmed := bytes.TrimLeft(after, " \t")
		if key == "" || len(trimmed) == 0 {
			continue
		}
		c := trimmed[0]
		if !(table && (c == ']' || c == '.')) && !(!table && c == '=') {
			continue
		}
		p := pos[key]
		if p == nil {
			p = &tomlPos{key: start + col, value: start + col}
			if !table {
				v := trimmed[1:]
				p.value = start + len(line) - len(bytes.TrimLeft(v, " \t"))
			}
			pos[key] = p
		}
		if array && c == ']' {
			p.items = append(p.items, start+col)
		}
	}
	return pos
}

// placeTOML calls place on n and every node below it.
func placeTOML(n *yaml.Node, place func(*yaml.Node)) {
	place(n)
	for _, c := range n.Content {
		placeTOML(c, place)
	}
}

// tomlNode converts a decoded TOML value into a node tree; decodeTOML
// places it.
func tomlNode(v any) *yaml.Node {
	n := &yaml.Node{}
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
			n.Content = append(n.Content, tomlNode(e))
		}
	case []any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range t {
			n.Content = append(n.Content, tomlNode(e))
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
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k},
				tomlNode(t[k]))
		}
	default:
		return scalar("!!str", fmt.Sprint(t))
	}
	return n
}
