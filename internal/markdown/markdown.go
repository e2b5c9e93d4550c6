package markdown

import (
	"bytes"
	"html"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Engine parses and renders Markdown. It is safe for concurrent use.
type Engine struct {
	md   goldmark.Markdown
	bufs sync.Pool // *slotWriter, reused between renders
}

// New returns an Engine with GitHub's extensions (tables, strikethrough,
// autolinks, task lists), footnotes, typographic punctuation and automatic
// heading ids.
func New() *Engine {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(),
			parser.WithInlineParsers(util.Prioritized(citeParser{}, 100))),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(newSlotRenderer(), 100), util.Prioritized(citeRenderer{}, 100))),
	)
	return &Engine{md: md}
}

// Heading is one heading of a document.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is a link or image destination found in a document.
type Link struct {
	// Dest is the destination as written.
	Dest string
	// Offset is the byte offset of the destination in the document source,
	// or of the link's start when the destination could not be located.
	Offset int
	// Image is true for ![alt](dest).
	Image bool
	node  ast.Node
	// out is the destination Render emits: Dest until SetDest.
	out string
}

// SetDest sets the destination that Render will emit.
func (l *Link) SetDest(url string) { l.out = url }

// Unsafe is a link whose scheme is never emitted, with its offset.
type Unsafe struct {
	Dest   string
	Offset int
}

// Doc is a parsed document. Only SetDest on its Links mutates it; callers
// must not render a Doc while another goroutine sets its links.
//
// A Doc does not keep its syntax tree: Parse renders it at once, leaving
// a slot for each link destination, which Render fills in. That keeps a
// loaded site small and renders each body exactly once.
type Doc struct {
	Source   []byte
	Headings []Heading
	// Anchors holds every id a #fragment may name: headings and footnotes.
	Anchors map[string]bool
	Links   []*Link
	Unsafe  []Unsafe
	// Cites lists the citations ([@2]) in document order (see cite.go).
	Cites []Cite
	html  rendered
	text  string
}

// Parse parses src. Parsing never fails: any byte sequence is a document.
func (e *Engine) Parse(src []byte) *Doc {
	d, root := e.parse(src)
	d.html = e.render(src, root, d.Links)
	d.text = visibleText(root, src)
	for _, l := range d.Links {
		l.node = nil // let the tree go
	}
	return d
}

// parse returns the document and its tree, with unsafe links neutralised.
func (e *Engine) parse(src []byte) (*Doc, ast.Node) {
	ids := newIDs()
	ctx := parser.NewContext(parser.WithIDs(ids))
	root := e.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	d := &Doc{Source: src, Anchors: map[string]bool{}}
	d.collect(root)
	return d, root
}

// Render writes the document's HTML to w, with each link's destination
// as last set by SetDest.
func (e *Engine) Render(w io.Writer, d *Doc) error {
	h := d.html
	if h.err != nil {
		return h.err
	}
	prev := 0
	for _, s := range h.slots {
		if _, err := w.Write(h.html[prev:s.at]); err != nil {
			return err
		}
		if _, err := w.Write(appendDest(nil, s.link.out)); err != nil {
			return err
		}
		prev = s.at
	}
	_, err := w.Write(h.html[prev:])
	return err
}

// Text returns the document's visible text, for search indexes and
// descriptions: words separated by single spaces.
func (d *Doc) Text() string { return d.text }

// visibleText collects the text of the tree under root; Parse stores it
// because the tree does not outlive Parse.
func visibleText(root ast.Node, src []byte) string {
	var b strings.Builder
	b.Grow(len(src))
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// Typographer strings are entities ("&rsquo;"): text wants the character.
			b.WriteString(html.UnescapeString(string(t.Value)))
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock:
			if n.Type() == ast.TypeBlock {
				lines := n.Lines()
				for i := 0; i < lines.Len(); i++ {
					s := lines.At(i)
					b.Write(s.Value(src))
				}
			}
		}
		if n.Type() == ast.TypeBlock && n.PreviousSibling() != nil {
			b.WriteByte(' ') // between blocks, so "## Why" and "Claims." stay two words
		}
		return ast.WalkContinue, nil
	})
	return collapseSpace(b.String())
}

