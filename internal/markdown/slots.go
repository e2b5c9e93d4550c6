package markdown

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// rendered is a document's HTML with a gap at each link destination.
type rendered struct {
	html  []byte
	slots []slot
	err   error
}

// slot is where a link's destination goes in the HTML.
type slot struct {
	at   int
	link *Link
}

// AppendHTML appends the document's HTML to dst and returns the result,
// with each link's destination as last set by SetDest, escaped exactly as
// goldmark escapes destinations.
func (d *Doc) AppendHTML(dst []byte) []byte {
	h := d.html
	prev := 0
	for _, s := range h.slots {
		dst = append(dst, h.html[prev:s.at]...)
		dst = appendDest(dst, s.link.out)
		prev = s.at
	}
	return append(dst, h.html[prev:]...)
}

// HTMLLen is a close upper bound of the length of the HTML, for sizing
// buffers.
func (d *Doc) HTMLLen() int {
	n := len(d.html.html)
	for _, s := range d.html.slots {
		n += 3 * len(s.link.out)
	}
	return n
}

// Href is the destination as the HTML holds it once its attribute is
// unescaped (URL-escaped, as goldmark writes it), or "" when it is never
// written: what a check of the output finds where this link is.
func (l *Link) Href() string {
	u := util.URLEscape([]byte(l.out), true)
	if html.IsDangerousURL(u) {
		return ""
	}
	return string(u)
}

func appendDest(dst []byte, dest string) []byte {
	u := util.URLEscape([]byte(dest), true)
	if html.IsDangerousURL(u) {
		return dst
	}
	return append(dst, util.EscapeHTML(u)...)
}

// render renders the tree once, leaving a slot for each destination of
// links. The pooled buffer is copied out at its exact size.
func (e *Engine) render(src []byte, root ast.Node, links []*Link) rendered {
	w, _ := e.bufs.Get().(*slotWriter)
	if w == nil {
		w = &slotWriter{}
	}
	w.buf, w.slots = w.buf[:0], nil
	if len(links) > 0 {
		w.links = make(map[ast.Node]*Link, len(links))
		for _, l := range links {
			w.links[l.node] = l
		}
	}
	err := e.md.Renderer().Render(w, src, root)
	r := rendered{html: bytes.Clone(w.buf), slots: w.slots, err: err}
	w.links, w.slots = nil, nil
	if cap(w.buf) <= 1<<20 {
		e.bufs.Put(w)
	}
	return r
}

// slotWriter is the util.BufWriter the renderer writes into. It knows the
// links whose destinations become slots.
type slotWriter struct {
	buf   []byte
	slots []slot
	links map[ast.Node]*Link
}

func (w *slotWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	return len(p), nil
}

func (w *slotWriter) WriteString(s string) (int, error) {
	w.buf = append(w.buf, s...)
	return len(s), nil
}

func (w *slotWriter) WriteByte(c byte) error {
	w.buf = append(w.buf, c)
	return nil
}

func (w *slotWriter) WriteRune(r rune) (int, error) {
	n := len(w.buf)
	w.buf = utf8.AppendRune(w.buf, r)
	return len(w.buf) - n, nil
}

func (w *slotWriter) Available() int { return cap(w.buf) - len(w.buf) }
func (w *slotWriter) Buffered() int  { return 0 }
func (w *slotWriter) Flush() error   { return nil }

// slotRenderer renders links and images with goldmark's own functions,
// given an empty destination, and records where the destination belongs.
type slotRenderer struct {
	link, image renderer.NodeRendererFunc
}

func newSlotRenderer() *slotRenderer {
	c := captured{}
	html.NewRenderer().RegisterFuncs(c)
	return &slotRenderer{link: c[ast.KindLink], image: c[ast.KindImage]}
}

// captured collects the functions a NodeRenderer registers.
type captured map[ast.NodeKind]renderer.NodeRendererFunc

func (c captured) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { c[k] = f }

func (r *slotRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		return r.slotted(r.link, `<a href="`, &n.(*ast.Link).Destination, w, src, n, entering)
	})
	reg.Register(ast.KindImage, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		return r.slotted(r.image, `<img src="`, &n.(*ast.Image).Destination, w, src, n, entering)
	})
}

// slotted renders n with f. For a link the document tracks, it renders
// with an empty destination and records the slot after prefix; should f
// ever write something else, it renders again with the destination.
func (r *slotRenderer) slotted(f renderer.NodeRendererFunc, prefix string, dest *[]byte,
	w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	sw, ok := w.(*slotWriter)
	if !ok || !entering || sw.links[n] == nil {
		return f(w, src, n, entering)
	}
	start := len(sw.buf)
	saved := *dest
	*dest = nil
	st, err := f(w, src, n, entering)
	*dest = saved
	if err != nil || !bytes.HasPrefix(sw.buf[start:], []byte(prefix+`"`)) {
		sw.buf = sw.buf[:start]
		return f(w, src, n, entering)
	}
	sw.slots = append(sw.slots, slot{at: start + len(prefix), link: sw.links[n]})
	return st, err
}

// Clone returns a copy of the document whose links' destinations can be
// set apart from d's: a language edition shows an untranslated page's
// body with its links pointed into the edition (content/lang.go), while
// the original keeps its own. Everything else is shared, never mutated.
func (d *Doc) Clone() *Doc {
	c := *d
	c.Links = make([]*Link, len(d.Links))
	copies := make(map[*Link]*Link, len(d.Links))
	for i, l := range d.Links {
		nl := *l
		c.Links[i] = &nl
		copies[l] = &nl
	}
	c.html.slots = make([]slot, len(d.html.slots))
	for i, s := range d.html.slots {
		c.html.slots[i] = slot{at: s.at, link: copies[s.link]}
	}
	return &c
}
