package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A citation is Pandoc's bracketed form with a source's number as its key:
// [@2], or [@1; @3] for several. In plain Markdown it reads as the
// bracketed text it is. The page shows each as a superscript number that
// links to #source-N, the N-th entry of the page's sources list, with the
// id cite-N-K for the K-th citation of source N, which the list links back
// to. Whether source N exists is for the caller to check (Doc.Cites): a
// Doc knows nothing of frontmatter.

// Cite is one key of a citation, as found in the source.
type Cite struct {
	// Key is the key as written, without the @; Num is it as a number,
	// or 0 when the key is not a number.
	Key string
	Num int
	// Offset is the byte offset of the @ in the document source.
	Offset int
	// Ordinal counts the citations of the same source up to this one, from 1.
	Ordinal int
}

// ID is the citation's anchor id.
func (c Cite) ID() string { return "cite-" + strconv.Itoa(c.Num) + "-" + strconv.Itoa(c.Ordinal) }

// CiteIDs returns the anchor ids of the citations of source num, in order.
func (d *Doc) CiteIDs(num int) []string {
	var out []string
	for _, c := range d.Cites {
		if c.Num == num {
			out = append(out, c.ID())
		}
	}
	return out
}

// kindCite is the AST kind of a citation.
var kindCite = ast.NewNodeKind("Cite")

// citeNode is a citation in the tree; it holds indexes into Doc.Cites.
type citeNode struct {
	ast.BaseInline
	cites []Cite
}

func (n *citeNode) Kind() ast.NodeKind { return kindCite }

func (n *citeNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// citeParser parses [@key] and [@key; @key] before links and footnotes
// see the bracket.
type citeParser struct{}

func (citeParser) Trigger() []byte { return []byte{'['} }

func (citeParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 4 || line[1] != '@' {
		return nil
	}
	n := &citeNode{}
	i := 1
	for {
		if i >= len(line) || line[i] != '@' {
			return nil
		}
		start := i + 1
		j := start
		for j < len(line) && isKeyByte(line[j]) {
			j++
		}
		if j == start {
			return nil
		}
		key := string(line[start:j])
		num, err := strconv.Atoi(key)
		if err != nil || num < 0 || key[0] == '0' && len(key) > 1 {
			num = 0
		}
		n.cites = append(n.cites, Cite{Key: key, Num: num, Offset: seg.Start + i})
		for j < len(line) && line[j] == ' ' {
			j++
		}
		if j < len(line) && line[j] == ']' {
			i = j + 1
			break
		}
		if j >= len(line) || (line[j] != ';' && line[j] != ',') {
			return nil
		}
		j++
		for j < len(line) && line[j] == ' ' {
			j++
		}
		i = j
	}
	if i < len(line) && line[i] == '(' {
		return nil // [@x](url) is a link whose text starts with @
	}
	block.Advance(i)
	return n
}

func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// citeRenderer renders citations as linked superscripts.
type citeRenderer struct{}

func (citeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCite, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		c := n.(*citeNode)
		_, _ = w.WriteString(`<sup class="cite">`)
		for i, x := range c.cites {
			if i > 0 {
				_, _ = w.WriteString(", ")
			}
			if x.Num == 0 {
				_, _ = w.WriteString("[@" + x.Key + "]") // reported by the caller; key bytes need no escaping
				continue
			}
			num := strconv.Itoa(x.Num)
			_, _ = w.WriteString(`<a href="#source-` + num + `" id="` + x.ID() + `"><span class="vh">source </span>` + num + `</a>`)
		}
		_, _ = w.WriteString(`</sup>`)
		return ast.WalkSkipChildren, nil
	})
}

// collectCite numbers the citations of n and records them in d.
func (d *Doc) collectCite(n *citeNode, seen map[int]int) {
	for i := range n.cites {
		c := &n.cites[i]
		if c.Num > 0 {
			seen[c.Num]++
			c.Ordinal = seen[c.Num]
			d.Anchors[c.ID()] = true
		}
		d.Cites = append(d.Cites, *c)
	}
}