// collapseSpace returns strings.Join(strings.Fields(s), " ") with one
// allocation instead of a slice of fields and a join, copying each word
// whole.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	word := -1 // start of the current word, or -1 between words
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		switch space := unicode.IsSpace(r); {
		case space && word >= 0:
			b.WriteString(s[word:i])
			word = -1
		case !space && word < 0:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			word = i
		}
		i += w
	}
	if word >= 0 {
		b.WriteString(s[word:])
	}
	return b.String()
}

func (d *Doc) collect(root ast.Node) {
	var unsafe []ast.Node
	cited := map[int]int{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Heading:
			id := headingID(t)
			d.Headings = append(d.Headings, Heading{Level: t.Level, ID: id, Text: plainText(t, d.Source)})
			d.Anchors[id] = true
		case *ast.Link:
			d.addLink(n, string(t.Destination), false, &unsafe)
		case *ast.Image:
			d.addLink(n, string(t.Destination), true, &unsafe)
		case *ast.AutoLink:
			if isUnsafeURL(string(t.URL(d.Source))) {
				d.Unsafe = append(d.Unsafe, Unsafe{Dest: string(t.URL(d.Source)), Offset: startOffset(n)})
				unsafe = append(unsafe, n)
			}
		case *east.FootnoteLink:
			ref := "fnref"
			if t.RefIndex > 0 {
				ref += strconv.Itoa(t.RefIndex)
			}
			d.Anchors[ref+":"+strconv.Itoa(t.Index)] = true
		case *east.Footnote:
			d.Anchors["fn:"+strconv.Itoa(t.Index)] = true
		case *citeNode:
			d.collectCite(t, cited)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		neutralise(n, d.Source)
	}
}

func (d *Doc) addLink(n ast.Node, dest string, image bool, unsafe *[]ast.Node) {
	off := destOffset(n, dest, d.Source)
	if isUnsafeURL(dest) {
		d.Unsafe = append(d.Unsafe, Unsafe{Dest: dest, Offset: off})
		*unsafe = append(*unsafe, n)
		return
	}
	d.Links = append(d.Links, &Link{Dest: dest, Offset: off, Image: image, node: n, out: dest})
}

// neutralise replaces a link by its content (or its text, for an autolink),
// so no live link with a dangerous scheme reaches the output.
func neutralise(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if a, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, ast.NewString(a.Label(src)))
		return
	}
	if _, ok := n.(*ast.Image); ok {
		parent.ReplaceChild(parent, n, ast.NewString([]byte(plainText(n, src))))
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

func isUnsafeURL(u string) bool {
	s := strings.ToLower(strings.TrimLeftFunc(u, unicode.IsSpace))
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	for _, p := range []string{"javascript:", "vbscript:", "file:", "data:"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func headingID(h *ast.Heading) string {
	if v, ok := h.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			return string(b)
		}
	}
	return ""
}

// plainText returns the text inside n.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// startOffset finds the byte offset at which an inline node begins, from
// its first text descendant or, failing that, its enclosing block.
func startOffset(n ast.Node) int {
	var found = -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			found = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found >= 0 {
		switch n.(type) {
		case *ast.Link, *ast.AutoLink:
			return max(found-1, 0)
		case *ast.Image:
			return max(found-2, 0)
		}
		return found
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// destOffset locates the destination of a link in the source, searching
// forward from the link's start; it falls back to the start.
func destOffset(n ast.Node, dest string, src []byte) int {
	start := startOffset(n)
	if dest == "" || start >= len(src) {
		return start
	}
	end := min(len(src), start+4096+len(dest))
	if i := bytes.Index(src[start:end], []byte("]("+dest)); i >= 0 {
		return start + i + 2
	}
	if i := bytes.Index(src[start:end], []byte(dest)); i >= 0 {
		return start + i
	}
	return start
}
